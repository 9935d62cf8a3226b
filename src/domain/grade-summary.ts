import { type Diagnostic, type MessageCatalog, makeDiagnostic } from "./diagnostic.ts";
import {
  DEFAULT_GRADE_SCALE,
  type GradeScale,
  type GradeSummary,
  gradeScaleOf,
  gradeSummariesEqual,
  summarizeGrades,
} from "./grade.ts";
import type { PlanDocument } from "./plan-document.ts";

/** 本部会評価 counted over a whole plan document, and per 基本方針. */
export interface DocumentGradeSummary {
  total: GradeSummary;
  byPolicy: { code: string; title: string; summary: GradeSummary }[];
  /** Initiatives to be graded that have no grade yet (not counted in any summary). */
  ungraded: number;
  /** 評価対象項目: initiatives assessed this year (graded or still to be). */
  assessed: number;
  /** 対象外項目: initiatives not graded this year by decision (not counted in any summary). */
  notAssessed: number;
  /** The scale the grades are on. */
  scale: GradeScale;
}

export function summarizeDocument(
  doc: Pick<PlanDocument, "policies"> & { plan?: PlanDocument["plan"] },
): DocumentGradeSummary {
  const scale = doc.plan ? gradeScaleOf(doc.plan) : DEFAULT_GRADE_SCALE;
  const byPolicy = doc.policies.map((policy) => ({
    code: policy.code,
    title: policy.title,
    summary: summarizeGrades(
      policy.initiatives.map((initiative) => initiative.grade),
      scale,
    ),
  }));
  const initiatives = doc.policies.flatMap((policy) => policy.initiatives);
  const notAssessed = initiatives.filter((initiative) => initiative.notAssessed === true).length;
  return {
    total: summarizeGrades(
      initiatives.map((initiative) => initiative.grade),
      scale,
    ),
    byPolicy,
    ungraded: initiatives.filter((initiative) => initiative.grade === null && initiative.notAssessed !== true)
      .length,
    assessed: initiatives.length - notAssessed,
    notAssessed,
    scale,
  };
}

/** The codes of a summary: the scale's, in order, then any other the summary holds. */
export function summaryCodes(summary: GradeSummary, scale: GradeScale = DEFAULT_GRADE_SCALE): string[] {
  const codes = scale.map((level) => level.code);
  for (const code of Object.keys(summary)) if (!codes.includes(code)) codes.push(code);
  return codes;
}

/** "A 8・B 10・C 5・D 1" (ja) / "A 8, B 10, C 5, D 1" (en). */
export function formatGradeSummary(
  summary: GradeSummary,
  locale: "ja" | "en" = "ja",
  scale: GradeScale = DEFAULT_GRADE_SCALE,
): string {
  return summaryCodes(summary, scale)
    .map((g) => `${g} ${summary[g] ?? 0}`)
    .join(locale === "ja" ? "・" : ", ");
}

type GradeSummaryCode = "grade-summary.mismatch";

export const GRADE_SUMMARY_MESSAGES: MessageCatalog<GradeSummaryCode> = {
  "grade-summary.mismatch": {
    severity: "error",
    ja: (p) => `本部会評価の集計（${p.declared}）が各取組項目の進捗状況の集計（${p.counted}）と一致しません`,
    en: (p) =>
      `The committee's grade summary (${p.declaredEn}) does not match the grades of the initiatives (${p.countedEn})`,
  },
};

/**
 * Compares the summary printed in the source (本部会評価 8 10 5 1) with the grades counted from the
 * initiatives. A difference is an error: the published table would contradict itself.
 */
export function checkDeclaredSummary(
  declared: GradeSummary,
  counted: GradeSummary,
  scale: GradeScale = DEFAULT_GRADE_SCALE,
): Diagnostic | undefined {
  if (gradeSummariesEqual(declared, counted)) return undefined;
  const params = {
    declared: formatGradeSummary(declared, "ja", scale),
    counted: formatGradeSummary(counted, "ja", scale),
    declaredEn: formatGradeSummary(declared, "en", scale),
    countedEn: formatGradeSummary(counted, "en", scale),
  };
  return makeDiagnostic(GRADE_SUMMARY_MESSAGES, "grade-summary.mismatch", params, {
    field: "declaredGradeSummary",
  });
}
