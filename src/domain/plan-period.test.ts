import { describe, expect, it } from "vitest";
import { expectedShare, planYearCount } from "./plan-period.ts";

// 行政改革後期アクションプラン（平成29年度～令和3年度）: FY2017–FY2021.
const sakado = { startFiscalYear: 2017, endFiscalYear: 2021 };

describe("planYearCount", () => {
  it("counts both ends: 平成29年度～令和3年度 is five fiscal years", () => {
    expect(planYearCount(sakado)).toBe(5);
  });

  it("a one-year plan has one year", () => {
    expect(planYearCount({ startFiscalYear: 2020, endFiscalYear: 2020 })).toBe(1);
  });

  it("a reversed period has no years (not a negative count)", () => {
    expect(planYearCount({ startFiscalYear: 2021, endFiscalYear: 2017 })).toBe(0);
  });
});

describe("expectedShare", () => {
  it("at the end of R1年度 (FY2019), three of five years have passed", () => {
    expect(expectedShare(sakado, 2019)).toEqual({ elapsedYears: 3, totalYears: 5, share: 0.6 });
  });

  it("at the end of the first year, one fifth", () => {
    expect(expectedShare(sakado, 2017)).toEqual({ elapsedYears: 1, totalYears: 5, share: 0.2 });
  });

  it("at the end of the last year, the whole period", () => {
    expect(expectedShare(sakado, 2021)).toEqual({ elapsedYears: 5, totalYears: 5, share: 1 });
  });

  it("before the plan starts (FY2016, and the baseline year FY2015), nothing", () => {
    expect(expectedShare(sakado, 2016)).toEqual({ elapsedYears: 0, totalYears: 5, share: 0 });
    expect(expectedShare(sakado, 2015)).toEqual({ elapsedYears: 0, totalYears: 5, share: 0 });
  });

  it("after the plan ends (FY2025), clamped to the whole period", () => {
    expect(expectedShare(sakado, 2025)).toEqual({ elapsedYears: 5, totalYears: 5, share: 1 });
  });

  it("an empty period gives share 0, never NaN", () => {
    const share = expectedShare({ startFiscalYear: 2021, endFiscalYear: 2017 }, 2019);
    expect(share).toEqual({ elapsedYears: 0, totalYears: 0, share: 0 });
  });
});
