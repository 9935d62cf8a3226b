/**
 * Line breaking for the PDF cells. Japanese has no spaces between words, so a line may break between
 * any two ideographs or kana; runs of Latin letters and digits (`11,007人`, `(TJUP)`) stay whole where
 * they fit. Simple 禁則処理 (kinsoku) keeps closing punctuation off the start of a line and opening
 * brackets off its end. We break lines ourselves (rather than letting pdfkit wrap) because a cell taller
 * than a page must be cut between two known lines and continued on the next page.
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
 * Splits `text` into lines no wider than `maxWidth`. `\n` is a forced break. `widthOf` measures one
 * character (code point); callers cache it, since it is called once per character.
 */
export function breakLines(text: string, maxWidth: number, widthOf: (ch: string) => number): BrokenLine[] {
  const lines: BrokenLine[] = [];
  for (const paragraph of text.split("\n")) breakParagraph(paragraph, maxWidth, widthOf, lines);
  return lines;
}

interface Unit {
  chars: string[];
  width: number;
  space: boolean;
}

function breakParagraph(
  paragraph: string,
  maxWidth: number,
  widthOf: (ch: string) => number,
  out: BrokenLine[],
): void {
  const units = toUnits(paragraph, widthOf);
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
  const epsilon = 1e-6;
  for (const unit of units) {
    if (unit.space) {
      if (line === "") continue; // no leading space on a wrapped line
      line += unit.chars.join("");
      lineWidth += unit.width;
      trailingSpaceWidth += unit.width;
      continue;
    }
    if (lineWidth + unit.width <= maxWidth + epsilon) {
      line += unit.chars.join("");
      lineWidth += unit.width;
      trailingSpaceWidth = 0;
      continue;
    }
    if (line !== "" && unit.width <= maxWidth + epsilon) {
      flush();
      line = unit.chars.join("");
      lineWidth = unit.width;
      continue;
    }
    // A unit wider than the rest of the line and (alone) wider than a line: cut it by characters.
    for (const ch of unit.chars) {
      const w = widthOf(ch);
      if (line !== "" && lineWidth + w > maxWidth + epsilon) flush();
      line += ch;
      lineWidth += w;
      trailingSpaceWidth = 0;
    }
  }
  // Every paragraph yields at least one line, so that an empty paragraph keeps its blank line.
  if (line !== "" || out.length === linesBefore) flush();
}

/** Groups characters into the smallest pieces a line may not be broken inside. */
function toUnits(paragraph: string, widthOf: (ch: string) => number): Unit[] {
  const units: Unit[] = [];
  let joinNext = false;
  for (const ch of paragraph) {
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
      (joinNext || NO_LINE_START.has(ch) || (isWordChar(ch) && lastIsWord(last)));
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

function lastIsWord(unit: Unit): boolean {
  const ch = unit.chars[unit.chars.length - 1];
  return ch !== undefined && isWordChar(ch) && !NO_LINE_END.has(ch);
}
