import { readFile } from "node:fs/promises";
import { packageFile } from "../../../runtime-files.ts";

/**
 * BIZ UDPGothic (a universal-design Japanese font made for public documents), embedded in every PDF.
 * pdfkit subsets TrueType fonts on its own, so the 4.5 MB font files add only the glyphs used.
 */
export const FONT_REGULAR = "BIZUDPGothic";
export const FONT_BOLD = "BIZUDPGothic-Bold";

const FONT_FILES = {
  [FONT_REGULAR]: "@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf",
  [FONT_BOLD]: "@expo-google-fonts/biz-udpgothic/700Bold/BIZUDPGothic_700Bold.ttf",
} as const;

export type FontName = keyof typeof FONT_FILES;

// Read once per process: the files are large and never change while the server runs.
let loaded: Promise<Record<FontName, Buffer>> | undefined;

export function loadFonts(): Promise<Record<FontName, Buffer>> {
  loaded ??= (async () => {
    const [regular, bold] = await Promise.all([
      readFile(packageFile(FONT_FILES[FONT_REGULAR])),
      readFile(packageFile(FONT_FILES[FONT_BOLD])),
    ]);
    return { [FONT_REGULAR]: regular, [FONT_BOLD]: bold };
  })();
  loaded.catch(() => {
    loaded = undefined; // let a later call retry instead of caching the failure
  });
  return loaded;
}

/**
 * Printed in place of a character the font has no glyph for (emoji, rare kanji outside JIS): the
 * geta mark 〓 is the Japanese typesetting convention for "character not available".
 */
export const MISSING_GLYPH = "〓";

/**
 * Replaces what the font cannot draw. A whole grapheme (an emoji with its modifiers and joiners, a
 * flag) becomes one 〓, so "👨‍👩‍👧" is one mark, not five. Variation selectors and zero-width
 * characters are dropped, so that a drawable base character ("❤️", a kanji with an IVS) is kept. Tabs
 * become spaces; other control characters are dropped.
 */
export function printableText(text: string, hasGlyph: (codePoint: number) => boolean): string {
  const normalized = text.replace(/\r\n?/g, "\n").replace(/\t/g, " ");
  let allDrawable = true;
  for (const ch of normalized) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp !== 0x0a && (isInvisible(cp) || !hasGlyph(cp))) {
      allDrawable = false;
      break;
    }
  }
  if (allDrawable) return normalized;
  let out = "";
  for (const { segment } of graphemes.segment(normalized)) {
    if (segment === "\n") {
      out += segment;
      continue;
    }
    const drawable = Array.from(segment).filter((ch) => !isInvisible(ch.codePointAt(0) ?? 0));
    if (drawable.length === 0) continue;
    out += drawable.every((ch) => hasGlyph(ch.codePointAt(0) ?? 0)) ? drawable.join("") : MISSING_GLYPH;
  }
  return out;
}

const graphemes = new Intl.Segmenter("ja", { granularity: "grapheme" });

function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/** Controls, variation selectors, zero-width (non-)joiners and spaces, BOM. */
function isInvisible(cp: number): boolean {
  return (
    isControl(cp) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    cp === 0x2060 ||
    cp === 0xfeff
  );
}
