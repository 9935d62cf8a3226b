import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  initiative,
  kpi,
  oddTextDocument,
  seedDocument,
  smallDocument,
} from "../../../test/factories/test-documents.ts";
import { exportCsv } from "../export/csv.ts";
import { parseMapping } from "../mapping/schema.ts";
import { importCsv } from "./import.ts";

function fixture(path: string): Buffer {
  return readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url));
}

function mapping(name: string) {
  const parsed = parseMapping(fixture(`mapping/${name}`).toString("utf8"));
  if (!parsed.mapping) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.mapping;
}

describe("importCsv: a city's ◎○△× list in Shift_JIS, through a mapping", () => {
  const result = importCsv(new Uint8Array(fixture("csv/city-marks-sjis.csv")), {
    mapping: mapping("city-marks.json"),
  });
  const doc = result.document;
  const initiatives = doc?.policies.flatMap((p) => p.initiatives) ?? [];

  it("reads without diagnostics but the KPI-less initiative's", () => {
    expect(result.diagnostics).toEqual([]);
    expect(doc?.organization).toEqual({ name: "みどり市" });
    expect(doc?.plan).toEqual({
      title: "第3次みどり市行財政改革大綱実施計画",
      startFiscalYear: 2020,
      endFiscalYear: 2024,
      baselineFiscalYear: 2019,
    });
    expect(doc?.round).toEqual({ fiscalYear: 2022, asOf: "2023-03-31" });
  });

  it("starts a policy where the 柱 cell changes, an initiative where 番号 is filled", () => {
    expect(doc?.policies.map((p) => [p.code, p.title, p.initiatives.map((i) => i.number)])).toEqual([
      ["", "1 市民協働の推進", [1, 2]],
      ["", "2 財政の健全化", [3, 4]],
    ]);
  });

  it("maps ◎○△× to A–D", () => {
    expect(initiatives.map((i) => i.grade)).toEqual(["B", "A", "C", "D"]);
    expect(doc?.gradeSummary).toEqual({ A: 1, B: 1, C: 1, D: 1 });
  });

  it("reads continuation rows as further KPIs, and values as table cells", () => {
    expect(
      initiatives[0]?.kpis.map((k) => [k.key, k.label, k.baseline.text, k.target.text, k.current.text]),
    ).toEqual([
      ["1-1", "協働事業数", "8件", "15件", "12件"],
      ["1-2", "協働事業の参加者数", "1,200人", "2,000人", "1,650人"],
    ]);
    expect(initiatives[0]?.kpis[1]?.current).toEqual({
      text: "1,650人",
      kind: "quantity",
      value: 1650,
      unit: "人",
    });
    expect(initiatives[2]?.kpis[0]?.target).toEqual({
      text: "実施(R5年度)",
      kind: "stage",
      stage: "実施",
      fiscalYear: 2023,
    });
    expect(initiatives[2]?.kpis[1]?.baseline).toMatchObject({ kind: "money", yen: 12_345_000 });
    expect(initiatives[3]?.kpis).toEqual([]);
  });

  it("splits 担当課 on the mapping's separator and keeps characters beyond JIS level 1", () => {
    expect(initiatives[0]?.departments).toEqual(["市民活動課", "企画課"]);
    expect(initiatives[3]?.departments).toEqual(["財政課", "髙橋課"]);
  });

  it("turns a line break inside a cell into LF", () => {
    expect(initiatives[1]?.activities).toBe("対象手続を拡大した。\n子育て分野を追加した。");
  });

  it("keeps the rows as read, with record numbers and lines", () => {
    expect(result.rows.map((r) => [r.number, r.line, r.kind])).toEqual([
      [3, 3, "initiative"],
      [4, 4, "continuation"],
      [5, 5, "initiative"],
      // Record 5 spans lines 5–6 (a line break inside a cell).
      [6, 7, "initiative"],
      [7, 8, "continuation"],
      [8, 9, "initiative"],
    ]);
  });

  it("reads the same from UTF-8 with a BOM", () => {
    const utf8 = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(iconv.decode(fixture("csv/city-marks-sjis.csv"), "cp932"), "utf8"),
    ]);
    const again = importCsv(new Uint8Array(utf8), { mapping: mapping("city-marks.json") });
    expect(again.document?.policies).toEqual(doc?.policies);
  });
});

function cityCsv(rows: string[]): Uint8Array {
  const header =
    "柱,番号,取組名,担当課,取組の概要,令和4年度の実績,指標,基準値(R1),目標値(R6),実績値(R4),評価,推進委員会の意見,令和5年度の目標";
  return new TextEncoder().encode(["タイトル", header, ...rows].join("\r\n"));
}

describe("importCsv: bad cells", () => {
  it("reads the marks that look like the scale's ○ and × as them (〇 and ◯, ✕ and ✖)", () => {
    const result = importCsv(
      cityCsv([
        "柱A,1,取組1,課,概要,実績,指標,1件,2件,3件,〇,意見,目標",
        "柱A,2,取組2,課,概要,実績,指標,1件,2件,3件,◯,意見,目標",
        "柱A,3,取組3,課,概要,実績,指標,1件,2件,3件,✕,意見,目標",
        "柱A,4,取組4,課,概要,実績,指標,1件,2件,3件,✖,意見,目標",
      ]),
      { mapping: mapping("city-marks.json") },
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.policies[0]?.initiatives.map((i) => i.grade)).toEqual(["B", "B", "D", "D"]);
  });

  it("reports a grade not on the scale with its cell and line", () => {
    const result = importCsv(cityCsv(["柱A,1,取組,課,概要,実績,指標,1件,2件,3件,□,意見,目標"]), {
      mapping: mapping("city-marks.json"),
    });
    const bad = result.diagnostics.find((d) => d.code === "grade.invalid");
    expect(bad).toMatchObject({
      severity: "error",
      cell: "K3",
      line: 3,
      field: "policies[0].initiatives[0].grade",
    });
    expect(bad?.sheet).toBeUndefined();
    expect(bad?.message).toBe(
      "取組項目 No.1 の進捗状況「□」は評価の段階にありません。◎・○・△・×のいずれかに直してください",
    );
  });

  it("reports a number that is not one, and skips its continuation rows with it", () => {
    const result = importCsv(
      cityCsv([
        "柱A,1,取組1,課,概要,実績,指標,1件,2件,3件,○,意見,目標",
        "柱A,一の二,取組2,課,概要,実績,指標a,1件,2件,3件,○,意見,目標",
        ",,,,,,指標b,1件,2件,3件,,,",
      ]),
      { mapping: mapping("city-marks.json") },
    );
    expect(result.diagnostics.map((d) => [d.code, d.cell])).toEqual([["initiative.number-invalid", "B4"]]);
    expect(result.document?.policies[0]?.initiatives.map((i) => i.kpis.length)).toEqual([1]);
  });

  it("warns about a continuation row before any initiative, and conflicting texts on continuation rows", () => {
    const result = importCsv(
      cityCsv([
        ",,,,,,迷子の指標,1件,2件,3件,,,",
        "柱A,1,取組1,課,概要,実績,指標,1件,2件,3件,○,意見,目標",
        ",,別の取組名,,,,指標2,1件,2件,3件,,,",
      ]),
      { mapping: mapping("city-marks.json") },
    );
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.cell])).toEqual([
      ["row.unplaced", "warning", "B3"],
      ["row.conflicting-text", "warning", "C5"],
    ]);
    expect(result.document?.policies[0]?.initiatives[0]?.title).toBe("取組1");
    expect(result.document?.policies[0]?.initiatives[0]?.kpis).toHaveLength(2);
  });

  it("names a mapped header that the file does not have", () => {
    const parsed = parseMapping({
      headerRows: 2,
      columns: { number: "番号", title: "取組の名称" },
      plan: { title: "計画", startFiscalYear: 2020, endFiscalYear: 2024 },
    });
    if (!parsed.mapping) throw new Error("mapping");
    const result = importCsv(cityCsv([]), { mapping: parsed.mapping });
    expect(result.document).toBeNull();
    expect(result.diagnostics.map((d) => [d.code, d.field, d.message])).toEqual([
      [
        "mapping.column-not-found",
        "columns.title",
        "列の対応表の「columns.title」：見出し「取組の名称」の列が見出し行（1～2行目）にありません。見出しの文字を確認してください",
      ],
    ]);
  });

  it("reports malformed CSV with its line", () => {
    const result = importCsv(new TextEncoder().encode('a,b\r\n"unterminated,c\r\n'), {
      mapping: mapping("city-marks.json"),
    });
    expect(result.document).toBeNull();
    expect(result.diagnostics[0]?.code).toBe("input.csv-syntax");
  });

  it("asks for a mapping for a CSV it does not know", () => {
    const result = importCsv(new TextEncoder().encode("a,b\r\n1,2\r\n"));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["mapping.required"]);
  });
});

describe("importCsv: the open-data CSV this product writes", () => {
  it("reads it back without a mapping, plan and baseline year included, in both encodings", () => {
    const seed = { ...seedDocument(), organization: { name: "坂戸市" } };
    for (const encoding of ["utf-8", "shift_jis"] as const) {
      const result = importCsv(new Uint8Array(exportCsv(seed, { encoding })));
      expect(result.diagnostics, encoding).toEqual([]);
      expect(result.document?.plan).toEqual({
        title: "行政改革後期アクションプラン",
        startFiscalYear: 2017,
        endFiscalYear: 2021,
        baselineFiscalYear: 2015,
      });
      expect(result.document?.organization).toEqual({ name: "坂戸市" });
      expect(result.document?.round).toEqual({ fiscalYear: 2019, asOf: "2020-03-31" });
      // The CSV carries everything of the policies but 再掲 links are re-derived; they come back equal.
      expect(result.document?.policies, encoding).toEqual(seed.policies);
    }
  });

  it("recognises the headers of any round (their years differ)", () => {
    const later = smallDocument([initiative(1, { kpis: [kpi("1-1", "a", "1件", "3件", "2件")] })], {
      round: { fiscalYear: 2020, asOf: "2021-03-31" },
    });
    const text = exportCsv(later).toString("utf8");
    expect(text).toContain("R2年度取組内容 (D)");
    expect(text).toContain("現状値 (R2末)");
    const result = importCsv(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.round.fiscalYear).toBe(2020);
  });

  it("takes the formula-guard quote off again", () => {
    const result = importCsv(new Uint8Array(exportCsv(oddTextDocument())));
    const first = result.document?.policies[0]?.initiatives[0];
    expect(first?.title).toBe("=1+1");
    expect(first?.departments).toEqual(["+SUM(A1)"]);
    expect(first?.kpis[0]?.baseline.text).toBe("-5%");
  });

  it("says the plan is missing when its cells are empty and no mapping gives it", () => {
    const text = exportCsv(seedDocument())
      .toString("utf8")
      .replaceAll(",行政改革後期アクションプラン,2017,2021,", ",,,,");
    const result = importCsv(text);
    expect(result.document).toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toEqual(["mapping.plan-missing"]);
  });
});
