import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Initiative, Kpi, PlanDocument } from "../../src/domain/plan-document.ts";
import { importTableText } from "../../src/io/table-text/index.ts";
import { expectedCounts, expectedDocument } from "./sakado-fy2019.expected.ts";

// The seed table, read as bytes the way an upload reaches the importer.
const fixture = readFileSync(new URL("../fixtures/sakado-fy2019.txt", import.meta.url));
const result = importTableText(new Uint8Array(fixture));

function importedDocument(): PlanDocument {
  if (!result.document) throw new Error(`no document: ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.document;
}

function allInitiatives(doc: Pick<PlanDocument, "policies">): Initiative[] {
  return doc.policies.flatMap((policy) => policy.initiatives);
}

function allKpis(doc: Pick<PlanDocument, "policies">): Kpi[] {
  return allInitiatives(doc).flatMap((initiative) => initiative.kpis);
}

const expectedInitiatives = allInitiatives(expectedDocument);
const expectedKpis = allKpis(expectedDocument);

function actualInitiative(number: number): Initiative | undefined {
  return allInitiatives(importedDocument()).find((initiative) => initiative.number === number);
}

function actualKpi(key: string): Kpi | undefined {
  return allKpis(importedDocument()).find((kpi) => kpi.key === key);
}

describe("golden: 坂戸市 行政改革後期アクションプラン 進行管理集計表 (R1年度)", () => {
  it("imports without error-severity diagnostics", () => {
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toEqual([]);
    expect(result.document).not.toBeNull();
    expect(importedDocument().diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("reads the same document from a string as from bytes", () => {
    const fromString = importTableText(fixture.toString("utf8"));
    expect(fromString.document?.policies).toEqual(importedDocument().policies);
  });

  it("identifies the plan and the reporting round", () => {
    const doc = importedDocument();
    expect(doc.format).toBe(expectedDocument.format);
    expect(doc.plan).toEqual(expectedDocument.plan);
    expect(doc.round).toEqual(expectedDocument.round);
  });

  it("has the hand-counted number of policies, initiatives and KPIs", () => {
    const doc = importedDocument();
    expect(doc.policies).toHaveLength(expectedCounts.policies);
    expect(allInitiatives(doc)).toHaveLength(expectedCounts.initiatives);
    expect(allKpis(doc)).toHaveLength(expectedCounts.kpis);
    expect(allKpis(doc).filter((kpi) => kpi.relisted)).toHaveLength(expectedCounts.relistedKpis);
    // The expectation itself agrees with the hand counts.
    expect(expectedInitiatives).toHaveLength(expectedCounts.initiatives);
    expect(expectedKpis).toHaveLength(expectedCounts.kpis);
  });

  it("groups the initiatives under their policies in order", () => {
    const actual = importedDocument().policies.map((policy) => ({
      code: policy.code,
      title: policy.title,
      numbers: policy.initiatives.map((initiative) => initiative.number),
    }));
    expect(actual).toEqual([
      { code: "(ア)", title: "市民と行政との協働体制の確立", numbers: [1, 2, 3, 4, 5, 6, 7] },
      { code: "(イ)", title: "効率的な自治体運営", numbers: [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19] },
      { code: "(ウ)", title: "市民満足度の向上", numbers: [20, 21, 22, 23, 24] },
    ]);
  });

  describe.each(expectedInitiatives.map((initiative) => [initiative.number, initiative] as const))(
    "initiative %i",
    (number, expected) => {
      it("number, title, departments and grade", () => {
        const actual = actualInitiative(number);
        expect(actual).toBeDefined();
        expect({
          title: actual?.title,
          departments: actual?.departments,
          grade: actual?.grade,
        }).toEqual({ title: expected.title, departments: expected.departments, grade: expected.grade });
      });

      it("KPIs", () => {
        expect(actualInitiative(number)?.kpis).toEqual(expected.kpis);
      });

      it("texts (C) description, (D) activities, (G) committee opinion, (H) next year's goal", () => {
        const actual = actualInitiative(number);
        expect(actual?.description).toBe(expected.description);
        expect(actual?.activities).toBe(expected.activities);
        expect(actual?.committeeOpinion).toBe(expected.committeeOpinion);
        expect(actual?.nextYearGoal).toBe(expected.nextYearGoal);
      });

      it("whole initiative", () => {
        expect(actualInitiative(number)).toEqual(expected);
      });
    },
  );

  // Strict: optional KpiValue fields must be absent, not present as undefined.
  it.each(expectedKpis.map((kpi) => [kpi.key, kpi] as const))("KPI %s", (key, expected) => {
    expect(actualKpi(key)).toStrictEqual(expected);
  });

  it("links the five relisted KPIs to their originals", () => {
    const relisted = allKpis(importedDocument())
      .filter((kpi) => kpi.relisted)
      .map((kpi) => [kpi.key, kpi.relistOf]);
    expect(relisted).toEqual([
      ["6-2", "1-3"],
      ["14-2", "13-2"],
      ["20-1", "2-1"],
      ["22-3", "20-2"],
      ["22-4", "21-2"],
    ]);
  });

  it("gives every KPI a unique key", () => {
    const keys = allKpis(importedDocument()).map((kpi) => kpi.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("counts the grades and keeps the printed 本部会評価 8 10 5 1", () => {
    const doc = importedDocument();
    expect(doc.gradeSummary).toEqual({ A: 8, B: 10, C: 5, D: 1 });
    expect(doc.declaredGradeSummary).toEqual({ A: 8, B: 10, C: 5, D: 1 });
    expect(doc.gradeSummary).toEqual(expectedDocument.gradeSummary);
  });

  it("equals the hand-written document as a whole (apart from diagnostics and organization)", () => {
    const { diagnostics: _diagnostics, organization: _organization, ...rest } = importedDocument();
    expect(rest).toStrictEqual(expectedDocument);
  });
});
