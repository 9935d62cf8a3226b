import { describe, expect, it } from "vitest";
import { buildPlanDocument } from "../../../../test/factories/plan-document.ts";
import { seedDocument } from "../../../../test/factories/test-documents.ts";
import {
  applyFilter,
  departmentsOf,
  gradeFilterError,
  listInitiatives,
  NOT_ASSESSED_FILTER,
  policyKey,
} from "./filter.ts";

describe("initiative filter", () => {
  const doc = buildPlanDocument();
  const all = listInitiatives(doc);
  const numbers = (items: ReturnType<typeof listInitiatives>) => items.map((i) => i.initiative.number);

  it("lists every initiative with its policy, in document order", () => {
    expect(numbers(all)).toEqual([1, 2, 3, 4, 5]);
    expect(all[0]?.policy.code).toBe("(ア)");
  });

  it("without conditions keeps everything", () => {
    expect(numbers(applyFilter(all, {}))).toEqual([1, 2, 3, 4, 5]);
    expect(numbers(applyFilter(all, { grades: [] }))).toEqual([1, 2, 3, 4, 5]);
  });

  it("grades are alternatives; an ungraded initiative matches no grade", () => {
    // Factory FY2019 grades: 1 B, 2 A, 3 C, 4 D, 5 ungraded.
    expect(numbers(applyFilter(all, { grades: ["A", "D"] }))).toEqual([2, 4]);
    expect(numbers(applyFilter(all, { grades: ["A", "B", "C", "D"] }))).toEqual([1, 2, 3, 4]);
  });

  it("conditions combine: policy, department, grades and the text search's numbers", () => {
    expect(numbers(applyFilter(all, { department: "情報政策課" }))).toEqual([2]);
    expect(numbers(applyFilter(all, { department: "関係各課", grades: ["B", "C"] }))).toEqual([1, 3]);
    expect(numbers(applyFilter(all, { matching: new Set([1, 4, 9]) }))).toEqual([1, 4]);
    expect(numbers(applyFilter(all, { matching: new Set() }))).toEqual([]);
    expect(numbers(applyFilter(all, { policy: "(存在しない)" }))).toEqual([]);
  });

  it("a policy is named by its code, or by its title when it has none", () => {
    expect(policyKey({ code: "(ア)", title: "市民と行政との協働体制の確立" })).toBe("(ア)");
    expect(policyKey({ code: "", title: "その他" })).toBe("その他");
  });

  it("departments are listed once each, in Japanese order, 関係各課 (every related department) left out", () => {
    const departments = departmentsOf(doc);
    expect(new Set(departments).size).toBe(departments.length);
    expect(departments).toContain("財政課");
    expect(departments).not.toContain("関係各課");
    // In the seed, 23 of the 24 initiatives name 関係各課: as a filter it would narrow nothing.
    const seed = seedDocument();
    expect(applyFilter(listInitiatives(seed), { department: "関係各課" })).toHaveLength(23);
    expect(departmentsOf(seed)).not.toContain("関係各課");
    expect(departments).toEqual([...departments].sort((a, b) => a.localeCompare(b, "ja")));
  });
});

describe("grade filter on a plan's own scale", () => {
  const doc = buildPlanDocument();
  doc.plan.gradeScale = [
    { code: "◎", label: "順調" },
    { code: "○", label: "概ね順調" },
    { code: "△", label: "遅れ" },
  ];
  const grades = ["○", "◎", "△", "△", null];
  doc.policies
    .flatMap((p) => p.initiatives)
    .forEach((initiative, i) => {
      initiative.grade = grades[i] ?? null;
    });
  const fifth = doc.policies.flatMap((p) => p.initiatives)[4];
  if (fifth) fifth.notAssessed = true;
  const all = listInitiatives(doc);
  const numbers = (items: ReturnType<typeof listInitiatives>) => items.map((i) => i.initiative.number);
  const scale = doc.plan.gradeScale;

  it("takes the plan's codes and 対象外 (which matches only initiatives not graded this year)", () => {
    expect(numbers(applyFilter(all, { grades: ["△"] }))).toEqual([3, 4]);
    expect(numbers(applyFilter(all, { grades: ["◎", NOT_ASSESSED_FILTER] }))).toEqual([2, 5]);
    expect(numbers(applyFilter(all, { grades: [NOT_ASSESSED_FILTER] }))).toEqual([5]);
    expect(gradeFilterError(["◎", "対象外"], scale)).toBeUndefined();
    expect(gradeFilterError(undefined, scale)).toBeUndefined();
  });

  it("refuses a code of another scale, naming the plan's own choices", () => {
    expect(gradeFilterError(["◎", "A"], scale)).toEqual({
      name: "grade",
      in: "query",
      message: "パラメーター「grade」は◎・○・△・対象外のいずれかで指定してください。",
      messageEn: "grade: must be one of ◎, ○, △, 対象外",
    });
    expect(gradeFilterError(["〇"], scale, { ja: "進捗状況", en: "the progress grade" })).toMatchObject({
      message: "進捗状況は◎・○・△・対象外のいずれかで指定してください。",
      messageEn: "The progress grade must be one of ◎, ○, △, 対象外.",
    });
  });
});
