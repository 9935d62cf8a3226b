import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Kpi } from "../../domain/plan-document.ts";
import { importCsv } from "../csv/import.ts";
import { type ColumnMapping, parseMapping } from "./schema.ts";

/**
 * ひかり市's table (test/fixtures/csv/city-years.csv), written by hand as such tables are: a 単位
 * column beside the values, the baseline's and the target's years in their headers (基準値（H27）,
 * 目標値（R3）), and one 実績 column per fiscal year (H29実績, H30実績, R1実績). The expected values are
 * read off the table by hand.
 */
const CSV = readFileSync(new URL("../../../test/fixtures/csv/city-years.csv", import.meta.url));
const MAPPING = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/mapping/city-years.json", import.meta.url), "utf8"),
);

function mappingOf(object: unknown): ColumnMapping {
  const parsed = parseMapping(object);
  expect(parsed.diagnostics).toEqual([]);
  if (!parsed.mapping) throw new Error("mapping");
  return parsed.mapping;
}

function read(changes: Record<string, unknown> = {}, csv: Uint8Array | string = new Uint8Array(CSV)) {
  return importCsv(csv, { mapping: mappingOf({ ...MAPPING, ...changes }) });
}

const kpis = (result: ReturnType<typeof read>): Kpi[] =>
  result.document?.policies.flatMap((p) => p.initiatives.flatMap((i) => i.kpis)) ?? [];
const values = (result: ReturnType<typeof read>, field: "baseline" | "target" | "current") =>
  kpis(result).map((k) => k[field].text);

describe("a mapping with a unit column and years in the headers", () => {
  it("reads ひかり市's table: units appended, the baseline year from its header, 現状値 from the R1 column", () => {
    const result = read();
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.plan).toEqual({
      title: "ひかり市行政改革推進計画",
      startFiscalYear: 2017,
      endFiscalYear: 2021,
      // 基準値（H27）: the mapping names no baseline year, the header does.
      baselineFiscalYear: 2015,
    });
    expect(result.document?.round).toEqual({ fiscalYear: 2019, asOf: "2020-03-31" });
    const initiatives = result.document?.policies.flatMap((p) => p.initiatives) ?? [];
    expect(initiatives.map((i) => [i.number, i.title, i.departments, i.grade])).toEqual([
      [1, "窓口サービスの向上", ["市民課"], "A"],
      [2, "公共施設の適正配置", ["資産経営課"], "B"],
      [3, "電子申請の拡充", ["情報政策課"], "A"],
      [4, "職員研修の充実", ["人事課"], "C"],
      [5, "補助金の見直し", ["財政課"], "D"],
    ]);
    expect(kpis(result).map((k) => [k.key, k.label, k.baseline, k.target, k.current])).toEqual([
      [
        "1-1",
        "窓口アンケートの満足度",
        { text: "72.5%", kind: "quantity", value: 72.5, unit: "%" },
        { text: "80%", kind: "quantity", value: 80, unit: "%" },
        { text: "76.3%", kind: "quantity", value: 76.3, unit: "%" },
      ],
      [
        "1-2",
        "証明書のコンビニ交付件数",
        { text: "1,200件", kind: "quantity", value: 1200, unit: "件" },
        { text: "3,000件", kind: "quantity", value: 3000, unit: "件" },
        { text: "2,610件", kind: "quantity", value: 2610, unit: "件" },
      ],
      [
        "2-1",
        "公共施設の延床面積の削減率",
        // "-" stays no value; "10以上" takes the unit before 以上.
        { text: "-", kind: "none" },
        { text: "10%以上", kind: "bound", value: 10, unit: "%", comparison: "atLeast" },
        { text: "4.0%", kind: "quantity", value: 4, unit: "%" },
      ],
      [
        "3-1",
        "電子申請できる手続の数",
        // "42手続" has its unit already: not "42手続手続".
        { text: "42手続", kind: "quantity", value: 42, unit: "手続" },
        { text: "100手続", kind: "quantity", value: 100, unit: "手続" },
        { text: "72手続", kind: "quantity", value: 72, unit: "手続" },
      ],
      [
        "4-1",
        "階層別研修の実施",
        { text: "検討", kind: "stage", stage: "検討" },
        { text: "実施", kind: "stage", stage: "実施" },
        { text: "実施", kind: "stage", stage: "実施" },
      ],
      [
        "5-1",
        "見直した補助金の数",
        { text: "0件", kind: "quantity", value: 0, unit: "件" },
        { text: "20件", kind: "quantity", value: 20, unit: "件" },
        // The R1実績 cell is empty: no value, and no unit either.
        { text: "", kind: "none" },
      ],
    ]);
    // The preview shows the cells as written, 現状値 from the year's column.
    expect(result.rows[0]?.values).toMatchObject({ unit: "%", baseline: "72.5", current: "76.3" });
  });

  it("takes 現状値 from the column of the fiscal year imported", () => {
    const result = read({ round: { fiscalYear: "平成30年度", asOf: "平成31年3月31日" } });
    expect(result.diagnostics).toEqual([]);
    expect(values(result, "current")).toEqual(["75.0%", "2,240件", "3.4%", "61手続", "一部実施", "9件"]);
    // The 当初 and 目標 columns are the same whatever the year.
    expect(values(result, "baseline")).toEqual(["72.5%", "1,200件", "-", "42手続", "検討", "0件"]);
  });

  it("reads a month in a header as that month's fiscal year: H31.3現在 is 平成30年度, R2.3現在 令和元年度", () => {
    const csv = new TextDecoder()
      .decode(CSV)
      .replace("H29実績,H30実績,R1実績", "H30.3現在,H31.3現在,R2.3現在");
    const result = read(
      { columns: { ...MAPPING.columns, current: { eachYear: ["H30.3現在", "H31.3現在", "R2.3現在"] } } },
      csv,
    );
    expect(result.diagnostics).toEqual([]);
    // 令和元年度 (FY2019) is the year to 2020-03-31: the R2.3現在 column (read off the CSV by hand).
    expect(values(result, "current")).toEqual(["76.3%", "2,610件", "4.0%", "72手続", "実施", ""]);
  });

  it("takes the year outside brackets over the date in them: H30実績(R1.5.31現在) is 平成30年度's column", () => {
    const csv = new TextDecoder()
      .decode(CSV)
      .replace("H29実績,H30実績,R1実績", "H29実績,H30実績(R1.5.31現在),R1年度実績（令和2年5月末時点）");
    const eachYear = ["H29実績", "H30実績(R1.5.31現在)", "R1年度実績（令和2年5月末時点）"];
    const result = read(
      {
        columns: { ...MAPPING.columns, current: { eachYear } },
        round: { fiscalYear: "平成30年度", asOf: "平成31年3月31日" },
      },
      csv,
    );
    expect(result.diagnostics).toEqual([]);
    expect(values(result, "current")).toEqual(["75.0%", "2,240件", "3.4%", "61手続", "一部実施", "9件"]);
  });

  it("refuses a fiscal year without its column, naming the years the headers were read as", () => {
    const result = read({ round: { fiscalYear: "平成28年度", asOf: "平成29年3月31日" } });
    expect(result.diagnostics.map((d) => [d.severity, d.field, d.message])).toEqual([
      [
        "error",
        "columns.current.eachYear",
        "現状値の年度ごとの列に、この表の年度（平成28年度）の列がありません（見出しから読んだ年度：H29実績＝平成29年度、H30実績＝平成30年度、R1実績＝令和元年度）。列の対応表の「columns.current.eachYear」にその年度の列を加えるか、この表の年度を確かめてください",
      ],
    ]);
  });

  it("says what to do on the page when the mapping was made in the browser builder, not which JSON key to edit", () => {
    const fromBuilder = (changes: Record<string, unknown>) =>
      importCsv(new Uint8Array(CSV), {
        mapping: mappingOf({ ...MAPPING, ...changes }),
        mappingOrigin: "builder",
      });
    const missing = fromBuilder({ round: { fiscalYear: "平成28年度", asOf: "平成29年3月31日" } });
    expect(missing.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "mapping.year-column-missing",
        "現状値の年度ごとの列に、この表の年度（平成28年度）の列がありません（見出しから読んだ年度：H29実績＝平成29年度、H30実績＝平成30年度、R1実績＝令和元年度）。「列の対応表を変更する」から、「現状値の年度ごとの列」で平成28年度の列を選ぶか、この表の年度を確かめてください",
      ],
    ]);
    const noYear = fromBuilder({ columns: { ...MAPPING.columns, current: { eachYear: ["H", "E"] } } });
    expect(noYear.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "mapping.header-year-missing",
        "現状値の年度ごとの列に選んだE列の見出し「単位」から年度を読み取れません。「列の対応表を変更する」から、「現状値の年度ごとの列」で見出しに年度のある列（H29実績、令和元年度実績 など）を選び直してください",
      ],
    ]);
    const twice = fromBuilder({ columns: { ...MAPPING.columns, current: { eachYear: ["J", "J"] } } });
    expect(twice.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "mapping.header-year-duplicate",
        "現状値の年度ごとの列に、令和元年度の列が2つあります（見出し「R1実績」と「R1実績」）。「列の対応表を変更する」から、どちらか一方だけを選んでください",
      ],
    ]);
    const noHeader = fromBuilder({
      headerRows: 0,
      columns: { number: "A", title: "B", current: { eachYear: ["H"] } },
    });
    expect(noHeader.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "mapping.header-rows-needed",
        "現状値の年度ごとの列は見出しの年度で見分けます。「列の対応表を変更する」から、「見出しの行」を1以上にしてください",
      ],
    ]);
  });

  it("refuses a year column whose header names no year, and two columns of one year", () => {
    const noYear = read({ columns: { ...MAPPING.columns, current: { eachYear: ["H29実績", "単位"] } } });
    expect(noYear.document).toBeNull();
    expect(noYear.diagnostics.map((d) => [d.field, d.message])).toEqual([
      [
        "columns.current.eachYear[1]",
        "列の対応表の「columns.current.eachYear[1]」：E列の見出し「単位」から年度を読み取れません。年度ごとの列には、見出しに年度のある列（H29実績、令和元年度実績 など）を指定してください",
      ],
    ]);
    const twice = read({
      columns: { ...MAPPING.columns, current: { eachYear: ["R1実績", { letter: "j" }] } },
    });
    expect(twice.diagnostics.map((d) => d.message)).toEqual([
      "列の対応表の「columns.current.eachYear[1]」：令和元年度の列が2つあります（見出し「R1実績」と「R1実績」）。どちらか一方にしてください",
    ]);
  });

  it("asks for header rows when 現状値 is per year but headerRows is 0 (the years are read from the headers)", () => {
    const result = read({
      headerRows: 0,
      columns: {
        number: "A",
        title: "B",
        kpiName: "D",
        current: { eachYear: ["H", "I", "J"] },
      },
    });
    expect(result.document).toBeNull();
    expect(result.diagnostics.map((d) => [d.severity, d.field, d.message])).toEqual([
      [
        "error",
        "columns.current.eachYear",
        "列の対応表の「columns.current.eachYear」：年度ごとの列は見出しの年度で見分けるため、「headerRows」を1以上にしてください",
      ],
    ]);
  });

  it("gives a value without a time of its own the year its header names, when the plan does not imply it", () => {
    // A plan to 令和4年度 whose targets are due in R3, and whose baseline year is said to be H28.
    const csv = new TextDecoder()
      .decode(CSV)
      .replace("階層別研修の実施,,検討,実施", "階層別研修の実施,,検討,実施(R2年度)");
    const result = read(
      {
        plan: {
          title: "ひかり市行政改革推進計画",
          startFiscalYear: 2017,
          endFiscalYear: 2022,
          baselineFiscalYear: 2016,
        },
      },
      csv,
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.plan.baselineFiscalYear).toBe(2016);
    expect(kpis(result).map((k) => [k.baseline.fiscalYear, k.target.fiscalYear])).toEqual([
      [2015, 2021],
      [2015, 2021],
      // "-" has no value to date; a cell that says its year (実施(R2年度)) keeps it.
      [undefined, 2021],
      [2015, 2021],
      [2015, 2020],
      [2015, 2021],
    ]);
    // The text stays as written (with its unit).
    expect(values(result, "target")[0]).toBe("80%");
  });

  it("leaves the values alone when the headers' years are the plan's own", () => {
    const result = read();
    // H27 is the baseline year the header gave the plan; R3 is the plan's last year.
    expect(kpis(result).map((k) => [k.baseline.fiscalYear, k.target.fiscalYear])).toEqual(
      kpis(result).map(() => [undefined, undefined]),
    );
  });

  it("warns when the one 現状値 column's header names another year than the table's", () => {
    const result = read({ columns: { ...MAPPING.columns, current: "H30実績" } });
    expect(values(result, "current")[0]).toBe("75.0%");
    expect(result.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      [
        "warning",
        "現状値の列の見出し「H30実績」は平成30年度の値ですが、この表の年度は令和元年度です。列の対応表の現状値の列か、この表の年度を確かめてください",
      ],
    ]);
  });
});
