import { loadDefaultJapaneseParser } from "budoux";

/**
 * Where a line of the progress table may break. Japanese has no spaces between words, and breaking
 * "between any two characters" splits what a reader takes as one thing: 「1,310,189／人」,
 * 「72事業(累／計215)」, 「ほぼ順／調」. Every renderer (HTML, PDF, the xlsx row estimate) breaks
 * between the pieces returned here, and inside a piece only when the piece alone is wider than a line.
 *
 * - Prose (names, descriptions, opinions) is cut into phrases by BudouX, Google's phrase segmenter for
 *   Japanese, with a guard that keeps a number with its unit and a Latin word whole.
 * - A KPI value is our own notation (docs/KPI-NOTATION.md): a value, then perhaps a bracketed part
 *   (`93.2% (90.6%H26.3末)`, `72事業(累計215)`, `実施(31年度)`). The value and the bracketed part are
 *   each kept whole, and the only breaks are at a space or before the bracket.
 *
 * The pieces of a text joined give the text back. A space stays at the end of the piece before it (a
 * line may break after a space); "\n" is a piece of its own (a forced break).
 */
export type PhraseKind = "prose" | "value";

const budoux = loadDefaultJapaneseParser();

export function phrases(text: string, kind: PhraseKind): string[] {
  const pieces: string[] = [];
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    if (index > 0) pieces.push("\n");
    for (const word of spaceSeparated(line)) {
      if (kind === "value") pieces.push(...valueTokens(word));
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

/** Before an era date that follows a figure (`%H26.3末`), after a range mark (`~`, `～`, `〜`). */
const VALUE_INNER_BREAK = /(?<=[0-9%％])(?=(?:[HRSＨＲＳ]|平成|令和|昭和)[0-9０-９])|(?<=[~～〜])(?=[^)）])/;

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

/** BudouX phrases of a word without spaces, without the breaks a reader would not accept. */
function prosePhrases(word: string): string[] {
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
