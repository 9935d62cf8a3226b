import { halfWidths, type PhraseKind, phrases } from "../../io/phrases.ts";
import { esc } from "./html-string.ts";

/**
 * A value token wider than this (in half-width characters) may be wider than its column, where the
 * browser would cut it anywhere (「(90.6%H26.3／末)」, 「(1事務対象外／)」): it also breaks before its
 * date, after a range mark or after its number's unit. (The PDF measures, and does so only when needed.)
 */
const LONG_VALUE_TOKEN = 12;

/**
 * A phrase wider than this (in half-width characters; 「シティプロモーションの」 is 22) is likely wider
 * than a narrow column, where `overflow-wrap: anywhere` would cut it with no regard for kinsoku
 * (「シティプロモ／ーションの」): it breaks as ordinary Japanese text instead (class p).
 */
const LONG_PHRASE = 16;

/**
 * The markup of each text, kept per kind: a write invalidates every cached page, and the pages
 * rendered again hold mostly the same texts (a large table: about 0.1 s of its render). Bounded:
 * emptied when full.
 */
const HTML_CACHE_SIZE = 50_000;
const htmlCache = new Map<PhraseKind, Map<string, string>>();

/**
 * Japanese text as markup that breaks only between phrases: <wbr> between the pieces of
 * src/io/phrases.ts, in cells styled `word-break: keep-all` (no other break inside Japanese) and
 * `overflow-wrap: anywhere` (a piece wider than its column still breaks rather than overflow). So a
 * number stays with its unit (1,310,189人), a bracketed time with itself (72事業 / (累計215)), on
 * screen and on paper, in every browser.
 */
export function phraseHtml(text: string, kind: PhraseKind = "prose"): string {
  let cache = htmlCache.get(kind);
  if (!cache) {
    cache = new Map();
    htmlCache.set(kind, cache);
  }
  let html = cache.get(text);
  if (html === undefined) {
    html = kind === "paragraph" ? paragraphHtml(text) : phraseMarkup(text, kind);
    if (cache.size >= HTML_CACHE_SIZE) cache.clear();
    cache.set(text, html);
  }
  return html;
}

function phraseMarkup(text: string, kind: PhraseKind): string {
  let out = "";
  let previous = "";
  for (const piece of phrases(text, kind, { longValueTokens: LONG_VALUE_TOKEN })) {
    // A newline breaks anyway (white-space: pre-line); a space is a break already.
    if (out !== "" && piece !== "\n" && previous !== "\n" && !/[ \u3000]$/.test(previous)) out += "<wbr>";
    out +=
      kind === "prose" && halfWidths(piece) > LONG_PHRASE
        ? `<span class="p">${esc(piece)}</span>`
        : esc(piece);
    previous = piece;
  }
  return out;
}

/**
 * A paragraph breaks between any two characters, as Japanese body text does, in a cell of class "p"
 * (`word-break: normal`); only a number with its unit is kept whole (`<span class="nw">12,201,264円</span>`).
 */
function paragraphHtml(text: string): string {
  let out = "";
  for (const piece of phrases(text, "paragraph")) {
    out += /^[0-9０-９].*[^0-9０-９,.，．]$/.test(piece)
      ? `<span class="nw">${esc(piece)}</span>`
      : esc(piece);
  }
  return out;
}
