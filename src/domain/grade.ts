/** 進捗状況 (F): the committee's grade of an initiative for one fiscal year. */
export const GRADES = ["A", "B", "C", "D"] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, { ja: string; en: string }> = {
  A: { ja: "順調", en: "On track" },
  B: { ja: "ほぼ順調", en: "Mostly on track" },
  C: { ja: "やや遅れ", en: "Slightly behind" },
  D: { ja: "停滞", en: "Stalled" },
};

export function isGrade(value: string): value is Grade {
  return (GRADES as readonly string[]).includes(value);
}

/** 本部会評価: how many initiatives received each grade. */
export interface GradeSummary {
  A: number;
  B: number;
  C: number;
  D: number;
}

export function emptyGradeSummary(): GradeSummary {
  return { A: 0, B: 0, C: 0, D: 0 };
}

/** Counts grades; ungraded items (null) are not counted, so the total may be below the item count. */
export function summarizeGrades(grades: Iterable<Grade | null | undefined>): GradeSummary {
  const summary = emptyGradeSummary();
  for (const grade of grades) if (grade) summary[grade] += 1;
  return summary;
}

export function gradeSummaryTotal(summary: GradeSummary): number {
  return summary.A + summary.B + summary.C + summary.D;
}

export function gradeSummariesEqual(a: GradeSummary, b: GradeSummary): boolean {
  return GRADES.every((g) => a[g] === b[g]);
}

/** Share of each grade in [0, 1]; all zero when nothing is graded (never NaN). */
export function gradeShares(summary: GradeSummary): GradeSummary {
  const total = gradeSummaryTotal(summary);
  if (total === 0) return emptyGradeSummary();
  return { A: summary.A / total, B: summary.B / total, C: summary.C / total, D: summary.D / total };
}
