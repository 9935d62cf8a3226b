import { describe, expect, it } from "vitest";
import { planChangeOf } from "./plan-change.ts";

/** The plan editor's audit entries read field by field (entries written as the store writes them). */
describe("planChangeOf", () => {
  it("an initiative's edit: only what changed, 関係課 as added / removed / lead", () => {
    const change = planChangeOf(
      "initiative",
      "initiative.update",
      {
        policyId: 1,
        number: 1,
        title: "産学官金の連携",
        description: "大学等と連携する。",
        departments: ["政策企画課", "商工労政課", "関係各課"],
      },
      {
        planId: 1,
        policyId: 1,
        number: 1,
        title: "産学官連携の推進",
        description: "大学等と連携する。",
        departmentIds: [3, 2, 9],
        departments: ["商工労政課", "政策企画課", "広報広聴課"],
      },
    );
    expect(change.subject).toEqual({ kind: "initiative", number: 1, name: "産学官連携の推進" });
    expect(change.lines).toEqual([
      { field: "initiativeTitle", before: "産学官金の連携", after: "産学官連携の推進" },
      {
        field: "departments",
        added: ["広報広聴課"],
        removed: ["関係各課"],
        leadBefore: "政策企画課",
        leadAfter: "商工労政課",
      },
    ]);
  });

  it("a written No. replaces the key; an order-only change of 関係課 is shown as the lists", () => {
    const change = planChangeOf(
      "initiative",
      "initiative.update",
      { policyId: 1, number: 7, title: "t", description: "", departments: ["A課", "B課", "C課"] },
      {
        planId: 1,
        policyId: 2,
        number: 7,
        numberText: "1-2",
        title: "t",
        description: "",
        departments: ["A課", "C課", "B課"],
      },
    );
    expect(change.lines).toEqual([
      { field: "number", before: 7, after: "1-2" },
      { field: "policy", before: 1, after: 2 },
      { field: "departments", before: "A課、B課、C課", after: "A課、C課、B課", added: [], removed: [] },
    ]);
  });

  it("a KPI's target, a new KPI, a plan's period and scale, retire, relist and move", () => {
    expect(
      planChangeOf(
        "kpi",
        "kpi.update",
        { name: "削減額", baseline: "0円", target: "1億円(R2年度)" },
        { planId: 1, name: "削減額", baseline: "0円", target: "2億円(R3年度)" },
      ).lines,
    ).toEqual([{ field: "target", before: "1億円(R2年度)", after: "2億円(R3年度)" }]);
    expect(
      planChangeOf("kpi", "kpi.create", undefined, {
        planId: 1,
        initiativeId: 4,
        name: "削減額",
        baseline: "-",
        target: "1億円",
      }).lines,
    ).toEqual([
      { field: "kpiName", after: "削減額" },
      { field: "baseline", after: "-" },
      { field: "target", after: "1億円" },
    ]);
    const plan = planChangeOf(
      "plan",
      "plan.update",
      {
        title: "計画",
        startFiscalYear: 2017,
        endFiscalYear: 2021,
        baselineFiscalYear: 2015,
        gradeScale: null,
        notAssessedAllowed: true,
      },
      {
        planId: 1,
        title: "計画",
        startFiscalYear: 2017,
        endFiscalYear: 2022,
        baselineFiscalYear: null,
        gradeScale: {
          levels: [
            { code: "◎", label: "達成" },
            { code: "○", label: "" },
            { code: "×", label: "未達成" },
          ],
        },
        notAssessedAllowed: true,
      },
    );
    expect(plan.lines).toEqual([
      { field: "period", before: "2017-2021", after: "2017-2022" },
      { field: "baselineFiscalYear", before: 2015, after: null },
      { field: "gradeScale", before: null, after: "◎ 達成 / ○ / × 未達成" },
    ]);
    expect(
      planChangeOf(
        "kpi",
        "kpi.retire",
        { name: "削減額", retired: false },
        { planId: 1, name: "削減額", retired: true },
      ),
    ).toEqual({
      subject: { kind: "kpi", name: "削減額" },
      lines: [{ field: "retired", before: false, after: true }],
    });
    expect(
      planChangeOf("kpi", "kpi.unlist", { initiativeId: 9, number: 22, name: "削減額" }, { planId: 1 }).lines,
    ).toEqual([{ field: "listedUnder", before: 22, after: null }]);
    expect(
      planChangeOf("policy", "policy.move", undefined, { planId: 1, code: "(イ)", direction: "up" }).lines,
    ).toEqual([{ field: "direction", after: "up" }]);
  });

  it("an entry it cannot read gives no lines rather than failing", () => {
    expect(planChangeOf("initiative", "initiative.update", "odd", null).lines).toEqual([]);
  });
});
