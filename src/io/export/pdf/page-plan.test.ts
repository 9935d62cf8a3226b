import { describe, expect, it } from "vitest";
import {
  type MeasuredInitiative,
  type PlanMetrics,
  type PlannedPage,
  planPages,
  type StyledLine,
} from "./page-plan.ts";

// Every line is 10 high and cells have no padding, so heights are line counts × 10.
const CONTINUED: StyledLine = { text: "（続き）", width: 4, style: "marker" };
const metrics: PlanMetrics = {
  bodyHeight: 100,
  paddingY: 0,
  lineHeight: () => 10,
  minContentHeight: 10,
  continued: CONTINUED,
  // cells: No., title, description
  continuation: ["repeat", "repeatMarked", "continue"],
  minSplitStart: 30,
  summaryHeight: 10,
  summaryGap: 5,
};

function lines(count: number, prefix: string): StyledLine[] {
  return Array.from({ length: count }, (_, i) => ({ text: `${prefix}${i + 1}`, width: 1, style: "body" }));
}

/** An initiative with a description of `descriptionLines` lines and one KPI sub-row per entry of `kpiLines`. */
function initiative(
  policy: number,
  n: number,
  descriptionLines: number,
  kpiLines: number[] = [1],
): MeasuredInitiative {
  return {
    policy,
    cells: [lines(1, `No.${n}-`), lines(1, `title${n}-`), lines(descriptionLines, `d${n}-`)],
    kpiRows: kpiLines.map((count, k) => [lines(count, `k${n}.${k + 1}-`)]),
  };
}

const texts = (cell: StyledLine[] | undefined) => (cell ?? []).map((line) => line.text);
const rowsOf = (page: PlannedPage | undefined) =>
  (page?.rows ?? []).map((row) => [row.initiative, row.y, row.height]);

describe("planPages", () => {
  it("moves an initiative that does not fit to the next page instead of splitting it", () => {
    const pages = planPages(
      [lines(1, "P")],
      [initiative(0, 1, 4), initiative(0, 2, 4), initiative(0, 3, 4)],
      metrics,
    );
    expect(pages).toHaveLength(2);
    expect(rowsOf(pages[0])).toEqual([
      [0, 0, 40],
      [1, 40, 40],
    ]);
    expect(rowsOf(pages[1])).toEqual([[2, 0, 40]]);
    expect(pages.flatMap((p) => p.rows).every((row) => row.part === 0 && row.lastPart)).toBe(true);
  });

  it("repeats the policy cell at the top of a page where the policy continues", () => {
    const pages = planPages(
      [lines(1, "P"), lines(1, "Q")],
      [initiative(0, 1, 6), initiative(0, 2, 6), initiative(1, 3, 2)],
      metrics,
    );
    expect(pages[0]?.policies.map((p) => [p.policy, p.y, p.height])).toEqual([[0, 0, 60]]);
    expect(pages[1]?.policies.map((p) => [p.policy, p.y, p.height])).toEqual([
      [0, 0, 60],
      [1, 60, 20],
    ]);
    expect(texts(pages[1]?.policies[0]?.lines)).toEqual(["P1"]);
  });

  it("makes a policy cell at least as tall as its own text", () => {
    const pages = planPages(
      [lines(3, "P"), lines(1, "Q")],
      [initiative(0, 1, 1), initiative(1, 2, 1)],
      metrics,
    );
    expect(rowsOf(pages[0])).toEqual([
      [0, 0, 30],
      [1, 30, 10],
    ]);
    expect(pages[0]?.policies.map((p) => [p.y, p.height])).toEqual([
      [0, 30],
      [30, 10],
    ]);
  });

  it("splits an initiative taller than a page, continuing its cells under （続き）", () => {
    const pages = planPages([lines(1, "P")], [initiative(0, 1, 250, [1, 1])], metrics);
    const parts = pages.flatMap((p) => p.rows);
    // 10 lines on the first page, then （続き） + 9 lines a page: 10 + 26 × 9 = 244, 6 lines left.
    expect(parts).toHaveLength(28);
    expect(pages).toHaveLength(28);
    expect(parts.map((row) => row.part)).toEqual(Array.from({ length: 28 }, (_, i) => i));
    expect(parts.map((row) => row.lastPart)).toEqual(Array.from({ length: 28 }, (_, i) => i === 27));
    expect(texts(parts[0]?.cells[2])).toEqual(texts(lines(10, "d1-")));
    expect(texts(parts[1]?.cells[2])).toEqual(["（続き）", ...texts(lines(19, "d1-").slice(10))]);
    // Every description line is printed exactly once, in order.
    const printed = parts.flatMap((row) => texts(row.cells[2]).filter((t) => t !== "（続き）"));
    expect(printed).toEqual(texts(lines(250, "d1-")));
    // No. is repeated as is, the title with （続き）; both KPI sub-rows go on the first page.
    expect(parts.map((row) => texts(row.cells[0]))).toEqual(parts.map(() => ["No.1-1"]));
    expect(texts(parts[0]?.cells[1])).toEqual(["title1-1"]);
    expect(texts(parts[5]?.cells[1])).toEqual(["title1-1", "（続き）"]);
    expect(parts[0]?.kpiRows).toHaveLength(2);
    expect(parts[1]?.kpiRows).toHaveLength(0);
    // Full pages except the last: （続き） + 6 lines.
    expect(parts.slice(0, 27).every((row) => row.height === 100)).toBe(true);
    expect(parts[27]?.height).toBe(70);
  });

  it("starts a too-tall initiative on the current page only when enough room is left", () => {
    const roomy = planPages([lines(1, "P")], [initiative(0, 1, 6), initiative(0, 2, 150)], metrics);
    expect(rowsOf(roomy[0])).toEqual([
      [0, 0, 60],
      [1, 60, 40],
    ]);
    const cramped = planPages([lines(1, "P")], [initiative(0, 1, 8), initiative(0, 2, 150)], metrics);
    expect(rowsOf(cramped[0])).toEqual([[0, 0, 80]]);
    expect(rowsOf(cramped[1])).toEqual([[1, 0, 100]]);
  });

  it("moves a KPI sub-row that fits on a page to the next part rather than splitting it", () => {
    const pages = planPages([lines(1, "P")], [initiative(0, 1, 15, [4, 4, 4])], metrics);
    const [first, second] = pages.flatMap((p) => p.rows);
    expect(first?.kpiRows.map((r) => texts(r.cells[0]))).toEqual([
      texts(lines(4, "k1.1-")),
      texts(lines(4, "k1.2-")),
    ]);
    expect(second?.kpiRows.map((r) => texts(r.cells[0]))).toEqual([texts(lines(4, "k1.3-"))]);
  });

  it("spreads spare height evenly over the KPI sub-rows", () => {
    const pages = planPages([lines(1, "P")], [initiative(0, 1, 6, [1, 1])], metrics);
    expect(pages[0]?.rows[0]?.kpiRows.map((r) => [r.y, r.height])).toEqual([
      [0, 30],
      [30, 30],
    ]);
  });

  it("puts the grade summary below the table, or on a new page when there is no room", () => {
    const fits = planPages([lines(1, "P")], [initiative(0, 1, 8)], metrics);
    expect(fits).toHaveLength(1);
    expect(fits[0]?.summaryY).toBe(85);
    const full = planPages([lines(1, "P")], [initiative(0, 1, 9)], metrics);
    expect(full).toHaveLength(2);
    expect(full[0]?.summaryY).toBeUndefined();
    expect(full[1]?.summaryY).toBe(0);
    expect(full[1]?.rows).toEqual([]);
  });

  it("plans one page with only the summary for a document without initiatives", () => {
    const pages = planPages([], [], metrics);
    expect(pages).toEqual([{ policies: [], rows: [], summaryY: 0 }]);
  });
});
