import { describe, expect, it } from "vitest";
import { initiative, kpi, seedDocument, smallDocument } from "../../test/factories/test-documents.ts";
import { parseKpiValue } from "../domain/kpi-parse.ts";
import { kpiNumber, kpiRowHeaders, kpiRows, kpiUnit } from "./kpi-rows.ts";

const v = (text: string) => parseKpiValue(text, { defaultEra: "heisei" });

describe("kpiNumber", () => {
  it("gives money in yen, percentages and quantities as written, bounds by their number", () => {
    expect(kpiNumber(v("76,006千円"))).toBe(76_006_000);
    expect(kpiNumber(v("1億円(R2年度)"))).toBe(100_000_000);
    expect(kpiNumber(v("5.7%"))).toBe(5.7);
    expect(kpiNumber(v("11,007人"))).toBe(11_007);
    expect(kpiNumber(v("30%以上"))).toBe(30);
    expect(kpiNumber(v("72事業(累計215)"))).toBe(72);
  });

  it("gives null for stages, directions, relative bounds, no value and unreadable text", () => {
    for (const text of ["検討", "実施(29年度)", "拡大", "縮小", "現状以下", "-", "", "=1+1"]) {
      expect(kpiNumber(v(text)), text).toBeNull();
    }
  });
});

describe("kpiUnit", () => {
  it("is 円 when any value is money, else the target's unit first", () => {
    expect(kpiUnit({ baseline: v("57,074千円"), target: v("1億円(R2年度)"), current: v("39,411千円") })).toBe(
      "円",
    );
    expect(kpiUnit({ baseline: v("-"), target: v("50回/年"), current: v("53回") })).toBe("回/年");
    expect(kpiUnit({ baseline: v("617g"), target: v("現状以下"), current: v("615g") })).toBe("g");
    expect(kpiUnit({ baseline: v("3.57"), target: v("3.70"), current: v("3.52") })).toBe("");
  });
});

describe("kpiRows", () => {
  it("gives one row per KPI of the seed (62) with 22 columns", () => {
    const rows = kpiRows(seedDocument());
    expect(rows).toHaveLength(62);
    expect(kpiRowHeaders()).toHaveLength(22);
    expect(Object.keys(rows[0] ?? {})).toHaveLength(22);
  });

  it("gives one row with empty KPI cells for an initiative without KPIs", () => {
    const doc = smallDocument([
      initiative(1, {
        kpis: [kpi("1-1", "a", "1件", "2件", "3件"), kpi("1-2", "b(再掲)", "-", "拡大", "4件")],
      }),
      initiative(2, { grade: null }),
    ]);
    const rows = kpiRows(doc);
    expect(rows.map((r) => [r.number, r.kpiName, r.relisted])).toEqual([
      [1, "a", ""],
      [1, "b(再掲)", "○"],
      [2, "", ""],
    ]);
    expect(rows[2]).toMatchObject({ baselineNumber: null, achievement: null, grade: "", gradeLabel: "" });
    // (3 − 1) / (2 − 1) = 2
    expect(rows[0]?.achievement).toBe(2);
    expect(rows[0]?.policy).toBe("(ア) 市民と行政との協働体制の確立");
  });

  it("has English headers too", () => {
    expect(kpiRowHeaders("en").slice(0, 3)).toEqual(["Basic policy", "No.", "Initiative"]);
  });
});
