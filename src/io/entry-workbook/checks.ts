import { DEFAULT_GRADE_SCALE, type Grade, type GradeScale } from "../../domain/grade.ts";
import type { EntryFieldKind } from "./model.ts";

/**
 * What an entered value may be, field by field: the checks an upload applies to every cell the
 * department changed (the entry form's own rules, for the same fields). Pure.
 */
export const ENTRY_TEXT_LIMITS: Record<EntryFieldKind, number> = {
  activities: 10_000,
  kpi: 1_000,
  selfGrade: 20,
  selfGradeReason: 2_000,
  nextYearGoal: 10_000,
};

const FIELD_NAMES: Record<EntryFieldKind, string> = {
  activities: "(D) 取組内容",
  kpi: "現状値",
  selfGrade: "自己評価",
  selfGradeReason: "自己評価の理由",
  nextYearGoal: "(H) 次年度の目標",
};

/** How a typed grade and a scale's codes and labels are compared: NFKC, one space, ○ for 〇, upper case. */
function gradeKey(text: string): string {
  return text
    .normalize("NFKC")
    .trim()
    .replace(/\s+/g, " ")
    .replace(/[\u3007\u25ef]/g, "\u25cb")
    .replace(/[\u2715\u2716]/g, "\u00d7")
    .toUpperCase();
}

/**
 * A grade of the plan's scale as a person types or picks it: 「A」, 「ａ」, 「A 順調」, 「Ａ（順調）」,
 * 「順調」 → "A" on the default scale; 「〇」 → "○" on ◎○△×; "" → null; anything else undefined (not
 * on the scale).
 */
export function readGrade(text: string, scale: GradeScale = DEFAULT_GRADE_SCALE): Grade | null | undefined {
  const typed = gradeKey(text);
  if (typed === "") return null;
  const exact = scale.find((level) => gradeKey(level.code) === typed);
  if (exact) return exact.code;
  // The code, then its label or a note: 「A 順調」「A(順調)」「◎：順調」.
  const withNote = scale.find((level) => {
    const code = gradeKey(level.code);
    return typed.startsWith(code) && /^[ (:]/.test(typed.slice(code.length));
  });
  if (withNote) return withNote.code;
  // The label alone: 「順調」.
  return scale.find((level) => level.label !== "" && gradeKey(level.label) === typed)?.code;
}

/** The codes of a scale as the workbook's messages list them: 「S・A・B・C」. */
export function gradeCodesText(scale: GradeScale): string {
  return scale.map((level) => level.code).join("・");
}

/** Why a value cannot be taken for `field` (Japanese), or undefined when it can. */
export function entryValueProblem(
  field: EntryFieldKind,
  value: string,
  scale: GradeScale = DEFAULT_GRADE_SCALE,
): string | undefined {
  const limit = ENTRY_TEXT_LIMITS[field];
  const length = [...value].length;
  if (field === "selfGrade") {
    return readGrade(value, scale) === undefined
      ? `自己評価「${value.slice(0, 20)}」は、この計画の評価の区分にありません。${gradeCodesText(scale)} のどれかを一覧から選んでください（空欄でもかまいません）。`
      : undefined;
  }
  if (length > limit)
    return `${FIELD_NAMES[field]}は${limit.toLocaleString("ja-JP")}文字以内にしてください（いまは${length.toLocaleString("ja-JP")}文字）。`;
  if (field === "kpi" && value.includes("\n"))
    return "現状値に改行は使えません。1行で書いてください（注記は「(素案)」のように括弧で書けます）。";
  return undefined;
}
