import { describe, expect, it } from "vitest";
import {
  DEFAULT_GRADE_SCALE,
  emptyGradeSummary,
  GRADE_LABELS,
  GRADES,
  gradeLabel,
  gradeLegend,
  gradeScaleOf,
  gradeScaleProblems,
  gradeShares,
  gradeSummariesEqual,
  gradeSummaryTotal,
  isDefaultGradeScale,
  isGrade,
  isGradeOf,
  summarizeGrades,
} from "./grade.ts";

describe("grades", () => {
  it("are A–D in order", () => {
    expect(GRADES).toEqual(["A", "B", "C", "D"]);
  });

  it("carry the legend's labels (A 順調 B ほぼ順調 C やや遅れ D 停滞)", () => {
    expect(GRADES.map((g) => `${g} ${GRADE_LABELS[g].ja}`).join(" ")).toBe(
      "A 順調 B ほぼ順調 C やや遅れ D 停滞",
    );
    expect(GRADE_LABELS.D.en).toBe("Stalled");
  });

  it("isGrade accepts only the four upper-case letters", () => {
    for (const g of ["A", "B", "C", "D"]) expect(isGrade(g)).toBe(true);
    for (const s of ["a", "E", "", "AB", "Ａ", " A"]) expect(isGrade(s)).toBe(false);
  });
});

// The seed's column (F), item 1 to 24, read by hand from test/fixtures/sakado-fy2019.txt.
const seedGrades = "BCAACDCABBCAABBABBBABABC".split("");

describe("summarizeGrades", () => {
  it("counts the seed's 24 grades as 本部会評価 8 10 5 1", () => {
    expect(seedGrades).toHaveLength(24);
    const summary = summarizeGrades(seedGrades.filter(isGrade));
    expect(summary).toEqual({ A: 8, B: 10, C: 5, D: 1 });
    expect(gradeSummaryTotal(summary)).toBe(24);
  });

  it("skips ungraded items", () => {
    expect(summarizeGrades(["A", null, undefined, "A", "D"])).toEqual({ A: 2, B: 0, C: 0, D: 1 });
  });
});

describe("gradeShares", () => {
  it("gives the seed's shares: 1/3, 5/12, 5/24, 1/24", () => {
    const shares = gradeShares({ A: 8, B: 10, C: 5, D: 1 });
    expect(shares.A).toBeCloseTo(1 / 3, 12);
    expect(shares.B).toBeCloseTo(5 / 12, 12);
    expect(shares.C).toBeCloseTo(5 / 24, 12);
    expect(shares.D).toBeCloseTo(1 / 24, 12);
    expect(Object.values(shares).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("is all zero, never NaN, when nothing is graded", () => {
    const shares = gradeShares(emptyGradeSummary());
    expect(shares).toEqual({ A: 0, B: 0, C: 0, D: 0 });
    for (const g of GRADES) expect(Number.isNaN(shares[g])).toBe(false);
  });
});

describe("gradeSummariesEqual", () => {
  it("compares every grade", () => {
    expect(gradeSummariesEqual({ A: 8, B: 10, C: 5, D: 1 }, { A: 8, B: 10, C: 5, D: 1 })).toBe(true);
    expect(gradeSummariesEqual({ A: 8, B: 10, C: 5, D: 2 }, { A: 8, B: 10, C: 5, D: 1 })).toBe(false);
    expect(gradeSummariesEqual({ A: 9, B: 9, C: 5, D: 1 }, { A: 8, B: 10, C: 5, D: 1 })).toBe(false);
  });
});

describe("a city's own grade scale", () => {
  const scale = [
    { code: "◎", label: "順調" },
    { code: "○", label: "概ね順調" },
    { code: "△", label: "遅れ" },
    { code: "×", label: "" },
  ];

  it("counts and labels its own codes, in its order", () => {
    expect(summarizeGrades(["◎", "×", "◎", null], scale)).toEqual({ "◎": 2, "○": 0, "△": 0, "×": 1 });
    expect(Object.keys(summarizeGrades([], scale))).toEqual(["◎", "○", "△", "×"]);
    expect(gradeLegend(scale)).toBe("◎ 順調 ○ 概ね順調 △ 遅れ ×");
    expect(gradeLabel(scale, "○", "en")).toBe("概ね順調");
    expect(isGradeOf(scale, "○")).toBe(true);
    expect(isGradeOf(scale, "A")).toBe(false);
  });

  it("keeps the default scale's legend and English words", () => {
    expect(gradeLegend(DEFAULT_GRADE_SCALE)).toBe("A 順調 B ほぼ順調 C やや遅れ D 停滞");
    expect(gradeLabel(DEFAULT_GRADE_SCALE, "D", "en")).toBe("Stalled");
    expect(isDefaultGradeScale([...DEFAULT_GRADE_SCALE])).toBe(true);
    expect(gradeScaleOf({})).toBe(DEFAULT_GRADE_SCALE);
  });

  it("holds 3 to 6 levels with distinct codes", () => {
    expect(gradeScaleProblems(scale)).toEqual([]);
    expect(gradeScaleProblems(scale.slice(0, 2))).toEqual([{ kind: "levels", count: 2 }]);
    expect(gradeScaleProblems([...scale, { code: "◎", label: "" }])).toEqual([
      { kind: "code-duplicate", index: 4, code: "◎" },
    ]);
  });
});
