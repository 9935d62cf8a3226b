import { describe, expect, it } from "vitest";
import type { PhraseKind } from "../../phrases.ts";
import { breakLines } from "./line-break.ts";

// A monospaced measure keeps the expected lines easy to write by hand: every character is 1 wide.
const mono = () => 1;
const texts = (text: string, width: number, kind: PhraseKind = "prose") =>
  breakLines(text, width, mono, kind).map((l) => l.text);

describe("breakLines", () => {
  it("breaks Japanese prose between phrases", () => {
    expect(texts("市民と行政との協働体制の確立", 6)).toEqual(["市民と", "行政との", "協働体制の", "確立"]);
    expect(texts("市民と行政との協働体制の確立", 7)).toEqual(["市民と行政との", "協働体制の確立"]);
    expect(texts("住宅(団)地ごとの将来ビジョンの作成", 10)).toEqual([
      "住宅(団)地ごとの",
      "将来ビジョンの作成",
    ]);
  });

  it("breaks a phrase longer than a line between any two characters", () => {
    // "行政との" and "協働体制の" are wider than 3: their characters fill the lines.
    expect(texts("市民と行政との協働体制の確立", 3)).toEqual([
      "市民と",
      "行政と",
      "の協働",
      "体制の",
      "確立",
    ]);
  });

  it("breaks a paragraph between any two characters, but not inside a number with its unit", () => {
    expect(texts("市民と行政との協働体制の確立", 5, "paragraph")).toEqual([
      "市民と行政",
      "との協働体",
      "制の確立",
    ]);
    // 28 wide: 「… 収納額 12,201,264／円」 would fit without the unit.
    expect(texts("訪問件数累計 6,748件 収納額 12,201,264円", 28, "paragraph")).toEqual([
      "訪問件数累計 6,748件 収納額",
      "12,201,264円",
    ]);
    expect(texts("前年度から201千円減額となった", 9, "paragraph")).toEqual([
      "前年度から",
      "201千円減額と",
      "なった",
    ]);
  });

  it("keeps a KPI value's number with its unit and its bracketed part whole (seed values)", () => {
    // The PDF printed 「93.2% (90.6／%H26.3末)」, 「2,938人 (H／26.6~29.2)」, 「74事務 (1事／務対象外)」.
    expect(texts("93.2% (90.6%H26.3末)", 14, "value")).toEqual(["93.2%", "(90.6%H26.3末)"]);
    expect(texts("2,938人 (H26.6~29.2)", 13, "value")).toEqual(["2,938人", "(H26.6~29.2)"]);
    expect(texts("74事務 (1事務対象外)", 9, "value")).toEqual(["74事務", "(1事務対象外)"]);
    expect(texts("72事業(累計215)", 8, "value")).toEqual(["72事業", "(累計215)"]);
    expect(texts("1億円(R2年度)", 8, "value")).toEqual(["1億円", "(R2年度)"]);
    expect(texts("1,310,189人", 10, "value")).toEqual(["1,310,189人"]);
    // Wide enough for all of it: one line.
    expect(texts("93.2% (90.6%H26.3末)", 20, "value")).toEqual(["93.2% (90.6%H26.3末)"]);
  });

  it("breaks a KPI value's part longer than a line between phrases, then characters", () => {
    expect(texts("93.2% (90.6%H26.3末)", 9, "value")).toEqual(["93.2%", "(90.6%", "H26.3末)"]);
    expect(texts("2,938人 (H26.6~29.2)", 8, "value")).toEqual(["2,938人", "(H26.6~", "29.2)"]);
    expect(texts("(住宅団地の将来ビジョン)", 8, "value")).toEqual(["(住宅団地の", "将来ビジョン)"]);
    expect(texts("(1事務対象外)", 5, "value")).toEqual(["(1事務", "対象外)"]);
    expect(texts("1,310,189人", 6, "value")).toEqual(["1,310,", "189人"]);
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
    expect(texts("あいう、えお", 3)).toEqual(["あい", "う、", "えお"]);
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
