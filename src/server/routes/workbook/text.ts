import type { Ui } from "../../i18n.ts";

/**
 * The strings of the entry-workbook pages (Excel in and out), Japanese first, English beside them.
 * Kept with the feature; the refusals about a workbook's cells come from src/io/entry-workbook and
 * src/workflow/entry-workbook.ts in Japanese only (they quote the workbook, which is Japanese).
 */
const JA = {
  title: "Excel の入力票",
  lead: "{fy}の進行管理を Excel で入力する所管課のための入力票です。ダウンロードして黄色のセルに入力し、このページからアップロードすると、変更点を確認してから反映できます。",
  downloadHeading: "入力票のダウンロード",
  downloadNone: "あなたが入力を担当する課の取組項目は、この年度にはありません。",
  department: "所管課",
  initiatives: "取組項目の数",
  download: "入力票（Excel）",
  downloadLabel: "{department}の入力票をダウンロード",
  uploadHeading: "入力票のアップロード",
  file: "入力した入力票（.xlsx）",
  fileHint:
    "ダウンロードした入力票に入力したものを選んでください。すぐには反映されず、次の画面で変更点を確認できます。",
  upload: "アップロードして変更点を確認する",
  missingFile: "アップロードする入力票のファイルを選んでください。",
  problemIntro: "入力票を取り込めません。次の点を直してから、もう一度アップロードしてください。",
  draftHeading: "本部会用の資料（案）",
  draftLead: "この年度の集計表を、いまの入力内容で作ります。各ページに「案」と印刷日が入ります。",
  draftPdf: "集計表（案）PDF",
  draftXlsx: "集計表（案）Excel",
  previewTitle: "入力票の変更点の確認",
  previewLead:
    "{department}の入力票を読み取りました。次の内容を反映します。よろしければ「反映する」を押してください。",
  previewNothing: "入力票は、いまの入力内容と同じです。反映するものはありません。",
  unchanged: "変更のない取組項目：No.{numbers}",
  field: "項目",
  cell: "セル",
  before: "変更前",
  after: "変更後",
  reading: "読み取り",
  empty: "（空欄）",
  apply: "反映する",
  back: "反映せずに戻る",
  applied: "入力票の内容を{count}件の取組項目に反映しました。",
  appliedNone: "反映するものはありませんでした。",
  staleForm: "確認画面の内容を読み取れません。もう一度アップロードしてください。",
  conflict:
    "確認の後に、ほかの人がこの報告を保存しました。上書きしないため、反映しませんでした。もう一度アップロードして確認してください。",
  refused: "この報告は、いまは変更できません。もう一度アップロードして確認してください。",
} as const;

type Key = keyof typeof JA;

const EN: Record<Key, string> = {
  title: "Excel entry workbooks",
  lead: "Entry workbooks for departments that answer {fy}'s round in Excel. Download one, fill in the yellow cells, and upload it here: you see what would change before anything is applied.",
  downloadHeading: "Download an entry workbook",
  downloadNone: "No initiative of your departments is in this fiscal year's round.",
  department: "Department",
  initiatives: "Initiatives",
  download: "Entry workbook (Excel)",
  downloadLabel: "Download the entry workbook of {department}",
  uploadHeading: "Upload an entry workbook",
  file: "Filled-in entry workbook (.xlsx)",
  fileHint:
    "Choose the workbook you downloaded and filled in. Nothing is applied yet: the next page shows what would change.",
  upload: "Upload and review the changes",
  missingFile: "Choose the entry workbook to upload.",
  problemIntro: "The workbook cannot be taken. Fix the following and upload it again.",
  draftHeading: "Papers for the committee (drafts)",
  draftLead:
    "The progress table of this fiscal year as entered so far. Every page is marked 案 (draft) with the date it was printed.",
  draftPdf: "Draft table (PDF)",
  draftXlsx: "Draft table (Excel)",
  previewTitle: "Review the workbook's changes",
  previewLead: "The workbook of {department} was read. The following would be applied; press Apply to do so.",
  previewNothing: "The workbook holds what is entered already: there is nothing to apply.",
  unchanged: "Initiatives without changes: No.{numbers}",
  field: "Field",
  cell: "Cell",
  before: "Before",
  after: "After",
  reading: "Read as",
  empty: "(empty)",
  apply: "Apply",
  back: "Go back without applying",
  applied: "The workbook was applied to {count} initiative(s).",
  appliedNone: "There was nothing to apply.",
  staleForm: "The review form could not be read. Please upload the workbook again.",
  conflict:
    "Someone saved one of these reports after your review. Nothing was applied, so as not to overwrite it: upload the workbook again to review.",
  refused: "One of these reports cannot be changed now. Upload the workbook again to review.",
};

export type WorkbookTextKey = Key;

export function wt(ui: Ui, key: Key, params: Record<string, string | number> = {}): string {
  const text = ui.lang === "en" ? EN[key] : JA[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
