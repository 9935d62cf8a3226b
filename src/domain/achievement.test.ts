import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Achievement, assessAchievement, computeAchievement, ratioToPercent } from "./achievement.ts";
import {
  formatAssessment,
  methodLabel,
  paceLabel,
  percentText,
  reasonText,
  statusLabel,
} from "./achievement-words.ts";
import { parseKpiValue } from "./kpi-parse.ts";
import { type KpiValue, STAGES, type Stage } from "./kpi-value.ts";

// KpiValues built by hand the way docs/KPI-NOTATION.md and kpi-value.ts describe them.
const none = (): KpiValue => ({ text: "-", kind: "none" });
const qty = (text: string, value: number, unit?: string, extra: Partial<KpiValue> = {}): KpiValue => ({
  text,
  kind: "quantity",
  value,
  ...(unit === undefined ? {} : { unit }),
  ...extra,
});
const money = (
  text: string,
  value: number,
  unit: "千円" | "億円",
  extra: Partial<KpiValue> = {},
): KpiValue => ({
  text,
  kind: "money",
  value,
  unit,
  yen: value * (unit === "千円" ? 1_000 : 100_000_000),
  ...extra,
});
const stage = (text: string, s: Stage | undefined, extra: Partial<KpiValue> = {}): KpiValue => ({
  text,
  kind: "stage",
  ...(s === undefined ? {} : { stage: s }),
  ...extra,
});
const expand = (): KpiValue => ({ text: "拡大", kind: "direction", direction: "increase", stage: "拡大" });
const shrink = (): KpiValue => ({ text: "縮小", kind: "direction", direction: "decrease" });
const bound = (text: string, value: number, unit: string, comparison: "atLeast" | "atMost"): KpiValue => ({
  text,
  kind: "bound",
  value,
  unit,
  comparison,
});
const notAbove = (): KpiValue => ({
  text: "現状以下",
  kind: "relative",
  comparison: "atMost",
  reference: "baseline",
});
const unreadableText = (text: string): KpiValue => ({ text, kind: "text", diagnostic: "読み取れません" });

/** The seed's round is FY2019 of a FY2017–2021 plan: 3 of 5 years, 60% of the period, have passed. */
const SEED_SHARE = 0.6;
const formatAchievement = (a: Achievement, locale: "ja" | "en" = "ja") =>
  formatAssessment(assessAchievement(a, SEED_SHARE), locale);

function computable(a: Achievement) {
  if (!a.computable) throw new Error(`expected a computable achievement, got ${a.reason}`);
  return a;
}
function notComputable(a: Achievement) {
  if (a.computable) throw new Error(`expected not computable, got ratio ${a.ratio}`);
  return a;
}

describe("numeric target: (current − baseline) / (target − baseline)", () => {
  it("1-1 産・学・官連携協定件数 52件 → 62件, current 66件: 14 / 10 = 1.4, met", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("52件", 52, "件"),
        target: qty("62件", 62, "件"),
        current: qty("66件", 66, "件"),
      }),
    );
    expect(a).toMatchObject({ method: "numeric", met: true, direction: "increase" });
    expect(a.ratio).toBeCloseTo(1.4, 12);
    expect(formatAchievement(a)).toBe("達成（目標超過） 140.0%［数値］");
    expect(formatAchievement(a, "en")).toBe("Met (beyond the target) 140.0% [numeric]");
  });

  it("2-1 ホームページサイト訪問者数 649,417人 → 886,000人, current 1,310,189人: 660,772 / 236,583 ≈ 2.79", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("649,417人", 649_417, "人"),
        target: qty("886,000人", 886_000, "人"),
        current: qty("1,310,189人", 1_310_189, "人"),
      }),
    );
    expect(a.met).toBe(true);
    expect(a.ratio).toBeCloseTo(660_772 / 236_583, 12);
    expect(a.ratio).toBeCloseTo(2.79, 2);
  });

  it("2-2 まちづくり応援寄附金件数 2,562件 → 4,000件, current 1,189件: −1,373 / 1,438 ≈ −0.955, not met", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("2,562件", 2_562, "件"),
        target: qty("4,000件", 4_000, "件"),
        current: qty("1,189件", 1_189, "件"),
      }),
    );
    expect(a.met).toBe(false);
    expect(a.ratio).toBeCloseTo(-1_373 / 1_438, 12);
    expect(a.ratio).toBeCloseTo(-0.955, 3);
    expect(formatAchievement(a)).toBe("後退（当初より悪化） −95.5%［数値］");
  });

  it("15-3 まちづくり応援寄附金額 57,074千円 → 1億円(R2年度), current 39,411千円: compared in yen", () => {
    const a = computable(
      computeAchievement({
        baseline: money("57,074千円", 57_074, "千円"),
        target: money("1億円(R2年度)", 1, "億円", { fiscalYear: 2020 }),
        current: money("39,411千円", 39_411, "千円"),
      }),
    );
    // (39,411,000 − 57,074,000) / (100,000,000 − 57,074,000) = −17,663,000 / 42,926,000 ≈ −0.4115
    expect(a.ratio).toBeCloseTo(-17_663_000 / 42_926_000, 12);
    expect(a.met).toBe(false);
    expect(formatAchievement(a)).toBe("後退（当初より悪化） −41.1%［数値］");
  });

  it("1-3 北坂戸にぎわいサロンの利用者数 11,007人 → 13,000人, current 9,797人: −1,210 / 1,993", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("11,007人", 11_007, "人"),
        target: qty("13,000人", 13_000, "人"),
        current: qty("9,797人", 9_797, "人"),
      }),
    );
    expect(a.ratio).toBeCloseTo(-1_210 / 1_993, 12);
    expect(formatAchievement(a)).toBe("後退（当初より悪化） −60.7%［数値］");
  });

  it("4-2 審議会等の公募市民割合 5.7% → 6.0%, current 6.0%: met at 100%", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("5.7%", 5.7, "%"),
        target: qty("6.0%", 6, "%"),
        current: qty("6.0%", 6, "%"),
      }),
    );
    expect(a.met).toBe(true);
    expect(a.ratio).toBeCloseTo(1, 12);
    expect(formatAchievement(a)).toBe("達成 100.0%［数値］");
  });

  it("11-2 職員の職務満足度（5点満点） 3.57 → 3.70, current 3.52: bare numbers, −0.05 / 0.13", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("3.57", 3.57),
        target: qty("3.70", 3.7),
        current: qty("3.52", 3.52),
      }),
    );
    expect(a.ratio).toBeCloseTo(-0.05 / 0.13, 12);
    expect(a.met).toBe(false);
  });

  it("13-1 施設カルテの整備率 約50% → 100%, current 100%: 約 is ignored, 50 / 50 = 1", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("約50%", 50, "%", { approximate: true }),
        target: qty("100%", 100, "%"),
        current: qty("100%", 100, "%"),
      }),
    );
    expect(a).toMatchObject({ ratio: 1, met: true });
  });

  it("16-1 市税徴収率 93.2% (90.6%H26.3末) → 94.0%, current 96.5%: the secondary value is not the baseline", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("93.2% (90.6%H26.3末)", 93.2, "%", {
          secondary: qty("90.6%H26.3末", 90.6, "%", { asOf: "2014-03-31" }),
        }),
        target: qty("94.0%", 94, "%"),
        current: qty("96.5%", 96.5, "%"),
      }),
    );
    // (96.5 − 93.2) / (94.0 − 93.2) = 3.3 / 0.8 = 4.125
    expect(a.ratio).toBeCloseTo(4.125, 9);
    expect(a.met).toBe(true);
  });

  it("a decreasing target takes its direction from the numbers: 617g → 600g, current 605g = 12 / 17", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("617g", 617, "g"),
        target: qty("600g", 600, "g"),
        current: qty("605g", 605, "g"),
      }),
    );
    expect(a).toMatchObject({ direction: "decrease", met: false });
    expect(a.ratio).toBeCloseTo(12 / 17, 12);
    const met = computable(
      computeAchievement({
        baseline: qty("617g", 617, "g"),
        target: qty("600g", 600, "g"),
        current: qty("590g", 590, "g"),
      }),
    );
    expect(met.met).toBe(true);
  });

  it("full-width and ASCII units agree (６．０％ = 6.0%)", () => {
    const a = computeAchievement({
      baseline: qty("5.7%", 5.7, "%"),
      target: qty("６．０％", 6, "％"),
      current: qty("6.0%", 6, "%"),
    });
    expect(computable(a).met).toBe(true);
  });

  it("units must agree: 62件 against 66人 is not computable", () => {
    const a = notComputable(
      computeAchievement({
        baseline: qty("52件", 52, "件"),
        target: qty("62件", 62, "件"),
        current: qty("66人", 66, "人"),
      }),
    );
    expect(a.code).toBe("unit-mismatch");
    expect(a.reason).toBe("算出不可：目標の単位（件）と現状値の単位（人）が異なります");
    expect(a.reasonEn).toBe("Not computable: the target's unit (件) differs from the current value's (人)");
    expect(formatAchievement(a)).toBe("算出不可（目標の単位（件）と現状値の単位（人）が異なります）");
  });

  it("a baseline in another unit is not computable either", () => {
    const a = notComputable(
      computeAchievement({
        baseline: qty("52人", 52, "人"),
        target: qty("62件", 62, "件"),
        current: qty("66件", 66, "件"),
      }),
    );
    expect(a.code).toBe("unit-mismatch");
    expect(a.reason).toContain("当初の単位（人）");
  });

  it("money never compares with a quantity", () => {
    const a = notComputable(
      computeAchievement({
        baseline: money("57,074千円", 57_074, "千円"),
        target: money("1億円", 1, "億円"),
        current: qty("39,411件", 39_411, "件"),
      }),
    );
    expect(a.code).toBe("unit-mismatch");
  });
});

describe("numeric target without a baseline: measured from zero", () => {
  it("2-3 さかろんの出演回数 - → 50回/年, current 53回: 53 / 50 = 1.06, 回/年 and 回 are one unit", () => {
    const a = computable(
      computeAchievement({
        baseline: none(),
        target: qty("50回/年", 50, "回/年", { perYear: true }),
        current: qty("53回", 53, "回"),
      }),
    );
    expect(a).toMatchObject({ method: "numeric", met: true, direction: "increase" });
    expect(a.ratio).toBeCloseTo(1.06, 12);
  });

  it("also when the parser keeps 回 as the unit and marks perYear", () => {
    const a = computeAchievement({
      baseline: none(),
      target: qty("50回/年", 50, "回", { perYear: true }),
      current: qty("25回", 25, "回"),
    });
    expect(computable(a).ratio).toBeCloseTo(0.5, 12);
  });
});

describe("target equal to the baseline: keep the level, met only when kept", () => {
  const keep = (current: number) =>
    computeAchievement({
      baseline: qty("100%", 100, "%"),
      target: qty("100%", 100, "%"),
      current: qty(`${current}%`, current, "%"),
    });

  it("100% → 100%, current 100%: met, ratio 1, shown as 達成", () => {
    const a = computable(keep(100));
    expect(a).toMatchObject({ ratio: 1, met: true, binary: true });
    expect(a.direction).toBeUndefined();
    expect(formatAchievement(a)).toBe("達成［数値］");
  });

  it("current 98% or 101%: not met, ratio 0 (the target does not say which side is better)", () => {
    expect(computable(keep(98))).toMatchObject({ ratio: 0, met: false });
    expect(computable(keep(101))).toMatchObject({ ratio: 0, met: false });
    expect(formatAchievement(keep(98))).toBe("遅れ［数値］");
  });

  it("- → 0件 (no baseline, target zero): met only at zero", () => {
    const zero = (n: number) =>
      computeAchievement({ baseline: none(), target: qty("0件", 0, "件"), current: qty(`${n}件`, n, "件") });
    expect(computable(zero(0))).toMatchObject({ ratio: 1, met: true });
    expect(computable(zero(2))).toMatchObject({ ratio: 0, met: false });
  });
});

describe("bound target", () => {
  it("7-2 リサイクル率 29.6% → 30%以上, current 27.0%: (27.0 − 29.6) / (30 − 29.6) = −6.5, not met", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("29.6%", 29.6, "%"),
        target: bound("30%以上", 30, "%", "atLeast"),
        current: qty("27.0%", 27, "%"),
      }),
    );
    expect(a).toMatchObject({ method: "bound", met: false, direction: "increase" });
    expect(a.ratio).toBeCloseTo(-6.5, 9);
    expect(a.ratio).toBeLessThanOrEqual(0);
  });

  it("current 31%: (31 − 29.6) / 0.4 = 3.5, met; exactly 30%: met", () => {
    const at = (n: number) =>
      computable(
        computeAchievement({
          baseline: qty("29.6%", 29.6, "%"),
          target: bound("30%以上", 30, "%", "atLeast"),
          current: qty(`${n}%`, n, "%"),
        }),
      );
    expect(at(31).met).toBe(true);
    expect(at(31).ratio).toBeCloseTo(3.5, 9);
    expect(at(30).met).toBe(true);
  });

  it("a baseline that already satisfies the bound: met or not, nothing to measure", () => {
    const at = (n: number) =>
      computable(
        computeAchievement({
          baseline: qty("35%", 35, "%"),
          target: bound("30%以上", 30, "%", "atLeast"),
          current: qty(`${n}%`, n, "%"),
        }),
      );
    expect(at(32)).toMatchObject({ ratio: 1, met: true, binary: true });
    expect(at(28)).toMatchObject({ ratio: 0, met: false, binary: true });
  });

  it("an upper bound: 20件 → 10件以下, current 15件 = 0.5, decreasing", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("20件", 20, "件"),
        target: bound("10件以下", 10, "件", "atMost"),
        current: qty("15件", 15, "件"),
      }),
    );
    expect(a).toMatchObject({ ratio: 0.5, met: false, direction: "decrease" });
  });

  it("units must agree with the bound", () => {
    const a = computeAchievement({
      baseline: qty("29.6%", 29.6, "%"),
      target: bound("30%以上", 30, "%", "atLeast"),
      current: qty("27人", 27, "人"),
    });
    expect(notComputable(a).code).toBe("unit-mismatch");
  });
});

describe("relative target 現状以下", () => {
  const ratioFor = (current: number, unit = "g") =>
    computeAchievement({
      baseline: qty("617g", 617, "g"),
      target: notAbove(),
      current: qty(`${current}${unit}`, current, unit),
    });

  it("7-1 家庭系ごみの1人1日当たりの排出量 617g → 現状以下, current 615g: met", () => {
    const a = computable(ratioFor(615));
    expect(a).toMatchObject({ method: "bound", ratio: 1, met: true, direction: "decrease", binary: true });
    expect(formatAchievement(a)).toBe("達成［上下限］");
    expect(formatAchievement(a, "en")).toBe("Met [bound]");
  });

  it("staying at 617g is still 現状以下; 620g is not", () => {
    expect(computable(ratioFor(617)).met).toBe(true);
    expect(computable(ratioFor(620))).toMatchObject({ ratio: 0, met: false });
    expect(formatAchievement(ratioFor(620), "en")).toBe("Regressed (worse than the baseline) [bound]");
  });

  it("needs a baseline, in the same unit", () => {
    const a = notComputable(
      computeAchievement({ baseline: none(), target: notAbove(), current: qty("615g", 615, "g") }),
    );
    expect(a.code).toBe("baseline-missing");
    expect(a.reason).toBe("算出不可：当初の記載がないため目標「現状以下」と比べられません");
    const kg = notComputable(ratioFor(615, "kg"));
    expect(kg.code).toBe("unit-mismatch");
    expect(kg.reason).toBe("算出不可：当初の単位（g）と現状値の単位（kg）が異なります");
  });
});

describe("direction target 拡大 / 縮小 from a number", () => {
  it("10-2 指定管理者導入施設数 27施設 → 拡大, current 28施設: met", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("27施設", 27, "施設"),
        target: expand(),
        current: qty("28施設", 28, "施設"),
      }),
    );
    expect(a).toMatchObject({
      method: "direction",
      ratio: 1,
      met: true,
      direction: "increase",
      binary: true,
    });
  });

  it("staying at 27施設 is not 拡大", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("27施設", 27, "施設"),
        target: expand(),
        current: qty("27施設", 27, "施設"),
      }),
    );
    expect(a).toMatchObject({ ratio: 0, met: false });
  });

  it("19-1 時間外勤務の延べ時間数 36,178時間 → 縮小, current 65,127時間: not met", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("36,178時間", 36_178, "時間"),
        target: shrink(),
        current: qty("65,127時間", 65_127, "時間"),
      }),
    );
    expect(a).toMatchObject({ method: "direction", ratio: 0, met: false, direction: "decrease" });
    expect(formatAchievement(a)).toBe("後退（当初より悪化）［方向］");
  });

  it("5-2 団体補助金額 76,006千円 → 縮小, current 75,683千円: met (in yen)", () => {
    const a = computable(
      computeAchievement({
        baseline: money("76,006千円", 76_006, "千円"),
        target: shrink(),
        current: money("75,683千円", 75_683, "千円"),
      }),
    );
    expect(a).toMatchObject({ method: "direction", ratio: 1, met: true, direction: "decrease" });
  });

  it("24-1 権限移譲事務の受入れ 75事務 → 拡大, current 74事務 (1事務対象外): not met", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("75事務", 75, "事務"),
        target: expand(),
        current: qty("74事務 (1事務対象外)", 74, "事務", { note: "1事務対象外" }),
      }),
    );
    expect(a.met).toBe(false);
  });

  it("needs a baseline", () => {
    const a = notComputable(
      computeAchievement({ baseline: none(), target: expand(), current: qty("28施設", 28, "施設") }),
    );
    expect(a.code).toBe("baseline-missing");
  });

  it("a stage current against a numeric baseline cannot be compared", () => {
    const a = notComputable(
      computeAchievement({
        baseline: qty("27施設", 27, "施設"),
        target: expand(),
        current: stage("実施", "実施"),
      }),
    );
    expect(a.code).toBe("kind-mismatch");
  });
});

describe("stage target: position on 検討 < 準備 < 一部実施 < 実施 < 拡大", () => {
  const onLadder = (baseline: KpiValue, target: KpiValue, current: KpiValue) =>
    computable(computeAchievement({ baseline, target, current }));

  it("13-2 アクションプランの策定 検討 → 実施, current 一部実施: (2 − 0) / (3 − 0)", () => {
    const a = onLadder(stage("検討", "検討"), stage("実施", "実施"), stage("一部実施", "一部実施"));
    expect(a).toMatchObject({ method: "stage", met: false });
    expect(a.ratio).toBeCloseTo(2 / 3, 12);
    expect(formatAchievement(a)).toBe("順調 66.7%［段階］");
  });

  it("21-2 コンビニでの証明書の発行 検討 → 実施, current 準備: 1 / 3", () => {
    expect(onLadder(stage("検討", "検討"), stage("実施", "実施"), stage("準備", "準備")).ratio).toBeCloseTo(
      1 / 3,
      12,
    );
  });

  it("3-2 統合型GISの活用 検討 → 実施, current 検討: 0", () => {
    expect(onLadder(stage("検討", "検討"), stage("実施", "実施"), stage("検討", "検討"))).toMatchObject({
      ratio: 0,
      met: false,
    });
  });

  it("12-2 固定資産台帳の整備 検討 → 実施, current 実施: met", () => {
    const a = onLadder(stage("検討", "検討"), stage("実施", "実施"), stage("実施", "実施"));
    expect(a).toMatchObject({ ratio: 1, met: true });
    expect(formatAchievement(a)).toBe("達成 100.0%［段階］");
  });

  it("3-3 財政情報の公表 実施 → 拡大, current 拡大: 拡大 is the top stage, met", () => {
    expect(onLadder(stage("実施", "実施"), expand(), expand())).toMatchObject({
      method: "stage",
      ratio: 1,
      met: true,
    });
  });

  it("11-1 人事評価制度の推進 実施 → 拡大, current 実施: 0", () => {
    expect(onLadder(stage("実施", "実施"), expand(), stage("実施", "実施"))).toMatchObject({
      ratio: 0,
      met: false,
    });
  });

  it("5-1 各種団体の自主運営 実施 → 拡大, current 継続実施: counts as 実施, 0", () => {
    const continuing = stage("継続実施", "実施", { continuing: true });
    expect(onLadder(stage("実施", "実施"), expand(), continuing)).toMatchObject({ ratio: 0, met: false });
    // without a stage field, 継続実施 still stands at 実施
    const bare = stage("継続実施", undefined, { continuing: true });
    expect(onLadder(stage("実施", "実施"), expand(), bare)).toMatchObject({ ratio: 0, met: false });
    expect(onLadder(stage("検討", "検討"), stage("実施", "実施"), bare)).toMatchObject({
      ratio: 1,
      met: true,
    });
  });

  it("9-1 定数管理計画の策定 検討 → 実施(30年度), current 検討: 0; 9-2 検討 → 実施(31年度), current 実施: met", () => {
    expect(
      onLadder(
        stage("検討", "検討"),
        stage("実施(30年度)", "実施", { fiscalYear: 2018 }),
        stage("検討", "検討"),
      ).ratio,
    ).toBe(0);
    expect(
      onLadder(
        stage("検討", "検討"),
        stage("実施(31年度)", "実施", { fiscalYear: 2019 }),
        stage("実施", "実施"),
      ),
    ).toMatchObject({
      ratio: 1,
      met: true,
    });
  });

  it("20-3 市民意識調査の実施 実施(26年度) → 実施(31年度), current 実施: done again, met", () => {
    const a = onLadder(
      stage("実施(26年度)", "実施", { fiscalYear: 2014 }),
      stage("実施(31年度)", "実施", { fiscalYear: 2019 }),
      stage("実施", "実施"),
    );
    expect(a).toMatchObject({ ratio: 1, met: true, binary: true });
  });

  it("6-1 将来ビジョンの作成 検討 → 実施(31年度), current 1団地(素案): a number against a stage is not computable", () => {
    const a = notComputable(
      computeAchievement({
        baseline: stage("検討", "検討"),
        target: stage("実施(31年度)", "実施", { fiscalYear: 2019 }),
        current: qty("1団地(素案)", 1, "団地", { note: "素案" }),
      }),
    );
    expect(a.code).toBe("kind-mismatch");
    expect(a.reason).toBe(
      "算出不可：目標「実施(31年度)」と現状値「1団地(素案)」は種類が異なるため比べられません",
    );
  });

  it("a stage current against a numeric target is not computable", () => {
    const a = notComputable(
      computeAchievement({
        baseline: qty("52件", 52, "件"),
        target: qty("62件", 62, "件"),
        current: stage("実施", "実施"),
      }),
    );
    expect(a.code).toBe("kind-mismatch");
  });

  it("a stage target needs a baseline stage", () => {
    expect(
      notComputable(
        computeAchievement({
          baseline: none(),
          target: stage("実施", "実施"),
          current: stage("実施", "実施"),
        }),
      ).code,
    ).toBe("baseline-missing");
    expect(
      notComputable(
        computeAchievement({
          baseline: qty("3件", 3, "件"),
          target: stage("実施", "実施"),
          current: stage("実施", "実施"),
        }),
      ).code,
    ).toBe("kind-mismatch");
  });

  it("every pair on the ladder gives the position difference over the span", () => {
    for (let b = 0; b < STAGES.length; b++) {
      for (let t = b + 1; t < STAGES.length; t++) {
        for (let c = 0; c < STAGES.length; c++) {
          const s = (i: number) => stage(STAGES[i] as string, STAGES[i]);
          const a = onLadder(s(b), s(t), s(c));
          expect(a.ratio).toBeCloseTo((c - b) / (t - b), 12);
          expect(a.met).toBe(c >= t);
        }
      }
    }
  });
});

describe("cumulative target", () => {
  it("8-1 事務事業評価件数 101事業 → 350事業(累計), current 72事業(累計215): 215 / 350, the baseline not subtracted", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("101事業", 101, "事業"),
        target: qty("350事業(累計)", 350, "事業", { cumulative: true }),
        current: qty("72事業(累計215)", 72, "事業", { cumulativeTotal: 215 }),
      }),
    );
    expect(a).toMatchObject({ method: "cumulative", met: false, direction: "increase" });
    expect(a.ratio).toBeCloseTo(215 / 350, 12);
    expect(formatAchievement(a)).toBe("順調 61.4%［累計］");
  });

  it("8-2 外部評価事業件数 6事業 → 30事業(累計), current 6事業(累計18): 18 / 30", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("6事業", 6, "事業"),
        target: qty("30事業(累計)", 30, "事業", { cumulative: true }),
        current: qty("6事業(累計18)", 6, "事業", { cumulativeTotal: 18 }),
      }),
    );
    expect(a.ratio).toBeCloseTo(0.6, 12);
  });

  it("reaching the cumulative target is met", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("101事業", 101, "事業"),
        target: qty("350事業(累計)", 350, "事業", { cumulative: true }),
        current: qty("80事業(累計352)", 80, "事業", { cumulativeTotal: 352 }),
      }),
    );
    expect(a.met).toBe(true);
    expect(a.ratio).toBeCloseTo(352 / 350, 12);
  });

  it("a current value marked (累計) is itself the total: 215事業(累計) → 215 / 350", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("101事業", 101, "事業"),
        target: qty("350事業(累計)", 350, "事業", { cumulative: true }),
        current: qty("215事業(累計)", 215, "事業", { cumulative: true }),
      }),
    );
    expect(a.ratio).toBeCloseTo(215 / 350, 12);
  });

  it("21-1 個人番号カードの交付枚数 8,983枚 (H29.2末) → 33,000枚(累計), current 14,955枚: a running total, 5,972 / 24,017", () => {
    const a = computable(
      computeAchievement({
        baseline: qty("8,983枚 (H29.2末)", 8_983, "枚", { asOf: "2017-02-28" }),
        target: qty("33,000枚(累計)", 33_000, "枚", { cumulative: true }),
        current: qty("14,955枚", 14_955, "枚"),
      }),
    );
    expect(a).toMatchObject({ method: "cumulative", met: false });
    expect(a.ratio).toBeCloseTo(5_972 / 24_017, 12);
    expect(formatAchievement(a)).toBe("遅れ 24.9%［累計］");
  });

  it("a cumulative money total in 億円 reaching the target exactly is met (no floating-point shortfall)", () => {
    // 1.15 × 10^8 computed in floating point is 114,999,999.99999999, just short of 1.15億円.
    const a = computeAchievement({
      baseline: parseKpiValue("0.2億円"),
      target: parseKpiValue("1.15億円(累計)"),
      current: parseKpiValue("0.3億円(累計1.15)"),
    });
    expect(a).toMatchObject({ computable: true, method: "cumulative", ratio: 1, met: true });
    expect(formatAchievement(a)).toBe("達成 100.0%［累計］");
  });

  it("units must agree with the cumulative target", () => {
    const a = computeAchievement({
      baseline: qty("101事業", 101, "事業"),
      target: qty("350事業(累計)", 350, "事業", { cumulative: true }),
      current: qty("72件(累計215)", 72, "件", { cumulativeTotal: 215 }),
    });
    expect(notComputable(a).code).toBe("unit-mismatch");
  });
});

describe("not computable", () => {
  const ok = {
    baseline: qty("52件", 52, "件"),
    target: qty("62件", 62, "件"),
    current: qty("66件", 66, "件"),
  };

  it("no current value (-)", () => {
    const a = notComputable(computeAchievement({ ...ok, current: none() }));
    expect(a).toEqual({
      computable: false,
      code: "current-missing",
      reason: "算出不可：現状値がありません",
      reasonEn: "Not computable: there is no current value",
    });
    expect(formatAchievement(a)).toBe("算出不可（現状値がありません）");
    expect(formatAchievement(a, "en")).toBe("Not computable (there is no current value)");
  });

  it("a current value that could not be read", () => {
    const a = notComputable(computeAchievement({ ...ok, current: unreadableText("集計中") }));
    expect(a.code).toBe("current-unreadable");
    expect(a.reason).toBe("算出不可：現状値「集計中」を読み取れません");
  });

  it("no target, or a target that could not be read", () => {
    expect(notComputable(computeAchievement({ ...ok, target: none() })).code).toBe("target-missing");
    expect(notComputable(computeAchievement({ ...ok, target: unreadableText("適正化") })).code).toBe(
      "target-unreadable",
    );
  });

  it("a baseline that could not be read", () => {
    const a = notComputable(computeAchievement({ ...ok, baseline: unreadableText("未把握") }));
    expect(a.code).toBe("baseline-unreadable");
    expect(a.reasonEn).toBe('Not computable: the baseline "未把握" could not be read');
  });

  it("a missing current value is reported before anything else", () => {
    expect(
      notComputable(computeAchievement({ baseline: unreadableText("?"), target: none(), current: none() }))
        .code,
    ).toBe("current-missing");
  });

  it("numbers too far apart give no ratio instead of Infinity", () => {
    const a = notComputable(
      computeAchievement({
        baseline: qty("0件", 0, "件"),
        target: qty("x", 1e-8, "件"),
        current: qty("y", 1e301, "件"),
      }),
    );
    expect(a.code).toBe("out-of-range");
    expect(a.reason).toBe("算出不可：数値の差が極端なため達成率を計算できません");
  });
});

describe("ratio and met are never NaN or Infinity", () => {
  const number = fc.oneof(
    fc.double(),
    fc.constantFrom(0, 1, -1, 100, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_VALUE, Number.MIN_VALUE),
  );
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const value: fc.Arbitrary<KpiValue> = fc.record(
    {
      text: fc.constant("v"),
      kind: fc.constantFrom("none", "quantity", "money", "stage", "direction", "bound", "relative", "text"),
      value: maybe(number),
      unit: maybe(fc.constantFrom("件", "人", "%", "千円", "億円", "回/年", "円")),
      yen: maybe(number),
      stage: maybe(fc.constantFrom(...STAGES)),
      continuing: maybe(fc.boolean()),
      direction: maybe(fc.constantFrom("increase", "decrease")),
      comparison: maybe(fc.constantFrom("atLeast", "atMost")),
      cumulative: maybe(fc.boolean()),
      cumulativeTotal: maybe(number),
    },
    { requiredKeys: ["text", "kind"] },
  ) as fc.Arbitrary<KpiValue>;

  it("for any combination of values", () => {
    fc.assert(
      fc.property(value, value, value, (baseline, target, current) => {
        const a = computeAchievement({ baseline, target, current });
        if (a.computable) {
          expect(Number.isFinite(a.ratio)).toBe(true);
          expect(typeof a.met).toBe("boolean");
          expect(formatAchievement(a)).not.toMatch(/NaN|Infinity/);
        } else {
          expect(a.reason.startsWith("算出不可：")).toBe(true);
          expect(a.reasonEn.startsWith("Not computable: ")).toBe(true);
        }
      }),
      { numRuns: 2000, seed: 20200331 },
    );
  });
});

describe("over the seed's KPIs as parseKpiValue reads them", () => {
  it("gives the hand-computed achievement of each kind", () => {
    // [item-KPI, 当初, 目標, 現状値 (R1末)] from test/fixtures/sakado-fy2019.txt, then the expected result
    // in FY2019, 60% through the plan (on track from 50% to below 70%).
    const seedKpis: [string, string, string, string, string][] = [
      ["1-1", "52件", "62件", "66件", "達成（目標超過） 140.0%［数値］"], // (66 − 52) / (62 − 52) = 14 / 10
      ["2-1", "649,417人", "886,000人", "1,310,189人", "達成（目標超過） 279.3%［数値］"], // 660,772 / 236,583 = 2.7930
      ["2-2", "2,562件", "4,000件", "1,189件", "後退（当初より悪化） −95.5%［数値］"], // −1,373 / 1,438 = −0.9548
      ["2-3", "-", "50回/年", "53回", "達成（目標超過） 106.0%［数値］"], // 53 / 50, from zero
      ["15-3", "57,074千円", "1億円(R2年度)", "39,411千円", "後退（当初より悪化） −41.1%［数値］"], // −17,663,000 / 42,926,000 yen = −0.4115
      ["16-1", "93.2% (90.6%H26.3末)", "94.0%", "96.5%", "達成（目標超過） 412.5%［数値］"], // 3.3 / 0.8 = 4.125
      ["7-2", "29.6%", "30%以上", "27.0%", "後退（当初より悪化） −650.0%［上下限］"], // −2.6 / 0.4 = −6.5
      ["7-1", "617g", "現状以下", "615g", "達成［上下限］"], // 615 ≤ 617
      ["10-2", "27施設", "拡大", "28施設", "達成［方向］"], // 28 > 27
      ["19-1", "36,178時間", "縮小", "65,127時間", "後退（当初より悪化）［方向］"], // 65,127 is not below 36,178
      ["5-2", "76,006千円", "縮小", "75,683千円", "達成［方向］"], // 75,683千円 < 76,006千円
      ["13-2", "検討", "実施", "一部実施", "順調 66.7%［段階］"], // stages (2 − 0) / (3 − 0); 60% ± 10 points
      ["5-1", "実施", "拡大", "継続実施", "遅れ 0.0%［段階］"], // 継続実施 = 実施: (3 − 3) / (4 − 3); below 50%
      ["3-3", "実施", "拡大", "拡大", "達成 100.0%［段階］"], // (4 − 3) / (4 − 3)
      ["9-2", "検討", "実施(31年度)", "実施", "達成 100.0%［段階］"], // (3 − 0) / (3 − 0)
      ["8-1", "101事業", "350事業(累計)", "72事業(累計215)", "順調 61.4%［累計］"], // 215 / 350 = 0.6143, about 60%
      ["21-1", "8,983枚 (H29.2末)", "33,000枚(累計)", "14,955枚", "遅れ 24.9%［累計］"], // 5,972 / 24,017 = 0.2487 < 50%
      ["6-1", "検討", "実施(31年度)", "1団地(素案)", "kind-mismatch"], // a count against a stage
    ];
    const ctx = { defaultEra: "heisei" as const };
    const results = seedKpis.map(([key, baseline, target, current]) => {
      const a = computeAchievement({
        baseline: parseKpiValue(baseline, ctx),
        target: parseKpiValue(target, ctx),
        current: parseKpiValue(current, ctx),
      });
      return [key, a.computable ? formatAchievement(a) : a.code];
    });
    expect(results).toEqual(seedKpis.map(([key, , , , expected]) => [key, expected]));
  });
});

describe("status: what a reader is told first", () => {
  const assess = (baseline: KpiValue, target: KpiValue, current: KpiValue, share = SEED_SHARE) =>
    assessAchievement(computeAchievement({ baseline, target, current }), share);

  it("met, and met beyond the target (目標超過) only when the ratio passes 1", () => {
    const beyond = assess(qty("52件", 52, "件"), qty("62件", 62, "件"), qty("66件", 66, "件"));
    expect(beyond).toMatchObject({ status: "met", exceeded: true, percent: 140, pace: "ahead" });
    expect(statusLabel(beyond)).toBe("達成（目標超過）");
    expect(statusLabel(beyond, "en")).toBe("Met (beyond the target)");
    const exactly = assess(qty("5.7%", 5.7, "%"), qty("6.0%", 6, "%"), qty("6.0%", 6, "%"));
    expect(exactly).toMatchObject({ status: "met", exceeded: false, percent: 100 });
    expect(statusLabel(exactly)).toBe("達成");
  });

  it("on track or behind by the share of the plan period passed, ±10 points", () => {
    const stageAt = (current: Stage) =>
      assess(stage("検討", "検討"), stage("実施", "実施"), stage(current, current));
    // 一部実施 = 2 of 3 steps = 66.7%; 60% of the period passed.
    expect(stageAt("一部実施")).toMatchObject({ status: "onTrack", pace: "onTrack", percent: 66.7 });
    // 準備 = 1 of 3 = 33.3%, more than 10 points below 60%.
    expect(stageAt("準備")).toMatchObject({ status: "behind", pace: "behind", percent: 33.3 });
    // The same 33.3% in FY2017 (20% passed) is ahead.
    const early = assessAchievement(stageAt("準備").achievement, 0.2);
    expect(early).toMatchObject({ status: "onTrack", pace: "ahead" });
    // Edges: 50% is on track at 60% passed, 49.9% behind; 70% ahead.
    const at = (current: number) =>
      assess(qty("0件", 0, "件"), qty("1000件", 1000, "件"), qty(`${current}件`, current, "件"));
    expect(at(500)).toMatchObject({ status: "onTrack", pace: "onTrack" });
    expect(at(499)).toMatchObject({ status: "behind", pace: "behind" });
    expect(at(700)).toMatchObject({ status: "onTrack", pace: "ahead" });
  });

  it("regressed (当初より悪化) when the value moved away from the target", () => {
    const recycling = assess(
      qty("29.6%", 29.6, "%"),
      bound("30%以上", 30, "%", "atLeast"),
      qty("27.0%", 27, "%"),
    );
    expect(recycling).toMatchObject({ status: "regressed", percent: -650, pace: "behind" });
    expect(statusLabel(recycling)).toBe("後退（当初より悪化）");
    expect(statusLabel(recycling, "en")).toBe("Regressed (worse than the baseline)");
    const overtime = assess(qty("36,178時間", 36_178, "時間"), shrink(), qty("65,127時間", 65_127, "時間"));
    expect(overtime).toMatchObject({ status: "regressed", percent: null, pace: null });
    expect(assess(stage("実施", "実施"), stage("実施", "実施"), stage("検討", "検討"))).toMatchObject({
      status: "regressed",
    });
    expect(assess(qty("617g", 617, "g"), notAbove(), qty("620g", 620, "g")).status).toBe("regressed");
  });

  it("a met-or-not target not yet met, without going backwards, is behind with no pace", () => {
    const level = assess(qty("27施設", 27, "施設"), expand(), qty("27施設", 27, "施設"));
    expect(level).toMatchObject({ status: "behind", percent: null, pace: null });
    expect(paceLabel(level)).toBe("比較なし（達成したかどうかだけを見る目標）");
    expect(formatAssessment(level, "en")).toBe("Behind [direction]");
  });

  it("not computable keeps the reason and has neither number nor pace", () => {
    const missing = assess(qty("52件", 52, "件"), qty("62件", 62, "件"), none());
    expect(missing).toMatchObject({ status: "notComputable", percent: null, pace: null });
    expect(statusLabel(missing)).toBe("算出不可（現状値がありません）");
    expect(reasonText(missing, "en")).toBe("there is no current value");
    expect(methodLabel(missing)).toBe("");
    expect(paceLabel(missing)).toBe("");
  });

  it("a cumulative total keeps pace with the period: 8-1 215 of 350 (61.4%) at 60% passed", () => {
    const a = assess(
      qty("101事業", 101, "事業"),
      qty("350事業(累計)", 350, "事業", { cumulative: true }),
      qty("72事業(累計215)", 72, "事業", { cumulativeTotal: 215 }),
    );
    expect(a).toMatchObject({ status: "onTrack", pace: "onTrack", percent: 61.4 });
    expect(paceLabel(a)).toBe("想定どおり");
  });

  it("clamps the expected share to 0…1 and prints percentages with one decimal, never -0", () => {
    const a = assess(qty("0件", 0, "件"), qty("10件", 10, "件"), qty("5件", 5, "件"), Number.NaN);
    expect(a.expectedShare).toBe(0);
    expect(assessAchievement(a.achievement, 3).expectedShare).toBe(1);
    expect(ratioToPercent(-0.00004)).toBe(0);
    expect(Object.is(ratioToPercent(-0.00004), -0)).toBe(false);
    expect(ratioToPercent(0.7554)).toBe(75.5);
    expect(percentText(-650)).toBe("\u2212650.0%");
  });
});
