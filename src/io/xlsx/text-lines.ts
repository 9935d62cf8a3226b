import type { FontName } from "../export/pdf/fonts.ts";
import type { TextMeasurer } from "../export/pdf/measure.ts";
import type { PhraseKind } from "../phrases.ts";

/**
 * How tall a wrapped text cell must be. Excel and LibreOffice do not grow a row for a wrapped text
 * in a MERGED cell, and every initiative cell of the progress table is merged over its KPI sub-rows,
 * so the exporter sets row heights itself. The lines are counted by the PDF's own line breaker with
 * BIZ UDPGothic's real widths (the font the workbook names), so a row is as tall as its text and no
 * taller; a small margin per cell covers the spreadsheet's own rounding.
 */

/** Excel measures column widths in widths of the digit "0" of the default font (Calibri 11: 7 px). */
const PIXELS_PER_WIDTH_UNIT = 7;
/** Excel adds 5 px of padding to a column's width in units, and keeps about 3 px each side free of text. */
const COLUMN_PADDING_PX = 5;
const CELL_MARGIN_PX = 3;
const POINTS_PER_PIXEL = 0.75;
/**
 * Line pitch of BIZ UDPGothic in a cell: the font is exactly 1 em from ascender to descender, and
 * Excel sets wrapped lines of such fonts (MS Gothic, BIZ UDGothic) about 1.2 em apart.
 */
const LINE_HEIGHT_EM = 1.2;
/** Top and bottom padding of a row, in points. */
const ROW_PADDING_POINTS = 3;
/** Excel's maximum row height. */
export const MAX_ROW_HEIGHT = 409;

/** Room for text in a column `width` units wide, in points. */
export function columnTextPoints(width: number): number {
  return (width * PIXELS_PER_WIDTH_UNIT + COLUMN_PADDING_PX - 2 * CELL_MARGIN_PX) * POINTS_PER_PIXEL;
}

/** Row height in points for `lines` lines of a font of `size` points. */
export function heightForLines(lines: number, size: number): number {
  return lines * size * LINE_HEIGHT_EM + ROW_PADDING_POINTS;
}

export interface MeasuredCell {
  text: string;
  /** Column width in Excel units. */
  width: number;
  size: number;
  font: FontName;
  breaks?: PhraseKind;
}

/** Lines a text wraps into in its column (at least 1), as the PDF would break it. */
export function wrappedLineCount(measurer: TextMeasurer, cell: MeasuredCell): number {
  const lines = measurer.breakText(
    cell.text,
    cell.font,
    cell.size,
    columnTextPoints(cell.width),
    cell.breaks,
  );
  return Math.max(1, lines.length);
}

/** Height in points a text needs in its column. */
export function textHeight(measurer: TextMeasurer, cell: MeasuredCell): number {
  return heightForLines(wrappedLineCount(measurer, cell), cell.size);
}
