import { createHash } from "node:crypto";
import { XLSX_CELL_LIMIT } from "../xlsx/layout.ts";

/** Where things are in the entry workbook (written by write.ts, read by read.ts). */

export const INPUT_SHEET = "入力票";
/** The hidden sheet that says what the workbook was made from. */
export const META_SHEET = "_shinchoku";

export const TITLE_ROW = 1;
/** 自治体・計画・年度・所管課 of the workbook, as the reader sees them. */
export const IDENTITY_ROW = 2;
export const GUIDE_ROW = 3;
export const HEADER_ROW = 4;
export const FIRST_FIELD_ROW = 5;

/** The input sheet's columns, left to right. */
export const COLUMNS = [
  { id: "number", header: "No.", width: 5 },
  { id: "title", header: "取組項目", width: 20 },
  { id: "field", header: "入力する項目", width: 22 },
  { id: "baseline", header: "当初", width: 11 },
  { id: "target", header: "目標", width: 11 },
  { id: "lastYear", header: "前年度の値（参考）", width: 28 },
  { id: "input", header: "今年度の入力（黄色のセル）", width: 46 },
  { id: "lastGoal", header: "前年度に定めた目標 (H)（参考）", width: 26 },
] as const;

export type ColumnId = (typeof COLUMNS)[number]["id"];

/** 1-based column number of a column. */
export function columnOf(id: ColumnId): number {
  return COLUMNS.findIndex((c) => c.id === id) + 1;
}

/** The cell of the identity line that refusals about the workbook's owner name. */
export const IDENTITY_CELL = `A${IDENTITY_ROW}`;

/** Rows of the hidden sheet: one key per row (A: key, B: value, C: a second value). */
export const META_KEYS = {
  format: 1,
  organization: 2,
  plan: 3,
  fiscalYear: 4,
  round: 5,
  department: 6,
  createdAt: 7,
  /** The codes of the plan's scale, one a cell from B (what the own view's list offered). */
  gradeScale: 8,
} as const;
/** The header of the field list, then one row per input cell. */
export const META_FIELDS_HEADER_ROW = 9;
export const META_FIELD_COLUMNS = [
  "セル",
  "No.",
  "項目",
  "数値目標ID",
  "報告の版",
  "現状値の版",
  "作成時の値",
] as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML cannot hold
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** A cell's text as it is kept and compared: LF line breaks, nothing XML cannot hold, trimmed. */
export function normalizeCellText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(XML_ILLEGAL, "").trim();
}

/** Text as written into a cell: normalized and at most Excel's 32,767 characters. */
export function cellTextOf(text: string): string {
  const clean = normalizeCellText(text);
  return clean.length <= XLSX_CELL_LIMIT ? clean : clean.slice(0, XLSX_CELL_LIMIT);
}

/** The fingerprint of a cell's text when the workbook was made, to tell an edited cell from one left as it was. */
export function fingerprint(text: string): string {
  return createHash("sha256").update(normalizeCellText(text), "utf8").digest("base64url").slice(0, 22);
}

/** Said beside the format in the hidden sheet, for whoever finds it. */
export const ENTRY_WORKBOOK_FORMAT_NOTE =
  "Shinchoku の入力票の情報です。アップロードのときに読みますので、変更しないでください。";
