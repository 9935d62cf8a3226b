import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SheetImportResult } from "../mapping/read-rows.ts";
import { parseMapping } from "../mapping/schema.ts";
import { importXlsx } from "./import.ts";

function fixture(path: string): Buffer {
  return readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url));
}

function cityMapping() {
  const parsed = parseMapping(fixture("mapping/city-sabc.json").toString("utf8"));
  if (!parsed.mapping) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.mapping;
}

describe("importXlsx with a mapping: a town's S/A/B/C workbook", () => {
  let result: SheetImportResult;
  beforeAll(async () => {
    result = await importXlsx(new Uint8Array(fixture("xlsx/city-sabc.xlsx")), { mapping: cityMapping() });
  });
  const initiatives = () => result.document?.policies.flatMap((p) => p.initiatives) ?? [];

  it("reads the mapped sheet (not the cover) without diagnostics", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.plan).toEqual({
      title: "さくら町行政改革推進計画",
      startFiscalYear: 2020,
      endFiscalYear: 2024,
    });
    // Only the as-of date is given: the fiscal year follows from it.
    expect(result.document?.round).toEqual({ fiscalYear: 2021, asOf: "2022-03-31" });
    expect(result.document?.organization).toEqual({ name: "さくら町" });
  });

  it("maps S/A/B/C to A–D", () => {
    expect(initiatives().map((i) => [i.number, i.grade])).toEqual([
      [1, "A"],
      [2, "C"],
      [3, "D"],
    ]);
  });

  it("reads merged policy and initiative cells once, KPI rows below them as further KPIs", () => {
    expect(result.document?.policies.map((p) => [p.title, p.initiatives.map((i) => i.number)])).toEqual([
      ["Ⅰ 住民サービスの向上", [1, 2]],
      ["Ⅱ 行財政の効率化", [3]],
    ]);
    expect(initiatives()[0]?.kpis.map((k) => k.label)).toEqual(["窓口満足度", "平均待ち時間（分）"]);
  });

  it("reads rich text, a formula's result and comma-separated departments", () => {
    expect(initiatives()[0]?.title).toBe("窓口サービスの改善");
    expect(initiatives()[0]?.departments).toEqual(["住民課", "税務課"]);
    expect(initiatives()[1]?.number).toBe(2);
  });

  it("reads numeric KPI cells as their number format shows them", () => {
    const [satisfaction, waiting] = initiatives()[0]?.kpis ?? [];
    expect(satisfaction?.baseline).toEqual({ text: "62.0%", kind: "quantity", value: 62, unit: "%" });
    expect(satisfaction?.target).toEqual({
      text: "80%以上",
      kind: "bound",
      value: 80,
      unit: "%",
      comparison: "atLeast",
    });
    expect(satisfaction?.current.text).toBe("71.3%");
    expect(waiting?.current).toEqual({ text: "18", kind: "quantity", value: 18 });
    expect(initiatives()[1]?.kpis[0]?.baseline).toEqual({
      text: "10,500人",
      kind: "quantity",
      value: 10500,
      unit: "人",
    });
  });

  it("keeps the rows as read", () => {
    expect(result.rows.map((r) => [r.location, r.kind])).toEqual([
      ["進捗評価!4", "initiative"],
      ["進捗評価!5", "continuation"],
      ["進捗評価!6", "initiative"],
      ["進捗評価!7", "initiative"],
    ]);
  });

  it("names a sheet that is not there, with the sheets that are", async () => {
    const missing = await importXlsx(new Uint8Array(fixture("xlsx/city-sabc.xlsx")), {
      mapping: { ...cityMapping(), sheet: "評価" },
    });
    expect(missing.document).toBeNull();
    expect(missing.diagnostics[0]?.message).toBe(
      "シート「評価」がありません（このファイルのシート：表紙、進捗評価）",
    );
  });

  it("reports a grade outside the town's scale at its cell", async () => {
    const scale = { S: "A", A: "B", B: "C" } as const;
    const bad = await importXlsx(new Uint8Array(fixture("xlsx/city-sabc.xlsx")), {
      mapping: { ...cityMapping(), gradeScale: scale },
    });
    expect(bad.diagnostics.map((d) => [d.code, d.sheet, d.cell])).toEqual([
      ["grade.invalid", "進捗評価", "K7"],
    ]);
  });
});
