import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importCsv } from "../csv/import.ts";
import { importTableText } from "../table-text/index.ts";
import { previewImport } from "./preview.ts";
import { parseMapping } from "./schema.ts";

function fixture(path: string): Buffer {
  return readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url));
}

describe("previewImport", () => {
  it("shows the first rows as the mapping read them, the counts and whether the document can be saved", () => {
    const mapping = parseMapping(fixture("mapping/city-marks.json").toString("utf8")).mapping;
    if (!mapping) throw new Error("mapping");
    const preview = previewImport(
      importCsv(new Uint8Array(fixture("csv/city-marks-sjis.csv")), { mapping }),
      2,
    );
    expect(preview.rows).toHaveLength(2);
    expect(preview.totalRows).toBe(6);
    expect(preview.rows[0]).toMatchObject({
      location: "3",
      kind: "initiative",
      values: { number: "1", title: "協働事業の推進", grade: "○", kpiName: "協働事業数" },
    });
    expect(preview.rows[1]).toMatchObject({
      kind: "continuation",
      values: { kpiName: "協働事業の参加者数" },
    });
    expect(preview.columns.map((c) => c.header)).toContain("進捗状況 (F)");
    expect(preview.counts).toEqual({ errors: 0, warnings: 0, policies: 2, initiatives: 4, kpis: 5 });
    expect(preview.importable).toBe(true);
  });

  it("keeps every diagnostic and says a document with errors cannot be saved", () => {
    const mapping = parseMapping(fixture("mapping/city-marks.json").toString("utf8")).mapping;
    if (!mapping) throw new Error("mapping");
    const csv =
      "タイトル\r\n柱,番号,取組名,担当課,取組の概要,令和4年度の実績,指標,基準値(R1),目標値(R6),実績値(R4),評価,推進委員会の意見,令和5年度の目標\r\n柱,1,取組,課,,,,,,,Z,,\r\n";
    const preview = previewImport(importCsv(new TextEncoder().encode(csv), { mapping }));
    expect(preview.diagnostics.map((d) => d.code)).toEqual(["grade.invalid"]);
    expect(preview.counts.errors).toBe(1);
    expect(preview.importable).toBe(false);
    expect(preview.rows).toHaveLength(1);
  });

  it("takes the rows from the document for importers that keep none (table text)", () => {
    const preview = previewImport(importTableText(new Uint8Array(fixture("sakado-fy2019.txt"))), 4);
    expect(preview.totalRows).toBe(62);
    expect(preview.rows.map((r) => [r.kind, r.values.number, r.values.kpiName])).toEqual([
      ["initiative", "1", "産・学・官連携協定(※)件数"],
      ["continuation", "1", "坂戸市産農畜産物のプラント認証件数"],
      ["continuation", "1", "北坂戸にぎわいサロンの利用者数"],
      ["initiative", "2", "ホームページサイト訪問者数"],
    ]);
    expect(preview.counts).toMatchObject({ policies: 3, initiatives: 24, kpis: 62 });
  });
});
