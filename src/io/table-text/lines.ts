import { toHalfWidth } from "../../domain/text-width.ts";

/**
 * Line-level reading of the progress-table text: split into lines and cells, and tell the repeated
 * page furniture (note, 【項目進捗】, legend, header rows) apart from data rows. Classification looks at
 * the text only, never at positions, because every printed page of the source is laid out a little
 * differently.
 */
export type LineKind =
  | "blank"
  /** 行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在） */
  | "title"
  /** A・B・C及びE(項目・当初・目標)はアクションプランからの転記項目 */
  | "note"
  /** 【項目進捗】 / アクションプラン計画期間中の取組項目進捗状況 */
  | "section"
  /** A 順調 B ほぼ順調 C やや遅れ D 停滞 */
  | "legend"
  /** 基本方針 No. 取組項目 (A) … */
  | "header"
  /** 項目 当初 (H27末) 目標 (R3末) 現状値 (R1末) */
  | "subheader"
  /** 本部会評価 8 10 5 1 */
  | "footer"
  /** Anything with two or more cells that is none of the above: an initiative, a KPI continuation… */
  | "row"
  /** A single cell of unrecognized text. */
  | "text";

export interface Line {
  /** 1-based line number in the decoded text. */
  number: number;
  /** Cells with leading/trailing white space removed, as written otherwise. */
  cells: string[];
  kind: LineKind;
}

/** Splits on CRLF, CR or LF; a final line break does not make an extra empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

export function splitCells(line: string): string[] {
  const cells = line.split("\t");
  for (let i = 0; i < cells.length; i++) cells[i] = (cells[i] as string).trim();
  return cells;
}

/** Full-width forms folded and every kind of white space removed: the text used for recognizing. */
export function compact(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, "");
}

const HEADER_NAMES = [
  "基本方針",
  "No.",
  "NO.",
  "No",
  "番号",
  "取組項目",
  "関係課",
  "取組の方針と内容",
  "数値目標等",
  "進捗状況",
  "本部会意見",
];

/** Header cells end with their column letter "(A)"…"(H)", or are one of the known names. */
function isHeaderCell(c: string): boolean {
  if (/\([A-H]\)$/.test(c)) return true;
  return HEADER_NAMES.includes(c);
}

function classifySingle(text: string): LineKind {
  // Only short lines are furniture; a long single cell is data (or noise) and is reported as such.
  if (text.length > 200) return "text";
  const c = compact(text);
  if (c.startsWith("本部会評価")) return "footer";
  if (c.includes("転記項目")) return "note";
  if (c.startsWith("【") || c.includes("取組項目進捗状況")) return "section";
  if (c.includes("順調") && c.includes("停滞")) return "legend";
  if (c.includes("集計表") || (c.includes("年度") && c.includes("現在"))) return "title";
  return "text";
}

export function classifyCells(cells: readonly string[]): LineKind {
  let first = -1;
  let nonEmpty = 0;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i] !== "") {
      if (first === -1) first = i;
      nonEmpty++;
    }
  }
  if (nonEmpty === 0) return "blank";
  const firstCell = cells[first] as string;
  if (nonEmpty === 1) {
    const kind = classifySingle(firstCell);
    return kind;
  }
  // Multi-cell lines: only the first cell is examined unless it looks like a header, so that data rows
  // (most of the input) cost one short comparison.
  const head = compact(firstCell.length > 40 ? firstCell.slice(0, 40) : firstCell);
  if (head.startsWith("本部会評価")) return "footer";
  if (isHeaderCell(head)) {
    let headerCells = 0;
    for (const cell of cells) if (cell !== "" && isHeaderCell(compact(cell))) headerCells++;
    if (headerCells >= 3) return "header";
  }
  if (head === "項目") {
    let seen = 0;
    for (const cell of cells) {
      const c = compact(cell);
      if (c.startsWith("当初") || c.startsWith("目標") || c.startsWith("現状値")) seen++;
    }
    if (seen >= 2) return "subheader";
  }
  return "row";
}

/** How far a quoted cell may run over line breaks before its opening quote is taken literally. */
const MAX_QUOTED_LINES = 200;

/**
 * A record that starts with a quoted cell, the way Excel saves a cell holding line breaks, tabs or
 * quotes: `"line 1\nline 2"`, with `""` for a quote. Undefined when the quotes do not form such
 * cells (an unclosed quote, text after the closing quote): the line is then read literally.
 */
function readQuotedRecord(
  lines: readonly string[],
  start: number,
): { cells: string[]; lines: number } | undefined {
  const cells: string[] = [];
  let li = start;
  let line = lines[li] as string;
  let pos = 0;
  for (;;) {
    if (line.charCodeAt(pos) === 0x22 /* " */) {
      let value = "";
      pos++;
      for (;;) {
        const quote = line.indexOf('"', pos);
        if (quote === -1) {
          li++;
          if (li >= lines.length || li - start >= MAX_QUOTED_LINES) return undefined;
          value += `${line.slice(pos)}\n`;
          line = lines[li] as string;
          pos = 0;
          continue;
        }
        value += line.slice(pos, quote);
        if (line.charCodeAt(quote + 1) === 0x22) {
          value += '"';
          pos = quote + 2;
          continue;
        }
        pos = quote + 1;
        break;
      }
      if (pos < line.length && line.charCodeAt(pos) !== 0x09) return undefined;
      cells.push(value.trim());
    } else {
      const tab = line.indexOf("\t", pos);
      const end = tab === -1 ? line.length : tab;
      cells.push(line.slice(pos, end).trim());
      pos = end;
    }
    if (pos >= line.length) break;
    pos++; // the tab
  }
  return { cells, lines: li - start + 1 };
}

/**
 * Calls `sink` with the cells and the 1-based first line of every record. A record is a line, or
 * several when a quoted cell spans line breaks.
 */
export function forEachRecord(text: string, sink: (cells: string[], line: number) => void): void {
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const quoted = raw.includes('"') && hasQuotedCell(raw) ? readQuotedRecord(lines, i) : undefined;
    if (quoted) {
      sink(quoted.cells, i + 1);
      i += quoted.lines - 1;
    } else {
      sink(splitCells(raw), i + 1);
    }
  }
}

/** Whether some cell of the line starts with a double quote. */
function hasQuotedCell(raw: string): boolean {
  if (raw.charCodeAt(0) === 0x22) return true;
  return raw.includes('\t"');
}

export function readLines(text: string): Line[] {
  const lines: Line[] = [];
  forEachRecord(text, (cells, number) => {
    lines.push({ number, cells, kind: classifyCells(cells) });
  });
  return lines;
}
