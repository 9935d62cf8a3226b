import { type Diagnostic, type MessageCatalog, makeDiagnostic } from "../../domain/diagnostic.ts";
import { withNumberSign } from "../../domain/initiative-number.ts";
import { ROOT_PATH } from "../json/zod-messages.ts";
import { excerpt, TABLE_TEXT_MESSAGES } from "../table-text/messages.ts";

export { excerpt };

/**
 * Findings of the spreadsheet importers (the project's own xlsx, and other cities' xlsx/CSV read
 * through a column mapping). Codes that mean the same as the table-text importer's use the same id,
 * so a page can treat them alike; the wording here names cells instead of lines.
 */
export type SheetImportCode =
  | "input.empty"
  | "input.binary"
  | "input.not-xlsx"
  | "input.replacement"
  | "input.csv-syntax"
  | "sheet.missing"
  | "sheet.layout-unknown"
  | "title.unreadable"
  | "header.unexpected"
  | "mapping.invalid"
  | "mapping.required"
  | "mapping.column-not-found"
  | "mapping.header-rows-needed"
  | "mapping.header-year-missing"
  | "mapping.header-year-duplicate"
  | "mapping.year-column-missing"
  | "report.header-year-mismatch"
  | "mapping.plan-missing"
  | "mapping.report-missing"
  | "report.value-invalid"
  | "initiative.none"
  | "initiative.number-invalid"
  | "initiative.duplicate-number"
  | "initiative.title-empty"
  | "policy.missing"
  | "grade.invalid"
  | "grade.missing"
  | "kpi.unreadable"
  | "kpi.label-empty"
  | "row.unplaced"
  | "row.conflicting-text"
  | "cell.error-value"
  | "footer.unreadable"
  | "footer.missing"
  | "footer.trailing";

type Params = Record<string, string | number>;

/**
 * Where a finding about the mapping sends the reader: into the mapping file (`--mapping`, the
 * default: its JSON keys) or, for a mapping made in the browser builder (`origin: "builder"`), back to
 * the builder's page and the field to change there. Its link on the preview page reads 列の対応表を変更する.
 */
const BUILDER_LINK = "「列の対応表を変更する」から、";
const fromBuilder = (p: Params): boolean => p.origin === "builder";

export const SHEET_IMPORT_MESSAGES: MessageCatalog<SheetImportCode> = {
  // Findings about the bytes read the same whatever the importer: worded once, by the table-text importer.
  "input.empty": TABLE_TEXT_MESSAGES["input.empty"],
  "input.binary": {
    severity: "error",
    ja: () =>
      "CSV（テキスト）として読み取れません（文字ではないデータを含んでいます）。取り込めるのは、集計表のテキスト（タブ区切り）、Excel（.xlsx）、CSV、計画データ（JSON形式）です",
    en: () =>
      "This file cannot be read as CSV text. Shinchoku imports the table as tab-separated text, Excel (.xlsx), CSV or a plan document (JSON)",
  },
  "input.not-xlsx": {
    severity: "error",
    ja: (p) => `Excel（xlsx）ファイルとして読み取れません：${p.reason}`,
    en: (p) => `This file cannot be read as an Excel (xlsx) workbook: ${p.reason}`,
  },
  "input.replacement": TABLE_TEXT_MESSAGES["input.replacement"],
  "input.csv-syntax": {
    severity: "error",
    ja: (p) => `CSV の書式が正しくありません（${p.line}行目付近）：${p.reason}`,
    en: (p) => `The CSV is malformed (near line ${p.line}): ${p.reason}`,
  },
  "sheet.missing": {
    severity: "error",
    ja: (p) => `シート「${p.sheet}」がありません（このファイルのシート：${p.sheets}）`,
    en: (p) => `There is no sheet "${p.sheet}" (sheets in this file: ${p.sheets})`,
  },
  "sheet.layout-unknown": {
    severity: "error",
    ja: () =>
      "進行管理集計表の見出し行（基本方針・No. …）が見つかりません。Shinchoku が書き出した形式ではない Excel は、列の対応表（--mapping）を指定して取り込んでください",
    en: () =>
      "No progress-table header row (基本方針, No. …) was found. To import a workbook in another layout, give a column mapping file (--mapping)",
  },
  "title.unreadable": {
    severity: "error",
    ja: (p) =>
      `表題「${p.text}」から${p.missing}を読み取れません。表題は「行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）」のように書いてください`,
    en: (p) => `The ${p.missingEn} cannot be read from the title "${p.text}"`,
  },
  "header.unexpected": {
    severity: "warning",
    ja: (p) => `見出し「${p.text}」は「${p.expected}」のはずです（列の並びが違うと正しく読み取れません）`,
    en: (p) => `The header "${p.text}" should be "${p.expected}" (columns in another order are misread)`,
  },
  "mapping.invalid": {
    severity: "error",
    ja: (p) =>
      p.path === ROOT_PATH ? `列の対応表：${p.reason}` : `列の対応表の項目「${p.path}」：${p.reason}`,
    en: (p) => `Mapping file, "${p.path}": ${p.reasonEn}`,
  },
  "mapping.required": {
    severity: "error",
    ja: () =>
      "この CSV の列の意味が分かりません。列の対応表（--mapping）を指定してください（Shinchoku が書き出した CSV の見出しなら指定は要りません）",
    en: () => "The columns of this CSV are unknown: give a column mapping file (--mapping)",
  },
  "mapping.column-not-found": {
    severity: "error",
    ja: (p) =>
      `列の対応表の「columns.${p.field}」：見出し「${p.header}」の列が見出し行（1～${p.headerRows}行目）にありません。見出しの文字を確認してください`,
    en: (p) =>
      `Mapping file, "columns.${p.field}": no column headed "${p.header}" in the header rows (1–${p.headerRows})`,
  },
  // Without `header`: 現状値 per year (eachYear), whose columns are told apart by their headers' years.
  "mapping.header-rows-needed": {
    severity: "error",
    ja: (p) =>
      p.header !== undefined
        ? `列の対応表の「columns.${p.field}」：見出し名「${p.header}」で列を指定するには「headerRows」を1以上にしてください（列記号「B」などでも指定できます）`
        : fromBuilder(p)
          ? `現状値の年度ごとの列は見出しの年度で見分けます。${BUILDER_LINK}「見出しの行」を1以上にしてください`
          : `列の対応表の「columns.${p.field}」：年度ごとの列は見出しの年度で見分けるため、「headerRows」を1以上にしてください`,
    en: (p) =>
      p.header !== undefined
        ? `Mapping file, "columns.${p.field}": naming a column by its header "${p.header}" needs headerRows of 1 or more`
        : fromBuilder(p)
          ? `Current-value columns per year are told apart by the years in their headers: choose “Change the column mapping” and set the header rows to 1 or more`
          : `Mapping file, "columns.${p.field}": columns per year are told apart by the years in their headers, which needs headerRows of 1 or more`,
  },
  "mapping.header-year-missing": {
    severity: "error",
    ja: (p) =>
      fromBuilder(p)
        ? `現状値の年度ごとの列に選んだ${p.letter}列の見出し「${p.header}」から年度を読み取れません。${BUILDER_LINK}「現状値の年度ごとの列」で見出しに年度のある列（H29実績、令和元年度実績 など）を選び直してください`
        : `列の対応表の「columns.${p.field}」：${p.letter}列の見出し「${p.header}」から年度を読み取れません。年度ごとの列には、見出しに年度のある列（H29実績、令和元年度実績 など）を指定してください`,
    en: (p) =>
      fromBuilder(p)
        ? `No fiscal year can be read from the header "${p.header}" of column ${p.letter}, chosen as a current-value column per year: choose “Change the column mapping” and tick columns with a year in their header (H29実績, 令和元年度実績…)`
        : `Mapping file, "columns.${p.field}": no fiscal year can be read from the header "${p.header}" of column ${p.letter}; columns per year need a year in their header (H29実績, 令和元年度実績…)`,
  },
  "mapping.header-year-duplicate": {
    severity: "error",
    ja: (p) =>
      fromBuilder(p)
        ? `現状値の年度ごとの列に、${p.fy}の列が2つあります（見出し「${p.first}」と「${p.second}」）。${BUILDER_LINK}どちらか一方だけを選んでください`
        : `列の対応表の「columns.${p.field}」：${p.fy}の列が2つあります（見出し「${p.first}」と「${p.second}」）。どちらか一方にしてください`,
    en: (p) =>
      fromBuilder(p)
        ? `Two current-value columns per year are for ${p.fyEn} (headers "${p.first}" and "${p.second}"): choose “Change the column mapping” and tick one of them`
        : `Mapping file, "columns.${p.field}": two columns are for ${p.fyEn} (headers "${p.first}" and "${p.second}"); keep one`,
  },
  "mapping.year-column-missing": {
    severity: "error",
    ja: (p) =>
      fromBuilder(p)
        ? `現状値の年度ごとの列に、この表の年度（${p.fy}）の列がありません（見出しから読んだ年度：${p.years}）。${BUILDER_LINK}「現状値の年度ごとの列」で${p.fy}の列を選ぶか、この表の年度を確かめてください`
        : `現状値の年度ごとの列に、この表の年度（${p.fy}）の列がありません（見出しから読んだ年度：${p.years}）。列の対応表の「columns.current.eachYear」にその年度の列を加えるか、この表の年度を確かめてください`,
    en: (p) =>
      fromBuilder(p)
        ? `The current-value columns per year have none for this table's fiscal year (${p.fyEn}; years read from the headers: ${p.yearsEn}). Choose “Change the column mapping” and tick its column, or check the table's fiscal year`
        : `The current-value columns per year have none for this table's fiscal year (${p.fyEn}; years read from the headers: ${p.yearsEn}). Add its column to columns.current.eachYear, or check the table's fiscal year`,
  },
  "report.header-year-mismatch": {
    severity: "warning",
    ja: (p) =>
      `現状値の列の見出し「${p.header}」は${p.headerFy}の値ですが、この表の年度は${p.fy}です。列の対応表の現状値の列か、この表の年度を確かめてください`,
    en: (p) =>
      `The current-value column's header "${p.header}" is for ${p.headerFyEn}, but this table is for ${p.fyEn}: check the column or the table's fiscal year`,
  },
  "mapping.plan-missing": {
    severity: "error",
    ja: () =>
      "計画名と計画期間が分かりません。列の対応表に「plan」（「title」「startFiscalYear」「endFiscalYear」）を書いてください",
    en: () =>
      "The plan title and period are unknown: add plan (title, startFiscalYear, endFiscalYear) to the mapping file",
  },
  "mapping.report-missing": {
    severity: "error",
    ja: () =>
      "報告の年度と基準日が分かりません。列の対応表に「round」（「fiscalYear」「asOf」）を書くか、年度・現在の列を指定してください",
    en: () =>
      "The reported fiscal year and as-of date are unknown: add round (fiscalYear, asOf) to the mapping file",
  },
  "report.value-invalid": {
    severity: "error",
    ja: (p) => `${p.field}「${p.text}」を読み取れません（例：${p.example}）`,
    en: (p) => `The ${p.fieldEn} "${p.text}" cannot be read (e.g. ${p.example})`,
  },
  "initiative.none": {
    severity: "error",
    ja: () =>
      "取組項目が1件もありません。No. の列に番号がある行が取組項目になります。列の対応表の「columns.number」が No. の列を指しているか確認してください",
    en: () => "There is no initiative (rows with a number in the No. column are initiatives)",
  },
  "initiative.number-invalid": {
    severity: "error",
    ja: (p) => `No.「${p.text}」を番号として読み取れないため、この取組項目を読み飛ばしました`,
    en: (p) => `The number "${p.text}" cannot be read; this initiative was skipped`,
  },
  "initiative.duplicate-number": {
    severity: "error",
    ja: (p) =>
      `取組項目 ${withNumberSign(p.number)} が重複しています（最初は${p.first}）。どちらかの番号を直してください`,
    en: (p) => `Initiative ${withNumberSign(p.number, " ")} appears twice (first at ${p.first})`,
  },
  "initiative.title-empty": TABLE_TEXT_MESSAGES["initiative.title-empty"],
  "policy.missing": TABLE_TEXT_MESSAGES["policy.missing"],
  "grade.invalid": {
    severity: "error",
    ja: (p) =>
      `取組項目 ${withNumberSign(p.number)} の進捗状況「${p.grade}」は評価の段階にありません。${p.scale}のいずれかに直してください`,
    en: (p) =>
      `The grade "${p.grade}" of initiative ${withNumberSign(p.number, " ")} is not on the scale (${p.scale})`,
  },
  "grade.missing": TABLE_TEXT_MESSAGES["grade.missing"],
  "kpi.unreadable": TABLE_TEXT_MESSAGES["kpi.unreadable"],
  "kpi.label-empty": TABLE_TEXT_MESSAGES["kpi.label-empty"],
  "row.unplaced": {
    severity: "warning",
    ja: (p) => `No. が空で、前に取組項目もない行を読み飛ばしました：「${p.text}」`,
    en: (p) => `Skipped a row without a number that follows no initiative: "${p.text}"`,
  },
  "row.conflicting-text": {
    severity: "warning",
    ja: (p) =>
      `続きの行の${p.field}「${p.text}」は取組項目 ${withNumberSign(p.number)} の値と異なるため読み飛ばしました`,
    en: (p) =>
      `The ${p.fieldEn} "${p.text}" on a continuation row differs from initiative ${withNumberSign(p.number, " ")}'s and was skipped`,
  },
  "cell.error-value": {
    severity: "warning",
    ja: (p) => `セルがエラー値（${p.value}）です（空として読みます）`,
    en: (p) => `The cell holds an error value (${p.value}) (read as empty)`,
  },
  "footer.unreadable": {
    severity: "warning",
    ja: (p) => `本部会評価の A・B・C・D の件数を読み取れません：「${p.text}」`,
    en: (p) => `The A, B, C, D counts of the grade summary cannot be read: "${p.text}"`,
  },
  "footer.missing": {
    severity: "error",
    ja: () =>
      "本部会評価（A・B・C・D の件数）の欄がありません。表が最後までそろっていない可能性があります。一部だけを取り込む場合は --allow-partial を指定してください",
    en: () =>
      "There is no committee grade summary: the table may be incomplete. Add --allow-partial to import it anyway",
  },
  "footer.trailing": {
    severity: "error",
    ja: (p) =>
      `本部会評価の欄の後に${p.count}行あります（最初は「${p.text}」）。表の後に何かが付け足されています。読み飛ばして取り込む場合は --allow-partial を指定してください`,
    en: (p) =>
      `${p.count} row(s) follow the grade summary (the first: "${p.text}"). Add --allow-partial to skip them`,
  },
};

export type SheetLocation = Pick<Diagnostic, "sheet" | "cell" | "line" | "field">;

export function sheetDiagnostic(
  code: SheetImportCode,
  params: Params = {},
  location: SheetLocation = {},
): Diagnostic {
  return makeDiagnostic(SHEET_IMPORT_MESSAGES, code, params, location);
}
