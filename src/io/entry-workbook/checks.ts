import { GRADES, type Grade } from "../../domain/grade.ts";
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

/**
 * A grade as a person types or picks it: 「A」, 「ａ」, 「A 順調」, 「Ａ（順調）」 → "A"; "" → null;
 * anything else undefined (not in the scale).
 */
export function readGrade(text: string): Grade | null | undefined {
  const normalized = text.normalize("NFKC").trim().toUpperCase();
  if (normalized === "") return null;
  const letter = /^([A-Z])(?=$|[\s(（:：])/.exec(normalized)?.[1];
  return GRADES.find((g) => g === letter);
}

/** Why a value cannot be taken for `field` (Japanese), or undefined when it can. */
export function entryValueProblem(field: EntryFieldKind, value: string): string | undefined {
  const limit = ENTRY_TEXT_LIMITS[field];
  const length = [...value].length;
  if (field === "selfGrade") {
    return readGrade(value) === undefined
      ? `自己評価「${value.slice(0, 20)}」は、A・B・C・D のどれかにしてください（空欄でもかまいません）。`
      : undefined;
  }
  if (length > limit)
    return `${FIELD_NAMES[field]}は${limit.toLocaleString("ja-JP")}文字以内にしてください（いまは${length.toLocaleString("ja-JP")}文字）。`;
  if (field === "kpi" && value.includes("\n"))
    return "現状値に改行は使えません。1行で書いてください（注記は「(素案)」のように括弧で書けます）。";
  return undefined;
}
