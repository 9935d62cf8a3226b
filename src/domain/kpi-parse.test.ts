import { describe, expect, it } from "vitest";
import { KPI_PARSE_MESSAGES, parseKpiValue } from "./kpi-parse.ts";
import type { KpiParseContext, KpiValue } from "./kpi-value.ts";

const heisei = { defaultEra: "heisei" } as const;
const reiwa = { defaultEra: "reiwa" } as const;

type Meaning = Omit<KpiValue, "text">;

function expectParsed(text: string, meaning: Meaning, ctx: KpiParseContext = heisei): void {
  expect(parseKpiValue(text, ctx)).toEqual({ text, ...meaning });
}

describe("parseKpiValue: quantities", () => {
  it.each<[string, Meaning]>([
    ["52件", { kind: "quantity", value: 52, unit: "件" }],
    ["0件", { kind: "quantity", value: 0, unit: "件" }],
    ["11,007人", { kind: "quantity", value: 11007, unit: "人" }],
    ["１１，００７人", { kind: "quantity", value: 11007, unit: "人" }],
    ["1,310,189人", { kind: "quantity", value: 1310189, unit: "人" }],
    ["617g", { kind: "quantity", value: 617, unit: "g" }],
    ["36,178時間", { kind: "quantity", value: 36178, unit: "時間" }],
    ["27施設", { kind: "quantity", value: 27, unit: "施設" }],
    ["74事務", { kind: "quantity", value: 74, unit: "事務" }],
    ["5.7%", { kind: "quantity", value: 5.7, unit: "%" }],
    ["５．７％", { kind: "quantity", value: 5.7, unit: "%" }],
    ["6.0%", { kind: "quantity", value: 6, unit: "%" }],
    ["約50%", { kind: "quantity", value: 50, unit: "%", approximate: true }],
    ["3.57", { kind: "quantity", value: 3.57 }],
    ["3.70", { kind: "quantity", value: 3.7 }],
    ["100%", { kind: "quantity", value: 100, unit: "%" }],
    ["-5%", { kind: "quantity", value: -5, unit: "%" }],
    // The minus sign (U+2212) and △ as Japanese tables write a negative number; Shinchoku writes "−".
    ["\u22125%", { kind: "quantity", value: -5, unit: "%" }],
    ["△1,200千円", { kind: "money", value: -1200, unit: "千円", yen: -1200000 }],
    ["－５％", { kind: "quantity", value: -5, unit: "%" }],
    ["50回/年", { kind: "quantity", value: 50, unit: "回/年", perYear: true }],
    ["50回／年", { kind: "quantity", value: 50, unit: "回/年", perYear: true }],
    ["53回", { kind: "quantity", value: 53, unit: "回" }],
    ["15 事業", { kind: "quantity", value: 15, unit: "事業" }],
  ])("%s", (text, meaning) => expectParsed(text, meaning));

  it("keeps the text exactly as given, surrounding white space included", () => {
    expect(parseKpiValue(" 52件\n", heisei)).toEqual({
      text: " 52件\n",
      kind: "quantity",
      value: 52,
      unit: "件",
    });
  });
});

describe("parseKpiValue: money", () => {
  it.each<[string, Meaning]>([
    ["76,006千円", { kind: "money", value: 76006, unit: "千円", yen: 76006000 }],
    ["39,411千円", { kind: "money", value: 39411, unit: "千円", yen: 39411000 }],
    ["1億円", { kind: "money", value: 1, unit: "億円", yen: 100000000 }],
    ["12,201,264円", { kind: "money", value: 12201264, unit: "円", yen: 12201264 }],
    ["4.35億円", { kind: "money", value: 4.35, unit: "億円", yen: 435000000 }],
    ["約300万円", { kind: "money", value: 300, unit: "万円", yen: 3000000, approximate: true }],
  ])("%s", (text, meaning) => expectParsed(text, meaning));
});

describe("parseKpiValue: bounds, relative bounds and directions", () => {
  it.each<[string, Meaning]>([
    ["30%以上", { kind: "bound", value: 30, unit: "%", comparison: "atLeast" }],
    ["100人以下", { kind: "bound", value: 100, unit: "人", comparison: "atMost" }],
    ["3.5以上", { kind: "bound", value: 3.5, comparison: "atLeast" }],
    ["1億円以下", { kind: "bound", value: 1, unit: "億円", yen: 100000000, comparison: "atMost" }],
    ["現状以下", { kind: "relative", comparison: "atMost", reference: "baseline" }],
    ["現状以上", { kind: "relative", comparison: "atLeast", reference: "baseline" }],
    ["拡大", { kind: "direction", direction: "increase", stage: "拡大" }],
    ["縮小", { kind: "direction", direction: "decrease" }],
  ])("%s", (text, meaning) => expectParsed(text, meaning));
});

describe("parseKpiValue: stages", () => {
  it.each<[string, Meaning]>([
    ["検討", { kind: "stage", stage: "検討" }],
    ["準備", { kind: "stage", stage: "準備" }],
    ["一部実施", { kind: "stage", stage: "一部実施" }],
    ["実施", { kind: "stage", stage: "実施" }],
    ["継続実施", { kind: "stage", stage: "実施", continuing: true }],
    ["実施(29年度)", { kind: "stage", stage: "実施", fiscalYear: 2017 }],
    ["実施(31年度)", { kind: "stage", stage: "実施", fiscalYear: 2019 }],
    ["実施(26年度)", { kind: "stage", stage: "実施", fiscalYear: 2014 }],
    ["実施(30年度)", { kind: "stage", stage: "実施", fiscalYear: 2018 }],
    ["実施（３０年度）", { kind: "stage", stage: "実施", fiscalYear: 2018 }],
    ["準備(R2年度)", { kind: "stage", stage: "準備", fiscalYear: 2020 }],
  ])("%s", (text, meaning) => expectParsed(text, meaning));

  it("reads an era-less year in the context's era", () => {
    expectParsed("実施(2年度)", { kind: "stage", stage: "実施", fiscalYear: 2020 }, reiwa);
  });

  it("says the era is unknown when there is no context, keeping the stage", () => {
    expect(parseKpiValue("実施(29年度)")).toEqual({
      text: "実施(29年度)",
      kind: "stage",
      stage: "実施",
      diagnostic: "年度の元号が分かりません",
    });
  });

  it("does not need a context for a year with its era", () => {
    expect(parseKpiValue("実施(H29年度)")).toEqual({
      text: "実施(H29年度)",
      kind: "stage",
      stage: "実施",
      fiscalYear: 2017,
    });
  });
});

describe("parseKpiValue: decorations", () => {
  it.each<[string, Meaning]>([
    ["1億円(R2年度)", { kind: "money", value: 1, unit: "億円", yen: 100000000, fiscalYear: 2020 }],
    ["80% (R2年度)", { kind: "quantity", value: 80, unit: "%", fiscalYear: 2020 }],
    ["350事業(累計)", { kind: "quantity", value: 350, unit: "事業", cumulative: true }],
    ["33,000枚(累計)", { kind: "quantity", value: 33000, unit: "枚", cumulative: true }],
    ["72事業(累計215)", { kind: "quantity", value: 72, unit: "事業", cumulativeTotal: 215 }],
    ["6事業(累計18)", { kind: "quantity", value: 6, unit: "事業", cumulativeTotal: 18 }],
    ["6事業（累計１８）", { kind: "quantity", value: 6, unit: "事業", cumulativeTotal: 18 }],
    [
      "93.2% (90.6%H26.3末)",
      {
        kind: "quantity",
        value: 93.2,
        unit: "%",
        secondary: { text: "90.6%H26.3末", kind: "quantity", value: 90.6, unit: "%", asOf: "2014-03-31" },
      },
    ],
    [
      "９３．２％　（９０．６％Ｈ２６．３末）",
      {
        kind: "quantity",
        value: 93.2,
        unit: "%",
        secondary: {
          text: "９０．６％Ｈ２６．３末",
          kind: "quantity",
          value: 90.6,
          unit: "%",
          asOf: "2014-03-31",
        },
      },
    ],
    [
      "2,938人 (H26.6~29.2)",
      { kind: "quantity", value: 2938, unit: "人", period: { from: "2014-06", to: "2017-02" } },
    ],
    [
      "2,938人 (H26.6～29.2)",
      { kind: "quantity", value: 2938, unit: "人", period: { from: "2014-06", to: "2017-02" } },
    ],
    ["8,983枚 (H29.2末)", { kind: "quantity", value: 8983, unit: "枚", asOf: "2017-02-28" }],
    ["8,983枚 (R2.3.15)", { kind: "quantity", value: 8983, unit: "枚", asOf: "2020-03-15" }],
    ["8,983枚 (R1末)", { kind: "quantity", value: 8983, unit: "枚", asOf: "2020-03-31" }],
    ["74事務 (1事務対象外)", { kind: "quantity", value: 74, unit: "事務", note: "1事務対象外" }],
    ["1団地(素案)", { kind: "quantity", value: 1, unit: "団地", note: "素案" }],
    ["1団地（素案）", { kind: "quantity", value: 1, unit: "団地", note: "素案" }],
    ["１団地（ＡＢ案）", { kind: "quantity", value: 1, unit: "団地", note: "ＡＢ案" }],
    ["検討(庁内)", { kind: "stage", stage: "検討", note: "庁内" }],
  ])("%s", (text, meaning) => expectParsed(text, meaning));

  it("keeps an impossible date as a note with a diagnostic", () => {
    expectParsed("5件(H31.5末)", {
      kind: "quantity",
      value: 5,
      unit: "件",
      note: "H31.5末",
      diagnostic: KPI_PARSE_MESSAGES.impossibleDate,
    });
  });
});

describe("parseKpiValue: era-less years in a plan's context", () => {
  // 平成29年度～令和3年度: values reported in 令和 write 元年度 / 2年度 for R1 / R2.
  const plan = { defaultEra: "heisei", planPeriod: { startFiscalYear: 2017, endFiscalYear: 2021 } } as const;

  it.each<[string, Meaning]>([
    ["実施(元年度)", { kind: "stage", stage: "実施", fiscalYear: 2019 }],
    ["実施（２年度）", { kind: "stage", stage: "実施", fiscalYear: 2020 }],
    ["実施(31年度)", { kind: "stage", stage: "実施", fiscalYear: 2019 }],
    ["実施(26年度)", { kind: "stage", stage: "実施", fiscalYear: 2014 }],
    ["30%以上(3年度)", { kind: "bound", value: 30, unit: "%", comparison: "atLeast", fiscalYear: 2021 }],
    ["20件(元年度末)", { kind: "quantity", value: 20, unit: "件", asOf: "2020-03-31" }],
    ["20件(2.3末)", { kind: "quantity", value: 20, unit: "件", asOf: "2020-03-31" }],
    ["8,983枚 (29.2末)", { kind: "quantity", value: 8983, unit: "枚", asOf: "2017-02-28" }],
  ])("%s", (text, meaning) => {
    expect(parseKpiValue(text, plan)).toEqual({ text, ...meaning });
  });
});

describe("parseKpiValue: no value", () => {
  it.each(["-", "－", "―", "", "  ", "ー"])("%j", (text) => {
    expect(parseKpiValue(text, heisei)).toEqual({ text, kind: "none" });
  });
});

describe("parseKpiValue: unreadable text", () => {
  it.each([
    ["未定です!!", KPI_PARSE_MESSAGES.unreadable],
    ["abc", KPI_PARSE_MESSAGES.unreadable],
    ["約", KPI_PARSE_MESSAGES.unreadable],
    ["以上", KPI_PARSE_MESSAGES.unreadable],
    ["H29", KPI_PARSE_MESSAGES.unreadable],
    ["5 5人", KPI_PARSE_MESSAGES.unreadable],
    ["90.6%H26.3末", KPI_PARSE_MESSAGES.unreadable],
    ["(素案)", KPI_PARSE_MESSAGES.unreadable],
    ["1団地(素案)(仮)", KPI_PARSE_MESSAGES.unreadable],
    ["- (R2年度)", KPI_PARSE_MESSAGES.unreadable],
    ["1,23人", KPI_PARSE_MESSAGES.thousandsSeparator],
    ["1,2345人", KPI_PARSE_MESSAGES.thousandsSeparator],
    ["5件(累計1,23)", KPI_PARSE_MESSAGES.thousandsSeparator],
    ["5件()", KPI_PARSE_MESSAGES.emptyParentheses],
  ])("%s", (text, diagnostic) => {
    expect(parseKpiValue(text, heisei)).toEqual({ text, kind: "text", diagnostic });
  });

  it("writes its reasons in Japanese", () => {
    for (const message of Object.values(KPI_PARSE_MESSAGES))
      expect(message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});

describe("parseKpiValue on long input", () => {
  const spaces = " ".repeat(100_000);
  it.each([
    [`1${spaces}x${spaces}y (${spaces}z)`, "text"],
    [`約${spaces}x`, "text"],
    [`5件(H29${spaces}.3${spaces}末)`, "quantity"],
    [`5件(z${spaces}w)`, "quantity"],
    // A quadratic pattern on these runs for minutes: the test timeout catches it, no clock.
  ])("reads long pasted cells, so one cannot stall an import (%#)", (text, kind) => {
    const value = parseKpiValue(text, heisei);
    expect(value.kind).toBe(kind);
  });
});
