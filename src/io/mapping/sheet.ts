import type { Diagnostic } from "../../domain/diagnostic.ts";
import { columnLetter } from "../xlsx/layout.ts";

/**
 * A sheet as the row readers see it: text cells by row, whatever the file was (an xlsx worksheet or
 * a CSV). Merged cells are given once, in their top-left cell; the other cells of the merge are "".
 */
export interface SheetRow {
  /** 1-based row number as a spreadsheet shows it (for a CSV: the record number, header = 1). */
  number: number;
  /** 1-based physical line a CSV record starts on; absent for workbooks. */
  line?: number;
  /** Trimmed cell texts, 0-based by column. */
  cells: string[];
}

export interface SheetSource {
  /** Workbook sheet name; absent for a CSV. */
  sheet?: string;
  rows: SheetRow[];
}

export function cellAt(row: SheetRow, column: number | undefined): string {
  return column === undefined ? "" : (row.cells[column] ?? "");
}

/** Where a cell is, for a diagnostic: sheet + "F12" (and the CSV line). */
export function cellLocation(
  source: SheetSource,
  row: SheetRow,
  column: number | undefined,
): Pick<Diagnostic, "sheet" | "cell" | "line"> {
  const location: Pick<Diagnostic, "sheet" | "cell" | "line"> = {};
  if (source.sheet !== undefined) location.sheet = source.sheet;
  // A finding about the whole row points at its first cell.
  location.cell = `${columnLetter((column ?? 0) + 1)}${row.number}`;
  if (row.line !== undefined) location.line = row.line;
  return location;
}

/** "進行管理集計表!F12" / "F12" — for messages that point at another cell. */
export function cellName(source: SheetSource, row: SheetRow, column: number): string {
  const address = `${columnLetter(column + 1)}${row.number}`;
  return source.sheet === undefined ? address : `${source.sheet}!${address}`;
}
