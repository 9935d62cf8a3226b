import { parseKpiValue } from "../../domain/kpi-parse.ts";
import { toHalfWidth } from "../../domain/text-width.ts";

/**
 * The 数値目標等 (E) block of a row. The source writes it in two forms:
 * - inline (page 1): one cell per KPI, `名称 当初 目標 現状値` separated by spaces;
 * - columnar (pages 2–4): four cells 項目 | 当初 | 目標 | 現状値, one KPI per row.
 * The form is told from the cells' contents, never from their positions.
 */
export interface RawKpi {
  /** The 項目 text verbatim. */
  label: string;
  baseline: string;
  target: string;
  current: string;
  /** The cell could not be split into name and three values; everything went into `label`. */
  unsplit?: boolean;
}

export type KpiForm = "inline" | "columnar";

/** Spaces and line breaks: a cell saved from Excel puts its name and values on lines of their own. */
function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x3000 ||
    code === 0xa0 ||
    (code >= 0x09 && code <= 0x0d) ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029
  );
}

/** Tokens that belong to the value before them: a bound written apart ("30% 以上"). */
const JOINS_PREVIOUS = new Set(["以上", "以下"]);
/** 約 written apart from its number ("約 50%"). */
const APPROXIMATE = "約";

/**
 * "産・学・官連携協定(※)件数 52件 62件 66件" → label and three values, split from the right. A token that
 * starts with "(" belongs to the token before it: "93.2% (90.6%H26.3末)", "2,938人 (H26.6~29.2)"; so
 * do 以上 and 以下 ("30% 以上"), and 約 belongs to the token after it ("約 50%"), as the value parser
 * reads them.
 */
export function splitInlineKpi(cell: string): RawKpi | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  const n = cell.length;
  let joinNext = false;
  while (i < n) {
    while (i < n && isSpace(cell.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(cell.charCodeAt(i))) i++;
    const first = cell.charCodeAt(start);
    const opensNote = first === 0x28 /* ( */ || first === 0xff08; /* （ */
    const word = i - start <= 2 ? cell.slice(start, i) : "";
    if (ends.length > 0 && (joinNext || opensNote || JOINS_PREVIOUS.has(word))) ends[ends.length - 1] = i;
    else {
      starts.push(start);
      ends.push(i);
    }
    joinNext = word === APPROXIMATE;
  }
  const count = starts.length;
  if (count < 4) return undefined;
  const token = (k: number) => cell.slice(starts[k], ends[k]);
  return {
    label: cell.slice(0, ends[count - 4]).trim(),
    baseline: token(count - 3),
    target: token(count - 2),
    current: token(count - 1),
  };
}

/**
 * Whether a cell reads as a KPI value. Long cells are free text (opinions, activities) and are not
 * even parsed; short ones must parse, with a plausible unit (the value parser is lenient: it would
 * read "4Rの推進について" as 4 with the unit "Rの推進について").
 */
export function isValueLike(cell: string): boolean {
  if (cell === "" || cell.length > 40) return false;
  const value = parseKpiValue(cell);
  if (value.kind === "text" || value.kind === "none") return value.kind === "none";
  return value.unit === undefined || value.unit.length <= 5;
}

function inlineScore(kpi: RawKpi): number {
  return (
    (isValueLike(kpi.baseline) ? 1 : 0) +
    (isValueLike(kpi.target) ? 1 : 0) +
    (isValueLike(kpi.current) ? 1 : 0)
  );
}

/** A grade cell: one letter, half- or full-width. */
export function isGradeCell(cell: string): boolean {
  if (cell.length !== 1) return false;
  const c = toHalfWidth(cell).charCodeAt(0);
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Which form the KPI block starting at `start` is written in. */
export function detectForm(cells: readonly string[], start: number): KpiForm {
  const first = cells[start] ?? "";
  const inline = first === "" ? undefined : splitInlineKpi(first);
  if (!inline) return "columnar";
  let columnar = 0;
  for (let k = start + 1; k <= start + 3; k++) {
    const c = cells[k] ?? "";
    if (c !== "" && isValueLike(c)) columnar++;
  }
  return inlineScore(inline) >= columnar ? "inline" : "columnar";
}

export interface KpiBlock {
  form: KpiForm;
  kpis: RawKpi[];
  /** Index of the first cell after the block. */
  end: number;
}

/**
 * Reads the block by its form: inline cells as long as they split into a name and mostly readable
 * values (so that a following free-text cell is never taken for a KPI), or the four columnar cells.
 */
export function readKpiBlock(cells: readonly string[], start: number): KpiBlock {
  const form = detectForm(cells, start);
  if (form === "columnar") {
    const kpi = columnarKpi(cells, start, start + 4);
    return { form, kpis: kpi ? [kpi] : [], end: start + 4 };
  }
  const kpis: RawKpi[] = [];
  let i = start;
  while (i < cells.length) {
    const cell = cells[i] as string;
    if (cell === "" || isGradeCell(cell)) break;
    const kpi = splitInlineKpi(cell);
    if (!kpi || (i > start && inlineScore(kpi) < 2)) break;
    kpis.push(kpi);
    i++;
  }
  return { form, kpis, end: i };
}

/** Label and values from cells [start, end) (at most four); undefined when all are empty. */
function columnarKpi(cells: readonly string[], start: number, end: number): RawKpi | undefined {
  const at = (k: number) => (k < end ? (cells[k] ?? "") : "");
  const kpi = { label: at(start), baseline: at(start + 1), target: at(start + 2), current: at(start + 3) };
  if (kpi.label === "" && kpi.baseline === "" && kpi.target === "" && kpi.current === "") return undefined;
  return kpi;
}

/**
 * Reads cells [start, end) known to hold the whole KPI block (the grade was found at `end`), when
 * the block did not read cleanly by its form: inline cells one by one (an unsplittable one is kept
 * whole as a label), columnar cells in groups of four.
 */
export function readKpiRange(cells: readonly string[], start: number, end: number, form: KpiForm): RawKpi[] {
  const kpis: RawKpi[] = [];
  if (form === "inline") {
    for (let i = start; i < end; i++) {
      const cell = cells[i] as string;
      if (cell === "") continue;
      kpis.push(
        splitInlineKpi(cell) ?? { label: cell, baseline: "", target: "", current: "", unsplit: true },
      );
    }
    return kpis;
  }
  for (let i = start; i < end; i += 4) {
    const kpi = columnarKpi(cells, i, end);
    if (kpi) kpis.push(kpi);
  }
  return kpis;
}
