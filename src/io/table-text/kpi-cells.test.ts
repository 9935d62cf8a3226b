import { describe, expect, it } from "vitest";
import { detectForm, isGradeCell, readKpiBlock, readKpiRange, splitInlineKpi } from "./kpi-cells.ts";

describe("splitInlineKpi: 名称 当初 目標 現状値 in one cell, split from the right", () => {
  it.each([
    ["産・学・官連携協定(※)件数 52件 62件 66件", "産・学・官連携協定(※)件数", "52件", "62件", "66件"],
    [
      "イメージキャラクターさかろんの出演回数 - 50回/年 53回",
      "イメージキャラクターさかろんの出演回数",
      "-",
      "50回/年",
      "53回",
    ],
    [
      "住宅(団)地ごとの将来ビジョンの作成 検討 実施(31年度) 1団地(素案)",
      "住宅(団)地ごとの将来ビジョンの作成",
      "検討",
      "実施(31年度)",
      "1団地(素案)",
    ],
    [
      "北坂戸にぎわいサロンの利用者数(再掲) 11,007人 13,000人 9,797人",
      "北坂戸にぎわいサロンの利用者数(再掲)",
      "11,007人",
      "13,000人",
      "9,797人",
    ],
    // A token opening with a bracket belongs to the token before it.
    ["市税徴収率 93.2% (90.6%H26.3末) 94.0% 96.5%", "市税徴収率", "93.2% (90.6%H26.3末)", "94.0%", "96.5%"],
    [
      "市民バス特別乗車証相互利用者数 2,938人 (H26.6~29.2) 4,500人 4,903人",
      "市民バス特別乗車証相互利用者数",
      "2,938人 (H26.6~29.2)",
      "4,500人",
      "4,903人",
    ],
    [
      "後発医薬品利用率(国保) 56.3% 80% （R2年度） 82.0%",
      "後発医薬品利用率(国保)",
      "56.3%",
      "80% （R2年度）",
      "82.0%",
    ],
    // Line breaks of a multi-line cell separate like spaces.
    ["件数\n52件\n62件\n66件", "件数", "52件", "62件", "66件"],
    ["連携協定\n件数\r\n52件 62件\r\n66件", "連携協定\n件数", "52件", "62件", "66件"],
    // 約 before a value and 以上/以下 after one belong to it, as the value parser reads them.
    ["施設カルテの整備率 約 50% 100% 100%", "施設カルテの整備率", "約 50%", "100%", "100%"],
    [
      "参加者数 約　２，０００人 3,000人 以上 2,500人",
      "参加者数",
      "約　２，０００人",
      "3,000人 以上",
      "2,500人",
    ],
    ["排出量 617g 600g 以下 615g", "排出量", "617g", "600g 以下", "615g"],
    [
      "公共施設相互利用者数 (市施設の市外利用者数) 156,430人 180,800人 111,427人",
      "公共施設相互利用者数 (市施設の市外利用者数)",
      "156,430人",
      "180,800人",
      "111,427人",
    ],
    // Spaces inside the name stay; full-width spaces separate as well.
    [
      "ホームページ サイト訪問者数\u3000649,417人\u3000886,000人\u30001,310,189人",
      "ホームページ サイト訪問者数",
      "649,417人",
      "886,000人",
      "1,310,189人",
    ],
  ])("%s", (cell, label, baseline, target, current) => {
    expect(splitInlineKpi(cell)).toEqual({ label, baseline, target, current });
  });

  it("gives up when fewer than four parts remain", () => {
    expect(splitInlineKpi("市税徴収率 93.2% (90.6%H26.3末) 94.0%")).toBeUndefined();
    expect(splitInlineKpi("BPRによる業務の最適化")).toBeUndefined();
  });
});

describe("isGradeCell", () => {
  it.each([
    ["B", true],
    ["Ｃ", true],
    ["e", true],
    ["BB", false],
    ["1", false],
    ["", false],
  ])("%j → %s", (cell, expected) => {
    expect(isGradeCell(cell)).toBe(expected);
  });
});

describe("detectForm", () => {
  it("page 1: several inline KPI cells before the grade", () => {
    const cells = [
      "オープンデータ県HP公表数 3件 30件 7件",
      "統合型GISの活用 検討 実施 検討",
      "財政情報の公表 実施 拡大 拡大",
      "A",
    ];
    expect(detectForm(cells, 0)).toBe("inline");
  });

  it("pages 2–4: 項目 | 当初 | 目標 | 現状値", () => {
    expect(detectForm(["市税徴収率", "93.2% (90.6%H26.3末)", "94.0%", "96.5%", "A"], 0)).toBe("columnar");
  });

  it("a columnar name with spaces whose next cells are values stays columnar", () => {
    const cells = ["窓口 サービス 満足度 調査", "52%", "60%", "55%", "B"];
    expect(detectForm(cells, 0)).toBe("columnar");
  });
});

describe("readKpiBlock", () => {
  it("reads inline KPIs up to the grade", () => {
    const cells = [
      "各種団体の自主運営 実施 拡大 継続実施",
      "団体補助金額 76,006千円 縮小 75,683千円",
      "C",
      "意見",
      "目標",
    ];
    const block = readKpiBlock(cells, 0);
    expect(block.form).toBe("inline");
    expect(block.end).toBe(2);
    expect(block.kpis.map((k) => k.label)).toEqual(["各種団体の自主運営", "団体補助金額"]);
  });

  it("does not take a free-text cell with spaces for a KPI when the grade is missing", () => {
    const cells = ["統合型GISの活用 検討 実施 検討", "", "引き続き 既存の 公表項目 データの整備に努める。"];
    expect(readKpiBlock(cells, 0).kpis).toHaveLength(1);
    const noGrade = ["統合型GISの活用 検討 実施 検討", "引き続き 既存の 公表項目 データの整備に努める。"];
    expect(readKpiBlock(noGrade, 0).end).toBe(1);
  });

  it("reads one columnar KPI of four cells", () => {
    const block = readKpiBlock(["", "国税徴収率", "61.9%", "64.8%", "73.5%", ""], 1);
    expect(block).toEqual({
      form: "columnar",
      kpis: [{ label: "国税徴収率", baseline: "61.9%", target: "64.8%", current: "73.5%" }],
      end: 5,
    });
  });
});

describe("readKpiRange", () => {
  it("keeps an inline cell that cannot be split, whole, as a label", () => {
    const kpis = readKpiRange(["統合型GISの活用 検討 実施 検討", "財政情報の公表 実施"], 0, 2, "inline");
    expect(kpis[1]).toEqual({
      label: "財政情報の公表 実施",
      baseline: "",
      target: "",
      current: "",
      unsplit: true,
    });
  });

  it("reads columnar cells in groups of four", () => {
    const kpis = readKpiRange(["a", "1件", "2件", "3件", "b", "4件", "5件"], 0, 7, "columnar");
    expect(kpis.map((k) => [k.label, k.current])).toEqual([
      ["a", "3件"],
      ["b", ""],
    ]);
  });
});
