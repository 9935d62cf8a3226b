import { drawnText } from "./measure.ts";
import type { StyledLine } from "./page-plan.ts";
import { PAGE, styleOf } from "./styles.ts";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type HorizontalAlign = "left" | "center" | "right";
export type VerticalAlign = "top" | "middle";

export function linesHeight(lines: StyledLine[]): number {
  return lines.reduce((h, line) => h + styleOf(line.style).lineHeight, 0);
}

/** A bordered cell, optionally filled. */
export function drawCellBox(pdf: PDFKit.PDFDocument, box: Box, fill?: string): void {
  pdf.save();
  pdf.lineWidth(PAGE.borderWidth);
  pdf.rect(box.x, box.y, box.width, box.height);
  if (fill) pdf.fillAndStroke(fill, PAGE.border);
  else pdf.stroke(PAGE.border);
  pdf.restore();
}

/** Lines inside a cell box, within its padding; `only` draws some of them, in their places. */
export function drawCellText(
  pdf: PDFKit.PDFDocument,
  lines: StyledLine[],
  box: Box,
  align: HorizontalAlign,
  valign: VerticalAlign,
  only?: (line: StyledLine) => boolean,
): void {
  const inner = {
    x: box.x + PAGE.cellPaddingX,
    y: box.y + PAGE.cellPaddingY,
    width: box.width - 2 * PAGE.cellPaddingX,
    height: box.height - 2 * PAGE.cellPaddingY,
  };
  drawLines(pdf, lines, inner, align, valign, only);
}

/** Each line placed by hand: the lines are already broken, pdfkit must not wrap them again. */
export function drawLines(
  pdf: PDFKit.PDFDocument,
  lines: StyledLine[],
  box: Box,
  align: HorizontalAlign,
  valign: VerticalAlign,
  only?: (line: StyledLine) => boolean,
): void {
  let y = valign === "middle" ? box.y + Math.max(0, (box.height - linesHeight(lines)) / 2) : box.y;
  for (const line of lines) {
    const style = styleOf(line.style);
    if (line.text !== "" && (!only || only(line))) {
      const x =
        align === "left"
          ? box.x
          : align === "right"
            ? box.x + box.width - line.width
            : box.x + (box.width - line.width) / 2;
      // The font's ascent and descent add up to one em: centre that em in the line's height.
      const top = y + (style.lineHeight - style.size) / 2;
      const drawn = drawnText(line.text);
      // What is drawn differs from the text: the text goes with it, for copying and screen readers.
      if (drawn !== line.text) pdf.markContent("Span", { actual: line.text });
      pdf
        .font(style.font)
        .fontSize(style.size)
        .fillColor(style.color)
        .text(drawn, x, top, { lineBreak: false });
      if (drawn !== line.text) pdf.endMarkedContent();
    }
    y += style.lineHeight;
  }
}
