import { formatFiscalYear } from "../../domain/era.ts";
import type { PlanDocument } from "../../domain/plan-document.ts";

export type ExportFormat = "xlsx" | "pdf" | "csv" | "json";

/** Characters no file system (Windows being the strictest) accepts in a name, and control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
const MAX_BASE_LENGTH = 120;

/** How a CSV's encoding is named in its file name: the two downloads must not overwrite each other. */
export const ENCODING_NAMES = { "utf-8": "UTF-8", shift_jis: "Shift_JIS" } as const;

/**
 * "行政改革後期アクションプラン_令和元年度.xlsx"; a CSV names its encoding
 * ("…_令和元年度_UTF-8.csv", "…_令和元年度_Shift_JIS.csv"), UTF-8 when none is given.
 */
export function exportFileName(
  doc: Pick<PlanDocument, "plan" | "round">,
  ext: string,
  options: { encoding?: "utf-8" | "shift_jis" } = {},
): string {
  const title = doc.plan.title.replace(UNSAFE, "_").replace(/\s+/g, " ").trim() || "plan";
  const extension = ext.replace(/^\./, "");
  const encoding = extension === "csv" ? `_${ENCODING_NAMES[options.encoding ?? "utf-8"]}` : "";
  const base = `${title}_${formatFiscalYear(doc.round.fiscalYear, "long")}${encoding}`;
  // Dots at the end and leading dots make hidden or truncated names on some systems.
  const safe = [...base]
    .slice(0, MAX_BASE_LENGTH)
    .join("")
    .replace(/^\.+|\.+$/g, "");
  return `${safe}.${extension}`;
}

/** RFC 5987 attr-char: everything else is percent-encoded (encodeURIComponent leaves ' ( ) * ! unencoded). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * An ASCII name for clients that ignore filename*: runs of other characters become one "_"; when no
 * letter or digit is left, "download" keeps the extension meaningful ("download.xlsx").
 */
export function asciiFileName(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const ext = dot > 0 ? fileName.slice(dot).replace(/[^A-Za-z0-9.]/g, "") : "";
  const base = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ascii = base
    .replace(/[^\x20-\x7e]+/g, "_")
    .replace(/["\\%;]/g, "_")
    .replace(/_+/g, "_")
    .replace(/^[_\s]+|[_\s]+$/g, "");
  return `${/[A-Za-z0-9]/.test(ascii) ? ascii : "download"}${ext}`;
}

/**
 * RFC 6266: `attachment; filename="<ascii fallback>"; filename*=UTF-8''<percent-encoded>`. The caller
 * may name a better ASCII fallback than the one derived from the file name (e.g. "plan-1-fy2019.xlsx").
 */
export function contentDisposition(fileName: string, asciiFallback?: string): string {
  const ascii = asciiFileName(asciiFallback ?? fileName);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** Content-Type of an export; a Shift_JIS CSV says so in its charset. */
export function contentType(
  format: ExportFormat,
  options: { encoding?: "utf-8" | "shift_jis" } = {},
): string {
  if (format === "csv" && options.encoding === "shift_jis") return "text/csv; charset=Shift_JIS";
  return CONTENT_TYPES[format];
}
