import { describe, expect, it } from "vitest";
import { loadFonts, MISSING_GLYPH, printableText } from "./fonts.ts";

// A font that has kana, kanji, ASCII and ♥ (U+2665), and no emoji.
const hasGlyph = (cp: number) => cp < 0x2000 || cp === 0x2665 || (cp >= 0x3000 && cp <= 0x9fff);

describe("printableText", () => {
  it("leaves drawable text alone", () => {
    expect(printableText("=1+1 市民と行政", hasGlyph)).toBe("=1+1 市民と行政");
  });

  it("replaces an emoji with 〓", () => {
    expect(printableText("絵文字😀です", hasGlyph)).toBe(`絵文字${MISSING_GLYPH}です`);
  });

  it("replaces a joined emoji sequence or a flag with a single 〓", () => {
    expect(printableText("家族👨‍👩‍👧と🇯🇵", hasGlyph)).toBe("家族〓と〓");
  });

  it("drops a variation selector when the base character is drawable", () => {
    expect(printableText("♥️", hasGlyph)).toBe("♥");
  });

  it("turns tabs into spaces, keeps newlines, drops other control characters", () => {
    expect(printableText("a\tb\r\nc\u0007d", hasGlyph)).toBe("a b\ncd");
  });
});

describe("loadFonts", () => {
  it("reads both TrueType files of BIZ UDPGothic", async () => {
    const fonts = await loadFonts();
    for (const buffer of Object.values(fonts)) {
      // TrueType outlines: sfnt version 0x00010000.
      expect(buffer.readUInt32BE(0)).toBe(0x00010000);
      expect(buffer.length).toBeGreaterThan(1_000_000);
    }
    expect(Object.keys(fonts).sort()).toEqual(["BIZUDPGothic", "BIZUDPGothic-Bold"]);
  });
});
