import { computeAchievement } from "../domain/achievement.ts";
import { formatFiscalYear } from "../domain/era.ts";
import { GRADE_LABELS } from "../domain/grade.ts";
import type { KpiValue } from "../domain/kpi-value.ts";
import type { Initiative, Kpi, PlanDocument } from "../domain/plan-document.ts";
import { policyLabel } from "./progress-table-columns.ts";

/**
 * The flat row model of a plan document: one row per initiative × KPI (an initiative without KPIs
 * gives one row with empty KPI cells). The CSV open-data export and the xlsx analysis sheet share it,
 * so the two cannot disagree on a header or a number.
 */
/** The columns that come from the KPI; the others come from the initiative and the report. */
type KpiColumnId =
  | "kpiName"
  | "relisted"
  | "baseline"
  | "target"
  | "current"
  | "unit"
  | "baselineNumber"
  | "targetNumber"
  | "currentNumber"
  | "achievement";

export type KpiRowColumnId =
  | "policy"
  | "number"
  | "title"
  | "departments"
  | "description"
  | "activities"
  | KpiColumnId
  | "grade"
  | "gradeLabel"
  | "committeeOpinion"
  | "nextYearGoal"
  | "fiscalYear"
  | "asOf";

/**
 * `text` cells are written as text; `number` cells hold a number or nothing; `ratio` holds the
 * achievement as a ratio (1 = target reached), shown as a percentage.
 */
export type KpiRowCellType = "text" | "integer" | "number" | "ratio";

export interface KpiRowColumn {
  id: KpiRowColumnId;
  header: string;
  headerEn: string;
  type: KpiRowCellType;
  /** Character width in the xlsx analysis sheet. */
  width: number;
}

export const KPI_ROW_COLUMNS: readonly KpiRowColumn[] = [
  { id: "policy", header: "基本方針", headerEn: "Basic policy", type: "text", width: 24 },
  { id: "number", header: "No.", headerEn: "No.", type: "integer", width: 6 },
  { id: "title", header: "取組項目", headerEn: "Initiative", type: "text", width: 24 },
  { id: "departments", header: "関係課", headerEn: "Departments", type: "text", width: 18 },
  { id: "description", header: "取組の方針と内容", headerEn: "Policy and content", type: "text", width: 30 },
  { id: "activities", header: "取組内容", headerEn: "Activities", type: "text", width: 30 },
  { id: "kpiName", header: "項目", headerEn: "Indicator", type: "text", width: 30 },
  { id: "relisted", header: "再掲", headerEn: "Relisted", type: "text", width: 6 },
  { id: "baseline", header: "当初", headerEn: "Baseline", type: "text", width: 14 },
  { id: "target", header: "目標", headerEn: "Target", type: "text", width: 14 },
  { id: "current", header: "現状値", headerEn: "Current", type: "text", width: 14 },
  { id: "unit", header: "単位", headerEn: "Unit", type: "text", width: 8 },
  { id: "baselineNumber", header: "当初(数値)", headerEn: "Baseline (number)", type: "number", width: 14 },
  { id: "targetNumber", header: "目標(数値)", headerEn: "Target (number)", type: "number", width: 14 },
  { id: "currentNumber", header: "現状値(数値)", headerEn: "Current (number)", type: "number", width: 14 },
  { id: "achievement", header: "達成率", headerEn: "Achievement", type: "ratio", width: 10 },
  { id: "grade", header: "進捗状況", headerEn: "Progress", type: "text", width: 8 },
  { id: "gradeLabel", header: "進捗状況(名称)", headerEn: "Progress (label)", type: "text", width: 12 },
  { id: "committeeOpinion", header: "本部会意見", headerEn: "Committee opinion", type: "text", width: 30 },
  { id: "nextYearGoal", header: "次年度目標", headerEn: "Next year's goal", type: "text", width: 30 },
  { id: "fiscalYear", header: "年度", headerEn: "Fiscal year", type: "text", width: 12 },
  { id: "asOf", header: "現在", headerEn: "As of", type: "text", width: 12 },
];

export type KpiRowValue = string | number | null;
export type KpiRow = Record<KpiRowColumnId, KpiRowValue>;

/** Marks a 再掲 KPI in the 再掲 column. */
export const RELISTED_MARK = "○";
/** Joins 関係課 in one cell; department names never contain it. */
export const DEPARTMENT_JOINER = "、";

/**
 * The number a KPI value stands for in the numeric columns: money in yen (76,006千円 → 76006000), a
 * percentage as its number (5.7% → 5.7), a quantity or a bound (30%以上) as written; null for stages,
 * directions, relative bounds, unreadable text and no value.
 */
export function kpiNumber(value: KpiValue): number | null {
  if (value.kind === "money") return finite(value.yen);
  if (value.kind === "quantity" || value.kind === "bound") return finite(value.value);
  return null;
}

function finite(n: number | undefined): number | null {
  return n !== undefined && Number.isFinite(n) ? n : null;
}

/**
 * The unit of the numeric columns: 円 when any value is money (they are converted to yen), else the
 * first written unit of target, baseline, current (the target names what is measured).
 */
export function kpiUnit(kpi: Pick<Kpi, "baseline" | "target" | "current">): string {
  const values = [kpi.target, kpi.baseline, kpi.current];
  if (values.some((v) => v.kind === "money")) return "円";
  for (const v of values) if ((v.kind === "quantity" || v.kind === "bound") && v.unit) return v.unit;
  return "";
}

function initiativeCells(
  doc: PlanDocument,
  policy: string,
  initiative: Initiative,
): Omit<KpiRow, KpiColumnId> {
  return {
    policy,
    number: initiative.number,
    title: initiative.title,
    departments: initiative.departments.join(DEPARTMENT_JOINER),
    description: initiative.description,
    activities: initiative.activities,
    grade: initiative.grade ?? "",
    gradeLabel: initiative.grade ? GRADE_LABELS[initiative.grade].ja : "",
    committeeOpinion: initiative.committeeOpinion,
    nextYearGoal: initiative.nextYearGoal,
    fiscalYear: formatFiscalYear(doc.round.fiscalYear, "long"),
    asOf: doc.round.asOf,
  };
}

function kpiCells(kpi: Kpi | undefined) {
  if (!kpi) {
    return {
      kpiName: "",
      relisted: "",
      baseline: "",
      target: "",
      current: "",
      unit: "",
      baselineNumber: null,
      targetNumber: null,
      currentNumber: null,
      achievement: null,
    };
  }
  const achievement = computeAchievement(kpi);
  return {
    // As printed, 再掲 marker included: texts are exported verbatim (the 再掲 column repeats the mark).
    kpiName: kpi.label,
    relisted: kpi.relisted ? RELISTED_MARK : "",
    baseline: kpi.baseline.text,
    target: kpi.target.text,
    current: kpi.current.text,
    unit: kpiUnit(kpi),
    baselineNumber: kpiNumber(kpi.baseline),
    targetNumber: kpiNumber(kpi.target),
    currentNumber: kpiNumber(kpi.current),
    achievement: achievement.computable ? achievement.ratio : null,
  };
}

export function kpiRows(doc: PlanDocument): KpiRow[] {
  const rows: KpiRow[] = [];
  for (const policy of doc.policies) {
    const label = policyLabel(policy);
    for (const initiative of policy.initiatives) {
      const common = initiativeCells(doc, label, initiative);
      const kpis: (Kpi | undefined)[] = initiative.kpis.length > 0 ? initiative.kpis : [undefined];
      for (const kpi of kpis) rows.push({ ...common, ...kpiCells(kpi) });
    }
  }
  return rows;
}

/** Header cells in column order. */
export function kpiRowHeaders(locale: "ja" | "en" = "ja"): string[] {
  return KPI_ROW_COLUMNS.map((c) => (locale === "ja" ? c.header : c.headerEn));
}
