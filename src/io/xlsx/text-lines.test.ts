import { beforeAll, describe, expect, it } from "vitest";
import { FONT_REGULAR } from "../export/pdf/fonts.ts";
import { sharedMeasurer, type TextMeasurer } from "../export/pdf/measure.ts";
import { columnTextPoints, heightForLines, type MeasuredCell, wrappedLineCount } from "./text-lines.ts";

describe("xlsx row heights from the PDF's line breaker", () => {
  let measurer: TextMeasurer;
  beforeAll(async () => {
    measurer = await sharedMeasurer();
  });
  const cell = (text: string, width: number): MeasuredCell => ({ text, width, size: 9, font: FONT_REGULAR });

  it("converts Excel column widths to points of text room (Calibri 11: 7 px a unit, 5 px padding)", () => {
    // 40 units: 40 × 7 + 5 = 285 px, less 3 px each side = 279 px = 209.25 pt.
    expect(columnTextPoints(40)).toBeCloseTo(209.25, 2);
    expect(columnTextPoints(13)).toBeCloseTo(67.5, 2); // 13 × 7 + 5 − 6 = 90 px
  });

  it("counts the lines BIZ UDPGothic takes: a kanji is 1 em, 23 of them at 9 pt fill 209 pt", () => {
    expect(wrappedLineCount(measurer, cell("漢".repeat(23), 40))).toBe(1);
    expect(wrappedLineCount(measurer, cell("漢".repeat(24), 40))).toBe(2);
    expect(wrappedLineCount(measurer, cell("漢".repeat(46), 40))).toBe(2);
    expect(wrappedLineCount(measurer, cell("漢".repeat(47), 40))).toBe(3);
    expect(wrappedLineCount(measurer, cell("一\n二\n三", 40))).toBe(3);
    expect(wrappedLineCount(measurer, cell("", 40))).toBe(1);
  });

  it("keeps a KPI value's parts whole, as the PDF does", () => {
    // 13 units: 67.5 pt, 7 kanji a line; 「72事業」 and 「(累計215)」 each fit, together they do not.
    const value = { ...cell("72事業(累計215)", 13), breaks: "value" as const };
    expect(
      measurer.breakText(value.text, value.font, 9, columnTextPoints(13), "value").map((l) => l.text),
    ).toEqual(["72事業", "(累計215)"]);
  });

  it("sets 1.2 em a line and 3 pt of padding", () => {
    expect(heightForLines(1, 9)).toBeCloseTo(13.8, 5);
    expect(heightForLines(10, 9)).toBeCloseTo(111, 5);
  });
});
