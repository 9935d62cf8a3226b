import type { Diagnostic } from "../domain/diagnostic.ts";
import { decode, readRecords } from "./csv/import.ts";
import { checkLines, DEFAULT_LIMITS, type ImportLimits, limitExceeded } from "./limits.ts";
import { sheetDiagnostic } from "./mapping/messages.ts";
import type { SheetRow } from "./mapping/sheet.ts";

/**
 * The first rows of another city's xlsx (its first sheet, or the one named) or CSV as text cells, for
 * the column-mapping builder: the person sees the header row and picks a column for each field.
 * The same reading as the importers (CSV decoding, the xlsx zip checked before it is inflated, cells
 * as displayed), and the same limits.
 */
export interface SheetPreview {
  /** Sheet names of a workbook (the builder offers them); empty for a CSV. */
  sheets: string[];
  sheet?: string;
  rows: SheetRow[];
  /** Rows of the sheet in all. */
  totalRows: number;
  diagnostics: Diagnostic[];
}

export async function readSheetPreview(
  bytes: Uint8Array,
  format: "csv" | "xlsx",
  options: { limits?: ImportLimits; sheet?: string | number; rows?: number } = {},
): Promise<SheetPreview> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const shown = options.rows ?? 40;
  const fail = (d: Diagnostic): SheetPreview => ({ sheets: [], rows: [], totalRows: 0, diagnostics: [d] });
  if (bytes.length > limits.fileBytes)
    return fail(limitExceeded("fileBytes", limits.fileBytes, bytes.length));
  if (format === "csv") {
    const decoded = decode(bytes, "auto");
    if (!decoded) return fail(sheetDiagnostic("input.binary"));
    const tooLarge = checkLines(decoded.text, limits, ",");
    if (tooLarge) return fail(tooLarge);
    const read = readRecords(decoded.text, ",");
    if ("error" in read) return fail(read.error);
    const rows = read.source.rows;
    return {
      sheets: [],
      rows: rows.slice(0, shown),
      totalRows: rows.length,
      diagnostics: decoded.diagnostics,
    };
  }
  const { checkXlsxArchive } = await import("./xlsx/archive-check.ts");
  const archive = await checkXlsxArchive(bytes, limits);
  if (!archive.ok) {
    if ("limit" in archive) return fail(archive.limit);
    return fail(sheetDiagnostic("input.not-xlsx", { reason: archive.damaged.slice(0, 80) }));
  }
  const { default: ExcelJS } = await import("exceljs");
  const { readWorksheet } = await import("./xlsx/read-sheet.ts");
  await import("./xlsx/fast-merges.ts");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(sheetDiagnostic("input.not-xlsx", { reason: reason.slice(0, 80) }));
  }
  const sheets = workbook.worksheets.map((s) => s.name);
  const wanted = options.sheet;
  const sheet =
    wanted === undefined
      ? workbook.worksheets[0]
      : typeof wanted === "number"
        ? workbook.worksheets[wanted - 1]
        : workbook.getWorksheet(wanted);
  if (!sheet) return { sheets, rows: [], totalRows: 0, diagnostics: [] };
  if (sheet.rowCount > limits.rows) return fail(limitExceeded("rows", limits.rows, sheet.rowCount));
  if (sheet.columnCount > limits.cellsPerRow)
    return fail(limitExceeded("cellsPerRow", limits.cellsPerRow, sheet.columnCount));
  const { source, diagnostics } = readWorksheet(sheet);
  return {
    sheets,
    sheet: sheet.name,
    rows: source.rows.slice(0, shown),
    totalRows: source.rows.length,
    diagnostics,
  };
}
