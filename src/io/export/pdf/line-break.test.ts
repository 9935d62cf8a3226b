import { describe, expect, it } from "vitest";
import { breakLines } from "./line-break.ts";

// A monospaced measure keeps the expected lines easy to write by hand: every character is 1 wide.
const mono = () => 1;
const texts = (text: string, width: number) => breakLines(text, width, mono).map((l) => l.text);

describe("breakLines", () => {
  it("breaks Japanese between any two characters", () => {
    expect(texts("市民と行政との協働体制の確立", 5)).toEqual(["市民と行政", "との協働体", "制の確立"]);
  });

  it("keeps a run of digits and Latin letters whole when it fits on a line", () => {
    expect(texts("利用者数11,007人", 7)).toEqual(["利用者数", "11,007人"]);
    expect(texts("プラットフォーム(TJUP)への参加", 10)).toEqual(["プラットフォーム", "(TJUP)への参加"]);
  });

  it("breaks Latin text at spaces and drops the space at the break", () => {
    expect(texts("Mostly on track today", 10)).toEqual(["Mostly on", "track", "today"]);
  });

  it("cuts a word longer than a line by characters", () => {
    expect(texts("https://example.jp/abc", 8)).toEqual(["https://", "example.", "jp/abc"]);
  });

  it("does not start a line with closing punctuation (行頭禁則)", () => {
    // Breaking "推進する" | "。また" would start a line with "。": "る。" moves down together.
    expect(texts("推進する。また", 4)).toEqual(["推進す", "る。また"]);
    expect(texts("あいう、えお", 3)).toEqual(["あい", "う、え", "お"]);
  });

  it("does not end a line with an opening bracket (行末禁則)", () => {
    expect(texts("あいう「えお」", 4)).toEqual(["あいう", "「えお」"]);
  });

  it("breaks at newlines and keeps blank lines", () => {
    expect(texts("政策企画課\n関係各課", 20)).toEqual(["政策企画課", "関係各課"]);
    expect(texts("一\n\n二", 20)).toEqual(["一", "", "二"]);
  });

  it("never makes a line wider than the width, and loses no character", () => {
    const text =
      "大学との連携については、平成20年6月に包括協定を締結した城西大学(TJUP)をはじめ、 また 11,007人。";
    for (const width of [3, 5, 8, 13, 40]) {
      const lines = breakLines(text, width, mono);
      for (const line of lines) {
        expect(line.width).toBeLessThanOrEqual(width);
        expect(line.width).toBe(Array.from(line.text).length);
      }
      expect(lines.map((l) => l.text.replace(/ /g, "")).join("")).toBe(text.replace(/ /g, ""));
    }
  });

  it("measures with the given widths (proportional fonts)", () => {
    const widthOf = (ch: string) => (ch === "i" ? 0.5 : 2);
    const lines = breakLines("iiii漢字", 3, widthOf);
    expect(lines).toEqual([
      { text: "iiii", width: 2 },
      { text: "漢", width: 2 },
      { text: "字", width: 2 },
    ]);
  });
});
