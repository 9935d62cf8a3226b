import { describe, expect, it } from "vitest";
import { kpiParseContext } from "./kpi-context.ts";
import { parseKpiValue } from "./kpi-parse.ts";
import { readingLine, readKpiEntry } from "./kpi-reading.ts";

/** 坂戸市's plan: 平成29年度～令和3年度, baseline H27末. */
const ctx = kpiParseContext({ startFiscalYear: 2017, endFiscalYear: 2021, baselineFiscalYear: 2015 });
/** No.8 事務事業評価件数 of the seed: 当初 101事業, 目標 350事業(累計). */
const evaluations = { baseline: parseKpiValue("101事業", ctx), target: parseKpiValue("350事業(累計)", ctx) };

describe("what a typed 現状値 is read as", () => {
  it("money in yen", () => {
    expect(readingLine(readKpiEntry("1億円", {}, ctx, "ja"), "ja")).toBe("1億円 → 100,000,000円");
    expect(readKpiEntry("76,006千円", {}, ctx, "ja").parts).toEqual(["76,006千円 → 76,006,000円"]);
  });

  it("a cumulative total against a cumulative target: 215 of 350 is 61%", () => {
    const reading = readKpiEntry("72事業(累計215)", evaluations, ctx, "ja");
    expect(reading.parts).toEqual(["72事業", "累計 215"]);
    expect(reading.achievement).toBe("目標 350事業(累計) に対して 61%");
    expect(readKpiEntry("72事業(累計215)", evaluations, ctx, "en").achievement).toBe(
      "61% of the target 350事業(累計)",
    );
  });

  it("a misplaced thousands separator is not a number: it is said so, with why", () => {
    const reading = readKpiEntry("1,2,00件", {}, ctx, "ja");
    expect(reading.readable).toBe(false);
    expect(reading.parts).toEqual(["数値として読み取れません（文字のまま公表されます）"]);
    expect(reading.diagnostic).toBe("桁区切りのカンマの位置が正しくありません");
  });

  it("stages and their year in the plan's era; bounds; nothing typed", () => {
    expect(readKpiEntry("実施(29年度)", {}, ctx, "ja").parts).toEqual(["段階「実施」", "平成29年度"]);
    expect(readKpiEntry("30%以上", {}, ctx, "ja").parts).toEqual(["30%以上"]);
    expect(readKpiEntry("", {}, ctx, "ja").empty).toBe(true);
    expect(readKpiEntry("-", {}, ctx, "ja")).toMatchObject({ empty: false, parts: ["値なし"] });
  });

  it("a met-or-not target says met or not, not a percentage", () => {
    const kpi = { baseline: parseKpiValue("5件", ctx), target: parseKpiValue("拡大", ctx) };
    expect(readKpiEntry("7件", kpi, ctx, "ja").achievement).toBe("目標 拡大 を達成");
    expect(readKpiEntry("4件", kpi, ctx, "ja").achievement).toBe("目標 拡大 は未達成");
  });
});
