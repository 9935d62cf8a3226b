/**
 * 進捗状況 (F): the committee's grade of an initiative for one fiscal year, on the plan's own scale.
 *
 * A plan grades on a scale of 3 to 6 levels, best first, each with the city's own code and label:
 * the default A 順調 / B ほぼ順調 / C やや遅れ / D 停滞, or S/A/B/C, A–E, ◎○△×, 1–5,
 * 達成/概ね達成/未達成… A grade is the code of one level of its plan's scale.
 */

/** The default scale's codes, in order (A 順調 … D 停滞). */
export const GRADES = ["A", "B", "C", "D"] as const;
/** A grade of the default scale. */
export type DefaultGrade = (typeof GRADES)[number];
/**
 * A grade: the code of one level of the plan's scale ("A"–"D" on the default scale, "S", "◎",
 * "1", "達成"… on a city's own). Checked against the scale with `isGradeOf`.
 */
export type Grade = string;

/** One level of a grade scale. */
export interface GradeLevel {
  /** As the city writes it in column (F): "A", "S", "◎", "1", "達成". At most 8 characters. */
  code: string;
  /** The legend's word for it: "順調", "概ね達成"; may be "" when the code says it all. */
  label: string;
}

/** A plan's grade scale: 3 to 6 levels, best first. */
export type GradeScale = GradeLevel[];

export const GRADE_SCALE_MIN_LEVELS = 3;
export const GRADE_SCALE_MAX_LEVELS = 6;
export const GRADE_CODE_MAX_LENGTH = 8;
export const GRADE_LABEL_MAX_LENGTH = 20;

export const GRADE_LABELS: Record<DefaultGrade, { ja: string; en: string }> = {
  A: { ja: "順調", en: "On track" },
  B: { ja: "ほぼ順調", en: "Mostly on track" },
  C: { ja: "やや遅れ", en: "Slightly behind" },
  D: { ja: "停滞", en: "Stalled" },
};

/** A 順調 / B ほぼ順調 / C やや遅れ / D 停滞: the scale of a plan that names none. */
export const DEFAULT_GRADE_SCALE: GradeScale = Object.freeze(
  GRADES.map((code) => Object.freeze({ code, label: GRADE_LABELS[code].ja })),
) as GradeScale;

/** Whether `value` is a grade of the default scale (A–D, upper case). */
export function isGrade(value: string): value is DefaultGrade {
  return (GRADES as readonly string[]).includes(value);
}

/** Whether `value` is the code of a level of `scale`. */
export function isGradeOf(scale: GradeScale, value: string): boolean {
  return scale.some((level) => level.code === value);
}

/** Whether the scale is the default one (same codes and labels in the same order). */
export function isDefaultGradeScale(scale: GradeScale): boolean {
  return (
    scale.length === DEFAULT_GRADE_SCALE.length &&
    scale.every(
      (level, i) =>
        level.code === DEFAULT_GRADE_SCALE[i]?.code && level.label === DEFAULT_GRADE_SCALE[i]?.label,
    )
  );
}

/** The scale a plan (or its document) grades on: its own, or the default. */
export function gradeScaleOf(plan: { gradeScale?: GradeScale | null | undefined }): GradeScale {
  return plan.gradeScale && plan.gradeScale.length > 0 ? plan.gradeScale : DEFAULT_GRADE_SCALE;
}

/**
 * The label of a grade, in the reader's language: the default scale has English words; a city's
 * own labels are its own text and stay as written. "" for a code the scale does not hold.
 */
export function gradeLabel(scale: GradeScale, code: string, lang: "ja" | "en" = "ja"): string {
  const level = scale.find((l) => l.code === code);
  if (!level) return "";
  if (lang === "en" && isGrade(code) && level.label === GRADE_LABELS[code].ja) return GRADE_LABELS[code].en;
  return level.label;
}

/** "B ほぼ順調" ("B" alone when the level has no label). */
export function gradeWithLabel(scale: GradeScale, code: string, lang: "ja" | "en" = "ja"): string {
  const label = gradeLabel(scale, code, lang);
  return label === "" ? code : `${code} ${label}`;
}

/** The legend as printed under the table: "A 順調 B ほぼ順調 C やや遅れ D 停滞". */
export function gradeLegend(scale: GradeScale, lang: "ja" | "en" = "ja", separator = " "): string {
  return scale.map((level) => gradeWithLabel(scale, level.code, lang)).join(separator);
}

export type GradeScaleProblem =
  | { kind: "levels"; count: number }
  | { kind: "code-empty"; index: number }
  | { kind: "code-long"; index: number }
  | { kind: "label-long"; index: number }
  | { kind: "code-duplicate"; index: number; code: string };

/** What is wrong with a scale, if anything: 3–6 levels, codes present, short and distinct. */
export function gradeScaleProblems(scale: readonly GradeLevel[]): GradeScaleProblem[] {
  const problems: GradeScaleProblem[] = [];
  if (scale.length < GRADE_SCALE_MIN_LEVELS || scale.length > GRADE_SCALE_MAX_LEVELS)
    problems.push({ kind: "levels", count: scale.length });
  const seen = new Set<string>();
  scale.forEach((level, index) => {
    if (level.code.trim() === "") problems.push({ kind: "code-empty", index });
    else if ([...level.code].length > GRADE_CODE_MAX_LENGTH) problems.push({ kind: "code-long", index });
    else if (seen.has(level.code)) problems.push({ kind: "code-duplicate", index, code: level.code });
    if ([...level.label].length > GRADE_LABEL_MAX_LENGTH) problems.push({ kind: "label-long", index });
    seen.add(level.code);
  });
  return problems;
}

/**
 * 本部会評価: how many initiatives received each grade, by code, in the scale's order
 * ({ A: 8, B: 10, C: 5, D: 1 } on the default scale). A code missing from a summary counts 0.
 */
export type GradeSummary = Record<string, number>;

export function emptyGradeSummary(scale: GradeScale = DEFAULT_GRADE_SCALE): GradeSummary {
  const summary: GradeSummary = {};
  for (const level of scale) summary[level.code] = 0;
  return summary;
}

/** The count of one grade (0 when the summary does not name it). */
export function gradeCount(summary: GradeSummary, code: string): number {
  return Object.hasOwn(summary, code) ? (summary[code] ?? 0) : 0;
}

/**
 * Counts grades on the scale; ungraded items (null) are not counted, so the total may be below the
 * item count. A code outside the scale is counted under its own key, after the scale's.
 */
export function summarizeGrades(
  grades: Iterable<Grade | null | undefined>,
  scale: GradeScale = DEFAULT_GRADE_SCALE,
): GradeSummary {
  const summary = emptyGradeSummary(scale);
  for (const grade of grades) if (grade) summary[grade] = gradeCount(summary, grade) + 1;
  return summary;
}

export function gradeSummaryTotal(summary: GradeSummary): number {
  return Object.values(summary).reduce((n, count) => n + count, 0);
}

export function gradeSummariesEqual(a: GradeSummary, b: GradeSummary): boolean {
  const codes = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...codes].every((code) => gradeCount(a, code) === gradeCount(b, code));
}

/** Share of each grade in [0, 1]; all zero when nothing is graded (never NaN). */
export function gradeShares(summary: GradeSummary): GradeSummary {
  const total = gradeSummaryTotal(summary);
  const shares: GradeSummary = {};
  for (const [code, count] of Object.entries(summary)) shares[code] = total === 0 ? 0 : count / total;
  return shares;
}
