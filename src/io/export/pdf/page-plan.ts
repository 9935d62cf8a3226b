import type { BrokenLine } from "./line-break.ts";

/**
 * The page plan of the PDF progress table: which initiative goes on which page, at which height, and
 * where a too-tall initiative is cut. Pure geometry over already-broken lines, so it can be tested
 * without a PDF and every text is measured only once.
 *
 * Rules (the way the city prints the table):
 * - an initiative spans one sub-row per KPI; its other cells span all of them;
 * - an initiative that fits on a page is never split: it moves to the next page;
 * - one taller than a page is split, and its cells go on under "（続き）";
 * - the 基本方針 (policy) cell spans the policy's initiatives on a page and is repeated at the top of
 *   the next page when the policy continues there; it is never shorter than its own text.
 */

export interface StyledLine extends BrokenLine {
  /** Key of the text style (font, size) the renderer draws the line with. */
  style: string;
}

/** What a cell does in the continuation of a split initiative. */
export type ContinuationMode =
  /** Goes on with its remaining lines under a "（続き）" line; empty once all lines are printed. */
  | "continue"
  /** Printed again in full (No., grade), so the continued row says whose it is. */
  | "repeat"
  /** Printed again in full followed by "（続き）" (the title). */
  | "repeatMarked";

export interface MeasuredInitiative {
  /** Index of the initiative's policy in the `policies` argument. */
  policy: number;
  /** Lines of each non-KPI cell, in the order of `PlanMetrics.continuation`. */
  cells: StyledLine[][];
  /** One entry per KPI sub-row (at least one), each with the lines of its KPI cells. */
  kpiRows: StyledLine[][][];
}

export interface PlanMetrics {
  /** Height of the table body on every page (below the header rows, above the footer). */
  bodyHeight: number;
  /** Vertical padding inside a cell, top and bottom each. */
  paddingY: number;
  lineHeight: (line: StyledLine) => number;
  /** Content height of an empty cell. */
  minContentHeight: number;
  /** The "（続き）" line. */
  continued: StyledLine;
  /** Per non-KPI cell, in order. */
  continuation: ContinuationMode[];
  /** A split initiative starts on a new page if less room than this is left. */
  minSplitStart: number;
  /** The 本部会評価 summary below the table. */
  summaryHeight: number;
  summaryGap: number;
}

export interface PlacedKpiRow {
  /** Which KPI sub-row of the initiative (a sub-row cut by a page goes on with the same index). */
  index: number;
  /** Offset from the top of the initiative row. */
  y: number;
  height: number;
  cells: StyledLine[][];
}

export interface PlacedRow {
  initiative: number;
  /** Offset from the top of the table body. */
  y: number;
  height: number;
  cells: StyledLine[][];
  /** Per cell: printed again in full in a continued part (No., grade, title), not its own text going on. */
  repeated: boolean[];
  kpiRows: PlacedKpiRow[];
  /** 0 for the first (or only) part of the initiative. */
  part: number;
  lastPart: boolean;
}

export interface PlacedPolicy {
  policy: number;
  y: number;
  height: number;
  lines: StyledLine[];
}

export interface PlannedPage {
  policies: PlacedPolicy[];
  rows: PlacedRow[];
  /** Top of the 本部会評価 summary, on the last page. */
  summaryY?: number;
}

const EPS = 1e-6;

interface Cursor {
  cells: number[];
  kpiRow: number;
  kpiLines: number[];
}

export function planPages(
  policies: StyledLine[][],
  initiatives: MeasuredInitiative[],
  m: PlanMetrics,
): PlannedPage[] {
  const height = (lines: StyledLine[]) => lines.reduce((h, line) => h + m.lineHeight(line), 0);
  const boxHeight = (lines: StyledLine[]) => Math.max(height(lines), m.minContentHeight) + 2 * m.paddingY;
  const policyLines = policies.map((lines) => takeFitting(lines, 0, m.bodyHeight - 2 * m.paddingY, m).lines);
  const policyMin = policyLines.map((lines) => boxHeight(lines));

  const pages: PlannedPage[] = [];
  let page: PlannedPage = { policies: [], rows: [] };
  let y = 0;
  let segment:
    | { policy: number; y: number; rowsHeight: number; placed: PlacedPolicy; last?: PlacedRow }
    | undefined;

  const closeSegment = () => {
    if (!segment) return;
    const need = policyMin[segment.policy] ?? 0;
    if (segment.rowsHeight < need && segment.last) segment.last.height += need - segment.rowsHeight;
    segment.placed.height = Math.max(segment.rowsHeight, need);
    y = segment.y + segment.placed.height;
    segment = undefined;
  };
  const newPage = () => {
    closeSegment();
    page = { policies: [], rows: [] };
    pages.push(page);
    y = 0;
  };
  const roomFor = (policy: number, h: number): boolean => {
    const need = policyMin[policy] ?? 0;
    if (segment?.policy === policy)
      return segment.y + Math.max(segment.rowsHeight + h, need) <= m.bodyHeight + EPS;
    return y + Math.max(h, need) <= m.bodyHeight + EPS;
  };
  const place = (policy: number, row: PlacedRow) => {
    if (segment?.policy !== policy) {
      closeSegment();
      const placed: PlacedPolicy = { policy, y, height: 0, lines: policyLines[policy] ?? [] };
      page.policies.push(placed);
      segment = { policy, y, rowsHeight: 0, placed };
    }
    row.y = y;
    page.rows.push(row);
    y += row.height;
    segment.rowsHeight += row.height;
    segment.last = row;
  };

  pages.push(page);
  initiatives.forEach((initiative, index) => {
    const natural = naturalHeight(initiative, m);
    if (!roomFor(initiative.policy, natural)) {
      const fitsOnAPage = Math.max(natural, policyMin[initiative.policy] ?? 0) <= m.bodyHeight + EPS;
      if (fitsOnAPage || m.bodyHeight - y < Math.max(m.minSplitStart, policyMin[initiative.policy] ?? 0))
        newPage();
    }
    const cursor: Cursor = { cells: initiative.cells.map(() => 0), kpiRow: 0, kpiLines: [] };
    for (let part = 0; ; part++) {
      const before = JSON.stringify(cursor);
      const row = takeFragment(initiative, index, cursor, m.bodyHeight - y, part, m);
      // Only a line taller than a whole page could stall the loop; the styles make that impossible.
      if (!row.lastPart && y === 0 && JSON.stringify(cursor) === before)
        throw new Error("page plan: no progress");
      place(initiative.policy, row);
      if (row.lastPart) break;
      newPage();
    }
  });
  closeSegment();
  if (y > 0 && y + m.summaryGap + m.summaryHeight > m.bodyHeight + EPS) newPage();
  page.summaryY = y > 0 ? y + m.summaryGap : 0;
  for (const p of pages) for (const row of p.rows) spreadKpiRows(row);
  return pages;
}

function naturalHeight(initiative: MeasuredInitiative, m: PlanMetrics): number {
  const box = (lines: StyledLine[]) =>
    Math.max(
      lines.reduce((h, line) => h + m.lineHeight(line), 0),
      m.minContentHeight,
    ) +
    2 * m.paddingY;
  const cells = Math.max(0, ...initiative.cells.map(box));
  const kpis = initiative.kpiRows.reduce((h, row) => h + Math.max(0, ...row.map(box)), 0);
  return Math.max(cells, kpis);
}

/** Lines from `start` that fit in `room`; at least one line is never forced. */
function takeFitting(
  lines: StyledLine[],
  start: number,
  room: number,
  m: PlanMetrics,
): { lines: StyledLine[]; next: number; height: number } {
  let h = 0;
  let next = start;
  while (next < lines.length) {
    const line = lines[next] as StyledLine;
    const lh = m.lineHeight(line);
    if (h + lh > room + EPS) break;
    h += lh;
    next++;
  }
  return { lines: lines.slice(start, next), next, height: h };
}

/**
 * The part of an initiative that fits in `room` (the rest of the page), advancing `cursor`. When all
 * of it fits, the row is as tall as its content; otherwise it fills the room.
 */
function takeFragment(
  initiative: MeasuredInitiative,
  index: number,
  cursor: Cursor,
  room: number,
  part: number,
  m: PlanMetrics,
): PlacedRow {
  const content = room - 2 * m.paddingY;
  const markerHeight = m.lineHeight(m.continued);
  let need = m.minContentHeight;
  let done = true;
  const repeated = initiative.cells.map(() => false);
  const cells = initiative.cells.map((lines, c) => {
    const pos = cursor.cells[c] ?? 0;
    const mode = m.continuation[c] ?? "continue";
    if (part > 0 && pos >= lines.length) {
      if (mode === "continue" || lines.length === 0) return [];
      const again = mode === "repeatMarked" ? [...lines, m.continued] : lines;
      const h = again.reduce((sum, line) => sum + m.lineHeight(line), 0);
      if (h > content + EPS) return [];
      need = Math.max(need, h);
      repeated[c] = true;
      return again;
    }
    const continued = part > 0 && pos > 0;
    const taken = takeFitting(lines, pos, content - (continued ? markerHeight : 0), m);
    cursor.cells[c] = taken.next;
    if (taken.next < lines.length) done = false;
    if (taken.lines.length === 0) return [];
    need = Math.max(need, taken.height + (continued ? markerHeight : 0));
    return continued ? [m.continued, ...taken.lines] : taken.lines;
  });

  const kpiRows: PlacedKpiRow[] = [];
  let ky = 0;
  while (cursor.kpiRow < initiative.kpiRows.length) {
    const row = initiative.kpiRows[cursor.kpiRow] as StyledLine[][];
    const positions = row.map((_, k) => cursor.kpiLines[k] ?? 0);
    const started = positions.some((p) => p > 0);
    const rest = row.map((lines, k) => {
      const pos = positions[k] ?? 0;
      const remaining = lines.slice(pos);
      return pos > 0 && remaining.length > 0 ? [m.continued, ...remaining] : remaining;
    });
    const restHeight =
      Math.max(
        m.minContentHeight,
        ...rest.map((lines) => lines.reduce((h, line) => h + m.lineHeight(line), 0)),
      ) +
      2 * m.paddingY;
    if (ky + restHeight <= room + EPS) {
      kpiRows.push({ index: cursor.kpiRow, y: ky, height: restHeight, cells: rest });
      ky += restHeight;
      cursor.kpiRow++;
      cursor.kpiLines = [];
      continue;
    }
    // A KPI sub-row that fits on a page is not split either: it waits for the next part.
    if (!started && restHeight <= m.bodyHeight + EPS) break;
    const subContent = room - ky - 2 * m.paddingY;
    let progressed = false;
    const partCells = row.map((lines, k) => {
      const pos = positions[k] ?? 0;
      const continued = pos > 0 && pos < lines.length;
      const taken = takeFitting(lines, pos, subContent - (continued ? markerHeight : 0), m);
      if (taken.next > pos) progressed = true;
      cursor.kpiLines[k] = taken.next;
      if (taken.lines.length === 0) return [];
      return continued ? [m.continued, ...taken.lines] : taken.lines;
    });
    if (progressed) {
      kpiRows.push({ index: cursor.kpiRow, y: ky, height: room - ky, cells: partCells });
      ky = room;
    }
    break;
  }
  if (cursor.kpiRow < initiative.kpiRows.length) done = false;

  const height = done ? Math.max(need + 2 * m.paddingY, ky) : room;
  return { initiative: index, y: 0, height, cells, repeated, kpiRows, part, lastPart: done };
}

/** Spreads the room the KPI sub-rows do not need evenly over them, so they fill their initiative. */
function spreadKpiRows(row: PlacedRow): void {
  const used = row.kpiRows.reduce((h, r) => h + r.height, 0);
  const extra = row.height - used;
  if (row.kpiRows.length === 0 || extra <= EPS) return;
  const each = extra / row.kpiRows.length;
  let y = 0;
  for (const kpiRow of row.kpiRows) {
    kpiRow.y = y;
    kpiRow.height += each;
    y += kpiRow.height;
  }
}
