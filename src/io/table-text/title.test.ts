import { describe, expect, it } from "vitest";
import { parseTitle } from "./title.ts";

describe("parseTitle", () => {
  it("reads the seed's title line", () => {
    const text = "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）";
    expect(parseTitle(text)).toEqual({
      text,
      planTitle: "行政改革後期アクションプラン",
      period: { startFiscalYear: 2017, endFiscalYear: 2021 },
      asOf: "2020-03-31",
    });
  });

  it("reads half-width brackets and tilde, full-width digits, and the wave dash", () => {
    expect(
      parseTitle("行政改革アクションプラン(平成29年度~令和3年度)進行管理集計表(令和2年3月31日現在)"),
    ).toMatchObject({
      planTitle: "行政改革アクションプラン",
      period: { startFiscalYear: 2017, endFiscalYear: 2021 },
      asOf: "2020-03-31",
    });
    expect(
      parseTitle(
        "行政改革アクションプラン（平成２９年度〜令和３年度）進行管理集計表（令和３年３月３１日現在）",
      ),
    ).toMatchObject({
      period: { startFiscalYear: 2017, endFiscalYear: 2021 },
      asOf: "2021-03-31",
    });
  });

  it("reads a title written without brackets", () => {
    expect(parseTitle("第5次行政改革大綱 令和3年度～令和7年度 進行管理集計表 令和4年3月31日現在")).toEqual({
      text: "第5次行政改革大綱 令和3年度～令和7年度 進行管理集計表 令和4年3月31日現在",
      planTitle: "第5次行政改革大綱",
      period: { startFiscalYear: 2021, endFiscalYear: 2025 },
      asOf: "2022-03-31",
    });
  });

  it("leaves out what the line does not say", () => {
    const info = parseTitle("行政改革後期アクションプラン進行管理集計表（令和2年3月31日現在）");
    expect(info.period).toBeUndefined();
    expect(info.asOf).toBe("2020-03-31");
    expect(info.planTitle).toBe("行政改革後期アクションプラン");
  });
});
