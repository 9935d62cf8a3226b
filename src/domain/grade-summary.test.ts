import { describe, expect, it } from "vitest";
import { DEFAULT_GRADE_SCALE, type Grade } from "./grade.ts";
import { checkDeclaredSummary, formatGradeSummary, summarizeDocument } from "./grade-summary.ts";
import type { Initiative, PlanDocument, Policy } from "./plan-document.ts";

function initiative(number: number, grade: Grade | null): Initiative {
  return {
    number,
    title: `取組${number}`,
    departments: [],
    description: "",
    activities: "",
    grade,
    committeeOpinion: "",
    nextYearGoal: "",
    kpis: [],
  };
}

function policy(code: string, title: string, grades: string, firstNumber: number): Policy {
  return {
    code,
    title,
    initiatives: grades.split("").map((g, i) => initiative(firstNumber + i, g === "-" ? null : (g as Grade))),
  };
}

// The seed's column (F) grouped by 基本方針, read by hand from test/fixtures/sakado-fy2019.txt:
// (ア) items 1–7, (イ) items 8–19, (ウ) items 20–24.
const seed: Pick<PlanDocument, "policies"> = {
  policies: [
    policy("(ア)", "市民と行政との協働体制の確立", "BCAACDC", 1),
    policy("(イ)", "効率的な自治体運営", "ABBCAABBABBB", 8),
    policy("(ウ)", "市民満足度の向上", "ABABC", 20),
  ],
};

describe("summarizeDocument", () => {
  it("counts the seed as 本部会評価 8 10 5 1", () => {
    const result = summarizeDocument(seed);
    expect(result.total).toEqual({ A: 8, B: 10, C: 5, D: 1 });
    expect(result.ungraded).toBe(0);
  });

  it("counts each 基本方針 on its own", () => {
    const result = summarizeDocument(seed);
    expect(result.byPolicy).toEqual([
      { code: "(ア)", title: "市民と行政との協働体制の確立", summary: { A: 2, B: 1, C: 3, D: 1 } },
      { code: "(イ)", title: "効率的な自治体運営", summary: { A: 4, B: 7, C: 1, D: 0 } },
      { code: "(ウ)", title: "市民満足度の向上", summary: { A: 2, B: 2, C: 1, D: 0 } },
    ]);
  });

  it("leaves ungraded initiatives out of the counts and reports how many there are", () => {
    const doc = { policies: [policy("(ア)", "x", "A-B", 1), policy("", "", "--", 4)] };
    const result = summarizeDocument(doc);
    expect(result.total).toEqual({ A: 1, B: 1, C: 0, D: 0 });
    expect(result.byPolicy[1]?.summary).toEqual({ A: 0, B: 0, C: 0, D: 0 });
    expect(result.ungraded).toBe(3);
  });

  it("an empty document has an empty summary", () => {
    expect(summarizeDocument({ policies: [] })).toEqual({
      total: { A: 0, B: 0, C: 0, D: 0 },
      byPolicy: [],
      ungraded: 0,
      assessed: 0,
      notAssessed: 0,
      scale: DEFAULT_GRADE_SCALE,
    });
  });
});

describe("formatGradeSummary", () => {
  it("writes the counts in grade order", () => {
    expect(formatGradeSummary({ A: 8, B: 10, C: 5, D: 1 })).toBe("A 8・B 10・C 5・D 1");
    expect(formatGradeSummary({ A: 8, B: 10, C: 5, D: 1 }, "en")).toBe("A 8, B 10, C 5, D 1");
  });
});

describe("checkDeclaredSummary", () => {
  it("accepts the seed's printed 8 10 5 1 against its counted grades", () => {
    expect(checkDeclaredSummary({ A: 8, B: 10, C: 5, D: 1 }, summarizeDocument(seed).total)).toBeUndefined();
  });

  it("reports a difference as an error naming both summaries", () => {
    const d = checkDeclaredSummary({ A: 8, B: 10, C: 5, D: 2 }, { A: 8, B: 10, C: 5, D: 1 });
    expect(d).toEqual({
      severity: "error",
      code: "grade-summary.mismatch",
      message:
        "本部会評価の集計（A 8・B 10・C 5・D 2）が各取組項目の進捗状況の集計（A 8・B 10・C 5・D 1）と一致しません",
      messageEn:
        "The committee's grade summary (A 8, B 10, C 5, D 2) does not match the grades of the initiatives (A 8, B 10, C 5, D 1)",
      field: "declaredGradeSummary",
    });
  });

  it("catches a swap between grades even when the totals agree", () => {
    const d = checkDeclaredSummary({ A: 9, B: 9, C: 5, D: 1 }, { A: 8, B: 10, C: 5, D: 1 });
    expect(d?.code).toBe("grade-summary.mismatch");
  });
});

describe("対象外 (not assessed this year)", () => {
  it("is counted apart: 評価対象項目 and 対象外項目", () => {
    const doc = {
      policies: [
        {
          code: "(ア)",
          title: "協働",
          initiatives: [
            initiative(1, "A"),
            initiative(2, null),
            { ...initiative(3, null), notAssessed: true as const },
          ],
        },
      ],
    };
    const summary = summarizeDocument(doc);
    expect(summary).toMatchObject({ assessed: 2, notAssessed: 1, ungraded: 1 });
    expect(summary.total).toEqual({ A: 1, B: 0, C: 0, D: 0 });
  });
});
