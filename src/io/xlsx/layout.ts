/**
 * The layout of the project's own workbook, shared by the xlsx exporter (src/io/export/xlsx.ts) and
 * the importer that reads it back (src/io/xlsx/import.ts), so the two cannot drift apart.
 */
export const PROGRESS_SHEET = "進行管理集計表";
export const KPI_SHEET = "数値目標一覧";
/** What each column of KPI_SHEET holds. */
export const CELL_NOTES_SHEET = "列の説明";

/** Rows above the table, in order (1-based). */
export const TITLE_ROW = 1;
export const NOTE_ROW = 2;
export const SECTION_ROW = 3;
export const LEGEND_ROW = 4;
export const HEADER_ROW = 5;
/** The second header row (項目, 当初 (H27末) …). */
export const SUBHEADER_ROW = 6;
export const FIRST_DATA_ROW = 7;

/** The line above the legend, as the seed prints it. */
export const SECTION_LINE = "【項目進捗】 アクションプラン計画期間中の取組項目進捗状況";

/** Label of the grade-summary block under the table (本部会評価 8 10 5 1). */
export const SUMMARY_LABEL = "本部会評価";
/**
 * 1-based columns of the A, B, C, D counts under the table (H…K): under 当初, 目標, 現状値 and 進捗状況,
 * columns of about one width, so the four counts read as one even block; the label sits before them
 * (G, under 項目).
 */
export const SUMMARY_FIRST_COLUMN = 8;

/** 「令和2年3月31日現在」 */
export const AS_OF_SUFFIX = "現在";

/** Excel refuses longer cell texts (and LibreOffice cuts them). */
export const XLSX_CELL_LIMIT = 32_767;

/** "A1", "M12" from 1-based column and row. */
export function cellAddress(column: number, row: number): string {
  return `${columnLetter(column)}${row}`;
}

/** 1 → "A", 27 → "AA". */
export function columnLetter(column: number): string {
  let n = column;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" → 1, "AA" → 27; undefined for anything but letters. */
export function columnNumber(letters: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return undefined;
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}
