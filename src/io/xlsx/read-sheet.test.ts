import { describe, expect, it } from "vitest";
import { cellText, formatNumber } from "./read-sheet.ts";

describe("formatNumber: a number as its cell format shows it", () => {
  it("writes percentages, decimals, digit grouping and quoted units", () => {
    expect(formatNumber(0.057, "0.0%")).toBe("5.7%");
    expect(formatNumber(0.3, "0%")).toBe("30%");
    expect(formatNumber(11007, "#,##0")).toBe("11,007");
    expect(formatNumber(76006, '#,##0"千円"')).toBe("76,006千円");
    expect(formatNumber(3.5, "0.00")).toBe("3.50");
    expect(formatNumber(-1234.5, "#,##0.0")).toBe("-1,234.5");
    expect(formatNumber(5, '"第"0"回"')).toBe("第5回");
  });

  it("uses the first section of a format and ignores colors and conditions", () => {
    expect(formatNumber(1200, '[Blue]#,##0"人";[Red]-#,##0"人"')).toBe("1,200人");
  });

  it("writes the shortest form without a format, without binary noise", () => {
    expect(formatNumber(3.57, undefined)).toBe("3.57");
    expect(formatNumber(0.1 + 0.2, "General")).toBe("0.3");
    expect(formatNumber(1e21, undefined)).toBe("1000000000000000000000");
  });
});

describe("cellText", () => {
  it("reads every kind of cell value as the text a person sees", () => {
    expect(cellText({ value: null, numFmt: "" })).toEqual({ text: "" });
    expect(cellText({ value: { richText: [{ text: "窓口" }, { text: "改善" }] }, numFmt: "" })).toEqual({
      text: "窓口改善",
    });
    expect(cellText({ value: { formula: "A1+1", result: 2 }, numFmt: "" })).toEqual({ text: "2" });
    expect(cellText({ value: { text: "リンク", hyperlink: "https://example.jp" }, numFmt: "" })).toEqual({
      text: "リンク",
    });
    expect(cellText({ value: new Date("2020-03-31T00:00:00Z"), numFmt: "" })).toEqual({ text: "2020-03-31" });
    expect(cellText({ value: true, numFmt: "" })).toEqual({ text: "TRUE" });
  });

  it("reads error values as empty and says which error", () => {
    expect(cellText({ value: { error: "#N/A" } as never, numFmt: "" })).toEqual({ text: "", error: "#N/A" });
    expect(
      cellText({ value: { formula: "1/0", result: { error: "#DIV/0!" } } as never, numFmt: "" }),
    ).toEqual({
      text: "",
      error: "#DIV/0!",
    });
  });
});
