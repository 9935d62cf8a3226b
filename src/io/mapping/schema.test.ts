import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseMapping } from "./schema.ts";

function fixture(name: string): string {
  return readFileSync(new URL(`../../../test/fixtures/mapping/${name}`, import.meta.url), "utf8");
}

function problems(input: unknown): [string | undefined, string][] {
  const result = parseMapping(input);
  return result.diagnostics.map((d) => [d.field, d.message]);
}

describe("parseMapping", () => {
  it("reads a valid mapping, fiscal years and dates written in 和暦 included", () => {
    const result = parseMapping(fixture("city-marks.json"));
    expect(result.diagnostics).toEqual([]);
    expect(result.mapping?.plan).toEqual({
      title: "第3次みどり市行財政改革大綱実施計画",
      startFiscalYear: 2020,
      endFiscalYear: 2024,
      baselineFiscalYear: 2019,
    });
    expect(result.mapping?.round).toEqual({ fiscalYear: 2022, asOf: "2023-03-31" });
    expect(result.mapping?.gradeScale).toEqual({ "◎": "A", "○": "B", "△": "C", "×": "D" });
  });

  it("takes 対象外 as a word's target beside A–D or beside the city's own codes, and nothing else", () => {
    const base = JSON.parse(fixture("city-marks.json"));
    const defaults = parseMapping({ ...base, gradeScale: { ...base.gradeScale, "－": "対象外" } });
    expect(defaults.diagnostics).toEqual([]);
    expect(defaults.mapping?.gradeScale?.["－"]).toBe("対象外");
    const grades = [
      { code: "S", label: "達成" },
      { code: "A", label: "概ね達成" },
      { code: "B", label: "未達成" },
    ];
    const own = parseMapping({ ...base, grades, gradeScale: { "◎": "S", "－": "対象外" } });
    expect(own.diagnostics).toEqual([]);
    expect(problems({ ...base, grades, gradeScale: { "◎": "D" } })).toEqual([
      [
        'gradeScale["◎"]',
        '列の対応表の項目「gradeScale["◎"]」：「D」は使えません。S・A・B・対象外のいずれかに直してください',
      ],
    ]);
  });

  it("names the JSON path of every problem, in Japanese", () => {
    const found = problems(fixture("bad.json"));
    expect(found).toEqual([
      ["headerRows", "列の対応表の項目「headerRows」：数値でなければなりません（文字列が書かれています）"],
      ["columns.title", "列の対応表の項目「columns.title」：必須の項目がありません"],
      ["columns.grade", "列の対応表の項目「columns.grade」：空にできません"],
      [
        "columns.kpi",
        "列の対応表の項目「columns.kpi」：この項目は使えません。つづりを確かめてください（使える項目：policy、number、title、departments、description、activities、kpiName、unit、relisted、baseline、target、current、grade、committeeOpinion、nextYearGoal、fiscalYear、asOf）",
      ],
      [
        'gradeScale["◎"]',
        '列の対応表の項目「gradeScale["◎"]」：「S」は使えません。A・B・C・D・対象外のいずれかに直してください',
      ],
      [
        "plan.startFiscalYear",
        '列の対応表の項目「plan.startFiscalYear」：年度「平成三十年度」を読み取れません（例：2019、"令和元年度"、"R1"）',
      ],
      [
        "round.asOf",
        '列の対応表の項目「round.asOf」：日付「2023/02/30」を読み取れません（例："2020-03-31"、"令和2年3月31日"）',
      ],
      [
        "colums",
        "列の対応表の項目「colums」：この項目は使えません。つづりを確かめてください（使える項目：sheet、headerRows、columns、departmentSeparator、grades、gradeScale、plan、round、organization、encoding、delimiter）",
      ],
    ]);
  });

  it("reads a mapping that names the round `report`, as files written before v2 do", () => {
    const current = JSON.parse(fixture("city-marks.json"));
    const { round, ...rest } = current;
    const older = parseMapping({ ...rest, report: round });
    expect(older.diagnostics).toEqual([]);
    expect(older.mapping).toEqual(parseMapping(current).mapping);
    expect(problems({ ...rest, report: { asOf: "2023/02/30" } })).toEqual([
      [
        "report.asOf",
        '列の対応表の項目「report.asOf」：日付「2023/02/30」を読み取れません（例："2020-03-31"、"令和2年3月31日"）',
      ],
    ]);
  });

  it("still reads mapping files written before unit columns and years in headers, as they were", () => {
    for (const name of ["city-marks.json", "city-sabc.json"]) {
      const written = JSON.parse(fixture(name));
      const result = parseMapping(fixture(name));
      expect(result.diagnostics).toEqual([]);
      expect(result.mapping?.columns).toEqual(written.columns);
      expect(result.mapping?.columns.unit).toBeUndefined();
    }
    // The builder's files name columns by letter only.
    const builder = parseMapping({ headerRows: 2, columns: { number: "B", title: "C", current: "J" } });
    expect(builder.mapping?.columns).toEqual({ number: "B", title: "C", current: "J" });
  });

  it("reads a unit column and 現状値 in one column per year", () => {
    const result = parseMapping(fixture("city-years.json"));
    expect(result.diagnostics).toEqual([]);
    expect(result.mapping?.columns.unit).toBe("単位");
    expect(result.mapping?.columns.current).toEqual({ eachYear: ["H29実績", "H30実績", "R1実績"] });
    expect(
      problems({ headerRows: 1, columns: { number: "A", title: "B", current: { eachYear: [] } } }),
    ).toEqual([
      ["columns.current.eachYear", "列の対応表の項目「columns.current.eachYear」：1個以上にしてください"],
    ]);
    // Only 現状値 has a column per year.
    expect(
      problems({ headerRows: 1, columns: { number: "A", title: "B", target: { eachYear: ["R3目標"] } } }).map(
        ([path]) => path,
      ),
    ).toEqual(["columns.target"]);
  });

  it("reports text that is not JSON", () => {
    const found = problems("{ headerRows: 1 ");
    expect(found).toHaveLength(1);
    expect(found[0]?.[0]).toBe("ファイル全体");
    expect(found[0]?.[1]).toBe(
      "列の対応表：JSON として読み取れません。JSON に使えない文字があります。括弧・引用符・カンマを確かめてください",
    );
  });

  it("refuses a plan that ends before it starts", () => {
    const found = problems({
      headerRows: 1,
      columns: { number: "A", title: "B" },
      plan: { title: "計画", startFiscalYear: 2022, endFiscalYear: 2020 },
    });
    expect(found).toEqual([
      ["plan.endFiscalYear", "列の対応表の項目「plan.endFiscalYear」：計画の最終年度が開始年度より前です"],
    ]);
  });

  it("accepts columns by letter, by header text and as explicit objects", () => {
    const result = parseMapping({
      headerRows: 1,
      columns: { number: "B", title: "取組名", grade: { header: "NO" }, kpiName: { letter: "aa" } },
    });
    expect(result.mapping?.columns).toEqual({
      number: "B",
      title: "取組名",
      grade: { header: "NO" },
      kpiName: { letter: "aa" },
    });
  });
});
