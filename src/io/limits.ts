import type { Diagnostic } from "../domain/diagnostic.ts";

/**
 * How much any input may be, for every importer: a file that is larger is refused with one finding
 * naming the limit, before it can take the process's memory or time. The defaults are far above any
 * real city's table (the seed, 坂戸市's 24 initiatives, is a 44 KB text), and keep one import of a
 * file at the limits well under 1 GB of memory. An operator raises a limit with `--limit NAME=VALUE`;
 * an upload form passes the same object.
 */
export interface ImportLimits {
  /** Bytes of the file. */
  fileBytes: number;
  /** Characters in one line of a text or CSV file. */
  lineLength: number;
  /** Cells in one row (text, CSV) and columns of a sheet. */
  cellsPerRow: number;
  /** Lines of a text, records of a CSV, rows of a sheet. */
  rows: number;
  /** Initiatives (取組項目) in one document. */
  initiatives: number;
  /** KPI lines (数値目標) in one document. */
  kpis: number;
  /** Characters in one text field (a title, a description, a KPI value…). */
  textLength: number;
  /** Files inside an xlsx (a zip). */
  xlsxEntries: number;
  /** Bytes of an xlsx's files once inflated, all together, read from its directory before inflating. */
  xlsxBytes: number;
  /** Cells of the whole input: a text's or CSV's cells, every sheet's cells of an xlsx. */
  cells: number;
  /** Nesting of a plan document's JSON (objects and arrays). */
  jsonDepth: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  fileBytes: 32 * MiB,
  lineLength: 1_000_000,
  cellsPerRow: 1_000,
  rows: 200_000,
  initiatives: 10_000,
  kpis: 100_000,
  textLength: 100_000,
  xlsxEntries: 1_000,
  xlsxBytes: 32 * MiB,
  // exceljs holds about 500 bytes per cell: half a million keep a workbook under 500 MB.
  cells: 500_000,
  jsonDepth: 64,
});

type Unit = "bytes" | "count" | "characters";

/** Each limit's option name (`--limit file-size=64MB`) and words. */
export const LIMITS: Record<keyof ImportLimits, { option: string; ja: string; en: string; unit: Unit }> = {
  fileBytes: { option: "file-size", ja: "ファイルの大きさ", en: "file size", unit: "bytes" },
  lineLength: { option: "line-length", ja: "1行の長さ", en: "line length", unit: "characters" },
  cellsPerRow: { option: "cells-per-row", ja: "1行のセルの数", en: "cells in a row", unit: "count" },
  rows: { option: "rows", ja: "行の数", en: "number of rows", unit: "count" },
  initiatives: { option: "initiatives", ja: "取組項目の数", en: "number of initiatives", unit: "count" },
  kpis: { option: "kpis", ja: "数値目標の数", en: "number of KPIs", unit: "count" },
  textLength: {
    option: "text-length",
    ja: "1項目の文字数",
    en: "length of one text field",
    unit: "characters",
  },
  xlsxEntries: {
    option: "xlsx-entries",
    ja: "xlsx の中のファイルの数",
    en: "files inside the xlsx",
    unit: "count",
  },
  xlsxBytes: {
    option: "xlsx-size",
    ja: "xlsx を展開した大きさ",
    en: "uncompressed size of the xlsx",
    unit: "bytes",
  },
  cells: { option: "cells", ja: "セルの数（全体）", en: "number of cells", unit: "count" },
  jsonDepth: { option: "json-depth", ja: "JSON の入れ子の深さ", en: "JSON nesting depth", unit: "count" },
};

function formatAmount(value: number, unit: Unit): { ja: string; en: string } {
  if (unit === "bytes") {
    const text =
      value >= MiB
        ? `${(value / MiB).toFixed(value % MiB === 0 ? 0 : 1)} MB`
        : value >= 1024
          ? `${(value / 1024).toFixed(value % 1024 === 0 ? 0 : 1)} KB`
          : `${value} B`;
    return { ja: text, en: text };
  }
  const n = value.toLocaleString("en-US");
  return unit === "characters" ? { ja: `${n}文字`, en: `${n} characters` } : { ja: `${n}`, en: n };
}

/**
 * The finding for an input over a limit: one line naming the limit, the amount found (or "more
 * than" when counting stopped at the limit) and how to raise it.
 */
export function limitExceeded(
  key: keyof ImportLimits,
  limit: number,
  found: number | undefined,
  location: Pick<Diagnostic, "line" | "sheet" | "cell" | "field"> = {},
): Diagnostic {
  const { option, ja, en, unit } = LIMITS[key];
  const max = formatAmount(limit, unit);
  const amount = found === undefined ? undefined : formatAmount(found, unit);
  return {
    severity: "error",
    code: `limit.${option}`,
    message: `${ja}${amount ? `（${amount.ja}）` : ""}が上限（${max.ja}）を超えています。上限を上げるには --limit ${option}=… を指定してください`,
    messageEn: `The ${en}${amount ? ` (${amount.en})` : ""} exceeds the limit (${max.en}); raise it with --limit ${option}=…`,
    ...location,
  };
}

/** Whether a finding is a refusal by a limit. */
export function isLimitFinding(d: Diagnostic): boolean {
  return d.code.startsWith("limit.");
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|k|kib|mb|m|mib|gb|g|gib)?$/i;
const FACTORS: Record<string, number> = { b: 1, k: 1024, kb: 1024, kib: 1024, m: MiB, mb: MiB, mib: MiB };
FACTORS.g = FACTORS.gb = FACTORS.gib = 1024 * MiB;

/**
 * Reads `--limit NAME=VALUE` options ("file-size=64MB", "initiatives=50000") onto the defaults.
 * Returns the problem with the first one that cannot be read.
 */
export function parseLimitOptions(options: readonly string[]): { limits: ImportLimits } | { error: string } {
  const limits: ImportLimits = { ...DEFAULT_LIMITS };
  for (const option of options) {
    const [name = "", text = ""] = option.split("=", 2);
    const key = (Object.keys(LIMITS) as (keyof ImportLimits)[]).find((k) => LIMITS[k].option === name.trim());
    if (!key) {
      const names = Object.values(LIMITS)
        .map((l) => l.option)
        .join(", ");
      return { error: `--limit の名前「${name}」が分かりません（使えるもの：${names}） / unknown limit` };
    }
    const match = SIZE.exec(text.trim());
    const unit = match?.[2]?.toLowerCase();
    if (!match || (unit !== undefined && LIMITS[key].unit !== "bytes")) {
      return {
        error: `--limit ${name}=${text}：${LIMITS[key].unit === "bytes" ? "大きさ（例：64MB）" : "正の整数"}で指定してください / invalid value`,
      };
    }
    const value = Math.floor(Number(match[1]) * (FACTORS[unit ?? "b"] ?? 1));
    if (!Number.isSafeInteger(value) || value < 1)
      return { error: `--limit ${name}=${text}：1以上で指定してください / give 1 or more` };
    limits[key] = value;
  }
  return { limits };
}

/**
 * The limits as `--help` lists them, the amounts padded to one column by `width` (the terminal's
 * columns: 「文字」 takes two each).
 */
export function describeLimits(width: (text: string) => number = (text) => text.length): string[] {
  return (Object.keys(LIMITS) as (keyof ImportLimits)[]).map((key) => {
    const { option, ja, unit } = LIMITS[key];
    const amount = formatAmount(DEFAULT_LIMITS[key], unit).ja;
    return `    ${option.padEnd(14)} ${amount}${" ".repeat(Math.max(1, 15 - width(amount)))} ${ja}`;
  });
}

/**
 * The first line of `text` over the length limit or with too many cells, or the line or cell count
 * over its limit, counted without splitting the text (a 50 MB single line is never copied into
 * cells). Cells are counted by their separators (a separator inside a quoted cell counts too).
 */
export function checkLines(text: string, limits: ImportLimits, separator = "\t"): Diagnostic | undefined {
  const sep = separator.charCodeAt(0);
  let line = 1;
  let start = 0;
  let cells = 1;
  let total = 1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0x0a;
    if (code === sep) {
      cells++;
      if (cells > limits.cellsPerRow)
        return limitExceeded("cellsPerRow", limits.cellsPerRow, undefined, { line });
      if (++total > limits.cells) return limitExceeded("cells", limits.cells, undefined, { line });
      continue;
    }
    if (code !== 0x0a && code !== 0x0d) continue;
    if (i - start > limits.lineLength)
      return limitExceeded("lineLength", limits.lineLength, i - start, { line });
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    if (i >= text.length - 1) break;
    line++;
    if (line > limits.rows) return limitExceeded("rows", limits.rows, undefined, { line });
    if (++total > limits.cells) return limitExceeded("cells", limits.cells, undefined, { line });
    start = i + 1;
    cells = 1;
  }
  return undefined;
}

/**
 * Counts and text lengths of a document: initiatives, KPI lines and every text field. Stops at the
 * first field over the limit.
 */
export function checkDocumentSize(
  document: {
    policies: { title: string; code: string; initiatives: { kpis: unknown[] }[] }[];
  },
  limits: ImportLimits,
): Diagnostic | undefined {
  let initiatives = 0;
  let kpis = 0;
  for (const policy of document.policies) {
    initiatives += policy.initiatives.length;
    for (const initiative of policy.initiatives) kpis += initiative.kpis.length;
  }
  if (initiatives > limits.initiatives) return limitExceeded("initiatives", limits.initiatives, initiatives);
  if (kpis > limits.kpis) return limitExceeded("kpis", limits.kpis, kpis);
  return longestText(document, limits.textLength);
}

function longestText(value: unknown, max: number): Diagnostic | undefined {
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === "string") {
      if (current.length > max)
        return limitExceeded("textLength", max, current.length, path ? { field: path } : {});
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => {
        stack.push([item, `${path}[${i}]`]);
      });
    } else if (current !== null && typeof current === "object") {
      for (const [key, child] of Object.entries(current)) {
        // Findings quote what they found (shortened); they are not the document's text.
        if (path === "" && key === "diagnostics") continue;
        stack.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return undefined;
}
