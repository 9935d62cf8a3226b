import { describe, expect, it } from "vitest";
import { buildPlanDocument } from "../../test/factories/plan-document.ts";
import { diffDocuments } from "./document-diff.ts";
import type { PlanDocument } from "./plan-document.ts";

/** Two revisions of one round's table: what a reader is shown as changed, field by field. */
function edit(document: PlanDocument, change: (d: PlanDocument) => void): PlanDocument {
  const copy = structuredClone(document);
  change(copy);
  return copy;
}

describe("diffDocuments", () => {
  const base = buildPlanDocument();
  const first = base.policies[0]?.initiatives[0];
  if (!first) throw new Error("the factory has no initiative");

  it("finds nothing between a document and its copy", () => {
    expect(diffDocuments(base, structuredClone(base))).toEqual([]);
  });

  it("names each changed field with its initiative and KPI, before and after, in table order", () => {
    const after = edit(base, (d) => {
      const i = d.policies[0]?.initiatives[0];
      if (!i?.kpis[0]) return;
      i.activities = "連携協定を3件締結した。";
      i.grade = "A";
      i.kpis[0].current = { ...i.kpis[0].current, text: "69件" };
      d.round.asOf = "2020-03-30";
    });
    const kpi = first.kpis[0];
    expect(diffDocuments(base, after)).toEqual([
      { field: "asOf", before: base.round.asOf, after: "2020-03-30" },
      {
        field: "field.activities",
        initiativeNumber: first.number,
        before: first.activities,
        after: "連携協定を3件締結した。",
      },
      { field: "field.grade", initiativeNumber: first.number, before: first.grade ?? "", after: "A" },
      {
        field: "kpi.current",
        initiativeNumber: first.number,
        kpiLabel: kpi?.label,
        before: kpi?.current.text,
        after: "69件",
      },
    ]);
  });

  it("reports an initiative removed or added as one change, not as its fields", () => {
    const removed = edit(base, (d) => {
      d.policies[0]?.initiatives.shift();
    });
    expect(diffDocuments(base, removed)).toEqual([
      { field: "initiativeRemoved", initiativeNumber: first.number, before: first.title, after: "" },
    ]);
    expect(diffDocuments(removed, base)).toEqual([
      { field: "initiativeAdded", initiativeNumber: first.number, before: "", after: first.title },
    ]);
  });
});
