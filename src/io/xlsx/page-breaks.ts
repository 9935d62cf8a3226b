/**
 * Manual page breaks for the printed progress table, so that Excel and LibreOffice do not cut an
 * initiative (its merged cells over its KPI rows) in two where it fits on one page, as the PDF does.
 *
 * The sheet prints fitted to one page wide: the scale follows from the column widths, the page
 * height at that scale from the row heights the exporter set. The estimate keeps a margin so that
 * a page is never fuller than planned (an automatic break would then cut an initiative again).
 */

/** A3 landscape in points. */
const PAGE_WIDTH = 1190.55;
const PAGE_HEIGHT = 841.89;
const POINTS_PER_INCH = 72;
/** Excel: a column `w` units wide is w × 7 + 5 pixels (Calibri 11), 0.75 point a pixel. */
const columnPoints = (width: number) => (width * 7 + 5) * 0.75;
/** Part of the estimated page height a page may fill: room for rounding and font differences. */
const SAFETY = 0.93;

export interface PrintSetup {
  /** Column widths in Excel units. */
  columnWidths: number[];
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number };
  /** Height in points of the rows repeated at the top of every page. */
  repeatedHeight: number;
  /** Height in points of the rows above the table printed on the first page only (the title). */
  firstPageHeight: number;
}

/** A run of rows that should stay on one page: an initiative, or the summary under the table. */
export interface RowBlock {
  first: number;
  last: number;
}

/** Body height a page holds, in points at 100 %: the usable height over the fit-to-width scale. */
export function pageBodyHeight(setup: PrintSetup): number {
  const usableWidth = PAGE_WIDTH - (setup.margins.left + setup.margins.right) * POINTS_PER_INCH;
  const usableHeight = PAGE_HEIGHT - (setup.margins.top + setup.margins.bottom) * POINTS_PER_INCH;
  const contentWidth = setup.columnWidths.reduce((sum, w) => sum + columnPoints(w), 0);
  // Excel rounds the fitted scale down to a whole percent.
  const scale = Math.min(1, Math.floor((100 * usableWidth) / contentWidth) / 100);
  return (usableHeight * SAFETY) / scale - setup.repeatedHeight;
}

/**
 * The rows after which a page break goes: before a block that does not fit on the rest of a page
 * it shares with other blocks. A block taller than a page is left to the automatic breaks.
 */
export function pageBreakRows(
  blocks: RowBlock[],
  rowHeight: (row: number) => number,
  setup: PrintSetup,
): number[] {
  const room = pageBodyHeight(setup);
  const breaks: number[] = [];
  let used = setup.firstPageHeight;
  let onPage = 0;
  for (const block of blocks) {
    let height = 0;
    for (let r = block.first; r <= block.last; r++) height += rowHeight(r);
    if (onPage > 0 && used + height > room && height <= room) {
      breaks.push(block.first - 1);
      used = 0;
      onPage = 0;
    }
    used += height;
    onPage++;
    while (used > room) used -= room;
  }
  return breaks;
}
