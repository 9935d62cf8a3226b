import type { Diagnostic } from "./diagnostic.ts";
import { type GradeScale, isGradeOf } from "./grade.ts";
import type { SourcePlace } from "./import-departments.ts";
import { initiativeNumberLabel } from "./initiative-number.ts";
import type { PlanDocument } from "./plan-document.ts";

/**
 * An imported table against the grades of the plan it goes into, when that plan exists already
 * (pure: the preview and `shinchoku import` show these findings, the store's import refuses the same).
 * The plan's settings are the secretariat's, made in the plan editor, and an import never changes
 * them behind its back:
 *
 * - A file naming no scale of its own (A–D read as written, or a mapping without `grades`) keeps
 *   the plan's scale; its grades must then be on that scale.
 * - A file naming a scale other than the plan's is refused: the scale is changed in the plan's
 *   settings first.
 * - 対象外 is refused where the plan does not allow it, on each initiative that says it.
 *
 * A new plan (none stored yet) takes the file's scale and allows 対象外, as the plan editor starts.
 */

export interface StoredPlanGrades {
  title: string;
  gradeScale: GradeScale;
  notAssessedAllowed: boolean;
}

/** Whether two scales are the same: the same codes and labels in the same order. */
export function sameGradeScale(a: GradeScale, b: GradeScale): boolean {
  return (
    a.length === b.length && a.every((level, i) => level.code === b[i]?.code && level.label === b[i]?.label)
  );
}

const codes = (scale: GradeScale) => scale.map((level) => level.code).join("・");
const codesEn = (scale: GradeScale) => scale.map((level) => level.code).join(", ");

export const planGradeFindingText = {
  scaleDiffers: (p: { title: string; file: GradeScale; plan: GradeScale }) => ({
    ja: `このファイルの評価の区分（${codes(p.file)}）は、計画「${p.title}」の評価の区分（${codes(p.plan)}）と違います。取込で計画の評価の区分は変えません。区分を変えるときは、先に計画の設定で評価の区分を変えてから、もう一度取り込んでください。`,
    en: `This file's grade scale (${codesEn(p.file)}) differs from the scale of plan “${p.title}” (${codesEn(p.plan)}). An import does not change a plan's scale: change it in the plan's settings first, then import again.`,
  }),
  gradeNotOnScale: (p: { number: string; grade: string; title: string; plan: GradeScale }) => ({
    ja: `取組項目 No.${p.number}の進捗状況「${p.grade}」は、計画「${p.title}」の評価の区分（${codes(p.plan)}）にありません。ファイルの進捗状況を ${codes(p.plan)} のどれかに直してから、もう一度取り込んでください。`,
    en: `Grade “${p.grade}” of No.${p.number} is not on the scale of plan “${p.title}” (${codesEn(p.plan)}). Change it in the file to one of ${codesEn(p.plan)}, then import again.`,
  }),
  notAssessedRefused: (p: { number: string; title: string; plan: GradeScale }) => ({
    ja: `取組項目 No.${p.number}の進捗状況は「対象外」ですが、計画「${p.title}」では対象外を認めていません。ファイルの進捗状況を ${codes(p.plan)} のどれかにするか、計画の設定で「評価しない取組項目（対象外）を認める」を選んでから、もう一度取り込んでください。`,
    en: `No.${p.number} is “not assessed” (対象外), but plan “${p.title}” does not allow it. Give it one of ${codesEn(p.plan)} in the file, or allow 対象外 in the plan's settings, then import again.`,
  }),
};

/**
 * The errors of importing `document` into the stored plan: a scale other than the plan's, a grade
 * not on the plan's scale, 対象外 where the plan does not allow it. `place` says where an
 * initiative's grade cell (`policies[p].initiatives[i].grade`) is in the file, when known.
 */
export function importPlanGradeFindings(
  document: PlanDocument,
  plan: StoredPlanGrades,
  place: (field: string) => SourcePlace | undefined = () => undefined,
): Diagnostic[] {
  const own = document.plan.gradeScale;
  if (own !== undefined && own.length > 0 && !sameGradeScale(own, plan.gradeScale)) {
    const text = planGradeFindingText.scaleDiffers({ title: plan.title, file: own, plan: plan.gradeScale });
    return [
      {
        severity: "error",
        code: "plan.grade-scale-differs",
        message: text.ja,
        messageEn: text.en,
        field: "plan.gradeScale",
      },
    ];
  }
  const findings: Diagnostic[] = [];
  document.policies.forEach((policy, p) => {
    policy.initiatives.forEach((initiative, i) => {
      const field = `policies[${p}].initiatives[${i}].grade`;
      const number = initiativeNumberLabel(initiative);
      let text: { ja: string; en: string } | undefined;
      let code = "";
      if (initiative.notAssessed === true && !plan.notAssessedAllowed) {
        text = planGradeFindingText.notAssessedRefused({ number, title: plan.title, plan: plan.gradeScale });
        code = "plan.not-assessed-refused";
      } else if (initiative.grade !== null && !isGradeOf(plan.gradeScale, initiative.grade)) {
        text = planGradeFindingText.gradeNotOnScale({
          number,
          grade: initiative.grade,
          title: plan.title,
          plan: plan.gradeScale,
        });
        code = "plan.grade-not-on-scale";
      }
      if (text)
        findings.push({
          severity: "error",
          code,
          message: text.ja,
          messageEn: text.en,
          ...place(field),
          field,
        });
    });
  });
  return findings;
}
