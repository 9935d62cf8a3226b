import { type Diagnostic, type MessageCatalog, makeDiagnostic } from "./diagnostic.ts";
import { GRADES, type GradeSummary, gradeSummariesEqual, summarizeGrades } from "./grade.ts";
import type { PlanDocument } from "./plan-document.ts";

/** 本部会評価 counted over a whole plan document, and per 基本方針. */
export interface DocumentGradeSummary {
  total: GradeSummary;
  byPolicy: { code: string; title: string; summary: GradeSummary }[];
  /** Initiatives without a grade (not counted in any summary). */
  ungraded: number;
}

export function summarizeDocument(doc: Pick<PlanDocument, "policies">): DocumentGradeSummary {
  const byPolicy = doc.policies.map((policy) => ({
    code: policy.code,
    title: policy.title,
    summary: summarizeGrades(policy.initiatives.map((initiative) => initiative.grade)),
  }));
  const initiatives = doc.policies.flatMap((policy) => policy.initiatives);
  return {
    total: summarizeGrades(initiatives.map((initiative) => initiative.grade)),
    byPolicy,
    ungraded: initiatives.filter((initiative) => initiative.grade === null).length,
  };
}

/** "A 8・B 10・C 5・D 1" (ja) / "A 8, B 10, C 5, D 1" (en). */
export function formatGradeSummary(summary: GradeSummary, locale: "ja" | "en" = "ja"): string {
  return GRADES.map((g) => `${g} ${summary[g]}`).join(locale === "ja" ? "・" : ", ");
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
export function checkDeclaredSummary(declared: GradeSummary, counted: GradeSummary): Diagnostic | undefined {
  if (gradeSummariesEqual(declared, counted)) return undefined;
  const params = {
    declared: formatGradeSummary(declared),
    counted: formatGradeSummary(counted),
    declaredEn: formatGradeSummary(declared, "en"),
    countedEn: formatGradeSummary(counted, "en"),
  };
  return makeDiagnostic(GRADE_SUMMARY_MESSAGES, "grade-summary.mismatch", params, {
    field: "declaredGradeSummary",
  });
}
