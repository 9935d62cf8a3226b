import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  initiative,
  kpi,
  oddTextDocument,
  seedDocument,
  smallDocument,
} from "../../../test/factories/test-documents.ts";
import { expectedDocument } from "../../../test/golden/sakado-fy2019.expected.ts";
import type { PlanDocument } from "../../domain/plan-document.ts";
import { exportXlsx } from "../export/xlsx.ts";
import type { SheetImportResult } from "../mapping/read-rows.ts";
import { importXlsx } from "./import.ts";
import { SUMMARY_FIRST_COLUMN } from "./layout.ts";

const seed = seedDocument();
const seedInitiatives = seed.policies.flatMap((p) => p.initiatives);

let roundTrip: SheetImportResult;
function readBack(): PlanDocument {
  if (!roundTrip.document) throw new Error(JSON.stringify(roundTrip.diagnostics, null, 2));
  return roundTrip.document;
}

beforeAll(async () => {
  roundTrip = await importXlsx(await exportXlsx(seed));
});

describe("importXlsx: the seed exported and read back", () => {
  it("reads without any diagnostic", () => {
    expect(roundTrip.diagnostics).toEqual([]);
  });

  it("reads the plan and the report", () => {
    const doc = readBack();
    expect(doc.format).toBe("shinchoku.plan/v2");
    // Written by hand from the seed's title and header rows.
    expect(doc.plan).toEqual({
      title: "行政改革後期アクションプラン",
      startFiscalYear: 2017,
      endFiscalYear: 2021,
      baselineFiscalYear: 2015,
    });
    expect(doc.round).toEqual({
      fiscalYear: 2019,
      asOf: "2020-03-31",
      title: "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）",
    });
    expect(doc.organization).toBeUndefined();
  });

  it("reads the policies in order", () => {
    expect(readBack().policies.map((p) => [p.code, p.title, p.initiatives.map((i) => i.number)])).toEqual(
      expectedDocument.policies.map((p) => [p.code, p.title, p.initiatives.map((i) => i.number)]),
    );
  });

  it("reads the grade summary and the printed 本部会評価", () => {
    expect(readBack().gradeSummary).toEqual({ A: 8, B: 10, C: 5, D: 1 });
    expect(readBack().declaredGradeSummary).toEqual({ A: 8, B: 10, C: 5, D: 1 });
  });

  describe.each(seedInitiatives.map((i) => [i.number, i] as const))(
    "initiative No.%i",
    (number, original) => {
      const actual = () =>
        readBack()
          .policies.flatMap((p) => p.initiatives)
          .find((i) => i.number === number);

      it("has the same texts, departments and grade", () => {
        const { kpis: _kpis, ...fields } = original;
        const { kpis: _actualKpis, ...actualFields } = actual() ?? ({} as typeof original);
        expect(actualFields).toEqual(fields);
      });

      it("has the same KPIs: label, name, 再掲, key, every value's text and parsed meaning", () => {
        expect(actual()?.kpis).toEqual(original.kpis);
      });
    },
  );

  it("agrees with the hand-written expected document of the seed", () => {
    const { diagnostics: _d, ...doc } = readBack();
    expect(doc).toEqual(expectedDocument);
  });
});

describe("importXlsx: texts that trip up spreadsheets", () => {
  it("reads formula-like texts, emoji and line breaks back verbatim", async () => {
    const doc = oddTextDocument();
    const result = await importXlsx(await exportXlsx(doc));
    const first = result.document?.policies[0]?.initiatives[0];
    expect(first).toMatchObject({
      title: "=1+1",
      departments: ["+SUM(A1)"],
      description: "-2+3",
      activities: "@cmd",
      committeeOpinion: "達成🎉おめでとう",
      nextYearGoal: "1行目\n2行目\n3行目",
    });
    expect(first?.kpis[0]?.label).toBe('=HYPERLINK("http://example.com")');
    expect(first?.kpis[0]?.baseline).toEqual({ text: "-5%", kind: "quantity", value: -5, unit: "%" });
    // The over-long text comes back cut at the cell limit.
    const long = result.document?.policies[0]?.initiatives[1]?.activities ?? "";
    expect(long.length).toBeLessThanOrEqual(32_767);
    expect(long.endsWith("以下を省略しました）")).toBe(true);
    // An initiative without KPIs stays without, and ungraded stays ungraded (with a warning).
    expect(result.document?.policies[0]?.initiatives[1]?.kpis).toEqual([]);
    expect(result.document?.policies[0]?.initiatives[1]?.grade).toBeNull();
    expect(result.diagnostics.map((d) => [d.code, d.cell])).toContainEqual(["grade.missing", "K8"]);
  });

  it("keeps the organization through the workbook's company property", async () => {
    const doc = smallDocument([initiative(1, { kpis: [kpi("1-1", "a", "1件", "2件", "3件")] })], {
      organization: { name: "坂戸市" },
    });
    const result = await importXlsx(await exportXlsx(doc));
    expect(result.document?.organization).toEqual({ name: "坂戸市" });
  });
});

async function editedWorkbook(edit: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await exportXlsx(seed)) as never);
  const sheet = workbook.getWorksheet("進行管理集計表");
  if (!sheet) throw new Error("no sheet");
  edit(sheet);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("importXlsx: bad cells", () => {
  it("reports a grade outside A–D with its sheet and cell", async () => {
    const bytes = await editedWorkbook((sheet) => {
      sheet.getCell("K10").value = "E";
    });
    const result = await importXlsx(bytes);
    const bad = result.diagnostics.find((d) => d.code === "grade.invalid");
    expect(bad).toMatchObject({
      severity: "error",
      sheet: "進行管理集計表",
      cell: "K10",
      field: "policies[0].initiatives[1].grade",
    });
    expect(bad?.message).toContain("No.2");
    expect(bad?.message).toContain("「E」");
  });

  it("reports a number that is not one, and a duplicated number, at their cells", async () => {
    const bytes = await editedWorkbook((sheet) => {
      sheet.getCell("B10").value = "二";
      sheet.getCell("B13").value = 1;
    });
    const result = await importXlsx(bytes);
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.cell])).toEqual([
      ["initiative.number-invalid", "B10"],
      ["initiative.duplicate-number", "B13"],
      // The two skipped initiatives (No.2 C, No.3 A) no longer add up to the printed 本部会評価.
      ["grade-summary.mismatch", "A70"],
    ]);
  });

  it("reports a printed 本部会評価 that disagrees with the grades", async () => {
    const bytes = await editedWorkbook((sheet) => {
      const at = sheet
        .getSheetValues()
        .findIndex((row) => Array.isArray(row) && row[SUMMARY_FIRST_COLUMN - 1] === "本部会評価");
      sheet.getCell(at + 1, SUMMARY_FIRST_COLUMN).value = 9;
    });
    const result = await importXlsx(bytes);
    const mismatch = result.diagnostics.find((d) => d.code === "grade-summary.mismatch");
    expect(mismatch?.severity).toBe("error");
    expect(result.document?.declaredGradeSummary).toEqual({ A: 9, B: 10, C: 5, D: 1 });
  });

  it("reads a KPI value it cannot parse as text, with a warning at its cell", async () => {
    const bytes = await editedWorkbook((sheet) => {
      sheet.getCell("J7").value = "六十六件くらい";
    });
    const result = await importXlsx(bytes);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "kpi.unreadable",
        severity: "warning",
        cell: "J7",
        sheet: "進行管理集計表",
      }),
    );
    expect(result.document?.policies[0]?.initiatives[0]?.kpis[0]?.current).toMatchObject({
      text: "六十六件くらい",
      kind: "text",
    });
  });

  it("refuses a file that is not a workbook", async () => {
    const result = await importXlsx(new TextEncoder().encode("基本方針\tNo.\n"));
    expect(result.document).toBeNull();
    expect(result.diagnostics[0]?.code).toBe("input.not-xlsx");
    expect((await importXlsx(new Uint8Array())).diagnostics[0]?.code).toBe("input.empty");
  });

  it("asks for a mapping when the workbook has another layout", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("一覧").getRow(1).values = ["番号", "取組名", "評価"];
    const result = await importXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(result.document).toBeNull();
    expect(result.diagnostics[0]?.code).toBe("sheet.layout-unknown");
    expect(result.diagnostics[0]?.message).toContain("--mapping");
  });
});
