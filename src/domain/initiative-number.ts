import { toHalfWidth } from "./text-width.ts";

/**
 * Initiative numbers (取組項目の No.). Two things share the name, and are kept apart:
 *
 * - `number`, a whole number from 1, is the initiative's key: its address
 *   (/…/initiatives/:number), the first part of its KPIs' keys ("6-2") and what 再掲 links name.
 * - the number as the city writes it (`numberText`: "1-2", "(1)-①", "No.R1-1"), which every page,
 *   table and export shows. A city that numbers 1, 2, 3… writes the key itself and `numberText` is
 *   absent. Ordering by the written number is `compareInitiativeNumbers` (docs/plan-document.md).
 */

const NUMBER = /^(?:No\.?\s*)?(\d{1,6})\.?$/i;

/** "1", "１", "No.1", " 1. " → 1; undefined for anything else, 0 and "1-2" included. */
export function parseInitiativeNumber(text: string): number | undefined {
  // Short-circuit long cells: a number is never more than a dozen characters.
  if (text.length > 40) return undefined;
  const m = NUMBER.exec(toHalfWidth(text).trim());
  const number = m ? Number(m[1]) : 0;
  return number >= 1 ? number : undefined;
}

/** The longest written number read from a table cell or stored (far above any city's "No.R10-12"). */
export const INITIATIVE_NUMBER_TEXT_MAX = 20;

/** Hyphen look-alikes typed between the parts of a number: ‐ ‑ ‒ – — ― − ー － and the ASCII one. */
const DASHES = /[\u2010-\u2015\u2212\u30fc\uff0d-]/g;
/** ① … ⑳ */
const CIRCLED = "[\u2460-\u2473]";
/** One part of a composite number: 1, (1), ①, R1 (a letter or two, then digits). */
const PART = `(?:\\d{1,3}|\\(\\d{1,3}\\)|${CIRCLED}|[A-Za-z]{1,2}\\d{1,4})`;
/** Two or more parts joined by hyphens, optionally after "No.": "1-2", "(1)-①", "No.R1-1". */
const COMPOSITE = new RegExp(`^(?:No\\.?\\s*)?${PART}(?:\\s*-\\s*${PART})+$`, "i");

/** What a cell says an initiative number is. */
export interface InitiativeNumberReading {
  /** The key, when the city writes a plain whole number ("1", "１", "No.3"). */
  number?: number;
  /** As written: the number itself for a plain one ("3" for "No.3"), else the trimmed cell. */
  text: string;
}

/**
 * Reads a cell as an initiative number: a plain whole number (parseInitiativeNumber) or a composite
 * one ("1-2", "(1)-①", "No.R1-1"); undefined for anything else. A lone "(1)" or "①" is not one:
 * tables use them for policies and KPI lines.
 */
export function readInitiativeNumber(cell: string): InitiativeNumberReading | undefined {
  const whole = parseInitiativeNumber(cell);
  if (whole !== undefined) return { number: whole, text: String(whole) };
  const text = cell.trim();
  if (text.length > INITIATIVE_NUMBER_TEXT_MAX) return undefined;
  return COMPOSITE.test(toHalfWidth(text).replace(DASHES, "-")) ? { text } : undefined;
}

/**
 * The keys of a plan's initiatives from what each number cell read, in the table's order: a plain
 * whole number keeps its own; every other one takes the next after the largest plain one, in order
 * (1, 1-2, 2 → 1, 3, 2). Deterministic, so re-reading a table gives the same addresses.
 */
export function assignInitiativeNumbers(readings: readonly InitiativeNumberReading[]): number[] {
  let next = 0;
  for (const reading of readings) if (reading.number !== undefined) next = Math.max(next, reading.number);
  return readings.map((reading) => reading.number ?? ++next);
}

/** The written number to keep beside a key: absent when it is just the key. */
export function numberTextFor(number: number, text: string): string | undefined {
  return text === String(number) ? undefined : text;
}

/** What pages and exports show as the No.: the number as written, else the key. */
export function initiativeNumberLabel(initiative: { number: number; numberText?: string }): string {
  return initiative.numberText ?? String(initiative.number);
}

/**
 * "No.3", "No.1-2", and "No.R1-1" as written, never "No.No.R1-1": for messages and headings
 * (`space` " " for English: "No. 3").
 */
export function withNumberSign(label: string | number | undefined, space = ""): string {
  const text = String(label);
  return /^no\.?/i.test(toHalfWidth(text)) ? text : `No.${space}${text}`;
}

/** "No.R1-1" → "R1-1", "3" → "3": for templates that print "No." themselves ("No.{number} {title}"). */
export function withoutNumberSign(label: string): string {
  return label.replace(/^\s*(?:no|ｎｏ)\s*[.．]?\s*/i, "");
}

/**
 * The form two written numbers are compared in: full-width and circled digits as digits
 * (NFKC: "①" → "1", "１" → "1", "（" → "("), dashes as "-", no spaces or "No.", case folded.
 * Two numbers with the same form are the same number written twice ("1-2" and "１－２").
 */
export function initiativeNumberKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(DASHES, "-")
    .replace(/\s+/g, "")
    .replace(/^no\.?/i, "")
    .toLowerCase();
}

type Token = number | string;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of initiativeNumberKey(text).matchAll(/\d+|[^\d\W_]+/gu)) {
    const part = m[0];
    out.push(/^\d/.test(part) ? Number(part) : part);
  }
  return out;
}

/**
 * Natural order of written numbers: runs of digits compare as numbers (1 < 2 < 10, 1-2 < 1-10,
 * (1)-① < (1)-② < (2)-①), full-width and circled digits read as digits, and at the first place two
 * numbers differ a digit comes before a letter, so "No.R1-1" (added mid-plan) follows every plain
 * number. A number that is the start of another comes first (1 < 1-2 < 2). Numbers with the same
 * parts but written apart ("(1)-①", "1-1") are ordered by their written form, so the order is total.
 */
export function compareInitiativeNumbers(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as Token;
    const q = y[i] as Token;
    if (p === q) continue;
    if (typeof p === "number" && typeof q === "number") return p - q;
    if (typeof p === "number") return -1;
    if (typeof q === "number") return 1;
    return p < q ? -1 : 1;
  }
  if (x.length !== y.length) return x.length - y.length;
  const ka = initiativeNumberKey(a);
  const kb = initiativeNumberKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}
