import { describe, expect, it } from "vitest";
import { formatKpiValue, formatNumber } from "./kpi-format.ts";
import { parseKpiValue } from "./kpi-parse.ts";
import type { KpiValue } from "./kpi-value.ts";

const heisei = { defaultEra: "heisei" } as const;
const reiwa = { defaultEra: "reiwa" } as const;

/** Every spelling of the reference table that is already canonical (see docs/KPI-NOTATION.md). */
const SEED_SPELLINGS = [
  "52件",
  "11,007人",
  "617g",
  "36,178時間",
  "5.7%",
  "約50%",
  "3.57",
  "100%",
  "76,006千円",
  "1億円",
  "12,201,264円",
  "30%以上",
  "100人以下",
  "現状以下",
  "現状以上",
  "拡大",
  "縮小",
  "検討",
  "準備",
  "一部実施",
  "実施",
  "継続実施",
  "実施(29年度)",
  "実施(31年度)",
  "実施(26年度)",
  "実施(30年度)",
  "1億円(R2年度)",
  "80% (R2年度)",
  "350事業(累計)",
  "33,000枚(累計)",
  "72事業(累計215)",
  "6事業(累計18)",
  "50回/年",
  "93.2% (90.6%H26.3末)",
  "2,938人 (H26.6~29.2)",
  "8,983枚 (H29.2末)",
  "74事務 (1事務対象外)",
  "1団地(素案)",
  "-",
];

describe("formatKpiValue", () => {
  it.each(SEED_SPELLINGS)("writes %s back as the seed spells it", (text) => {
    expect(formatKpiValue(parseKpiValue(text, heisei), heisei)).toBe(text);
  });

  it("writes from the parsed fields, not from the text", () => {
    expect(formatKpiValue({ text: "ignored", kind: "quantity", value: 11007, unit: "人" })).toBe("11,007人");
    expect(formatKpiValue(parseKpiValue("１１，００７人"))).toBe("11,007人");
    expect(formatKpiValue(parseKpiValue("6.0%"))).toBe("6%");
    expect(formatKpiValue(parseKpiValue("  52件 "))).toBe("52件");
    expect(formatKpiValue(parseKpiValue("1団地（素案）"))).toBe("1団地(素案)");
    expect(formatKpiValue(parseKpiValue("2,938人 (H26.6～H29.2)"))).toBe("2,938人 (H26.6~29.2)");
    expect(formatKpiValue(parseKpiValue("8,983枚 (R1末)"))).toBe("8,983枚 (R2.3末)");
    expect(formatKpiValue(parseKpiValue("8,983枚 (R2.3.15)"))).toBe("8,983枚 (R2.3.15)");
    expect(formatKpiValue(parseKpiValue("現状値以下"))).toBe("現状以下");
    expect(formatKpiValue(parseKpiValue("ー"))).toBe("-");
  });

  it("writes the text itself for unreadable text", () => {
    expect(formatKpiValue(parseKpiValue("未定です!!"))).toBe("未定です!!");
    expect(formatKpiValue({ text: "x", kind: "quantity" })).toBe("x");
  });

  it("writes a due year era-less only when the context's era reads it back", () => {
    const due = (fiscalYear: number): KpiValue => ({ text: "", kind: "stage", stage: "実施", fiscalYear });
    expect(formatKpiValue(due(2017), heisei)).toBe("実施(29年度)");
    expect(formatKpiValue(due(2019), heisei)).toBe("実施(31年度)");
    expect(formatKpiValue(due(2020), heisei)).toBe("実施(R2年度)");
    expect(formatKpiValue(due(2020), reiwa)).toBe("実施(2年度)");
    expect(formatKpiValue(due(2019), reiwa)).toBe("実施(R1年度)");
    expect(formatKpiValue(due(2018), reiwa)).toBe("実施(H30年度)");
    expect(formatKpiValue(due(2017))).toBe("実施(H29年度)");
    expect(formatKpiValue(due(2019))).toBe("実施(R1年度)");
  });

  it("spaces parenthesised parts as the seed does", () => {
    const q = (extra: Partial<KpiValue>, unit = "件"): KpiValue => ({
      text: "",
      kind: "quantity",
      value: 5,
      unit,
      ...extra,
    });
    expect(formatKpiValue(q({ note: "素案" }))).toBe("5件(素案)");
    expect(formatKpiValue(q({ note: "1件対象外" }))).toBe("5件 (1件対象外)");
    expect(formatKpiValue(q({ note: "素案" }, "%"))).toBe("5% (素案)");
    expect(formatKpiValue(q({ cumulative: true }, "%"))).toBe("5% (累計)");
    expect(formatKpiValue(q({ asOf: "2020-03-15" }))).toBe("5件 (R2.3.15)");
    expect(formatKpiValue(q({ cumulativeTotal: 1215 }))).toBe("5件(累計1,215)");
  });

  it("writes money in its unit, bounds and approximations", () => {
    expect(formatKpiValue({ text: "", kind: "money", value: 76006, unit: "千円", yen: 76006000 })).toBe(
      "76,006千円",
    );
    expect(formatKpiValue({ text: "", kind: "bound", value: 1, unit: "億円", comparison: "atMost" })).toBe(
      "1億円以下",
    );
    expect(
      formatKpiValue({ text: "", kind: "bound", value: 3.5, comparison: "atLeast", approximate: true }),
    ).toBe("約3.5以上");
  });
});

describe("formatNumber", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1,000"],
    [11007, "11,007"],
    [1310189, "1,310,189"],
    [5.7, "5.7"],
    [1234.5, "1,234.5"],
    [-1234, "\u22121,234"],
    [1e21, "1,000,000,000,000,000,000,000"],
    [1e-7, "0.0000001"],
  ])("%d → %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});
