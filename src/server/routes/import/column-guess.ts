import type { MappingField } from "../../../io/mapping/fields.ts";
import { normalizeScaleKey } from "../../../io/mapping/read-rows.ts";
import type { SheetRow } from "../../../io/mapping/sheet.ts";
import { columnLetter } from "../../../io/xlsx/layout.ts";

/**
 * The builder's first guess at each field's column, from the words cities put in their headers
 * (番号, 取組名, 担当課, 指標, 基準値, 目標値, 実績値, 評価, 意見…). Only a suggestion for a file
 * with no saved mapping: the form shows it and the secretariat changes what is wrong. In order, the
 * first field whose words a header matches takes that column, and each field takes one column.
 */
const HEADER_WORDS: readonly [MappingField, RegExp][] = [
  ["number", /^(no\.?|ｎｏ\.?|番号|項番|通番)$/i],
  ["relisted", /再掲/],
  ["unit", /^単位$/],
  ["policy", /(基本方針|基本目標|柱|施策の方向|推進項目)/],
  ["departments", /(関係課|担当課|所管課|主管課|担当部署|担当部局|所管部署)/],
  ["kpiName", /(^項目$|指標|数値目標|kpi|成果目標の項目)/i],
  ["description", /(方針と内容|取組の概要|取組概要|事業概要|概要|取組の内容)/],
  ["activities", /(取組内容|取組状況|取組実績|実施状況|実施内容|の実績$|取組の成果)/],
  ["title", /(取組項目|取組名|取り組み名|取組事項|事業名|項目名)/],
  ["baseline", /(基準値|当初|策定時)/],
  ["current", /(実績値|現状値|達成値|^現状$)/],
  ["nextYearGoal", /((翌|次|来)年度.*目標|年度の目標$|年度目標)/],
  ["target", /目標/],
  ["grade", /(進捗状況|達成状況|進捗度|評価)/],
  ["committeeOpinion", /(意見|所見|コメント)/],
];

/**
 * Header texts per column: the last two header rows' cells joined, top to bottom (数値目標等 over
 * 項目). A row with one filled cell is the table's title, not a heading.
 */
function headerTexts(rows: readonly SheetRow[], headerRows: number): string[] {
  const header = rows
    .filter((row) => row.number <= headerRows && row.cells.filter((cell) => cell.trim() !== "").length > 1)
    .slice(-2);
  const width = Math.max(0, ...header.map((row) => row.cells.length));
  return Array.from({ length: width }, (_, column) =>
    normalizeScaleKey(header.map((row) => row.cells[column] ?? "").join("")),
  );
}

export function guessColumns(
  rows: readonly SheetRow[],
  headerRows: number,
): Partial<Record<MappingField, string>> {
  const guessed: Partial<Record<MappingField, string>> = {};
  headerTexts(rows, headerRows).forEach((text, column) => {
    if (text === "") return;
    const field = HEADER_WORDS.find(([f, words]) => guessed[f] === undefined && words.test(text))?.[0];
    if (field) guessed[field] = columnLetter(column + 1);
  });
  return guessed;
}
