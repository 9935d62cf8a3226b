import { describe, expect, it } from "vitest";
import { initiative, kpi, seedDocument, smallDocument } from "../../test/factories/test-documents.ts";
import { parseKpiValue } from "../domain/kpi-parse.ts";
import { kpiNumber, kpiRowColumns, kpiRowHeaders, kpiRows, kpiUnit } from "./kpi-rows.ts";

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
  it("gives one row per KPI of the seed (62) with 33 columns (the code and the name first)", () => {
    const doc = seedDocument();
    const rows = kpiRows(doc);
    expect(rows).toHaveLength(62);
    expect(kpiRowHeaders(doc)).toHaveLength(33);
    expect(kpiRowHeaders(doc).slice(0, 2)).toEqual(["全国地方公共団体コード", "地方公共団体名"]);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(
      kpiRowColumns(doc)
        .map((c) => c.id)
        .sort(),
    );
  });

  it("names the columns as the seed's table does, with the years of the round", () => {
    const headers = kpiRowHeaders(seedDocument());
    // The seed prints 「R1年度取組内容 (D)」, 「当初 (H27末)」, 「目標 (R3末)」, 「現状値 (R1末)」, 「R2年度目標 (H)」.
    for (const header of [
      "取組項目 (A)",
      "関係課 (B)",
      "取組の方針と内容 (C)",
      "R1年度取組内容 (D)",
      "当初 (H27末)",
      "目標 (R3末)",
      "現状値 (R1末)",
      "当初 (H27末) 数値",
      "進捗状況 (F)",
      "本部会意見 (G)",
      "R2年度目標 (H)",
    ]) {
      expect(headers).toContain(header);
    }
    expect(new Set(headers).size).toBe(headers.length);
  });

  it("gives the achievement as a status, a percentage and a method; the period passed beside it", () => {
    const rows = kpiRows(seedDocument());
    const row = (name: string) => rows.find((r) => r.kpiName === name);
    // 7-2 リサイクル率 29.6% → 30%以上, 27.0%: (27.0 − 29.6) / (30 − 29.6) = −6.5
    expect(row("リサイクル率")).toMatchObject({
      achievementStatus: "後退（当初より悪化）",
      achievementPercent: -650,
      achievementMethod: "上下限",
      achievementReason: "",
      expectedShare: 60,
      pace: "想定より遅れ",
    });
    // 16-1 市税徴収率 93.2% → 94.0%, 96.5%: 3.3 / 0.8 = 4.125
    expect(row("市税徴収率")).toMatchObject({
      achievementStatus: "達成（目標超過）",
      achievementPercent: 412.5,
      achievementMethod: "数値",
      pace: "想定より先行",
    });
    // 10-2 指定管理者導入施設数 27施設 → 拡大, 28施設: met, no distance to measure
    expect(row("指定管理者導入施設数")).toMatchObject({
      achievementStatus: "達成",
      achievementPercent: null,
      achievementMethod: "方向",
      pace: "",
    });
    // 6-1 将来ビジョンの作成 検討 → 実施(31年度), 1団地(素案): a count against a stage
    expect(row("住宅(団)地ごとの将来ビジョンの作成")).toMatchObject({
      achievementStatus: "算出不可",
      achievementPercent: null,
      achievementMethod: "",
      pace: "",
    });
    expect(row("住宅(団)地ごとの将来ビジョンの作成")?.achievementReason).toContain("種類が異なる");
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
    expect(rows[2]).toMatchObject({
      baselineNumber: null,
      achievementPercent: null,
      achievementStatus: "",
      grade: "",
      gradeLabel: "",
    });
    // (3 − 1) / (2 − 1) = 200%
    expect(rows[0]?.achievementPercent).toBe(200);
    expect(rows[0]?.policy).toBe("(ア) 市民と行政との協働体制の確立");
  });

  it("has English headers too", () => {
    const headers = kpiRowHeaders(seedDocument(), "en");
    expect(headers.slice(0, 2)).toEqual(["Local government code", "Organization"]);
    expect(headers.slice(8, 11)).toEqual(["Basic policy", "No.", "Initiative (A)"]);
    expect(headers).toContain("Activities FY2019 (D)");
    expect(headers).toContain("Baseline (end FY2015)");
  });
});
