import type { Diagnostic } from "../../../domain/diagnostic.ts";
import type { Ui } from "../../i18n.ts";

/**
 * The strings of the import pages (取込: a whole table brought in from a file), Japanese first,
 * English beside them. Findings about the file come from the importers (src/io) in both languages.
 */
const JA = {
  title: "表の取り込み",
  lead: "公表した進行管理集計表（テキスト）、Shinchoku の Excel、計画データ（JSON形式）、または他の自治体の Excel・CSV を取り込みます。取り込む前に、読み取った内容と保存されている内容との違いを確認できます。",
  file: "取り込むファイル",
  fileHint: "テキスト（.txt）、Excel（.xlsx）、CSV（.csv）、計画データ（.json）。上限 {max}。",
  upload: "アップロードして内容を確認する",
  missingFile: "取り込むファイルを選んでください。",
  tooLarge:
    "ファイルが大きすぎます（上限 {max}）。ファイルを分けるか、システム管理者に上限の変更を相談してください。",
  tooLargeTitle: "ファイルが大きすぎます",
  expired: "確認の期限が切れたか、すでに取り込みが終わっています。もう一度アップロードしてください。",
  done: "取り込みました：{plan} {fy}（第{revision}版として公表）。",
  doneLink: "取り込んだ年度を見る",
  previewTitle: "取り込む内容の確認",
  previewLead: "ファイル「{file}」を読み取りました。まだ何も保存していません。",
  previewFailed: "このファイルは取り込めません。次の指摘を直してから、もう一度アップロードしてください。",
  countsHeading: "読み取った内容",
  policies: "基本方針",
  initiatives: "取組項目",
  kpis: "数値目標",
  plan: "計画",
  fiscalYear: "年度",
  asOf: "基準日",
  count: "{count}件",
  findingsHeading: "指摘（{count}件）",
  findingsNone: "指摘はありません。",
  severity: "種類",
  place: "場所",
  message: "内容",
  error: "エラー",
  warning: "警告",
  info: "情報",
  wholeFile: "ファイル全体",
  compareHeading: "保存されている内容との違い",
  compareNewPlan: "この計画はまだ登録されていません。新しい計画として取り込みます。",
  compareNewRound: "この計画の{fy}はまだありません。新しい年度として取り込みます。",
  compareStored: "この計画の{fy}はすでにあります（{state}）。取り込むと置き換え、新しい版として公表します。",
  compareCounts: "新規 {new}件・変更あり {changed}件・変更なし {unchanged}件・削除 {removed}件",
  status: "比較",
  statusNew: "新規",
  statusChanged: "変更あり",
  statusUnchanged: "変更なし",
  statusRemoved: "削除",
  number: "No.",
  initiativeTitle: "取組項目",
  changesHeading: "項目ごとの違い（{count}件）",
  where: "場所",
  field: "項目",
  before: "保存されている内容",
  after: "取り込む内容",
  more: "ほか {count}件",
  confirmHeading: "取り込み",
  replace: "新しい版として公表する（保存されている{fy}を置き換える）",
  replaceRequired:
    "この年度はすでに公表されています。取り込むには「新しい版として公表する」を選んでください。",
  allowRemovals: "取組項目・数値目標が減ることを確認した（{count}件を削除する）",
  removalsRequired: "置き換えで取組項目・数値目標が減ります。削除してよい場合は確認の欄を選んでください。",
  confirm: "取り込む",
  cancel: "取り込まずに戻る",
  stale:
    "確認の後に、取り込み先の年度の内容が変わりました。下の最新の違いを確認してから、もう一度取り込んでください。",
  refusedStore: "取り込めませんでした：{reason}",
  mappingTitle: "列の対応表の指定",
  mappingLead:
    "ファイル「{file}」は Shinchoku の形式ではありません。見出しの行と、各項目がどの列にあるかを選んでください。選んだ対応は自治体の設定として次の年度のために保存され、JSON としてダウンロードできます（shinchoku import --mapping で使えます）。",
  mappingSaved: "前回保存した列の対応表を初期値にしています。",
  mappingGuessed:
    "見出しの文字から、各項目の列を推測して選んであります。違っている項目は選び直し、使わない項目は「使わない」にしてください。",
  mappingEdit: "列の対応表を変更する",
  mappingDownload: "列の対応表（JSON）をダウンロード",
  rowsHeading: "ファイルの先頭の行",
  rowNumber: "行",
  sheet: "シート",
  headerRows: "見出しの行（この行までがデータの上の行）",
  headerRowsHint: "表題や見出しの行の数。見出しの下の行からが、1行に数値目標1つのデータです。",
  columnsHeading: "列の対応表",
  columnsHint: "No. と取組項目は必須です。使わない項目は「使わない」のままにしてください。",
  unused: "使わない",
  currentEachYear: "年度ごとの列（下で選ぶ）",
  currentYears: "現状値の年度ごとの列",
  currentYearsHint:
    "実績が年度ごとの列に並んでいる表では、上の現状値で「年度ごとの列」を選び、ここで実績の列を選んでください。取り込む年度の列を現状値として読みます。矢印の後は、見出しから読んだ年度です。元号のない見出し（30年度実績 など）は、「計画の開始年度」と「計画の最終年度」を入れて送ると読み取ります。",
  currentYearsNone:
    "見出しに年度のある列（H29実績、令和元年度 など）は見つかりませんでした。見出しの行を確かめてください。",
  currentYearsRequired: "現状値の年度ごとの列を1つ以上選んでください。",
  departmentSeparator: "関係課の区切り文字",
  departmentSeparatorHint: "空欄なら空白・「、」・カンマで区切ります（例：／）。",
  gradesHeading: "評価の対応",
  gradesHint:
    "進捗状況の列にある文字ごとに、取込先の計画の評価の区分のどれにするかを選んでください。「そのまま読む」は区分の記号や名称（「A」「順調」など）と「対象外」を、書かれたとおりに読みます。",
  gradesTargetPlan: "取込先の計画「{plan}」の評価の区分：{legend}",
  gradesTargetNew:
    "新しい計画として取り込むため、既定の評価の区分（{legend}）です。既存の計画に取り込むときは、下の「計画と年度」に計画名と期間を書いて「対応を確かめる」を押すと、その計画の区分になります。",
  gradesNotAssessedOff: "この計画では対象外を選べません（事務局が計画の設定で決めます）。",
  gradeNotAssessed: "対象外（今年度は評価しない）",
  gradeAsIs: "そのまま読む",
  gradesNone: "進捗状況の列を選んで「対応を確かめる」を押すと、その列にある文字が表示されます。",
  planHeading: "計画と年度",
  planHint: "ファイルに書かれていない場合に指定します。年度は「令和2年度」「R2」「2020」のどれでも書けます。",
  planTitle: "計画名",
  startFiscalYear: "計画の開始年度",
  endFiscalYear: "計画の最終年度",
  baselineFiscalYear: "当初の年度",
  roundFiscalYear: "この表の年度",
  roundAsOf: "基準日",
  roundAsOfHint: "例：令和5年3月31日、2023-03-31",
  mappingSubmit: "対応を確かめて内容を確認する",
  mappingRequired: "{field}の列を選んでください。",
  gradeUnmapped: "進捗状況の「{word}」をどの評価にするか選んでください。",
  gradeNotOnTarget:
    "進捗状況の「{word}」に選んだ「{grade}」は、取込先の計画の評価の区分にありません。{legend}から選んでください。",
  gradeNotAssessedRefused:
    "取込先の計画では対象外を選べません。進捗状況の「{word}」は{legend}から選んでください。",
  mappingInvalid: "{field}：{reason}",
  back: "取り込みの最初に戻る",
  limitHint: "ファイルを分けるか、システム管理者に相談してください。",
} as const;

type Key = keyof typeof JA;

const EN: Record<Key, string> = {
  title: "Import a table",
  lead: "Import a published progress table (text), a Shinchoku workbook, a plan document (JSON), or another city's xlsx or CSV. You see what was read, and how it differs from what is stored, before anything is saved.",
  file: "File to import",
  fileHint: "Text (.txt), Excel (.xlsx), CSV (.csv) or a plan document (.json); at most {max}.",
  upload: "Upload and review",
  missingFile: "Choose the file to import.",
  tooLarge:
    "The file is too large (at most {max}). Split it, or ask the system administrator to raise the limit.",
  tooLargeTitle: "The file is too large",
  expired: "This review has expired or its import is done already. Please upload the file again.",
  done: "Imported: {plan} {fy} (published as revision {revision}).",
  doneLink: "See the imported year",
  previewTitle: "Review the import",
  previewLead: "The file “{file}” was read. Nothing has been saved yet.",
  previewFailed: "This file cannot be imported. Fix the findings below and upload it again.",
  countsHeading: "What was read",
  policies: "Basic policies",
  initiatives: "Initiatives",
  kpis: "KPIs",
  plan: "Plan",
  fiscalYear: "Fiscal year",
  asOf: "As of",
  count: "{count}",
  findingsHeading: "Findings ({count})",
  findingsNone: "No findings.",
  severity: "Kind",
  place: "Where",
  message: "Finding",
  error: "Error",
  warning: "Warning",
  info: "Note",
  wholeFile: "Whole file",
  compareHeading: "Against what is stored",
  compareNewPlan: "This plan is not registered yet: it is imported as a new plan.",
  compareNewRound: "The plan has no {fy} yet: it is imported as a new year.",
  compareStored: "The plan's {fy} exists ({state}). Importing replaces it and publishes a new revision.",
  compareCounts: "New {new} · changed {changed} · unchanged {unchanged} · removed {removed}",
  status: "Comparison",
  statusNew: "New",
  statusChanged: "Changed",
  statusUnchanged: "Unchanged",
  statusRemoved: "Removed",
  number: "No.",
  initiativeTitle: "Initiative",
  changesHeading: "Field by field ({count})",
  where: "Where",
  field: "Field",
  before: "Stored",
  after: "Imported",
  more: "{count} more",
  confirmHeading: "Import",
  replace: "Publish as a new revision (replace the stored {fy})",
  replaceRequired: "This fiscal year is published already. To import, choose “Publish as a new revision”.",
  allowRemovals: "I have checked that initiatives or KPIs are removed ({count})",
  removalsRequired: "Replacing removes initiatives or KPIs. Tick the box if that is meant.",
  confirm: "Import",
  cancel: "Go back without importing",
  stale:
    "What is stored for this fiscal year changed after your review. Check the differences below and import again.",
  refusedStore: "Not imported: {reason}",
  mappingTitle: "Map the columns",
  mappingLead:
    "“{file}” is not in Shinchoku's layout. Choose its header rows and the column of each field. The mapping is saved for your organization for next year and can be downloaded as JSON (for shinchoku import --mapping).",
  mappingSaved: "The mapping saved last time is filled in.",
  mappingGuessed:
    "Each field's column is guessed from the header's words. Change any that is wrong, and set unused ones to “not used”.",
  mappingEdit: "Change the column mapping",
  mappingDownload: "Download the column mapping (JSON)",
  rowsHeading: "The file's first rows",
  rowNumber: "Row",
  sheet: "Sheet",
  headerRows: "Header rows (rows above the data)",
  headerRowsHint: "Title and header rows; below them each row holds one KPI.",
  columnsHeading: "Columns",
  columnsHint: "No. and initiative are required. Leave the others you do not need as “Not used”.",
  unused: "Not used",
  currentEachYear: "One column per year (choose below)",
  currentYears: "Current-value columns per year",
  currentYearsHint:
    "When the results stand in one column per year, choose “One column per year” for the current value above and tick the result columns here: the column of the imported year is read. After the arrow: the year read from the header. Headers without an era (30年度実績) are read once the plan's first and last fiscal years are filled in and sent.",
  currentYearsNone: "No column has a year in its header (H29実績, 令和元年度…). Check the header rows.",
  currentYearsRequired: "Choose at least one current-value column per year.",
  departmentSeparator: "Department separator",
  departmentSeparatorHint: "Empty: white space, 、 and commas (e.g. ／).",
  gradesHeading: "Grades",
  gradesHint:
    "For each word in the progress column, choose a grade of the scale of the plan imported into. “As written” reads the scale's codes and labels (A, 順調…) and 対象外 as they are written.",
  gradesTargetPlan: "Grade scale of the plan imported into, “{plan}”: {legend}",
  gradesTargetNew:
    "Imported as a new plan: the default grade scale ({legend}). To import into an existing plan, write its title and period under “Plan and fiscal year” and press the button: its scale is then offered.",
  gradesNotAssessedOff:
    "This plan does not allow “not assessed” (the secretariat sets it in the plan's settings).",
  gradeNotAssessed: "Not assessed this year (対象外)",
  gradeAsIs: "As written",
  gradesNone: "Choose the progress column and press the button: its words are then listed here.",
  planHeading: "Plan and fiscal year",
  planHint: "When the file does not say. Fiscal years as 令和2年度, R2 or 2020.",
  planTitle: "Plan title",
  startFiscalYear: "First fiscal year of the plan",
  endFiscalYear: "Last fiscal year of the plan",
  baselineFiscalYear: "Baseline fiscal year",
  roundFiscalYear: "Fiscal year of this table",
  roundAsOf: "As of",
  roundAsOfHint: "e.g. 令和5年3月31日, 2023-03-31",
  mappingSubmit: "Check the mapping and review",
  mappingRequired: "Choose the column of {field}.",
  gradeUnmapped: "Choose the grade of “{word}” in the progress column.",
  gradeNotOnTarget:
    "“{grade}”, chosen for “{word}” in the progress column, is not a grade of the plan imported into. Choose one of {legend}.",
  gradeNotAssessedRefused:
    "The plan imported into does not allow “not assessed”. Choose one of {legend} for “{word}” in the progress column.",
  mappingInvalid: "{field}: {reason}",
  back: "Back to the start of the import",
  limitHint: "Split the file, or ask the system administrator.",
};

export type ImportTextKey = Key;

export function imt(ui: Ui, key: Key, params: Record<string, string | number> = {}): string {
  const text = ui.lang === "en" ? EN[key] : JA[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A finding as a page shows it: in the page's language, and for a refusal by an input limit without
 * the command line's advice (`--limit …`), which means nothing in a browser.
 */
export function findingText(ui: Ui, d: Diagnostic): string {
  const text = ui.lang === "en" ? (d.messageEn ?? d.message) : d.message;
  if (!d.code.startsWith("limit.")) return text;
  const cut =
    ui.lang === "en"
      ? text.replace(/; raise it with --limit .*$/, ".")
      : text.replace(/。上限を上げるには.*$/, "。");
  return `${cut}${ui.lang === "en" ? " " : ""}${imt(ui, "limitHint")}`;
}

/** The manage home page's link to the import pages. */
export function importLinkText(ui: Ui): string {
  return imt(ui, "title");
}
