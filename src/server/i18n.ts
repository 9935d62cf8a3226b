/**
 * Every string of the web UI, Japanese first, English beside it. The language comes from `?lang=en`
 * (Japanese otherwise) and every link the pages print keeps it, so a reader stays in the language
 * they chose without cookies or JavaScript.
 */
import { TRANSCRIBED_NOTE } from "../io/progress-table-columns.ts";
import { MANAGE_EN, MANAGE_JA } from "./i18n-manage.ts";
import { ROUND_EN, ROUND_JA } from "./routes/round/messages.ts";

export const LANGS = ["ja", "en"] as const;
export type Lang = (typeof LANGS)[number];

const ja = {
  "site.name": "Shinchoku 進捗",
  "site.tagline": "行政改革アクションプランの進行管理",
  "site.skip": "本文へ移動",
  "site.breadcrumbs": "現在位置",
  "site.language": "表示言語",
  "site.footer": "掲載内容は、各自治体が公表した資料に基づいています。",
  "site.home": "トップ",

  "home.title": "自治体一覧",
  "home.lead": "行政改革アクションプランの進行管理集計表を公表している自治体です。",
  "home.empty": "登録されている自治体はまだありません。",

  "org.plans": "計画一覧",
  "org.plansCaption": "{org}の計画と最新の進捗状況",
  "org.noPlans": "公表されている計画はまだありません。",
  "org.noRounds": "報告なし",

  "col.plan": "計画",
  "col.period": "計画期間",
  "col.latestRound": "最新の年度",
  "col.fiscalYear": "年度",
  "col.asOf": "基準日",
  "col.number": "No.",
  "col.initiative": "取組項目",
  "col.policy": "基本方針",
  "col.departments": "関係課",
  "col.grade": "進捗状況",
  "col.total": "計",
  "col.count": "件数",

  "plan.fiscalYears": "年度の切替",
  "plan.periodLine": "計画期間 {period}",
  "plan.expectedShare": "計画期間{total}年のうち{elapsed}年経過（{percent}）",
  "plan.asOf": "{date}現在",
  "plan.roundOf": "{fy}の進行管理",
  "plan.toTable": "進行管理集計表を見る",
  "plan.toOverview": "概要に戻る",
  "plan.overview": "概要",

  "summary.heading": "進捗状況の集計",
  "summary.caption": "{fy}の進捗状況（全体と基本方針別の件数と割合）",
  "summary.total": "全体",
  "summary.cell": "{count}件（{percent}）",
  "summary.ungraded": "未評価 {count}件",
  "summary.assessed": "評価対象項目 {assessed}件・対象外項目 {notAssessed}件",
  "summary.chartLabel": "{fy}の進捗状況の集計グラフ。{lines}",
  "summary.chartLine": "{row}：{counts}",

  "list.heading": "取組項目一覧",
  "list.caption": "{fy}の取組項目一覧",
  "list.count": "{total}件中{shown}件を表示しています。",
  "list.none": "条件に合う取組項目はありません。",
  "filter.heading": "絞り込み",
  "filter.policy": "基本方針",
  "filter.department": "関係課",
  "filter.grade": "進捗状況",
  "filter.q": "キーワード",
  "filter.qHint": "取組項目の名称や内容に含まれる語で探します。",
  "filter.all": "すべて",
  "filter.submit": "絞り込む",
  "filter.clear": "条件を解除",

  "downloads.heading": "ダウンロード",
  "downloads.json": "計画データ（JSON形式）",
  "downloads.xlsx": "進行管理集計表（Excel形式）",
  "downloads.pdf": "進行管理集計表（PDF形式・A3横）",
  "downloads.csv": "オープンデータ（CSV形式・UTF-8）",
  "downloads.csvSjis": "オープンデータ（CSV形式・Shift_JIS）",
  "downloads.inline": "ダウンロード：",
  "downloads.xlsxShort": "Excel",
  "downloads.pdfShort": "PDF（A3横）",
  "downloads.csvShort": "CSV（UTF-8）",
  "downloads.csvSjisShort": "CSV（Shift_JIS）",
  "downloads.jsonShort": "JSON",

  "table.caption": "{title}",
  "table.sectionLabel": "【項目進捗】",
  "table.sectionTitle": "アクションプラン計画期間中の取組項目進捗状況",
  "table.summary": "本部会評価",
  "table.summaryCaption": "本部会評価（進捗状況の件数）",
  "table.policyContinued": "（前の取組項目と同じ基本方針）",
  "table.noKpi": "—",
  "table.scrollHint": "表は画面より広いときは横にスクロールできます（No. と取組項目の列は左に残ります）。",
  // The note as the city's table prints it (the xlsx and the PDF print the same constant).
  "table.transcribedNote": TRANSCRIBED_NOTE,

  "initiative.heading": "No.{number} {title}",
  "initiative.lead": "主担当",
  "initiative.description": "取組の方針と内容",
  "initiative.kpis": "数値目標等",
  "initiative.noKpis": "数値目標等はありません。",
  "initiative.kpiCaption": "{label}",
  "initiative.point": "時点",
  "initiative.value": "値",
  "initiative.status": "達成状況",
  "initiative.achievement": "達成率",
  "initiative.method": "算出方法",
  "initiative.expected": "計画期間の経過",
  "initiative.pace": "経過との比較",
  "initiative.achievementNote":
    "達成状況は、目標に届いた「達成」（上回ったときは「目標超過」）、計画期間の経過に見合って進んでいる「順調」、経過より10ポイントを超えて遅れている「遅れ」、当初より悪くなった「後退」、比べられない「算出不可」のいずれかです。達成率は当初から目標までのうち進んだ割合、計画期間の経過は報告年度の末までに終わった年度の割合です。「拡大」「縮小」など達成したかどうかだけを見る目標には達成率がありません。",
  "initiative.expectedCell": "{percent}（{total}年中{elapsed}年）",
  "initiative.baseline": "当初（{when}）",
  "initiative.target": "目標（{when}）",
  "initiative.yearEnd": "{when}",
  "initiative.selectedYear": "（表示中の年度）",
  "initiative.relistedFrom": "{initiatives} からの再掲です。",
  "initiative.alsoListedIn": "この数値目標は {initiatives} にも掲載しています。",
  "initiative.relistedMark": "再掲",
  "initiative.reports": "年度ごとの取組と評価",
  "initiative.activities": "取組内容",
  "initiative.committeeOpinion": "本部会意見",
  "initiative.nextYearGoal": "{fy}目標",
  "initiative.noReports": "報告はまだありません。",
  "initiative.ungraded": "未評価",
  "initiative.notAssessed": "対象外",

  "error.heading": "エラー",
  "error.back": "トップページへ戻る",
  "error.waysOn": "こちらのページをご覧ください",
  "error.fields": "確認が必要な項目",

  "apiDocs.title": "API リファレンス",
  "apiDocs.lead": "Shinchoku の JSON API（/api/v1）です。この説明は OpenAPI 文書から作られています。",
  "apiDocs.document": "OpenAPI 文書（JSON、OpenAPI {version}）",
  "apiDocs.parameters": "パラメーター",
  "apiDocs.responses": "応答",
  "apiDocs.name": "名前",
  "apiDocs.in": "場所",
  "apiDocs.required": "必須",
  "apiDocs.type": "型",
  "apiDocs.description": "説明",
  "apiDocs.status": "ステータス",
  "apiDocs.yes": "必須",
  "apiDocs.no": "任意",
  "apiDocs.errors": "エラー応答は application/problem+json（RFC 9457）で返します。",
  "apiDocs.clientHeading": "TypeScript の型付きクライアントの例",
  "apiDocs.clientLead":
    "OpenAPI 文書から openapi-typescript で型を生成し、openapi-fetch で呼び出すと、パス・パラメーター・応答の形がコンパイル時に検査されます。",
  "apiDocs.clientGenerate": "型の生成：",
  "apiDocs.clientUse": "呼び出し（令和元年度の進捗状況 C の取組項目と、各数値目標の達成状況）：",
} as const;

export type MessageKey = keyof typeof ja | keyof typeof MANAGE_JA | keyof typeof ROUND_JA;

const en: Record<keyof typeof ja, string> = {
  "site.name": "Shinchoku",
  "site.tagline": "Progress management of administrative-reform action plans",
  "site.skip": "Skip to main content",
  "site.breadcrumbs": "Breadcrumb",
  "site.language": "Language",
  "site.footer": "The content is based on the documents each organization has published.",
  "site.home": "Home",

  "home.title": "Organizations",
  "home.lead": "Organizations publishing the progress tables of their administrative-reform action plans.",
  "home.empty": "No organizations yet.",

  "org.plans": "Plans",
  "org.plansCaption": "Plans of {org} and their latest progress",
  "org.noPlans": "No plans have been published yet.",
  "org.noRounds": "No reports",

  "col.plan": "Plan",
  "col.period": "Plan period",
  "col.latestRound": "Latest fiscal year",
  "col.fiscalYear": "Fiscal year",
  "col.asOf": "As of",
  "col.number": "No.",
  "col.initiative": "Initiative",
  "col.policy": "Basic policy",
  "col.departments": "Departments",
  "col.grade": "Progress",
  "col.total": "Total",
  "col.count": "Count",

  "plan.fiscalYears": "Fiscal year",
  "plan.periodLine": "Plan period {period}",
  "plan.expectedShare": "{elapsed} of the plan's {total} years elapsed ({percent})",
  "plan.asOf": "as of {date}",
  "plan.roundOf": "Progress report for {fy}",
  "plan.toTable": "View the progress table",
  "plan.toOverview": "Back to the overview",
  "plan.overview": "Overview",

  "summary.heading": "Progress summary",
  "summary.caption": "Progress in {fy} (counts and shares, overall and by basic policy)",
  "summary.total": "All",
  "summary.cell": "{count} ({percent})",
  "summary.ungraded": "Not graded: {count}",
  "summary.assessed": "Assessed this year: {assessed}; not assessed (対象外): {notAssessed}",
  "summary.chartLabel": "Chart of the progress summary for {fy}. {lines}",
  "summary.chartLine": "{row}: {counts}",

  "list.heading": "Initiatives",
  "list.caption": "Initiatives in {fy}",
  "list.count": "Showing {shown} of {total} initiatives.",
  "list.none": "No initiative matches these conditions.",
  "filter.heading": "Filter",
  "filter.policy": "Basic policy",
  "filter.department": "Department",
  "filter.grade": "Progress",
  "filter.q": "Keyword",
  "filter.qHint": "Finds initiatives whose name or content contains the words (in Japanese).",
  "filter.all": "All",
  "filter.submit": "Apply",
  "filter.clear": "Clear filters",

  "downloads.heading": "Downloads",
  "downloads.json": "Plan data (JSON)",
  "downloads.xlsx": "Progress table (Excel)",
  "downloads.pdf": "Progress table (PDF, A3 landscape)",
  "downloads.csv": "Open data (CSV, UTF-8)",
  "downloads.csvSjis": "Open data (CSV, Shift_JIS)",
  "downloads.inline": "Download:",
  "downloads.xlsxShort": "Excel",
  "downloads.pdfShort": "PDF (A3 landscape)",
  "downloads.csvShort": "CSV (UTF-8)",
  "downloads.csvSjisShort": "CSV (Shift_JIS)",
  "downloads.jsonShort": "JSON",

  "table.caption": "{title}",
  "table.sectionLabel": "[Progress of initiatives]",
  "table.sectionTitle": "Progress of the initiatives during the action plan period",
  "table.summary": "Committee grades",
  "table.summaryCaption": "Committee grades (number of initiatives)",
  "table.policyContinued": "(same basic policy as the previous initiative)",
  "table.noKpi": "—",
  "table.scrollHint":
    "Where the table is wider than the screen, it scrolls sideways (the No. and initiative columns stay on the left).",
  "table.transcribedNote":
    "Columns A, B, C and E (indicator, baseline, target) are transcribed from the action plan.",

  "initiative.heading": "No.{number} {title}",
  "initiative.lead": "lead",
  "initiative.description": "Policy and content",
  "initiative.kpis": "KPIs",
  "initiative.noKpis": "This initiative has no KPIs.",
  "initiative.kpiCaption": "{label}",
  "initiative.point": "Point in time",
  "initiative.value": "Value",
  "initiative.status": "Status",
  "initiative.achievement": "Achievement",
  "initiative.method": "Method",
  "initiative.expected": "Plan period elapsed",
  "initiative.pace": "Against the period elapsed",
  "initiative.achievementNote":
    "The status is Met (beyond the target when above it), On track (keeping pace with the share of the plan period elapsed), Behind (more than 10 points short of that share), Regressed (worse than the baseline) or Not computable. The achievement is the share of the way from the baseline to the target covered so far; the plan period elapsed is the share of the plan's fiscal years ended by the end of the reported year. Targets that only say whether they are met (an increase, a decrease, …) have no achievement percentage.",
  "initiative.expectedCell": "{percent} ({elapsed} of {total} years)",
  "initiative.baseline": "Baseline ({when})",
  "initiative.target": "Target ({when})",
  "initiative.yearEnd": "{when}",
  "initiative.selectedYear": " (selected fiscal year)",
  "initiative.relistedFrom": "Listed again from {initiatives}.",
  "initiative.alsoListedIn": "This indicator is also listed under {initiatives}.",
  "initiative.relistedMark": "listed again",
  "initiative.reports": "Reports and grades by fiscal year",
  "initiative.activities": "Activities",
  "initiative.committeeOpinion": "Committee opinion",
  "initiative.nextYearGoal": "Goal for {fy}",
  "initiative.noReports": "No reports yet.",
  "initiative.ungraded": "Not graded",
  "initiative.notAssessed": "Not assessed this year",

  "error.heading": "Error",
  "error.back": "Back to the home page",
  "error.waysOn": "You may be looking for",
  "error.fields": "Please check",

  "apiDocs.title": "API reference",
  "apiDocs.lead": "The JSON API of Shinchoku (/api/v1). This page is generated from the OpenAPI document.",
  "apiDocs.document": "OpenAPI document (JSON, OpenAPI {version})",
  "apiDocs.parameters": "Parameters",
  "apiDocs.responses": "Responses",
  "apiDocs.name": "Name",
  "apiDocs.in": "In",
  "apiDocs.required": "Required",
  "apiDocs.type": "Type",
  "apiDocs.description": "Description",
  "apiDocs.status": "Status",
  "apiDocs.yes": "required",
  "apiDocs.no": "optional",
  "apiDocs.errors": "Errors are returned as application/problem+json (RFC 9457).",
  "apiDocs.clientHeading": "Typed TypeScript client example",
  "apiDocs.clientLead":
    "Generate types from the OpenAPI document with openapi-typescript and call the API with openapi-fetch: paths, parameters and responses are checked when compiling.",
  "apiDocs.clientGenerate": "Generate the types:",
  "apiDocs.clientUse": "Call the API (the initiatives graded C in FY2019, with each KPI's achievement):",
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = {
  ja: { ...ja, ...MANAGE_JA, ...ROUND_JA },
  en: { ...en, ...MANAGE_EN, ...ROUND_EN },
};

export type Params = Record<string, string | number>;

/** Whether the catalogue has `key` (a key made from data, e.g. an audit entry's field name). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(dictionaries.ja, key);
}

/** Looks a string up and fills its `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * `translate` for a message whose placeholders take markup (a name from the organization's documents
 * wrapped to mark its language): the message's words around the values, the values as given.
 */
export function translateParts<T>(lang: Lang, key: MessageKey, params: Record<string, T>): (string | T)[] {
  return dictionaries[lang][key]
    .split(/(\{\w+\})/)
    .filter((part) => part !== "")
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name !== undefined && name in params ? (params[name] as T) : part;
    });
}

/** `?lang=en` selects English; anything else (absent, unknown) is Japanese. */
export function langFromQuery(value: string | undefined): Lang {
  return value === "en" ? "en" : "ja";
}

/**
 * A link that keeps the reader's language. `query` values that are empty are left out, arrays repeat
 * the key (`grade=A&grade=B`), as an HTML form would send them.
 */
export function localHref(
  lang: Lang,
  path: string,
  query: Record<string, string | string[] | undefined> = {},
) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v) search.append(key, v);
  }
  if (lang === "en") search.set("lang", "en");
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** The bundle views receive: the language, its strings and a link maker that keeps it. */
export interface Ui {
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  /** The message with markup in its placeholders (see translateParts). */
  tParts: <T>(key: MessageKey, params: Record<string, T>) => (string | T)[];
  href: (path: string, query?: Record<string, string | string[] | undefined>) => string;
}

export function makeUi(lang: Lang): Ui {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    tParts: (key, params) => translateParts(lang, key, params),
    href: (path, query) => localHref(lang, path, query),
  };
}

/**
 * The language attribute for text taken from an organization's documents: always Japanese, so on an
 * English page it is marked as such (WCAG 3.1.2, language of parts); on a Japanese page the page's own
 * lang already says it, and nothing is added.
 */
export function sourceLang(ui: Ui): "ja" | undefined {
  return ui.lang === "ja" ? undefined : "ja";
}

/** The attribute for UI text inside a part marked Japanese by sourceLang (none on a Japanese page). */
export function uiLangInSource(ui: Ui): Lang | undefined {
  return ui.lang === "ja" ? undefined : ui.lang;
}

/** The colon after a label: 「：」 on a Japanese page (no space after it), ": " on an English one. */
export function colon(lang: Lang): string {
  return lang === "ja" ? "：" : ": ";
}

/** 0.333… → "33%" (ja and en alike: whole percents are what the tables print). */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
