import { type Diagnostic, type MessageCatalog, makeDiagnostic } from "../../domain/diagnostic.ts";
import { withNumberSign } from "../../domain/initiative-number.ts";

/** Every finding of the progress-table text importer, worded in one place. */
export type TableTextCode =
  | "input.empty"
  | "input.binary"
  | "input.replacement"
  | "input.cut"
  | "title.missing"
  | "title.period-missing"
  | "title.as-of-missing"
  | "title.repeated"
  | "header.missing"
  | "header.inconsistent"
  | "report.fiscal-year-mismatch"
  | "plan.end-mismatch"
  | "initiative.none"
  | "initiative.duplicate-number"
  | "initiative.out-of-order"
  | "initiative.truncated"
  | "initiative.cells-missing"
  | "initiative.title-empty"
  | "policy.missing"
  | "grade.invalid"
  | "grade.missing"
  | "kpi.unreadable"
  | "kpi.unsplit"
  | "kpi.label-empty"
  | "kpi.relist-not-found"
  | "kpi.relist-differs"
  | "row.unplaced"
  | "row.extra-cells"
  | "line.unrecognized"
  | "footer.missing"
  | "footer.unreadable"
  | "footer.repeated"
  | "footer.trailing";

type Params = Record<string, string | number>;

export const TABLE_TEXT_MESSAGES: MessageCatalog<TableTextCode> = {
  "input.empty": {
    severity: "error",
    ja: () => "ファイルが空です",
    en: () => "The file is empty",
  },
  "input.binary": {
    severity: "error",
    ja: () =>
      "集計表のテキストとして読み取れません（文字ではないデータを含んでいます）。取り込めるのは、集計表のテキスト（タブ区切り）、Excel（.xlsx）、CSV、計画データ（JSON形式）です。PDF や Word の場合は、表をテキストに書き出してから取り込んでください",
    en: () =>
      "This is not text and cannot be read as a progress table. Shinchoku imports the table as tab-separated text, Excel (.xlsx), CSV or a plan document (JSON); save a PDF or Word table as text first",
  },
  "input.replacement": {
    severity: "warning",
    ja: (p) =>
      `文字コード（${p.encoding}）として読み取れない文字が${p.count}文字あり、「\uFFFD」に置き換えました。文字化けしていないか、取り込んだ内容を確認してください`,
    en: (p) => `${p.count} characters could not be decoded as ${p.encoding} and were replaced by "\uFFFD"`,
  },
  "input.cut": {
    severity: "error",
    ja: (p) =>
      `ファイルが文字の途中（${p.encoding}）で終わっています。ダウンロードなどが途中で切れた可能性があります。完全なファイルで取り込み直すか、一部だけを取り込む場合は --allow-partial を指定してください`,
    en: (p) =>
      `The file ends inside a character (${p.encoding}): it was probably cut off. Import the whole file, or add --allow-partial to import what is there`,
  },
  "title.missing": {
    severity: "error",
    ja: () => "表題行がありません（計画期間と基準日が分かりません）",
    en: () => "The title line is missing (the plan period and the as-of date are unknown)",
  },
  "title.period-missing": {
    severity: "error",
    ja: (p) => `表題行に計画期間（例：平成29年度～令和3年度）がありません：「${p.text}」`,
    en: (p) => `The title line has no plan period (e.g. 平成29年度～令和3年度): "${p.text}"`,
  },
  "title.as-of-missing": {
    severity: "error",
    ja: (p) => `表題行に基準日（例：令和2年3月31日現在）がありません：「${p.text}」`,
    en: (p) => `The title line has no as-of date (e.g. 令和2年3月31日現在): "${p.text}"`,
  },
  "title.repeated": {
    severity: "warning",
    ja: (p) => `表題行が${p.first}行目と異なります。${p.first}行目の表題を使います：「${p.text}」`,
    en: (p) => `This title line differs from the one on line ${p.first}, which is used: "${p.text}"`,
  },
  "header.missing": {
    severity: "error",
    ja: () => "見出し行（基本方針・No.・取組項目 (A) …）がないため、集計表として読み取れません",
    en: () => "There is no header row (基本方針, No., 取組項目 (A) …); this is not a progress table",
  },
  "header.inconsistent": {
    severity: "warning",
    ja: (p) => `見出し「${p.text}」が${p.first}行目の見出し「${p.firstText}」と異なります`,
    en: (p) => `Header "${p.text}" differs from "${p.firstText}" on line ${p.first}`,
  },
  "report.fiscal-year-mismatch": {
    severity: "warning",
    ja: (p) =>
      `基準日の年度（${p.fiscalYear}年度）と見出し「${p.header}」の年度（${p.headerYear}年度）が一致しません`,
    en: (p) =>
      `The fiscal year of the as-of date (FY${p.fiscalYear}) differs from the header "${p.header}" (FY${p.headerYear})`,
  },
  "plan.end-mismatch": {
    severity: "warning",
    ja: (p) =>
      `計画期間の最終年度（${p.endFiscalYear}年度）と見出し「${p.header}」の年度（${p.headerYear}年度）が一致しません`,
    en: (p) =>
      `The plan's last fiscal year (FY${p.endFiscalYear}) differs from the header "${p.header}" (FY${p.headerYear})`,
  },
  "initiative.none": {
    severity: "error",
    ja: () =>
      "取組項目が1件もないため、集計表として読み取れません。No. の列に番号がある行があるか確認してください",
    en: () => "There is no initiative; this is not a progress table",
  },
  "initiative.duplicate-number": {
    severity: "error",
    ja: (p) =>
      `取組項目 ${withNumberSign(p.number)} が重複しています（最初は${p.first}行目）。どちらかの番号を直してください`,
    en: (p) => `Initiative ${withNumberSign(p.number, " ")} appears twice (first on line ${p.first})`,
  },
  "initiative.out-of-order": {
    severity: "warning",
    ja: (p) =>
      `取組項目 ${withNumberSign(p.number)} が番号順に並んでいません（前の ${withNumberSign(p.previous)} より後にあります）`,
    en: (p) =>
      `Initiative ${withNumberSign(p.number, " ")} is out of order (it follows ${withNumberSign(p.previous, " ")})`,
  },
  "initiative.truncated": {
    severity: "error",
    ja: (p) =>
      `取組項目 ${withNumberSign(p.number)} の行が途中で切れています。${p.fields}がありません。セルの中の改行やタブで行が分かれていないか、表を最後まで写したかを確認してください`,
    en: (p) => `The row of initiative ${withNumberSign(p.number, " ")} is cut short: ${p.fieldsEn} missing`,
  },
  "initiative.cells-missing": {
    severity: "warning",
    ja: (p) => `取組項目 ${withNumberSign(p.number)} の行に${p.fields}のセルがありません（空として読みます）`,
    en: (p) =>
      `The row of initiative ${withNumberSign(p.number, " ")} has no cell for ${p.fieldsEn} (read as empty)`,
  },
  "initiative.title-empty": {
    severity: "error",
    ja: (p) => `取組項目 ${withNumberSign(p.number)} の取組項目 (A) が空です`,
    en: (p) => `Initiative ${withNumberSign(p.number, " ")} has an empty title (A)`,
  },
  "policy.missing": {
    severity: "warning",
    ja: (p) =>
      `取組項目 ${withNumberSign(p.number)} より前に基本方針がありません（基本方針なしとして読みます）`,
    en: (p) => `No basic policy precedes initiative ${withNumberSign(p.number, " ")} (read without one)`,
  },
  "grade.invalid": {
    severity: "error",
    ja: (p) =>
      `取組項目 ${withNumberSign(p.number)} の進捗状況「${p.grade}」は A・B・C・D のいずれでもありません。A～Dのいずれかに直してください`,
    en: (p) =>
      `The grade "${p.grade}" of initiative ${withNumberSign(p.number, " ")} is not one of A, B, C, D`,
  },
  "grade.missing": {
    severity: "warning",
    ja: (p) => `取組項目 ${withNumberSign(p.number)} の進捗状況 (F) が空です（未評価として読みます）`,
    en: (p) => `Initiative ${withNumberSign(p.number, " ")} has no grade (F) (read as not graded)`,
  },
  "kpi.unreadable": {
    severity: "warning",
    ja: (p) =>
      `数値目標「${p.label}」の${p.column}「${p.text}」を読み取れません（文字のまま残します）：${p.reason}`,
    en: (p) => `The ${p.columnEn} "${p.text}" of KPI "${p.label}" cannot be read (kept as text): ${p.reason}`,
  },
  "kpi.unsplit": {
    severity: "warning",
    ja: (p) =>
      `数値目標のセル「${p.text}」を 項目・当初・目標・現状値 に分けられません（項目として読みます）`,
    en: (p) =>
      `The KPI cell "${p.text}" cannot be split into name, baseline, target, current (read as the name)`,
  },
  "kpi.label-empty": {
    severity: "warning",
    ja: (p) => `取組項目 ${withNumberSign(p.number)} の数値目標に項目名がありません（値：${p.values}）`,
    en: (p) => `A KPI of initiative ${withNumberSign(p.number, " ")} has no name (values: ${p.values})`,
  },
  "kpi.relist-not-found": {
    severity: "warning",
    ja: (p) => `再掲の数値目標「${p.name}」（${p.key}）の元になる数値目標が、ほかの取組項目にありません`,
    en: (p) => `The relisted KPI "${p.name}" (${p.key}) has no original in another initiative`,
  },
  "kpi.relist-differs": {
    severity: "warning",
    ja: (p) =>
      `再掲の数値目標「${p.name}」（${p.key}）の${p.column}「${p.text}」が元（${p.original}）の「${p.originalText}」と異なります`,
    en: (p) =>
      `The ${p.columnEn} "${p.text}" of the relisted KPI "${p.name}" (${p.key}) differs from the original (${p.original}): "${p.originalText}"`,
  },
  "row.unplaced": {
    severity: "warning",
    ja: (p) => `どの取組項目にも属さない行を読み飛ばしました：「${p.text}」`,
    en: (p) => `Skipped a row that belongs to no initiative: "${p.text}"`,
  },
  "row.extra-cells": {
    severity: "warning",
    ja: (p) => `行の末尾にある余分なセルを読み飛ばしました：「${p.text}」`,
    en: (p) => `Skipped extra cells at the end of the row: "${p.text}"`,
  },
  "line.unrecognized": {
    severity: "warning",
    ja: (p) => `集計表の一部として読み取れない行を読み飛ばしました：「${p.text}」`,
    en: (p) => `Skipped a line that is not part of the table: "${p.text}"`,
  },
  "footer.missing": {
    severity: "error",
    ja: () =>
      "本部会評価の行（例：本部会評価 8 10 5 1）がありません。表が最後までそろっていない可能性があります。一部だけを取り込む場合は --allow-partial を指定してください",
    en: () =>
      "There is no committee grade summary line (e.g. 本部会評価 8 10 5 1): the table may be incomplete. Add --allow-partial to import it anyway",
  },
  "footer.unreadable": {
    severity: "error",
    ja: (p) =>
      `本部会評価の行から A・B・C・D の件数を読み取れません：「${p.text}」。表が最後までそろっていない可能性があります。一部だけを取り込む場合は --allow-partial を指定してください`,
    en: (p) =>
      `The A, B, C, D counts cannot be read from the grade summary line: "${p.text}" (the table may be incomplete; add --allow-partial to import it anyway)`,
  },
  "footer.trailing": {
    severity: "error",
    ja: (p) =>
      `本部会評価の行（${p.footer}行目）の後に${p.count}行あります。最初は${p.first}行目の「${p.text}」です。表の後に何かが付け足されています。読み飛ばして取り込む場合は --allow-partial を指定してください`,
    en: (p) =>
      `${p.count} line(s) follow the grade summary line (line ${p.footer}; the first on line ${p.first}: "${p.text}"). Add --allow-partial to skip them`,
  },
  "footer.repeated": {
    severity: "warning",
    ja: (p) => `本部会評価の行がもう一度あります（${p.first}行目の行を使います）`,
    en: (p) => `The grade summary line appears again (the one on line ${p.first} is used)`,
  },
};

export type Location = Pick<Diagnostic, "line" | "field" | "cell">;

export function diagnostic(code: TableTextCode, params: Params = {}, location: Location = {}): Diagnostic {
  return makeDiagnostic(TABLE_TEXT_MESSAGES, code, params, location);
}

/**
 * A sign that the table is not whole (cut off, its footer missing, something after the footer): an
 * error, or a warning when the operator said the partial table is meant (--allow-partial).
 */
export function partialDiagnostic(
  code: "input.cut" | "footer.missing" | "footer.unreadable" | "footer.trailing",
  allowPartial: boolean | undefined,
  params: Params = {},
  location: Location = {},
): Diagnostic {
  const found = diagnostic(code, params, location);
  return allowPartial ? { ...found, severity: "warning" } : found;
}

/** A short excerpt of input text for a message. */
export function excerpt(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
