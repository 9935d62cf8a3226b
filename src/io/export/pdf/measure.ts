import { FONT_BOLD, FONT_REGULAR, type FontName, printableText } from "./fonts.ts";
import { breakLines } from "./line-break.ts";
import type { StyledLine } from "./page-plan.ts";
import { STYLES, type StyleName } from "./styles.ts";

/** The part of pdfkit's font object we rely on to know which characters the font can draw. */
interface FontkitFace {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/**
 * Measures and breaks text for one PDF document. Character widths are cached at 1 pt per font, so a
 * cell's text is measured once, character by character, however long it is.
 */
export class TextMeasurer {
  private readonly widths = new Map<FontName, Map<string, number>>();
  private readonly glyphs = new Map<number, boolean>();
  private readonly faces: FontkitFace[];

  constructor(private readonly pdf: PDFKit.PDFDocument) {
    this.faces = [fontkitFace(pdf, FONT_REGULAR), fontkitFace(pdf, FONT_BOLD)];
  }

  /** Whether every font of the document has a glyph for the code point. */
  hasGlyph = (codePoint: number): boolean => {
    let known = this.glyphs.get(codePoint);
    if (known === undefined) {
      known = this.faces.every((face) => face.hasGlyphForCodePoint(codePoint));
      this.glyphs.set(codePoint, known);
    }
    return known;
  };

  /** Width of `text` in the style (no wrapping). */
  width(text: string, style: StyleName): number {
    const { font, size } = STYLES[style];
    let w = 0;
    for (const ch of text) w += this.charWidth(ch, font);
    return w * size;
  }

  /** Text made printable with this document's fonts, broken into lines of at most `maxWidth`. */
  lines(text: string, style: StyleName, maxWidth: number): StyledLine[] {
    const printable = printableText(text, this.hasGlyph);
    if (printable.trim() === "") return [];
    const { font, size } = STYLES[style];
    return breakLines(printable, maxWidth, (ch) => this.charWidth(ch, font) * size).map((line) => ({
      ...line,
      style,
    }));
  }

  /** One line, not wrapped (short fixed texts: grade letters, page numbers). */
  line(text: string, style: StyleName): StyledLine {
    const printable = printableText(text, this.hasGlyph);
    return { text: printable, width: this.width(printable, style), style };
  }

  private cacheFor(font: FontName): Map<string, number> {
    let cache = this.widths.get(font);
    if (!cache) {
      cache = new Map();
      this.widths.set(font, cache);
    }
    return cache;
  }

  private charWidth(ch: string, font: FontName): number {
    const cache = this.cacheFor(font);
    let w = cache.get(ch);
    if (w === undefined) {
      w = this.pdf.font(font).fontSize(1).widthOfString(ch);
      cache.set(ch, w);
    }
    return w;
  }
}

function fontkitFace(pdf: PDFKit.PDFDocument, name: FontName): FontkitFace {
  pdf.font(name);
  // pdfkit keeps the fontkit font of the current embedded font in `_font.font`; it has no public
  // accessor. Checked here so that a pdfkit upgrade that moves it fails loudly in the tests.
  const face = (pdf as unknown as { _font?: { font?: Partial<FontkitFace> } })._font?.font;
  if (typeof face?.hasGlyphForCodePoint !== "function") {
    throw new Error(`pdfkit: cannot inspect the glyphs of font ${name}`);
  }
  return face as FontkitFace;
}
