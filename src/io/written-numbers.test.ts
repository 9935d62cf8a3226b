import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import type { PlanDocument } from "../domain/plan-document.ts";
import { importCsv } from "./csv/import.ts";
import { exportCsv } from "./export/csv.ts";
import { exportJson } from "./export/json.ts";
import { exportPdf } from "./export/pdf.ts";
import { exportXlsx } from "./export/xlsx.ts";
import { importPlanDocumentJson } from "./json/import.ts";
import { parseMapping } from "./mapping/schema.ts";
import { progressTableHeadings } from "./progress-table-columns.ts";
import { importTableText } from "./table-text/index.ts";
import { importXlsx } from "./xlsx/import.ts";

/**
 * Initiative numbers as cities write them (1, 1-2, (1)-①, No.R1-1) go through every importer and
 * exporter verbatim; the whole-number keys are assigned after the last row (docs/plan-document.md).
 */

const fixture = (path: string) => readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url));
const TABLE = fixture("written-numbers.txt").toString("utf8");

const numbers = (doc: PlanDocument | null | undefined) =>
  doc?.policies.flatMap((p) => p.initiatives.map((i) => [i.number, i.numberText ?? null]));

/** By hand from test/fixtures/written-numbers.txt: plain numbers keep theirs, the others follow 2 in order. */
const WRITTEN = [
  [1, null],
  [3, "1-2"],
  [4, "(1)-①"],
  [5, "(1)-②"],
  [2, null],
  [6, "No.R1-1"],
];

function tableDocument(): PlanDocument {
  const { document, diagnostics } = importTableText(TABLE);
  expect(diagnostics).toEqual([]);
  if (!document) throw new Error("fixture");
  return document;
}

describe("written initiative numbers", () => {
  it("the table text keeps them verbatim, keys and KPI keys following the keys, 再掲 linked", () => {
    const doc = tableDocument();
    expect(numbers(doc)).toEqual(WRITTEN);
    const relist = doc.policies[0]?.initiatives[2]?.kpis[0];
    expect([relist?.key, relist?.relistOf]).toEqual(["4-1", "1-1"]);
  });

  it("xlsx export → re-import keeps them, the table cell printing them as written", async () => {
    const doc = tableDocument();
    const again = await importXlsx(await exportXlsx(doc));
    expect(again.diagnostics).toEqual([]);
    expect(numbers(again.document)).toEqual(WRITTEN);
    expect(again.document?.policies).toEqual(doc.policies);
  });

  it("open-data CSV export → re-import keeps them (the No. column holds them as written)", () => {
    const doc = tableDocument();
    const csv = exportCsv(doc).toString("utf8");
    expect(csv).toContain(",(1)-①,地域活動への支援,");
    expect(csv).toContain(",No.R1-1,テレワークの導入,");
    const again = importCsv(csv);
    expect(again.diagnostics).toEqual([]);
    expect(again.document?.policies).toEqual(doc.policies);
  });

  it("plan-document JSON carries numberText and reads it back", () => {
    const doc = tableDocument();
    const json = exportJson(doc);
    expect(json).toContain('"numberText": "No.R1-1"');
    const again = importPlanDocumentJson(json);
    expect(again.diagnostics).toEqual([]);
    expect(again.document?.policies).toEqual(doc.policies);
  });

  it("a city's CSV read through a mapping keeps them", () => {
    const parsed = parseMapping(fixture("mapping/city-marks.json").toString("utf8"));
    if (!parsed.mapping) throw new Error("fixture");
    const header =
      "柱,番号,取組名,担当課,取組の概要,令和4年度の実績,指標,基準値(R1),目標値(R6),実績値(R4),評価,推進委員会の意見,令和5年度の目標";
    const rows = ["1", "1-2", "(1)-①", "No.R1-1"].map(
      (no, i) => `柱A,${no},取組${i + 1},課,概要,実績,指標${i + 1},1件,2件,3件,○,意見,目標`,
    );
    // A No. repeated on a continuation row, written the other way, continues the initiative.
    rows.splice(3, 0, "柱A,（１）－①,取組3,課,概要,実績,指標3b,1件,2件,3件,,,");
    const csv = new TextEncoder().encode(["タイトル", header, ...rows].join("\r\n"));
    const result = importCsv(csv, { mapping: parsed.mapping });
    expect(result.diagnostics).toEqual([]);
    expect(numbers(result.document)).toEqual([
      [1, null],
      [2, "1-2"],
      [3, "(1)-①"],
      [4, "No.R1-1"],
    ]);
    expect(result.document?.policies[0]?.initiatives[2]?.kpis.map((k) => k.key)).toEqual(["3-1", "3-2"]);
  });

  it("refuses a number written twice, naming the line (table text) or the cell (mapped CSV)", async () => {
    const twice = TABLE.replace("\tNo.R1-1\t", "\t１－２\t");
    const text = importTableText(twice);
    const duplicate = text.diagnostics.find((d) => d.code === "initiative.duplicate-number");
    expect(duplicate).toMatchObject({ severity: "error", line: 10 });
    expect(duplicate?.message).toBe(
      "取組項目 No.１－２ が重複しています（最初は6行目）。どちらかの番号を直してください",
    );

    const parsed = parseMapping(fixture("mapping/city-marks.json").toString("utf8"));
    if (!parsed.mapping) throw new Error("fixture");
    const header =
      "柱,番号,取組名,担当課,取組の概要,令和4年度の実績,指標,基準値(R1),目標値(R6),実績値(R4),評価,推進委員会の意見,令和5年度の目標";
    const rows = [
      "柱A,(1)-①,取組1,課,概要,実績,指標,1件,2件,3件,○,意見,目標",
      "柱A,2,取組2,課,概要,実績,指標,1件,2件,3件,○,意見,目標",
      "柱A,(1)-1,取組3,課,概要,実績,指標,1件,2件,3件,○,意見,目標",
    ];
    const csv = new TextEncoder().encode(["タイトル", header, ...rows].join("\r\n"));
    const result = importCsv(csv, { mapping: parsed.mapping });
    const found = result.diagnostics.find((d) => d.code === "initiative.duplicate-number");
    expect(found).toMatchObject({ severity: "error", cell: "B5" });
    expect(found?.message).toBe(
      "取組項目 No.(1)-1 が重複しています（最初はB3）。どちらかの番号を直してください",
    );
  });

  it("the No. column is as wide as the longest number written (No.R1-1 on one line), the seed's as before", async () => {
    const doc = tableDocument();
    const width = (d: Parameters<typeof progressTableHeadings>[0]) =>
      progressTableHeadings(d).columns.find((c) => c.id === "number")?.width;
    // No.R1-1 is 7 half-width characters, plus 2 for the cell's padding; the seed's "24" keeps 5.
    expect(width(doc)).toBe(9);
    const seed = importTableText(fixture("sakado-fy2019.txt").toString("utf8")).document;
    if (!seed) throw new Error("fixture");
    expect(width(seed)).toBe(5);

    // The xlsx carries the width (checked with 10: exceljs leaves its default 9 unwritten).
    const wider = structuredClone(doc);
    const last = wider.policies.at(-1)?.initiatives.at(-1);
    if (!last) throw new Error("fixture");
    last.numberText = "No.R1-10";
    expect(width(wider)).toBe(10);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportXlsx(wider)) as never);
    expect(workbook.getWorksheet("進行管理集計表")?.getColumn(2).width).toBe(10);

    const pdf = await getDocumentProxy(new Uint8Array(await exportPdf(doc)));
    const { items } = await (await pdf.getPage(1)).getTextContent();
    const drawn = (items as Array<{ str?: string }>).map((item) => item.str ?? "");
    expect(drawn).toContain("No.R1-1");
    expect(drawn).toContain("(1)-①");
  });
});
