import { type EraContext, fiscalYearInText } from "../../domain/era.ts";
import { toHalfWidth } from "../../domain/text-width.ts";
import { columnLetter } from "../xlsx/layout.ts";
import type { SheetRow } from "./sheet.ts";

/** A column whose header names a fiscal year: 基準値（H27） → 2015, H29実績 → 2017. */
export interface YearColumn {
  /** 0-based column index. */
  column: number;
  /** "H" */
  letter: string;
  /** The header text that names the year, as written. */
  header: string;
  fiscalYear: number;
}

/**
 * The fiscal year a column's header names: the lowest header row whose text names one, so that both
 * a group heading 実績値 above H29 / H30 / R1 and a year above 実績 read. A row with one filled cell
 * is a title (…取組状況一覧（令和元年度）), not a heading of its column. Undefined when no header row
 * names exactly one year.
 */
export function headerYearOf(
  headerRows: readonly SheetRow[],
  column: number,
  ctx?: EraContext,
): YearColumn | undefined {
  for (const row of [...headerRows].reverse()) {
    if (row.cells.filter((cell) => cell !== "").length < 2) continue;
    const header = row.cells[column] ?? "";
    if (header === "") continue;
    const fiscalYear = fiscalYearInText(header, ctx);
    if (fiscalYear !== undefined) return { column, letter: columnLetter(column + 1), header, fiscalYear };
  }
  return undefined;
}

/** Every column of the header rows that names a fiscal year, left to right (what the builder offers). */
export function yearColumns(rows: readonly SheetRow[], headerRows: number, ctx?: EraContext): YearColumn[] {
  const header = rows.filter((row) => row.number <= headerRows);
  const width = Math.max(0, ...header.map((row) => row.cells.length));
  const found: YearColumn[] = [];
  for (let column = 0; column < width; column++) {
    const year = headerYearOf(header, column, ctx);
    if (year) found.push(year);
  }
  return found;
}

/**
 * A unit cell that says there is none (after toHalfWidth): a dash of any width (-, ‐, –, —, ―, ー),
 * なし, 無, 単位なし.
 */
const NO_UNIT = /^(?:[-‐‑‒–—―ー−]+|なし|無し|無|単位なし|単位無し)$/;
/**
 * A number alone, as a value cell without its unit holds it: 42, 1,200, 約3.5, 80以上, ▲2.0 and △3
 * (negatives as Japanese tables write them), 1.2万.
 */
const BARE_NUMBER = /^(約\s*)?[+\-▲△]?\s*\d[\d,]*(?:\.\d+)?(?:万|億|千)?\s*(以上|以下)?$/;

/**
 * A value cell completed with the unit column's text: 42 + 件 → 42件, 80以上 + % → 80%以上, ▲2.0 + % →
 * ▲2.0%, 1.2万 + 人 → 1.2万人. A value that is not a bare number (42件, 実施, -, an empty cell) is kept
 * as written, and so is any value when the unit cell is empty or says there is none (―, －, なし). A
 * unit in brackets（件）is read without them; the unit is appended as written (full-width ％ stays).
 */
export function withUnit(value: string, unitCell: string): string {
  const unit = unitCell
    .trim()
    .replace(/^[(（](.*)[)）]$/, "$1")
    .trim();
  if (value === "" || unit === "" || NO_UNIT.test(toHalfWidth(unit))) return value;
  const m = BARE_NUMBER.exec(toHalfWidth(value).trim());
  if (!m) return value;
  const bound = m[2];
  return bound === undefined
    ? `${value}${unit}`
    : `${value.slice(0, value.length - bound.length)}${unit}${bound}`;
}
