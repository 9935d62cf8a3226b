import { stringify } from "csv-stringify/sync";
import iconv from "iconv-lite";
import type { PlanDocument } from "../../domain/plan-document.ts";
import { type KpiRowColumn, type KpiRowValue, kpiRowColumns, kpiRows } from "../kpi-rows.ts";

/**
 * The open-data CSV (docs/open-data.md): one row per initiative × KPI with the headers of the flat
 * row model (src/io/kpi-rows.ts), CRLF line ends, UTF-8 with a BOM (so Excel opens it as UTF-8) or
 * Shift_JIS (CP932, what older Excel on Windows expects).
 *
 * Formula injection (OWASP "CSV injection"): a TEXT cell beginning with = + - @ TAB or CR gets a
 * leading single quote ('=1+1), so a spreadsheet shows it as text instead of running it. Two
 * deliberate exceptions: a text cell that is exactly "-" (the tables' "no value") stays "-", since
 * a lone minus sign is no formula in any spreadsheet; and the numeric columns (当初 (H27末) 数値…,
 * 達成率（%）) hold plain numbers such as -5.7, never prefixed, because a number cannot be a formula. Our own CSV
 * importer strips the quote again (src/io/csv/).
 *
 * Shift_JIS: characters CP932 has no code for (emoji such as 🎉, most characters outside JIS X 0208
 * and the NEC/IBM extensions) are written as "?" — one "?" per character, emoji included. Look-alike
 * code points that CP932 spells differently (〜 U+301C, − U+2212, — U+2014, ‖ U+2016, ¢ £ ¬) are
 * written as their CP932 forms (～ － ― ∥ ￠ ￡ ￢) instead of "?".
 */
export type CsvEncoding = "utf-8" | "shift_jis";

export interface CsvExportOptions {
  encoding?: CsvEncoding;
  /** UTF-8 only: write the byte-order mark (default true). */
  bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** '=1+1 for text a spreadsheet would run; "-" alone and everything else unchanged. */
export function escapeFormulaText(text: string): string {
  if (text === "-" || !FORMULA_START.test(text)) return text;
  return `'${text}`;
}

/** Plain decimal notation (no exponent), shortest form JavaScript prints. */
export function formatCsvNumber(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
}

/**
 * Percentages (達成率（%）, 計画期間の経過率（%）) with one decimal always (140.0, -650.0, 60.0), as the
 * pages and the xlsx print them; other numbers in their shortest form.
 */
function csvCell(column: KpiRowColumn, value: KpiRowValue): string {
  if (value === null) return "";
  if (typeof value === "number") return column.type === "percent" ? value.toFixed(1) : formatCsvNumber(value);
  return escapeFormulaText(value);
}

/** The CSV text (no BOM), CRLF line ends. */
export function csvText(doc: PlanDocument): string {
  const columns = kpiRowColumns(doc);
  const records = kpiRows(doc).map((row) => columns.map((column) => csvCell(column, row[column.id])));
  // csv-stringify quotes a cell only for the whole record delimiter (CRLF); a lone LF or CR inside a
  // cell must be quoted too, or Excel ends the record there.
  const headers = columns.map((c) => c.header);
  return stringify([headers, ...records], { record_delimiter: "\r\n", quoted_match: /[\r\n]/ });
}

const CP932_LOOK_ALIKES: ReadonlyMap<string, string> = new Map([
  ["\u301c", "\uff5e"], // 〜 → ～
  ["\u2212", "\uff0d"], // − → －
  ["\u2014", "\u2015"], // — → ―
  ["\u2016", "\u2225"], // ‖ → ∥
  ["\u00a2", "\uffe0"], // ¢ → ￠
  ["\u00a3", "\uffe1"], // £ → ￡
  ["\u00ac", "\uffe2"], // ¬ → ￢
]);

const LOOK_ALIKE_PATTERN = /[\u301c\u2212\u2014\u2016\u00a2\u00a3\u00ac]/g;

/** Shift_JIS (CP932) bytes; unmappable characters become "?" (see the module comment). */
export function encodeShiftJis(text: string): Buffer {
  const mapped = text.replace(LOOK_ALIKE_PATTERN, (c) => CP932_LOOK_ALIKES.get(c) ?? c);
  return iconv.encode(mapped, "cp932");
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function exportCsv(doc: PlanDocument, options: CsvExportOptions = {}): Buffer {
  return encodeCsv(csvText(doc), options);
}

/**
 * CSV text as the bytes of a download: UTF-8 with a BOM (so Excel opens it as UTF-8), or Shift_JIS
 * (CP932, no BOM) for Excel on Japanese Windows that reads any CSV as CP932. Every CSV the product
 * offers (the open data, the audit log) is encoded here.
 */
export function encodeCsv(text: string, options: CsvExportOptions = {}): Buffer {
  if (options.encoding === "shift_jis") return encodeShiftJis(text);
  const body = Buffer.from(text, "utf8");
  return options.bom === false ? body : Buffer.concat([UTF8_BOM, body]);
}
