import { formatFiscalYear, formatFiscalYearEnd, formatJapaneseDate } from "../domain/era.ts";
import { gradeLegend, gradeScaleOf } from "../domain/grade.ts";
import { initiativeNumberLabel } from "../domain/initiative-number.ts";
import type { Initiative, Kpi, PlanDocument, Policy } from "../domain/plan-document.ts";
import { halfWidths, type PhraseKind } from "./phrases.ts";

/**
 * The one column model of the progress table (進行管理集計表). The HTML page, the xlsx and the PDF all
 * lay the table out from this list, so their columns, headers and proportions cannot drift apart.
 */
export type ProgressColumnId =
  | "policy"
  | "number"
  | "title"
  | "departments"
  | "description"
  | "activities"
  | "kpiName"
  | "kpiBaseline"
  | "kpiTarget"
  | "kpiCurrent"
  | "grade"
  | "committeeOpinion"
  | "nextYearGoal";

export interface ProgressColumn {
  id: ProgressColumnId;
  /** Column letter printed in the header, "(A)"…"(H)"; the KPI sub-columns have none. */
  letter?: string;
  /** Header text as printed (Japanese), without the letter. */
  header: string;
  headerEn: string;
  /** The KPI sub-columns sit under the group header "数値目標等 (E)" and repeat once per KPI. */
  kpi: boolean;
  /**
   * Relative width; the xlsx uses it as character widths, HTML and PDF as proportions. The KPI value
   * columns hold the seed's widest single-line values (`1,310,189人`, `1億円(R2年度)`, `350事業(累計)`)
   * on one line in the PDF at body size.
   */
  width: number;
  align: "left" | "center" | "right";
  /**
   * Where its lines may break (src/io/phrases.ts): between the phrases of a short text, between any
   * two characters of a paragraph, between the tokens of a KPI value.
   */
  breaks: PhraseKind;
}

export interface ProgressTableHeadings {
  /** "数値目標等" — spans the four KPI sub-columns. */
  kpiGroup: { header: string; headerEn: string; letter: string };
  columns: ProgressColumn[];
}

/** Short era form used in the printed headers: R1年度, H27末. */
function shortYear(fiscalYear: number): string {
  return formatFiscalYear(fiscalYear, "short").replace(/年度$/, "");
}

/** The No. column's width: the seed's 5, wider for numbers written like (1)-① or No.R1-1 (up to 10). */
const NUMBER_WIDTH = { least: 5, most: 10, padding: 2 };

function numberColumnWidth(policies: readonly Policy[] | undefined): number {
  let longest = 0;
  for (const policy of policies ?? [])
    for (const initiative of policy.initiatives)
      longest = Math.max(longest, halfWidths(initiativeNumberLabel(initiative)));
  return Math.min(NUMBER_WIDTH.most, Math.max(NUMBER_WIDTH.least, longest + NUMBER_WIDTH.padding));
}

export function progressTableHeadings(
  doc: Pick<PlanDocument, "plan" | "round"> & { policies?: readonly Policy[] },
): ProgressTableHeadings {
  const fy = doc.round.fiscalYear;
  const baselineFy = doc.plan.baselineFiscalYear ?? doc.plan.startFiscalYear - 1;
  const col = (c: ProgressColumn) => c;
  return {
    kpiGroup: { header: "数値目標等", headerEn: "KPIs", letter: "(E)" },
    columns: [
      col({
        id: "policy",
        header: "基本方針",
        headerEn: "Basic policy",
        kpi: false,
        width: 14,
        align: "left",
        breaks: "prose",
      }),
      col({
        id: "number",
        header: "No.",
        headerEn: "No.",
        kpi: false,
        width: numberColumnWidth(doc.policies),
        align: "center",
        breaks: "prose",
      }),
      col({
        id: "title",
        letter: "(A)",
        header: "取組項目",
        headerEn: "Initiative",
        kpi: false,
        width: 16,
        align: "left",
        breaks: "prose",
      }),
      col({
        id: "departments",
        letter: "(B)",
        header: "関係課",
        headerEn: "Departments",
        kpi: false,
        width: 12,
        align: "left",
        breaks: "prose",
      }),
      col({
        id: "description",
        letter: "(C)",
        header: "取組の方針と内容",
        headerEn: "Policy and content",
        kpi: false,
        width: 29,
        align: "left",
        breaks: "paragraph",
      }),
      col({
        id: "activities",
        letter: "(D)",
        header: `${shortYear(fy)}年度取組内容`,
        headerEn: `Activities FY${fy}`,
        kpi: false,
        width: 40,
        align: "left",
        breaks: "paragraph",
      }),
      col({
        id: "kpiName",
        header: "項目",
        headerEn: "Indicator",
        kpi: true,
        width: 20,
        align: "left",
        breaks: "prose",
      }),
      col({
        id: "kpiBaseline",
        header: `当初 (${formatFiscalYearEnd(baselineFy)})`,
        headerEn: `Baseline (end FY${baselineFy})`,
        kpi: true,
        width: 13,
        align: "right",
        breaks: "value",
      }),
      col({
        id: "kpiTarget",
        header: `目標 (${formatFiscalYearEnd(doc.plan.endFiscalYear)})`,
        headerEn: `Target (end FY${doc.plan.endFiscalYear})`,
        kpi: true,
        width: 13,
        align: "right",
        breaks: "value",
      }),
      col({
        id: "kpiCurrent",
        header: `現状値 (${formatFiscalYearEnd(fy)})`,
        headerEn: `Current (end FY${fy})`,
        kpi: true,
        width: 13,
        align: "right",
        breaks: "value",
      }),
      col({
        id: "grade",
        letter: "(F)",
        header: "進捗状況",
        headerEn: "Progress",
        kpi: false,
        width: 10,
        align: "center",
        breaks: "prose",
      }),
      col({
        id: "committeeOpinion",
        letter: "(G)",
        header: "本部会意見",
        headerEn: "Committee opinion",
        kpi: false,
        width: 34,
        align: "left",
        breaks: "paragraph",
      }),
      col({
        id: "nextYearGoal",
        letter: "(H)",
        header: `${shortYear(fy + 1)}年度目標`,
        headerEn: `Goal FY${fy + 1}`,
        kpi: false,
        width: 29,
        align: "left",
        breaks: "paragraph",
      }),
    ],
  };
}

/** "取組項目 (A)" — the header as the seed prints it. */
export function columnLabel(column: Pick<ProgressColumn, "header" | "letter">): string {
  return column.letter ? `${column.header} ${column.letter}` : column.header;
}

/** The grade cell of an initiative not graded this year. */
const NOT_ASSESSED_CELL = "対象外";

/** The text of a non-KPI cell of an initiative row. */
export function initiativeCellText(column: ProgressColumnId, policy: Policy, initiative: Initiative): string {
  switch (column) {
    case "policy":
      return policyLabel(policy);
    case "number":
      return initiativeNumberLabel(initiative);
    case "title":
      return initiative.title;
    case "departments":
      return initiative.departments.join("\n");
    case "description":
      return initiative.description;
    case "activities":
      return initiative.activities;
    case "grade":
      // 対象外 says so, as the page and the PDF do: an empty cell would read as a grade left out.
      return initiative.grade ?? (initiative.notAssessed ? NOT_ASSESSED_CELL : "");
    case "committeeOpinion":
      return initiative.committeeOpinion;
    case "nextYearGoal":
      return initiative.nextYearGoal;
    default:
      return "";
  }
}

/** The text of a KPI sub-cell, exactly as written in the source. */
export function kpiCellText(column: ProgressColumnId, kpi: Kpi): string {
  switch (column) {
    case "kpiName":
      return kpi.label;
    case "kpiBaseline":
      return kpi.baseline.text;
    case "kpiTarget":
      return kpi.target.text;
    case "kpiCurrent":
      return kpi.current.text;
    default:
      return "";
  }
}

export function policyLabel(policy: Pick<Policy, "code" | "title">): string {
  return policy.code ? `${policy.code} ${policy.title}` : policy.title;
}

/** Row layout shared by renderers: an initiative spans one sub-row per KPI (at least one). */
export interface ProgressTableBlock {
  policy: Policy;
  /** Sub-rows the policy cell spans. */
  rowSpan: number;
  initiatives: { initiative: Initiative; rowSpan: number }[];
}

export function progressTableBlocks(doc: Pick<PlanDocument, "policies">): ProgressTableBlock[] {
  return doc.policies.map((policy) => {
    const initiatives = policy.initiatives.map((initiative) => ({
      initiative,
      rowSpan: Math.max(1, initiative.kpis.length),
    }));
    return { policy, rowSpan: initiatives.reduce((n, i) => n + i.rowSpan, 0), initiatives };
  });
}

/** "令和2年3月31日現在"; an unreadable date is printed as stored rather than failing a render. */
export function asOfText(doc: Pick<PlanDocument, "round">): string {
  try {
    return `${formatJapaneseDate(doc.round.asOf, "long")}現在`;
  } catch {
    return `${doc.round.asOf}現在`;
  }
}

/**
 * "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）": the title as
 * printed in the source when the document keeps it, else built from the plan and the report.
 */
export function progressTableTitle(doc: Pick<PlanDocument, "plan" | "round">): string {
  if (doc.round.title) return doc.round.title;
  const period = `${formatFiscalYear(doc.plan.startFiscalYear, "long")}～${formatFiscalYear(doc.plan.endFiscalYear, "long")}`;
  return `${doc.plan.title}（${period}）進行管理集計表（${asOfText(doc)}）`;
}

/** The legend printed above the table, on the default scale. */
export const PROGRESS_LEGEND = "A 順調 B ほぼ順調 C やや遅れ D 停滞";

/** The legend printed above a document's table: its plan's grade scale ("A 順調 B ほぼ順調 …"). */
export function progressLegend(doc: Pick<PlanDocument, "plan">, lang: "ja" | "en" = "ja"): string {
  return gradeLegend(gradeScaleOf(doc.plan), lang, lang === "ja" ? " " : "  ");
}
export const TRANSCRIBED_NOTE = "A・B・C及びE(項目・当初・目標)はアクションプランからの転記項目";
