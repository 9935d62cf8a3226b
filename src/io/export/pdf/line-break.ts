import { finerPhrases, type PhraseKind, phrases } from "../../phrases.ts";

/**
 * Line breaking for the PDF cells (and the xlsx row estimate). Lines break between phrases
 * (src/io/phrases.ts). A phrase too long for its column is broken between characters, where runs of
 * Latin letters and digits (`11,007人`, `(TJUP)`) stay whole where they fit, and simple 禁則処理
 * (kinsoku) keeps closing punctuation off the start of a line and opening brackets off its end. We break
 * lines ourselves (rather than letting pdfkit wrap) because a cell taller than a page must be cut
 * between two known lines and continued on the next page.
 */

export interface BrokenLine {
  text: string;
  /** Width at the measured size, for right and centre alignment. */
  width: number;
}

/** Must not start a line (行頭禁則). */
const NO_LINE_START = new Set(
  Array.from(
    "、。，．,.・：；:;？！?!ー）)」』】〕〉》］]｝}’”ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ〜～‐゠–%％",
  ),
);
/** Must not end a line (行末禁則). */
const NO_LINE_END = new Set(Array.from("（(「『【〔〈《［[｛{‘“"));

/**
 * Characters that join their neighbours into an unbreakable word: ASCII letters, digits and
 * punctuation, and Latin/Greek/Cyrillic letters. Everything else (kana, kanji, full-width forms,
 * symbols) may be broken around.
 */
function isWordChar(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp > 0x20 && cp < 0x7f) return true;
  return (cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x370 && cp <= 0x4ff);
}

function isSpace(ch: string): boolean {
  return ch === " ";
}

/**
 * Splits `text` into lines no wider than `maxWidth`. `\n` is a forced break. Lines break between the
 * pieces of src/io/phrases.ts (phrases of prose, the tokens of a KPI value); a piece wider than a
 * whole line is broken into finer pieces, and at last between characters. `widthOf` measures one
 * character (code point); callers cache it, since it is called once per character.
 */
export function breakLines(
  text: string,
  maxWidth: number,
  widthOf: (ch: string) => number,
  kind: PhraseKind = "prose",
): BrokenLine[] {
  const lines: BrokenLine[] = [];
  for (const paragraph of text.split("\n")) breakParagraph(paragraph, maxWidth, widthOf, kind, lines);
  return lines;
}

interface Unit {
  chars: string[];
  width: number;
  space: boolean;
  /** A piece that may still be broken into finer ones (a phrase, a value token). */
  piece?: string;
}

const EPSILON = 1e-6;

function breakParagraph(
  paragraph: string,
  maxWidth: number,
  widthOf: (ch: string) => number,
  kind: PhraseKind,
  out: BrokenLine[],
): void {
  const units =
    kind === "paragraph"
      ? toUnits(paragraph, widthOf, gluedIndexes(phrases(paragraph, kind)))
      : phraseUnits(phrases(paragraph, kind), widthOf);
  const linesBefore = out.length;
  let line = "";
  let lineWidth = 0;
  // Width of the line without its trailing spaces: a space that ends a line takes no room.
  let trailingSpaceWidth = 0;
  const flush = () => {
    out.push({ text: line.replace(/ +$/, ""), width: lineWidth - trailingSpaceWidth });
    line = "";
    lineWidth = 0;
    trailingSpaceWidth = 0;
  };
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as Unit;
    if (unit.space) {
      if (line === "") continue; // no leading space on a wrapped line
      line += unit.chars.join("");
      lineWidth += unit.width;
      trailingSpaceWidth += unit.width;
      continue;
    }
    if (lineWidth + unit.width <= maxWidth + EPSILON) {
      line += unit.chars.join("");
      lineWidth += unit.width;
      trailingSpaceWidth = 0;
      continue;
    }
    if (line !== "" && unit.width <= maxWidth + EPSILON) {
      flush();
      line = unit.chars.join("");
      lineWidth = unit.width;
      continue;
    }
    // A piece wider than the rest of the line and (alone) wider than a line: its finer pieces take
    // its place, down to the character runs that may not be broken at all.
    if (unit.piece !== undefined) {
      const finer = finerPhrases(unit.piece, kind);
      units.splice(i, 1, ...(finer ? phraseUnits(finer, widthOf) : toUnits(unit.piece, widthOf)));
      i--;
      continue;
    }
    for (const ch of unit.chars) {
      const w = widthOf(ch);
      if (line !== "" && lineWidth + w > maxWidth + EPSILON) flush();
      line += ch;
      lineWidth += w;
      trailingSpaceWidth = 0;
    }
  }
  // Every paragraph yields at least one line, so that an empty paragraph keeps its blank line.
  if (line !== "" || out.length === linesBefore) flush();
}

/** A unit per piece, its trailing spaces apart (a line may end in them). */
function phraseUnits(pieces: string[], widthOf: (ch: string) => number): Unit[] {
  const units: Unit[] = [];
  for (const piece of pieces) {
    const body = piece.replace(/ +$/, "");
    if (body !== "") {
      const chars = Array.from(body);
      units.push({ chars, width: chars.reduce((w, ch) => w + widthOf(ch), 0), space: false, piece: body });
    }
    for (const ch of piece.slice(body.length)) units.push({ chars: [ch], width: widthOf(ch), space: true });
  }
  return units;
}

/** Groups characters into the smallest pieces a line may not be broken inside. */
function toUnits(
  paragraph: string,
  widthOf: (ch: string) => number,
  glued: ReadonlySet<number> = new Set(),
): Unit[] {
  const units: Unit[] = [];
  let joinNext = false;
  let index = -1;
  for (const ch of paragraph) {
    index++;
    const w = widthOf(ch);
    const last = units[units.length - 1];
    if (isSpace(ch)) {
      units.push({ chars: [ch], width: w, space: true });
      joinNext = false;
      continue;
    }
    const joinPrevious =
      last !== undefined &&
      !last.space &&
      (joinNext || glued.has(index) || NO_LINE_START.has(ch) || (isWordChar(ch) && lastIsWord(last)));
    if (joinPrevious && last) {
      last.chars.push(ch);
      last.width += w;
    } else {
      units.push({ chars: [ch], width: w, space: false });
    }
    joinNext = NO_LINE_END.has(ch);
  }
  return units;
}

/** Code-point indexes that join the character before them: inside a number with its unit. */
function gluedIndexes(pieces: string[]): Set<number> {
  const glued = new Set<number>();
  let index = 0;
  for (const piece of pieces) {
    const length = Array.from(piece).length;
    if (/^[0-9０-９]/.test(piece)) for (let i = 1; i < length; i++) glued.add(index + i);
    index += length;
  }
  return glued;
}

function lastIsWord(unit: Unit): boolean {
  const ch = unit.chars[unit.chars.length - 1];
  return ch !== undefined && isWordChar(ch) && !NO_LINE_END.has(ch);
}
