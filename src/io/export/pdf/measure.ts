import PDFDocument from "pdfkit";
import type { PhraseKind } from "../../phrases.ts";
import { FONT_BOLD, FONT_REGULAR, type FontName, loadFonts, printableText } from "./fonts.ts";
import { type BrokenLine, breakLines } from "./line-break.ts";
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
  lines(text: string, style: StyleName, maxWidth: number, kind: PhraseKind = "prose"): StyledLine[] {
    const { font, size } = STYLES[style];
    return this.breakText(text, font, size, maxWidth, kind).map((line) => ({ ...line, style }));
  }

  /** The same in any font and size (the xlsx sizes its rows with it). */
  breakText(
    text: string,
    font: FontName,
    size: number,
    maxWidth: number,
    kind: PhraseKind = "prose",
  ): BrokenLine[] {
    const printable = printableText(text, this.hasGlyph);
    if (printable.trim() === "") return [];
    return breakLines(printable, maxWidth, (ch) => this.charWidth(ch, font) * size, kind);
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
      w = this.pdf.font(font).fontSize(1).widthOfString(drawnText(ch));
      cache.set(ch, w);
    }
    return w;
  }
}

/**
 * The characters drawn for a text. BIZ UDPGothic draws the ASCII "~" as a small raised tilde, which does
 * not read as a range in 「2,938人 (H26.6~29.2)」: it is drawn as an en dash, which does, while the text
 * underneath (copied, searched, read aloud) stays "~". A full-width ～ is the city's own range mark
 * and is drawn as it is.
 */
export function drawnText(text: string): string {
  return text.includes("~") ? text.replaceAll("~", "\u2013") : text;
}

let standalone: Promise<TextMeasurer> | undefined;

/**
 * A measurer of its own, for breaking text as the PDF does without writing a PDF: the xlsx sizes its
 * rows with it. One per process, so its width caches stay warm.
 */
export function sharedMeasurer(): Promise<TextMeasurer> {
  standalone ??= (async () => {
    const fonts = await loadFonts();
    const pdf = new PDFDocument({ autoFirstPage: false });
    pdf.registerFont(FONT_REGULAR, fonts[FONT_REGULAR]);
    pdf.registerFont(FONT_BOLD, fonts[FONT_BOLD]);
    return new TextMeasurer(pdf);
  })();
  standalone.catch(() => {
    standalone = undefined;
  });
  return standalone;
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
