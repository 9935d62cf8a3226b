import { describe, expect, it } from "vitest";
import { formatKpiLabel, parseKpiLabel } from "./kpi-label.ts";

describe("parseKpiLabel", () => {
  it.each([
    ["北坂戸にぎわいサロンの利用者数(再掲)", "北坂戸にぎわいサロンの利用者数", true],
    [
      "公共施設等マネジメント計画アクションプランの策定（再掲）",
      "公共施設等マネジメント計画アクションプランの策定",
      true,
    ],
    ["ホームページサイト訪問者数 (再掲)", "ホームページサイト訪問者数", true],
    ["コンビニでの証明書の発行　（再掲）", "コンビニでの証明書の発行", true],
    // Other brackets Japanese tables put around 再掲.
    ["ホームページサイト訪問者数【再掲】", "ホームページサイト訪問者数", true],
    ["ホームページサイト訪問者数〔再掲〕", "ホームページサイト訪問者数", true],
    ["ホームページサイト訪問者数［再掲］", "ホームページサイト訪問者数", true],
    ["ホームページサイト訪問者数 [再掲]", "ホームページサイト訪問者数", true],
    ["ホームページサイト訪問者数(再掲】", "ホームページサイト訪問者数(再掲】", false],
    ["  市税徴収率 ", "市税徴収率", false],
    ["産・学・官連携協定(※)件数", "産・学・官連携協定(※)件数", false],
    ["公共施設相互利用者数 (市施設の市外利用者数)", "公共施設相互利用者数 (市施設の市外利用者数)", false],
    ["住宅(団)地ごとの将来ビジョンの作成", "住宅(団)地ごとの将来ビジョンの作成", false],
    ["(再掲)の説明", "(再掲)の説明", false],
  ])("%s", (label, name, relisted) => {
    expect(parseKpiLabel(label)).toEqual({ name, relisted });
  });

  it("is undone by formatKpiLabel", () => {
    expect(formatKpiLabel("市税徴収率", true)).toBe("市税徴収率(再掲)");
    expect(formatKpiLabel("市税徴収率", false)).toBe("市税徴収率");
    expect(parseKpiLabel(formatKpiLabel("市税徴収率", true))).toEqual({ name: "市税徴収率", relisted: true });
  });

  // A quadratic pattern on 100,000 spaces runs for minutes: the test timeout catches it, no clock.
  it("reads long runs of spaces", () => {
    const label = `a${" ".repeat(100_000)}b`;
    expect(parseKpiLabel(label)).toEqual({ name: label, relisted: false });
  });
});
