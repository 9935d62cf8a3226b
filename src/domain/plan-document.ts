import type { Diagnostic } from "./diagnostic.ts";
import type { Grade, GradeLevel, GradeSummary } from "./grade.ts";
import type { KpiValue } from "./kpi-value.ts";

/**
 * The plan document: the interchange format of the whole product (importers produce it, the store
 * saves and rebuilds it, exporters and pages render it). Documented in docs/plan-document.md.
 * One document = one plan as reported for one fiscal year (one reporting round).
 */
export const PLAN_DOCUMENT_FORMAT = "shinchoku.plan/v2";
/** The first format, read on import: the same document with `round` named `report`. */
export const PLAN_DOCUMENT_FORMAT_V1 = "shinchoku.plan/v1";

export interface PlanDocument {
  format: typeof PLAN_DOCUMENT_FORMAT;
  /** The municipality, when the source names it. */
  organization?: {
    name: string;
    /** 全国地方公共団体コード: six digits with the check digit (坂戸市 112399). */
    localGovernmentCode?: string;
  };
  plan: {
    /** 行政改革後期アクションプラン */
    title: string;
    /** First fiscal year of the plan period (西暦 start year: 平成29年度 → 2017). */
    startFiscalYear: number;
    /** Last fiscal year of the plan period (令和3年度 → 2021). */
    endFiscalYear: number;
    /** Fiscal year whose end is the baseline point (当初 (H27末) → 2015). */
    baselineFiscalYear?: number;
    /**
     * The plan's grade scale (3–6 levels, best first), when it is not the default
     * A 順調 / B ほぼ順調 / C やや遅れ / D 停滞 (absent = the default).
     */
    gradeScale?: GradeLevel[];
  };
  /** The reporting round (年度の進行管理) the document is the table of. */
  round: {
    /** The reported fiscal year (R1年度 → 2019). */
    fiscalYear: number;
    /** The date the table describes, ISO yyyy-mm-dd (令和2年3月31日現在 → 2020-03-31). */
    asOf: string;
    /** The table's title line as printed, verbatim. */
    title?: string;
  };
  policies: Policy[];
  /** Grades counted from the initiatives, by code in the scale's order. */
  gradeSummary: GradeSummary;
  /** The summary printed in the source (本部会評価 8 10 5 1), when there was one. */
  declaredGradeSummary?: GradeSummary;
  diagnostics: Diagnostic[];
}

/** 基本方針 */
export interface Policy {
  /** "(ア)" as written; "" when the source gives none. */
  code: string;
  /** "市民と行政との協働体制の確立" */
  title: string;
  initiatives: Initiative[];
}

/** 取組項目 with its report for the document's fiscal year. */
export interface Initiative {
  /**
   * No.: the initiative's key, a whole number unique in the plan (its address, the first part of its
   * KPIs' keys, what 再掲 links name). The number as written when the city writes 1, 2, 3….
   */
  number: number;
  /**
   * The No. as the city writes it, when it is not the key itself: "1-2", "(1)-①", "No.R1-1" (absent:
   * `number` is what is written). Pages and exports show it; src/domain/initiative-number.ts orders it.
   */
  numberText?: string;
  /** (A) 取組項目 */
  title: string;
  /** (B) 関係課, in order; the first leads. `関係各課` is kept as written. */
  departments: string[];
  /** (C) 取組の方針と内容 */
  description: string;
  /** (D) this fiscal year's activities (R1年度取組内容) */
  activities: string;
  /** (F) 進捗状況: the code of a level of the plan's scale; null when not (yet) graded. */
  grade: Grade | null;
  /**
   * 対象外: not graded this year by decision (grade null), counted apart from the graded items
   * in the summary. Absent when the initiative is assessed.
   */
  notAssessed?: true;
  /** (G) 本部会意見 */
  committeeOpinion: string;
  /** (H) next fiscal year's goal (R2年度目標) */
  nextYearGoal: string;
  /** (E) 数値目標等 */
  kpis: Kpi[];
}

export interface Kpi {
  /** Unique within the document: "<initiative number>-<1-based position>", e.g. "6-2". */
  key: string;
  /** The indicator's name without the 再掲 marker. */
  name: string;
  /** The 項目 cell exactly as written, marker included: "北坂戸にぎわいサロンの利用者数(再掲)". */
  label: string;
  /** Listed again here (再掲); `relistOf` names the KPI it repeats when it was found. */
  relisted: boolean;
  /** Key of the original KPI, e.g. "1-3". */
  relistOf?: string;
  /** 当初 */
  baseline: KpiValue;
  /** 目標 */
  target: KpiValue;
  /** 現状値 at the end of the reported fiscal year */
  current: KpiValue;
}
