import {
  eraInfo,
  fiscalYearEnd,
  parseFiscalYear,
  parseFiscalYearEnd,
  parseJapaneseDate,
  parseMonthPeriod,
  resolveEraLessYear,
} from "./era.ts";
import type { KpiParseContext, KpiValue, SecondaryKpiValue } from "./kpi-value.ts";
import { STAGES } from "./kpi-value.ts";
import { isMoneyUnit, toYen } from "./money.ts";
import { toHalfWidth } from "./text-width.ts";

/**
 * Reads a KPI value as written in a progress table or typed in a form (docs/KPI-NOTATION.md). The
 * text is kept verbatim in `text`; the other fields are its meaning. Optional fields are absent when
 * they do not apply, so results compare with toEqual. Never throws: text that cannot be read becomes
 * kind "text" with a Japanese `diagnostic`.
 */

/** Why a value could not be read (all of them end up in `KpiValue.diagnostic`). */
export const KPI_PARSE_MESSAGES = {
  unreadable:
    "数値目標等の値として読み取れません（例：52件、5.7%、76,006千円、30%以上、現状以下、実施(29年度)、-）",
  thousandsSeparator: "桁区切りのカンマの位置が正しくありません",
  emptyParentheses: "括弧の中が空です",
  eraUnknown: "年度の元号が分かりません",
  impossibleDate: "存在しない年度または日付です",
} as const;

/** Fields of a KpiValue other than `text`, while they are being assembled. */
type Fields = Omit<KpiValue, "text">;
type Result = { fields: Fields } | { error: string };

/** `-` and the dashes that stand in for it in Japanese tables; an empty cell too. */
const NO_VALUE = new Set(["", "-", "―", "—", "–", "‐", "ー"]);

export function parseKpiValue(text: string, ctx?: KpiParseContext): KpiValue {
  // toHalfWidth keeps every index, so slices of `normalized` locate the verbatim text of notes.
  const normalized = toHalfWidth(text);
  const start = normalized.length - normalized.trimStart().length;
  const s = normalized.trim();
  if (NO_VALUE.has(s)) return { text, kind: "none" };

  // One parenthesised part at the end: "72事業(累計215)". (Index arithmetic rather than a regex with
  // lazy groups, which would take quadratic time on long runs of spaces.)
  const open = s.lastIndexOf("(");
  if (open < 0 || !s.endsWith(")") || s.indexOf(")", open) !== s.length - 1) return build(text, parseMain(s));

  const main = parseMain(s.slice(0, open).trimEnd());
  if ("error" in main) return build(text, main);
  const innerStart = start + open + 1;
  const inner = normalized.slice(innerStart, start + s.length - 1);
  const verbatim = text.slice(innerStart, start + s.length - 1);
  const decoration = parseDecoration(inner, verbatim, ctx);
  if ("error" in decoration) return build(text, decoration);
  return build(text, { fields: { ...main.fields, ...decoration.decoration } });
}

function build(text: string, result: Result): KpiValue {
  if ("error" in result) return { text, kind: "text", diagnostic: result.error };
  return { text, ...result.fields };
}

// ---------------------------------------------------------------------------------------------------
// The value before any parenthesised part

const WORDS: ReadonlyMap<string, Fields> = new Map<string, Fields>([
  ["現状以下", { kind: "relative", comparison: "atMost", reference: "baseline" }],
  ["現状以上", { kind: "relative", comparison: "atLeast", reference: "baseline" }],
  ["現状値以下", { kind: "relative", comparison: "atMost", reference: "baseline" }],
  ["現状値以上", { kind: "relative", comparison: "atLeast", reference: "baseline" }],
  ["拡大", { kind: "direction", direction: "increase", stage: "拡大" }],
  ["縮小", { kind: "direction", direction: "decrease" }],
  ["継続実施", { kind: "stage", stage: "実施", continuing: true }],
  ...STAGES.filter((stage) => stage !== "拡大").map((stage): [string, Fields] => [
    stage,
    { kind: "stage", stage },
  ]),
]);

// A negative number: hyphen-minus, the minus sign (U+2212) or △/▲, as Japanese tables write it.
const NUMBER_FIRST = /^(約)?\s*(?:([+\-\u2212△▲])\s*)?(\d[\d,]*(?:\.\d+)?)/;
const BOUND_LAST = /(以上|以下)$/;
const GROUPED_NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
/** Units are words and a few signs (件, 人, %, 千円, g, 回/年, ㎡); never digits, spaces or brackets. */
const UNIT = /^[\p{L}\p{M}%‰°/・㎡㎥㎏㎞㎝㎜℃]+$/u;
const MAX_UNIT_LENGTH = 12;

function parseMain(s: string): Result {
  const word = WORDS.get(s);
  if (word) return { fields: { ...word } };
  const m = NUMBER_FIRST.exec(s);
  if (!m) return { error: KPI_PARSE_MESSAGES.unreadable };
  const [number, approx, sign, digits = ""] = m;
  let unit = s.slice(number.length).trim();
  const bound = BOUND_LAST.exec(unit)?.[1];
  if (bound) unit = unit.slice(0, -bound.length).trimEnd();
  const value = parseNumber(digits, sign);
  if (value === undefined) return { error: KPI_PARSE_MESSAGES.thousandsSeparator };
  if (unit !== "" && !isUnit(unit)) return { error: KPI_PARSE_MESSAGES.unreadable };

  const fields: Fields = { kind: bound ? "bound" : isMoneyUnit(unit) ? "money" : "quantity", value };
  if (unit !== "") fields.unit = unit;
  if (isMoneyUnit(unit)) fields.yen = toYen(value, unit);
  if (approx) fields.approximate = true;
  if (unit.endsWith("/年")) fields.perYear = true;
  if (bound) fields.comparison = bound === "以上" ? "atLeast" : "atMost";
  return { fields };
}

function isUnit(unit: string): boolean {
  return unit.length <= MAX_UNIT_LENGTH && UNIT.test(unit) && !/以上|以下|約/.test(unit);
}

/** "11,007" → 11007; undefined for misplaced thousands separators ("1,23"). */
function parseNumber(digits: string, sign: string | undefined): number | undefined {
  if (!GROUPED_NUMBER.test(digits)) return undefined;
  const value = Number(digits.replaceAll(",", ""));
  if (value === 0) return 0; // never -0: toEqual tells it from 0
  return sign !== undefined && sign !== "+" ? -value : value;
}

// ---------------------------------------------------------------------------------------------------
// The parenthesised part: (累計), (累計215), (R2年度), (H26.6~29.2), (H29.2末), (90.6%H26.3末), (素案)

/** What a parenthesised part adds to the value before it. */
type Decoration = Omit<Fields, "kind">;

const CUMULATIVE_TOTAL = /^累計\s*(\d[\d,]*(?:\.\d+)?)$/;
/** Looks like a year, a date or a period, so failing to read it deserves a diagnostic besides the note. */
const DATE_LIKE =
  /^(?:(?:昭和|平成|令和|[SHRshr])\s*(?:元|\d{1,2})\s*(?:年度末?|末|年\s*\d{1,2}\s*月.*|\.\d{1,2}.*)|(?:元|\d{1,2})\s*(?:年度末?|末))$/;
/** A secondary value is short ("90.6%H26.3末"); longer text is a note, not worth trying every split. */
const MAX_SECONDARY_LENGTH = 40;

function parseDecoration(
  inner: string,
  verbatim: string,
  ctx: KpiParseContext | undefined,
): { decoration: Decoration } | { error: string } {
  const d = inner.trim();
  const note = verbatim.trim();
  if (d === "") return { error: KPI_PARSE_MESSAGES.emptyParentheses };
  if (d === "累計") return { decoration: { cumulative: true } };
  const total = CUMULATIVE_TOTAL.exec(d);
  if (total) {
    const value = parseNumber(total[1] ?? "", undefined);
    if (value === undefined) return { error: KPI_PARSE_MESSAGES.thousandsSeparator };
    return { decoration: { cumulativeTotal: value } };
  }

  const when = parseWhen(d, ctx);
  if (when) return { decoration: when };
  // An era-less year or date ("29年度") that a context would have read: say so rather than keep a note.
  if (!ctx && parseWhen(d, { defaultEra: "heisei" }))
    return { decoration: { diagnostic: KPI_PARSE_MESSAGES.eraUnknown } };

  const secondary = parseSecondary(d, note, ctx);
  if (secondary) return { decoration: { secondary } };
  if (DATE_LIKE.test(d)) return { decoration: { note, diagnostic: KPI_PARSE_MESSAGES.impossibleDate } };
  return { decoration: { note } };
}

/**
 * The time a value refers to: a fiscal year (R2年度, 29年度 in the context's era), a period of months
 * (H26.6~29.2), a date (H29.2末, R2.3.31) or the end of a fiscal year (R1末).
 */
function parseWhen(d: string, ctx: KpiParseContext | undefined): Decoration | undefined {
  const fiscalYear = parseFiscalYear(d, ctx);
  if (fiscalYear !== undefined) return { fiscalYear };
  const period = parseMonthPeriod(d, ctx);
  if (period) return { period };
  const asOf = parseJapaneseDate(d) ?? parseEraLessDate(d, ctx);
  if (asOf) return { asOf };
  const endOf = parseFiscalYearEnd(d, ctx);
  if (endOf !== undefined) return { asOf: fiscalYearEnd(endOf) };
  return undefined;
}

/** "29.2末" / "2.3.31" / "2年3月末": a date without its era, in the era the context reads its year in. */
function parseEraLessDate(d: string, ctx: KpiParseContext | undefined): string | undefined {
  const year = /^\d{1,3}(?=\s*[.年])/.exec(d)?.[0];
  if (!ctx || year === undefined) return undefined;
  const era = resolveEraLessYear(Number(year), ctx)?.era;
  return era === undefined ? undefined : parseJapaneseDate(eraInfo(era).abbreviation + d);
}

/** "90.6%H26.3末": a value followed directly by the time it refers to. */
function parseSecondary(
  d: string,
  verbatim: string,
  ctx: KpiParseContext | undefined,
): SecondaryKpiValue | undefined {
  if (d.length > MAX_SECONDARY_LENGTH) return undefined;
  for (let i = 1; i < d.length; i++) {
    if (!isSplitPoint(d, i)) continue;
    const when = parseWhen(d.slice(i).trim(), ctx);
    if (!when) continue;
    const value = parseMain(d.slice(0, i).trim());
    if ("error" in value || !["quantity", "money"].includes(value.fields.kind)) continue;
    return { text: verbatim, ...value.fields, ...when };
  }
  return undefined;
}

/** The time starts at an era letter or name ("H26.3末"), or at a digit after a space ("26.3末" in context). */
function isSplitPoint(d: string, i: number): boolean {
  const here = d.charAt(i);
  if (/\s/.test(here)) return false;
  return !/\d/.test(here) || /\s/.test(d.charAt(i - 1));
}
