/**
 * How tall a wrapped text cell must be. Excel and LibreOffice do not grow a row for a wrapped text
 * in a MERGED cell, and every initiative cell of the progress table is merged over its KPI sub-rows,
 * so the exporter sets row heights itself from this estimate. It errs on the tall side: a little
 * white space is better than a clipped sentence.
 */

/** Excel measures column widths in widths of the digit "0" of the default font (Calibri 11: 7 px). */
const PIXELS_PER_WIDTH_UNIT = 7;
/** BIZ UDPGothic is 1.0 em from ascender to descender; Excel adds leading, about 1.3 em per line. */
const LINE_HEIGHT_EM = 1.3;
/** Cell padding Excel keeps on the left and right, in width units. */
const CELL_PADDING_UNITS = 1;
/** Top and bottom padding of a row, in points. */
const ROW_PADDING_POINTS = 3;
/** Excel's maximum row height. */
export const MAX_ROW_HEIGHT = 409;

// East Asian Wide and Fullwidth ranges (kana, kanji, full-width forms, hangul) and emoji.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

/** Width of one character of a font of `size` points, in column width units. */
function charWidth(char: string, size: number): number {
  const em = (size * 4) / 3 / PIXELS_PER_WIDTH_UNIT;
  return WIDE.test(char) ? em : em * 0.6;
}

/** Lines a text wraps into in a column `width` units wide (at least 1). */
export function wrappedLineCount(text: string, width: number, size: number): number {
  const usable = Math.max(1, width - CELL_PADDING_UNITS);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let line = 0;
    let count = 1;
    for (const char of paragraph) {
      const w = charWidth(char, size);
      if (line + w > usable && line > 0) {
        count++;
        line = 0;
      }
      line += w;
    }
    lines += count;
  }
  return Math.max(1, lines);
}

/** Row height in points for `lines` lines of a font of `size` points. */
export function heightForLines(lines: number, size: number): number {
  return lines * size * LINE_HEIGHT_EM + ROW_PADDING_POINTS;
}

/** Height in points a text needs in a column of `width` units. */
export function textHeight(text: string, width: number, size: number): number {
  return heightForLines(wrappedLineCount(text, width, size), size);
}
