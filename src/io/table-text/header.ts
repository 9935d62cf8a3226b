import { parseFiscalYear, parseFiscalYearEnd } from "../../domain/era.ts";
import { compact } from "./lines.ts";

/** The column letters of the progress table: (A) 取組項目 … (H) 翌年度目標. */
export const FIELD_LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H"] as const;
export type FieldLetter = (typeof FIELD_LETTERS)[number];

/** Names used when the header does not give one (messages name the missing fields with these). */
export const DEFAULT_FIELD_LABELS: Record<FieldLetter, { ja: string; en: string }> = {
  A: { ja: "取組項目 (A)", en: "title (A)" },
  B: { ja: "関係課 (B)", en: "departments (B)" },
  C: { ja: "取組の方針と内容 (C)", en: "description (C)" },
  D: { ja: "取組内容 (D)", en: "activities (D)" },
  E: { ja: "数値目標等 (E)", en: "KPIs (E)" },
  F: { ja: "進捗状況 (F)", en: "grade (F)" },
  G: { ja: "本部会意見 (G)", en: "committee opinion (G)" },
  H: { ja: "翌年度目標 (H)", en: "next year's goal (H)" },
};

/** First header row: 基本方針 No. 取組項目 (A) 関係課 (B) … R2年度目標 (H). */
export interface HeaderInfo {
  line: number;
  /** The header text, cells joined by " | ", to compare repeated headers. */
  signature: string;
  /** Field letters in the order the columns follow the No. column. */
  order: FieldLetter[];
  /** Header text of each field as printed: "R1年度取組内容 (D)". */
  labels: Partial<Record<FieldLetter, string>>;
  /** R1年度取組内容 (D) → 2019 */
  activitiesFiscalYear?: number;
  /** R2年度目標 (H) → 2020 */
  nextGoalFiscalYear?: number;
}

/** Second header row: 項目 当初 (H27末) 目標 (R3末) 現状値 (R1末). */
export interface SubheaderInfo {
  line: number;
  signature: string;
  baseline?: { text: string; fiscalYear?: number };
  target?: { text: string; fiscalYear?: number };
  current?: { text: string; fiscalYear?: number };
}

const NAME_TO_LETTER: [string, FieldLetter][] = [
  ["取組項目", "A"],
  ["関係課", "B"],
  ["方針と内容", "C"],
  ["取組内容", "D"],
  ["数値目標", "E"],
  ["進捗状況", "F"],
  ["本部会意見", "G"],
  ["目標", "H"],
];

function letterOf(c: string): FieldLetter | undefined {
  const m = /\(([A-H])\)$/.exec(c);
  if (m) return m[1] as FieldLetter;
  for (const [name, letter] of NAME_TO_LETTER) if (c.includes(name)) return letter;
  return undefined;
}

/** "R1年度取組内容" → 2019: the fiscal year written before 年度. */
function leadingFiscalYear(c: string): number | undefined {
  const at = c.indexOf("年度");
  return at > 0 ? parseFiscalYear(c.slice(0, at + 2)) : undefined;
}

function signature(cells: readonly string[]): string {
  return cells.filter((c) => c !== "").join(" | ");
}

export function parseHeader(cells: readonly string[], line: number): HeaderInfo {
  const info: HeaderInfo = { line, signature: signature(cells), order: [], labels: {} };
  let afterNumber = false;
  for (const cell of cells) {
    if (cell === "") continue;
    const c = compact(cell);
    if (!afterNumber) {
      if (/^(No\.?|NO\.?|番号)$/.test(c)) afterNumber = true;
      continue;
    }
    const letter = letterOf(c);
    if (!letter || info.order.includes(letter)) continue;
    info.order.push(letter);
    info.labels[letter] = cell;
    if (letter === "D") info.activitiesFiscalYear = leadingFiscalYear(c);
    if (letter === "H") info.nextGoalFiscalYear = leadingFiscalYear(c);
  }
  // A header without a readable No. column still tells nothing about the order: keep the printed one.
  if (info.order.length === 0) info.order = [...FIELD_LETTERS];
  return info;
}

/** "当初(H27末)" → { text: "当初 (H27末)", fiscalYear: 2015 } */
function yearColumn(cell: string, c: string): { text: string; fiscalYear?: number } {
  const open = c.indexOf("(");
  const close = c.indexOf(")", open + 1);
  const inner = open !== -1 && close !== -1 ? c.slice(open + 1, close) : "";
  const fiscalYear = inner ? parseFiscalYearEnd(inner) : undefined;
  return fiscalYear === undefined ? { text: cell } : { text: cell, fiscalYear };
}

export function parseSubheader(cells: readonly string[], line: number): SubheaderInfo {
  const info: SubheaderInfo = { line, signature: signature(cells) };
  for (const cell of cells) {
    if (cell === "") continue;
    const c = compact(cell);
    if (c.startsWith("当初")) info.baseline ??= yearColumn(cell, c);
    else if (c.startsWith("目標")) info.target ??= yearColumn(cell, c);
    else if (c.startsWith("現状値")) info.current ??= yearColumn(cell, c);
  }
  return info;
}
