import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { basename, extname } from "node:path";
import { type Diagnostic, hasErrors } from "../domain/diagnostic.ts";
import { checkPlanDocument } from "../domain/plan-document-check.ts";
import { importCsv } from "./csv/import.ts";
import type { ImportResult } from "./import-result.ts";
import { importPlanDocumentJson } from "./json/import.ts";
import { checkDocumentSize, DEFAULT_LIMITS, type ImportLimits, limitExceeded } from "./limits.ts";
import type { MappedRow } from "./mapping/read-rows.ts";
import type { ColumnMapping, MappingOrigin } from "./mapping/schema.ts";
import { importTableText } from "./table-text/index.ts";

export type ImportFormat = "table-text" | "xlsx" | "csv" | "json";

export interface ImportFileOptions {
  /** The file's name (its extension decides the importer); defaults to the path's base name. */
  fileName?: string;
  /** Column mapping for another city's xlsx or CSV (see src/io/mapping/schema.ts). */
  mapping?: ColumnMapping;
  /** Where the mapping was made (default: a mapping file): findings about it say what to change there. */
  mappingOrigin?: MappingOrigin;
  organizationName?: string;
  /** How large the input may be (default: DEFAULT_LIMITS); the same object for every format. */
  limits?: ImportLimits;
  /**
   * Accept a table that is not whole (cut off, without the footer its layout has, with rows after
   * it) with warnings instead of errors.
   */
  allowPartial?: boolean;
}

export interface ImportFileResult extends ImportResult {
  /** The importer that read the file; null when none could be chosen. */
  format: ImportFormat | null;
  /** Rows as read, for previews (spreadsheet importers only). */
  rows?: MappedRow[];
  /** Character encoding detected (table text only), e.g. "Shift_JIS". */
  encoding?: string | null;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** The first character that is not white space or a BOM. */
function firstCharacter(bytes: Uint8Array): string {
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, "");
  return head.trimStart().charAt(0);
}

/**
 * The importer for a file: by extension (.txt/.tsv → table text, .xlsx, .csv, .json), and by content
 * when the extension says nothing useful (a zip is an xlsx, "{" starts a JSON document, anything else
 * is read as table text).
 */
export function detectImportFormat(fileName: string, bytes: Uint8Array): ImportFormat {
  const ext = extname(fileName).toLowerCase();
  if (ext === ".xlsx" || ext === ".xlsm") return "xlsx";
  if (ext === ".csv") return "csv";
  if (ext === ".json") return "json";
  if (ext === ".txt" || ext === ".tsv") return "table-text";
  if (startsWith(bytes, ZIP)) return "xlsx";
  if (firstCharacter(bytes) === "{") return "json";
  return "table-text";
}

function unreadable(path: string, error: unknown, reason?: [string, string]): ImportFileResult {
  const [message, messageEn] = reason
    ? [`ファイル「${path}」を読み取れません。${reason[0]}`, `Cannot read "${path}": ${reason[1]}`]
    : whyUnreadable(path, error);
  const diagnostic: Diagnostic = { severity: "error", code: "input.unreadable", message, messageEn };
  return { document: null, diagnostics: [diagnostic], format: null };
}

/** Why a file cannot be read, in the reader's words and with what to do (never "ENOENT: …"): [ja, en]. */
export function whyUnreadable(path: string, error: unknown): [string, string] {
  const code = (error as { code?: string } | undefined)?.code;
  return code === "ENOENT"
    ? [
        `ファイル「${path}」が見つかりません。ファイル名と保存場所を確認してください。`,
        `The file "${path}" does not exist. Check its name and folder.`,
      ]
    : code === "EACCES" || code === "EPERM"
      ? [
          `ファイル「${path}」を読み取る権限がありません。ファイルの権限を確認してください。`,
          `No permission to read "${path}". Check the file's permissions.`,
        ]
      : code === "EISDIR"
        ? [
            `「${path}」はフォルダです。取り込むファイルを指定してください。`,
            `"${path}" is a folder. Name the file to import.`,
          ]
        : [
            `ファイル「${path}」を読み取れません。ファイルが壊れていないか確認してください。`,
            `Cannot read the file "${path}". Check that it is not damaged.`,
          ];
}

/**
 * One entry point for every import format, with the same result model (document + diagnostics) and
 * the same rule: the caller saves the document only when no diagnostic is an error. A document the
 * importer accepted is then held to what storing it requires (checkPlanDocument), so that a
 * conversion (`import --json`, an upload preview) never accepts what a database import would refuse.
 */
export async function importFile(
  input: string | Uint8Array,
  options: ImportFileOptions = {},
): Promise<ImportFileResult> {
  const result = await importAny(input, options);
  const { document } = result;
  const tooLarge = document ? checkDocumentSize(document, options.limits ?? DEFAULT_LIMITS) : undefined;
  if (tooLarge) return { ...result, document: null, diagnostics: [...result.diagnostics, tooLarge] };
  if (document && !hasErrors(result.diagnostics)) {
    const problems = checkPlanDocument(document);
    result.diagnostics.push(...problems);
    document.diagnostics.push(...problems.filter((p) => p.code !== "document.has-errors"));
  }
  return result;
}

/**
 * The file's bytes, or the finding that refuses it: not a regular file (a device such as /dev/zero
 * would never end), or larger than the limit (known from its size, before reading a byte; a file
 * that grows while read is cut at the limit and refused too).
 */
async function readBounded(path: string, limits: ImportLimits): Promise<Uint8Array | ImportFileResult> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // Non-blocking: opening a named pipe must not wait for a writer (it is refused below).
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = await handle.stat();
    if (!stat.isFile())
      return unreadable(path, undefined, [
        "通常のファイルではありません（装置やパイプは取り込めません）。",
        "not a regular file (a device or a pipe cannot be imported).",
      ]);
    const refuse = (size: number | undefined): ImportFileResult => ({
      document: null,
      diagnostics: [limitExceeded("fileBytes", limits.fileBytes, size)],
      format: null,
    });
    if (stat.size > limits.fileBytes) return refuse(stat.size);
    // One byte more than the size: a file that grows while it is read is not read as a whole.
    const buffer = new Uint8Array(stat.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > stat.size)
      return unreadable(path, undefined, [
        "読み取り中にファイルが変わりました。書き込みが終わってから、もう一度実行してください。",
        "the file changed while it was read; run again once it is written.",
      ]);
    return buffer.subarray(0, length);
  } catch (error) {
    return unreadable(path, error);
  } finally {
    await handle?.close().catch(() => {});
  }
}

async function importAny(
  input: string | Uint8Array,
  options: ImportFileOptions = {},
): Promise<ImportFileResult> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  let bytes: Uint8Array;
  if (typeof input === "string") {
    const read = await readBounded(input, limits);
    if (!(read instanceof Uint8Array)) return read;
    bytes = read;
  } else bytes = input;
  if (bytes.length > limits.fileBytes)
    return {
      document: null,
      diagnostics: [limitExceeded("fileBytes", limits.fileBytes, bytes.length)],
      format: null,
    };
  const fileName = options.fileName ?? (typeof input === "string" ? basename(input) : "");
  const format = detectImportFormat(fileName, bytes);
  const organization = options.organizationName ? { organizationName: options.organizationName } : {};
  const mapping = options.mapping
    ? { mapping: options.mapping, ...(options.mappingOrigin ? { mappingOrigin: options.mappingOrigin } : {}) }
    : {};
  const partial = options.allowPartial ? { allowPartial: true } : {};
  switch (format) {
    case "xlsx": {
      // exceljs is loaded only for workbooks: reading a text table does not pay for it.
      const { importXlsx } = await import("./xlsx/import.ts");
      return { ...(await importXlsx(bytes, { ...mapping, ...organization, ...partial, limits })), format };
    }
    case "csv":
      return { ...importCsv(bytes, { ...mapping, ...organization, limits }), format };
    case "json": {
      const result = importPlanDocumentJson(bytes, { limits });
      if (result.document && options.organizationName && !result.document.organization) {
        result.document.organization = { name: options.organizationName };
      }
      return { ...result, format };
    }
    default: {
      const { document, diagnostics, encoding, places } = importTableText(bytes, {
        ...organization,
        ...partial,
        limits,
      });
      return { document, diagnostics, format, encoding, ...(places ? { places } : {}) };
    }
  }
}
