import { describe, expect, it } from "vitest";
import { type PrintSetup, pageBodyHeight, pageBreakRows } from "./page-breaks.ts";

const NO_MARGINS = { left: 0, right: 0, top: 0, bottom: 0 };
// A3 landscape is 841.89 pt tall; a page is planned 93 % full.
const PLANNED_HEIGHT = 841.89 * 0.93;

/** One narrow column: printed at 100 %. */
const setup = (repeatedHeight = 0, firstPageHeight = 0): PrintSetup => ({
  columnWidths: [100],
  margins: NO_MARGINS,
  repeatedHeight,
  firstPageHeight,
});

describe("pageBodyHeight", () => {
  it("is the page height at 100 % when the columns fit, less the repeated rows", () => {
    expect(pageBodyHeight(setup(40))).toBeCloseTo(PLANNED_HEIGHT - 40, 6);
  });

  it("grows by the fit-to-width scale, rounded down to a whole percent as Excel does", () => {
    // 431 units = (431 × 7 + 5) × 0.75 = 2,266.5 pt over 1,190.55 pt of page: 52.5 % → 52 %.
    const wide = { ...setup(), columnWidths: [431] };
    expect(pageBodyHeight(wide)).toBeCloseTo(PLANNED_HEIGHT / 0.52, 6);
  });
});

describe("pageBreakRows", () => {
  const rows = (heights: Record<number, number>) => (row: number) => heights[row] ?? 0;

  it("breaks before the first initiative that does not fit on the rest of the page", () => {
    // 782.96 pt a page: two blocks of 300 pt fit, a third does not.
    const blocks = [7, 8, 9, 10, 11].map((r) => ({ first: r, last: r }));
    const height = rows({ 7: 300, 8: 300, 9: 300, 10: 300, 11: 300 });
    expect(pageBreakRows(blocks, height, setup())).toEqual([8, 10]);
  });

  it("counts the rows of a block together, and the title on the first page", () => {
    const blocks = [
      { first: 7, last: 9 },
      { first: 10, last: 11 },
    ];
    // 600 pt, then 200 pt: 800 pt is more than a page.
    expect(pageBreakRows(blocks, rows({ 7: 200, 8: 200, 9: 200, 10: 100, 11: 100 }), setup())).toEqual([9]);
    // A 300 pt title, 200 pt and 300 pt: the second block goes to page 2; without the title it stays.
    const short = [
      { first: 10, last: 11 },
      { first: 12, last: 12 },
    ];
    const height = rows({ 10: 100, 11: 100, 12: 300 });
    expect(pageBreakRows(short, height, setup(0, 300))).toEqual([11]);
    expect(pageBreakRows(short, height, setup(0, 0))).toEqual([]);
  });

  it("leaves a block taller than a page to the automatic breaks, and goes on after it", () => {
    const blocks = [7, 8, 9].map((r) => ({ first: r, last: r }));
    // 100, then 1,500 (a page and 717 pt more), then 100 on the rest of that page.
    expect(pageBreakRows(blocks, rows({ 7: 100, 8: 1500, 9: 100 }), setup())).toEqual([]);
  });

  it("never breaks before the first block of a page", () => {
    expect(pageBreakRows([{ first: 7, last: 7 }], rows({ 7: 700 }), setup(0, 100))).toEqual([]);
  });
});
