import { describe, expect, it } from "vitest";
import { kpiParseContext } from "./kpi-context.ts";
import { parseKpiValue } from "./kpi-parse.ts";

describe("kpiParseContext", () => {
  it("reads a 平成29年度～令和3年度 plan's era-less years in 平成, and 元年度 as 令和元年度", () => {
    const ctx = kpiParseContext({ startFiscalYear: 2017, endFiscalYear: 2021, baselineFiscalYear: 2015 });
    expect(ctx).toEqual({ defaultEra: "heisei", planPeriod: { startFiscalYear: 2017, endFiscalYear: 2021 } });
    expect(parseKpiValue("実施(29年度)", ctx).fiscalYear).toBe(2017);
    expect(parseKpiValue("実施(元年度)", ctx).fiscalYear).toBe(2019);
  });

  it("a 令和 plan reads them in 令和", () => {
    expect(kpiParseContext({ startFiscalYear: 2020, endFiscalYear: 2024 }).defaultEra).toBe("reiwa");
  });

  it("an unknown period (0, as an importer leaves it when the title is missing) gives no planPeriod", () => {
    expect(kpiParseContext({ startFiscalYear: 0, endFiscalYear: 0 })).toEqual({ defaultEra: "reiwa" });
  });
});
