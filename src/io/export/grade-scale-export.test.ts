import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDocument } from "../../../test/factories/test-documents.ts";
import type { PlanDocument } from "../../domain/plan-document.ts";
import { importXlsx } from "../xlsx/import.ts";
import { csvText } from "./csv.ts";
import { exportXlsx } from "./xlsx.ts";

/**
 * The seed's table as a city with its own five-level scale would publish it: item 1 graded "1",
 * item 2 not assessed this year (対象外). Its words, not A–D, are in the legend, the summary and CSV.
 */
function fiveLevelDocument(): PlanDocument {
  const doc = seedDocument();
  doc.plan.gradeScale = [
    { code: "1", label: "達成" },
    { code: "2", label: "概ね達成" },
    { code: "3", label: "一部達成" },
    { code: "4", label: "未達成" },
    { code: "5", label: "未着手" },
  ];
  const initiatives = doc.policies.flatMap((p) => p.initiatives);
  initiatives.forEach((initiative, i) => {
    initiative.grade = i === 1 ? null : String((i % 5) + 1);
  });
  const second = initiatives[1];
  if (second) second.notAssessed = true;
  doc.gradeSummary = { "1": 5, "2": 4, "3": 5, "4": 5, "5": 4 };
  delete doc.declaredGradeSummary;
  return doc;
}

describe("exports of a plan with its own grade scale", () => {
  let table: ExcelJS.Worksheet;

  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await exportXlsx(fiveLevelDocument(), { now: new Date("2020-04-01T00:00:00Z") })) as never,
    );
    const sheet = workbook.getWorksheet("進行管理集計表");
    if (!sheet) throw new Error("no progress sheet");
    table = sheet;
  });

  it("prints the city's legend and counts per level in the workbook", () => {
    expect(table.getCell("A4").value).toBe("1 達成 2 概ね達成 3 一部達成 4 未達成 5 未着手");
    const rows = table.getSheetValues();
    const at = rows.findIndex((row) => Array.isArray(row) && row[7] === "本部会評価");
    expect((table.getRow(at).values as unknown[]).slice(8, 13)).toEqual([
      "1 達成",
      "2 概ね達成",
      "3 一部達成",
      "4 未達成",
      "5 未着手",
    ]);
    // 24 items: "1" for items 1, 6, 11, 16, 21 …, item 2 not assessed.
    expect((table.getRow(at + 1).values as unknown[]).slice(8, 13)).toEqual([5, 4, 5, 5, 4]);
  });

  it("names each grade with the city's label in the open data, and 対象外 apart", () => {
    const csv = csvText(fiveLevelDocument());
    expect(csv).toContain("概ね達成");
    expect(csv).toContain("対象外");
    expect(csv).not.toContain("ほぼ順調");
  });

  it("its xlsx re-imports with the city's scale, read from the 本部会評価 summary it printed", async () => {
    const doc = fiveLevelDocument();
    const again = await importXlsx(await exportXlsx(doc, { now: new Date("2020-04-01T00:00:00Z") }));
    expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(again.document?.plan.gradeScale).toEqual([
      { code: "1", label: "達成" },
      { code: "2", label: "概ね達成" },
      { code: "3", label: "一部達成" },
      { code: "4", label: "未達成" },
      { code: "5", label: "未着手" },
    ]);
    const initiatives = again.document?.policies.flatMap((p) => p.initiatives) ?? [];
    // Items 1, 3, 4 … graded 2, 4, 5 … (i mod 5 + 1); item 2 not assessed.
    expect(initiatives.slice(0, 4).map((i) => [i.grade, i.notAssessed ?? false])).toEqual([
      ["1", false],
      [null, true],
      ["3", false],
      ["4", false],
    ]);
    expect(again.document?.gradeSummary).toEqual({ "1": 5, "2": 4, "3": 5, "4": 5, "5": 4 });
  });
});
