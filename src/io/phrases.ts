import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Parser } from "budoux";

/**
 * Where a line of the progress table may break. Japanese has no spaces between words, and breaking
 * "between any two characters" splits what a reader takes as one thing: 「1,310,189／人」,
 * 「72事業(累／計215)」, 「ほぼ順／調」. Every renderer (HTML, PDF, the xlsx row estimate) breaks
 * between the pieces returned here, and inside a piece only when the piece alone is wider than a line.
 *
 * - Prose in narrow cells (policies, titles, departments, indicator names, headers) is cut into phrases
 *   by BudouX, Google's phrase segmenter for Japanese, with a guard that keeps a number with its unit
 *   and a Latin word whole.
 * - Paragraphs (descriptions, activities, opinions, goals) break between any two characters, as
 *   Japanese body text does (phrase breaks there leave a quarter of each line empty), except inside a
 *   number with its unit (`12,201,264円`, `令和2年度`) or a Latin word.
 * - A KPI value is our own notation (docs/KPI-NOTATION.md): a value, then perhaps a bracketed part
 *   (`93.2% (90.6%H26.3末)`, `72事業(累計215)`, `実施(31年度)`). The value and the bracketed part are
 *   each kept whole, and the only breaks are at a space or before the bracket.
 *
 * The pieces of a text joined give the text back. A space stays at the end of the piece before it (a
 * line may break after a space); "\n" is a piece of its own (a forced break).
 */
export type PhraseKind = "prose" | "value" | "paragraph";

/**
 * BudouX's parser with its Japanese model, loaded without the package's entry point: the entry point
 * also loads an HTML processor and a DOM implementation (linkedom), about 28 MB and 0.4 s at every
 * start of the server and the CLI, for nothing used here. Both files are BudouX's own
 * (dist/parser.js, dist/data/models/ja.js); the tests of this file fail if a release moves them.
 */
const budoux: Parser = (() => {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve("budoux"));
  const { Parser: BudouxParser } = require(join(dist, "parser.js")) as typeof import("budoux");
  const { model } = require(join(dist, "data/models/ja.js")) as {
    model: ConstructorParameters<typeof Parser>[0];
  };
  return new BudouxParser(model);
})();

export function phrases(
  text: string,
  kind: PhraseKind,
  options: { longValueTokens?: number } = {},
): string[] {
  const pieces: string[] = [];
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    if (index > 0) pieces.push("\n");
    for (const word of spaceSeparated(line)) {
      if (kind === "value") {
        for (const token of valueTokens(word)) {
          const long = options.longValueTokens !== undefined && halfWidths(token) > options.longValueTokens;
          pieces.push(...(long ? token.split(VALUE_INNER_BREAK) : [token]));
        }
      } else if (kind === "paragraph") pieces.push(...numberRuns(word));
      else pieces.push(...prosePhrases(word));
    }
  });
  return pieces.filter((piece) => piece !== "");
}

/**
 * Pieces of a piece too wide for a whole line, or undefined when there are none (the caller then breaks
 * it between characters). A value token is cut before a date (`(90.6%` `H26.3末)`) or after a range
 * mark (`(H26.6~` `29.2)`), else into phrases; a phrase has no finer pieces.
 */
export function finerPhrases(piece: string, kind: PhraseKind): string[] | undefined {
  if (kind !== "value") return undefined;
  const parts = piece.split(VALUE_INNER_BREAK).filter((part) => part !== "");
  if (parts.length > 1) return parts;
  const finer = prosePhrases(piece);
  return finer.length > 1 ? finer : undefined;
}

/**
 * Before an era date that follows a figure (`(90.6%` `H26.3末)`), after a range mark (`(H26.6~` `29.2)`),
 * after a number with a two-character unit (`(1事務` `対象外)`).
 */
const VALUE_INNER_BREAK =
  /(?<=[0-9%％])(?=(?:[HRSＨＲＳ]|平成|令和|昭和)[0-9０-９])|(?<=[~～〜])(?=[^)）])|(?<=[0-9０-９][\u3400-\u9fff]{2})(?=[\u3400-\u9fff])/;

/**
 * A paragraph's pieces: each number with its unit (up to two ideographs: `201千円`, `2年度`, `6,748件`)
 * is one piece, the text between numbers is another, which breaks between characters.
 */
function numberRuns(word: string): string[] {
  return word.split(NUMBER_WITH_UNIT).filter((piece) => piece !== "");
}

/** Captured, so that split keeps it. */
const NUMBER_WITH_UNIT =
  /([0-9０-９][0-9０-９,.，．]*(?:[%％]|[々ヶ\u3400-\u9fff]{1,2}|[^\s0-9０-９,.，．、。・(（)）「」『』【】\u3400-\u9fff])?)/;

/** Width in half-width characters: a kanji or kana counts two. */
export function halfWidths(text: string): number {
  let n = 0;
  for (const ch of text) n += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return n;
}

/** "a b  c" → ["a ", "b  ", "c"]: each run of spaces ends the word before it. */
function spaceSeparated(line: string): string[] {
  return line.match(/[^ \u3000]+[ \u3000]*|[ \u3000]+/g) ?? [];
}

const OPENING = "(（[［「『【〔〈《｛{";
const CLOSING = ")）]］」』】〕〉》｝}";

/**
 * "72事業(累計215)" → ["72事業", "(累計215)"]; "93.2% " stays one token. A bracket group is never
 * cut; a break is allowed before an opening bracket that follows other text.
 */
function valueTokens(word: string): string[] {
  const tokens: string[] = [];
  let current = "";
  let depth = 0;
  for (const ch of word) {
    if (OPENING.includes(ch)) {
      if (depth === 0 && current !== "" && !OPENING.includes(current.at(-1) ?? "")) {
        tokens.push(current);
        current = "";
      }
      depth++;
    } else if (CLOSING.includes(ch) && depth > 0) {
      depth--;
    }
    current += ch;
  }
  if (current !== "") tokens.push(current);
  return tokens;
}

/**
 * BudouX reads every character through a dozen lookups (about 4 µs a character): the phrases of a text
 * are kept, so that a page rendered again after a write (which invalidates every cached page) does not
 * segment its unchanged texts again. Bounded: emptied when full.
 */
const PHRASE_CACHE_SIZE = 20_000;
const phraseCache = new Map<string, string[]>();

/** BudouX phrases of a word without spaces, without the breaks a reader would not accept. */
function prosePhrases(word: string): string[] {
  let cached = phraseCache.get(word);
  if (cached === undefined) {
    cached = segment(word);
    if (phraseCache.size >= PHRASE_CACHE_SIZE) phraseCache.clear();
    phraseCache.set(word, cached);
  }
  return cached;
}

function segment(word: string): string[] {
  const body = word.replace(/[ \u3000]+$/, "");
  if (body.length <= 1) return [word];
  const boundaries = budoux.parseBoundaries(body).filter((i) => breakAllowed(body, i));
  const pieces: string[] = [];
  let start = 0;
  for (const boundary of boundaries) {
    pieces.push(body.slice(start, boundary));
    start = boundary;
  }
  pieces.push(word.slice(start));
  return pieces;
}

/**
 * Guards on BudouX's boundaries: its model is trained on prose, and the table's text is full of
 * figures. A digit keeps the character after it (`6,748件`, `4名`, `22.9%`), a Latin word and a number
 * are never cut, an opening bracket keeps what follows it and closing punctuation what precedes it.
 */
function breakAllowed(text: string, index: number): boolean {
  const before = text.charAt(index - 1);
  const after = text.charAt(index);
  if (isLatinOrDigit(before) && isLatinOrDigit(after)) return false;
  if (/[0-9０-９]/.test(before)) return false;
  if (/[,.，．][0-9０-９]/.test(text.slice(index - 1, index + 1))) return false;
  if (OPENING.includes(before)) return false;
  if (NO_LINE_START.includes(after)) return false;
  return true;
}

function isLatinOrDigit(ch: string): boolean {
  return /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ%％.,，．:/~～〜+\-－]/.test(ch);
}

/** Characters a line must not start with (行頭禁則). */
const NO_LINE_START = `、。，．,.・：；:;？！?!ー${CLOSING}’”ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ〜～%％`;
