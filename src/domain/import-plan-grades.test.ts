import { describe, expect, it } from "vitest";
import { buildPlanDocument } from "../../test/factories/plan-document.ts";
import { DEFAULT_GRADE_SCALE, type GradeScale } from "./grade.ts";
import { importPlanGradeFindings, sameGradeScale } from "./import-plan-grades.ts";

const S_SCALE: GradeScale = [
  { code: "S", label: "達成" },
  { code: "A", label: "概ね達成" },
  { code: "B", label: "やや遅れ" },
  { code: "C", label: "未達成" },
];
const TITLE = "行政改革後期アクションプラン";

describe("an imported table against the stored plan's grades", () => {
  it("compares scales by codes and labels in order", () => {
    expect(sameGradeScale(S_SCALE, [...S_SCALE])).toBe(true);
    expect(sameGradeScale(S_SCALE, [...S_SCALE].reverse())).toBe(false);
    expect(
      sameGradeScale(S_SCALE, [{ ...S_SCALE[0], label: "達成した" } as never, ...S_SCALE.slice(1)]),
    ).toBe(false);
    expect(sameGradeScale(S_SCALE, S_SCALE.slice(0, 3))).toBe(false);
  });

  it("finds nothing for a table on the plan's own scale, named or not", () => {
    const plain = buildPlanDocument();
    expect(
      importPlanGradeFindings(plain, {
        title: TITLE,
        gradeScale: DEFAULT_GRADE_SCALE,
        notAssessedAllowed: true,
      }),
    ).toEqual([]);
    plain.plan.gradeScale = [...DEFAULT_GRADE_SCALE];
    expect(
      importPlanGradeFindings(plain, {
        title: TITLE,
        gradeScale: DEFAULT_GRADE_SCALE,
        notAssessedAllowed: false,
      }),
    ).toEqual([]);
  });

  it("refuses a named scale other than the plan's once, for the whole file", () => {
    const document = buildPlanDocument();
    document.plan.gradeScale = S_SCALE;
    const findings = importPlanGradeFindings(document, {
      title: TITLE,
      gradeScale: DEFAULT_GRADE_SCALE,
      notAssessedAllowed: true,
    });
    expect(findings.map((f) => [f.severity, f.code, f.field])).toEqual([
      ["error", "plan.grade-scale-differs", "plan.gradeScale"],
    ]);
    expect(findings[0]?.message).toBe(
      "このファイルの評価の区分（S・A・B・C）は、計画「行政改革後期アクションプラン」の評価の区分（A・B・C・D）と違います。取込で計画の評価の区分は変えません。区分を変えるときは、先に計画の設定で評価の区分を変えてから、もう一度取り込んでください。",
    );
  });

  it("refuses each grade off the plan's scale and each 対象外 the plan does not allow, at the grade's place", () => {
    // Factory FY2019: No.1–4 graded B, A, C, D; No.5 ungraded, here 対象外.
    const document = buildPlanDocument();
    const fifth = document.policies.flatMap((p) => p.initiatives)[4];
    if (fifth) fifth.notAssessed = true;
    const places: Record<string, { line: number }> = {
      "policies[1].initiatives[2].grade": { line: 40 },
    };
    const findings = importPlanGradeFindings(
      document,
      { title: TITLE, gradeScale: S_SCALE, notAssessedAllowed: false },
      (field) => places[field],
    );
    expect(findings.map((f) => [f.code, f.field, f.line])).toEqual([
      ["plan.grade-not-on-scale", "policies[1].initiatives[1].grade", undefined],
      ["plan.not-assessed-refused", "policies[1].initiatives[2].grade", 40],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      "取組項目 No.4の進捗状況「D」は、計画「行政改革後期アクションプラン」の評価の区分（S・A・B・C）にありません。ファイルの進捗状況を S・A・B・C のどれかに直してから、もう一度取り込んでください。",
      "取組項目 No.5の進捗状況は「対象外」ですが、計画「行政改革後期アクションプラン」では対象外を認めていません。ファイルの進捗状況を S・A・B・C のどれかにするか、計画の設定で「評価しない取組項目（対象外）を認める」を選んでから、もう一度取り込んでください。",
    ]);
  });
});
