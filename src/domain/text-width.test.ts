import { describe, expect, it } from "vitest";
import { toHalfWidth } from "./text-width.ts";

describe("toHalfWidth", () => {
  it("turns full-width digits, letters and punctuation into ASCII", () => {
    expect(toHalfWidth("１１，００７人")).toBe("11,007人");
    expect(toHalfWidth("Ｒ２年度")).toBe("R2年度");
    expect(toHalfWidth("ａｂｃＸＹＺ")).toBe("abcXYZ");
    expect(toHalfWidth("５．７％")).toBe("5.7%");
    expect(toHalfWidth("（累計２１５）")).toBe("(累計215)");
    expect(toHalfWidth("Ｈ２９～Ｒ３")).toBe("H29~R3");
    expect(toHalfWidth("－５")).toBe("-5");
    expect(toHalfWidth("！＂＃＄＆＇＊＋／：；＜＝＞？＠［＼］＾＿｀｛｜｝")).toBe(
      "!\"#$&'*+/:;<=>?@[\\]^_`{|}",
    );
  });

  it("turns the ideographic space into a space", () => {
    expect(toHalfWidth("令和\u3000元年")).toBe("令和 元年");
  });

  it("reads the JIS look-alikes of ～ and － the same as the Windows forms", () => {
    expect(toHalfWidth("平成29年度〜令和3年度")).toBe("平成29年度~令和3年度");
    expect(toHalfWidth("−5%")).toBe("-5%");
  });

  it("leaves kana, kanji, half-width text and other symbols untouched", () => {
    const text = "北坂戸にぎわいサロンの利用者数 ｶﾅ ー ― 「」。、・※ abc 123";
    expect(toHalfWidth(text)).toBe(text);
  });

  it("keeps the length, so indexes into the result are indexes into the input", () => {
    const text = "９３．２％　（９０．６％Ｈ２６．３末）😀";
    expect(toHalfWidth(text)).toHaveLength(text.length);
  });
});
