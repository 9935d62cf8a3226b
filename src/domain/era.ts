import { toHalfWidth } from "./text-width.ts";

/**
 * Japanese eras (和暦) and fiscal years (年度). Dates are ISO strings "yyyy-mm-dd" and months "yyyy-mm"
 * everywhere in this API, never Date objects, so that no time zone can shift a day. A fiscal year is a
 * number: the 西暦 year in which it starts (April 1 – March 31); 令和元年度 = 2019.
 */

export type Era = "showa" | "heisei" | "reiwa";
/** The glossary's name for an era (和暦). */
export type JapaneseEra = Era;
/** 年度, as the 西暦 start year. */
export type FiscalYear = number;

export interface EraInfo {
  era: Era;
  /** 平成 */
  name: string;
  /** H */
  abbreviation: string;
  /** First day, ISO. */
  start: string;
  /** 西暦 year of the first day (era year 1). */
  startYear: number;
}

/** In chronological order. */
export const ERAS: readonly EraInfo[] = [
  { era: "showa", name: "昭和", abbreviation: "S", start: "1926-12-25", startYear: 1926 },
  { era: "heisei", name: "平成", abbreviation: "H", start: "1989-01-08", startYear: 1989 },
  { era: "reiwa", name: "令和", abbreviation: "R", start: "2019-05-01", startYear: 2019 },
];

export function eraInfo(era: Era): EraInfo {
  const info = ERAS.find((e) => e.era === era);
  if (!info) throw new RangeError(`unknown era: ${String(era)}`);
  return info;
}

/** First day of the following era, or undefined for the current one. */
function eraEnd(era: Era): string | undefined {
  const index = ERAS.findIndex((e) => e.era === era);
  return ERAS[index + 1]?.start;
}

/** Whether the ISO date falls within the era (start inclusive, next era's start exclusive). */
function isInEra(iso: string, era: Era): boolean {
  const end = eraEnd(era);
  return iso >= eraInfo(era).start && (end === undefined || iso < end);
}

// ---------------------------------------------------------------------------------------------------
// Calendar helpers

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** "2020-03-31" from parts, or undefined when the day does not exist. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parts of a valid ISO date, or undefined. */
export function parseIsoDate(iso: string): { year: number; month: number; day: number } | undefined {
  const m = ISO_DATE.exec(iso);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isoDate(year, month, day) === iso ? { year, month, day } : undefined;
}

export function isValidIsoDate(iso: string): boolean {
  return parseIsoDate(iso) !== undefined;
}

export function lastDayOfMonth(year: number, month: number): string {
  const iso = isoDate(year, month, daysInMonth(year, month));
  if (iso === undefined) throw new RangeError(`invalid month: ${year}-${month}`);
  return iso;
}

export function isLastDayOfMonth(iso: string): boolean {
  const d = parseIsoDate(iso);
  return d !== undefined && d.day === daysInMonth(d.year, d.month);
}

function requireIsoDate(iso: string): { year: number; month: number; day: number } {
  const d = parseIsoDate(iso);
  if (!d) throw new RangeError(`not an ISO date (yyyy-mm-dd): ${iso}`);
  return d;
}

// ---------------------------------------------------------------------------------------------------
// Dates

/**
 * The era and era year of a date: 1989-01-07 → 昭和64, 1989-01-08 → 平成1. Throws a RangeError for a
 * string that is not a valid ISO date or a date before 昭和 (callers hold validated dates).
 */
export function eraOfDate(iso: string): { era: Era; year: number } {
  const d = requireIsoDate(iso);
  for (let i = ERAS.length - 1; i >= 0; i--) {
    const info = ERAS[i];
    if (info && iso >= info.start) return { era: info.era, year: d.year - info.startYear + 1 };
  }
  throw new RangeError(`date before 昭和 (1926-12-25): ${iso}`);
}

/** The era in effect on a date, or undefined before 昭和. */
function eraOfDateOrUndefined(iso: string): { era: Era; year: number } | undefined {
  return isValidIsoDate(iso) && iso >= (ERAS[0]?.start ?? "") ? eraOfDate(iso) : undefined;
}

/** 1 → 元 in long forms, as official documents write it. */
function longEraYear(year: number): string {
  return year === 1 ? "元" : String(year);
}

/**
 * "令和2年3月31日" (long, the default; 元年 for year 1) or "R2.3.31" (short). Dates before 昭和 are
 * written in 西暦 ("1920年4月1日" / "1920.4.1"). Throws a RangeError for an invalid ISO date.
 */
export function formatJapaneseDate(iso: string, style: "long" | "short" = "long"): string {
  const d = requireIsoDate(iso);
  const e = eraOfDateOrUndefined(iso);
  if (style === "short") {
    const prefix = e ? `${eraInfo(e.era).abbreviation}${e.year}` : String(d.year);
    return `${prefix}.${d.month}.${d.day}`;
  }
  const prefix = e ? `${eraInfo(e.era).name}${longEraYear(e.year)}` : String(d.year);
  return `${prefix}年${d.month}月${d.day}日`;
}

const ERA_PREFIX = "(昭和|平成|令和|[SHRshr])";
const ERA_YEAR = "(元|\\d{1,3})";

function eraFromPrefix(prefix: string): Era | undefined {
  const p = prefix.toUpperCase();
  return ERAS.find((e) => e.name === p || e.abbreviation === p)?.era;
}

function eraYearNumber(text: string): number {
  return text === "元" ? 1 : Number(text);
}

/** The 西暦 year of an era year; era years start at 1. */
function westernYear(era: Era, eraYear: number): number | undefined {
  return eraYear >= 1 ? eraInfo(era).startYear + eraYear - 1 : undefined;
}

/** Parsing input: half-width, without surrounding white space. */
function normalize(text: string): string {
  return toHalfWidth(text).trim();
}

const DATE_LONG = new RegExp(
  `^${ERA_PREFIX}\\s*${ERA_YEAR}\\s*年\\s*(\\d{1,2})\\s*月\\s*(?:(\\d{1,2})\\s*日|(末))$`,
);
const DATE_SHORT = new RegExp(`^${ERA_PREFIX}\\s*${ERA_YEAR}\\.(\\d{1,2})(?:\\.(\\d{1,2})|(末))$`);
const DATE_WESTERN = /^(\d{4})(?:年(\d{1,2})月(\d{1,2})日|[-/.](\d{1,2})[-/.](\d{1,2}))$/;

/**
 * An ISO date from Japanese notation: "令和2年3月31日", "令和元年5月1日", "R2.3.31", "H26.3末" (end of
 * that month), "令和2年3月末", full-width digits, and 西暦 "2020年3月31日" / "2020-03-31" / "2020/3/31".
 * Dates that never existed are refused: 平成31年5月1日 (令和 had begun), 令和1年4月30日, 2月30日.
 */
export function parseJapaneseDate(text: string): string | undefined {
  const t = normalize(text);
  const m = DATE_LONG.exec(t) ?? DATE_SHORT.exec(t);
  if (m) return eraDate(m[1], m[2], m[3], m[4], m[5] !== undefined);
  const w = DATE_WESTERN.exec(t);
  if (w) return isoDate(Number(w[1]), Number(w[2] ?? w[4]), Number(w[3] ?? w[5]));
  return undefined;
}

function eraDate(
  prefix: string | undefined,
  yearText: string | undefined,
  monthText: string | undefined,
  dayText: string | undefined,
  monthEnd: boolean,
): string | undefined {
  const era = eraFromPrefix(prefix ?? "");
  if (!era || yearText === undefined || monthText === undefined) return undefined;
  const year = westernYear(era, eraYearNumber(yearText));
  const month = Number(monthText);
  if (year === undefined || month < 1 || month > 12) return undefined;
  const iso = monthEnd ? lastDayOfMonth(year, month) : isoDate(year, month, Number(dayText));
  return iso !== undefined && isInEra(iso, era) ? iso : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Fiscal years

export interface EraContext {
  /** Era of years written without one ("29年度"): the era of the plan's first fiscal year. */
  defaultEra: Era;
  /**
   * The plan period the text belongs to. When given, an era-less year is read in the era that puts
   * it nearest to this period (see {@link resolveEraLessYear}).
   */
  planPeriod?: { startFiscalYear: FiscalYear; endFiscalYear: FiscalYear };
}

/**
 * The era and 西暦 year of an era year written without its era ("31年度", "2年度", "元年度末"). Without
 * a plan period that is the context's default era. With one, it is the era that puts the year
 * nearest to the period (the default era on a tie): a plan that began in 平成 is reported on in
 * 令和 as well, so in a 平成29年度～令和3年度 plan "31年度" is H31 (2019) and "2年度" R2 (2020), never
 * H2 (1990); and a 令和 plan's baseline "30年度" is H30 (2018), not R30 (2048).
 */
export function resolveEraLessYear(eraYear: number, ctx: EraContext): { era: Era; year: number } | undefined {
  const preferred = westernYear(ctx.defaultEra, eraYear);
  const period = ctx.planPeriod;
  if (preferred === undefined || !period)
    return preferred === undefined ? undefined : { era: ctx.defaultEra, year: preferred };
  const distance = (year: number) => Math.max(0, period.startFiscalYear - year, year - period.endFiscalYear);
  let best = { era: ctx.defaultEra, year: preferred };
  for (const info of ERAS) {
    const year = westernYear(info.era, eraYear);
    if (year !== undefined && distance(year) < distance(best.year)) best = { era: info.era, year };
  }
  return best;
}

/**
 * The era a fiscal year is named after: the era in effect on June 1 of its start year. A fiscal year
 * starts on April 1, but an era change inside it (1989-01-08, 2019-05-01) renames the whole year from
 * then on: the year that began as 平成31年度 was budgeted, reported and closed as 令和元年度, and
 * FY1988 ran its whole course as 昭和63年度 (the change came only in its tenth month). June 1 falls
 * after the only mid-spring change (May 1) and before any change late in the year, so it yields the
 * name every document uses. Throws a RangeError before FY1927 (no era of this table on June 1).
 */
export function eraOfFiscalYear(fy: FiscalYear): Era {
  requireFiscalYear(fy);
  const e = eraOfDateOrUndefined(`${pad(fy, 4)}-06-01`);
  if (!e) throw new RangeError(`fiscal year before 昭和: ${fy}`);
  return e.era;
}

function requireFiscalYear(fy: number): void {
  if (!Number.isInteger(fy) || fy < 1 || fy > 9998) throw new RangeError(`not a fiscal year: ${fy}`);
}

/** Era and era year of a fiscal year by the June-1 rule, or undefined before 昭和. */
function eraYearOfFiscalYear(fy: FiscalYear): { era: Era; year: number } | undefined {
  requireFiscalYear(fy);
  return eraOfDateOrUndefined(`${pad(fy, 4)}-06-01`);
}

/**
 * Whether the era was in effect on some day of the fiscal year: FY2019 overlaps both 平成 (April) and
 * 令和, which is why "31年度" in a 平成 plan and "R1年度" name the same year.
 */
export function fiscalYearOverlapsEra(fy: FiscalYear, era: Era): boolean {
  const end = eraEnd(era);
  return fiscalYearEnd(fy) >= eraInfo(era).start && (end === undefined || fiscalYearStart(fy) < end);
}

/** "2019-04-01" */
export function fiscalYearStart(fy: FiscalYear): string {
  requireFiscalYear(fy);
  return `${pad(fy, 4)}-04-01`;
}

/** "2020-03-31" for FY2019. */
export function fiscalYearEnd(fy: FiscalYear): string {
  requireFiscalYear(fy);
  return `${pad(fy + 1, 4)}-03-31`;
}

/** 2020-03-31 → 2019; 2020-04-01 → 2020. Throws a RangeError for an invalid ISO date. */
export function fiscalYearOfDate(iso: string): FiscalYear {
  const d = requireIsoDate(iso);
  return d.month >= 4 ? d.year : d.year - 1;
}

/**
 * "令和元年度" (long, the default), "R1年度" (short), "2019年度" (western). The era follows
 * {@link eraOfFiscalYear}; fiscal years before 昭和 are written in 西暦.
 */
export function formatFiscalYear(fy: FiscalYear, style: "long" | "short" | "western" = "long"): string {
  const e = eraYearOfFiscalYear(fy);
  if (style === "western" || !e) return `${fy}年度`;
  const info = eraInfo(e.era);
  return style === "short" ? `${info.abbreviation}${e.year}年度` : `${info.name}${longEraYear(e.year)}年度`;
}

const FISCAL_YEAR = new RegExp(`^(?:${ERA_PREFIX}\\s*)?${ERA_YEAR}\\s*(年度)?$`);
const FISCAL_YEAR_WESTERN = /^(?:(\d{4})\s*年度|FY\s*(\d{4}))$/i;

/**
 * A fiscal year from "令和元年度", "令和1年度", "R1年度", "R1", "H31年度" (= R1年度 = 2019), "平成29年度",
 * "Ｒ２年度", "2019年度", "FY2019", or an era-less "29年度" read in `ctx.defaultEra` (undefined without
 * ctx). Era years past an era's end are accepted ("平成32年度" = 2020): plans written before the new
 * era was announced counted on that way.
 */
export function parseFiscalYear(text: string, ctx?: EraContext): FiscalYear | undefined {
  return parseFiscalYearNormalized(normalize(text), ctx);
}

function parseFiscalYearNormalized(t: string, ctx?: EraContext): FiscalYear | undefined {
  const w = FISCAL_YEAR_WESTERN.exec(t);
  if (w) return Number(w[1] ?? w[2]);
  const m = FISCAL_YEAR.exec(t);
  if (!m || m[2] === undefined) return undefined;
  const era = m[1] === undefined ? undefined : eraFromPrefix(m[1]);
  if (era === undefined) {
    // An era-less number is a year only when written as one (31年度), and only with a context.
    if (m[3] === undefined || !ctx) return undefined;
    return resolveEraLessYear(eraYearNumber(m[2]), ctx)?.year;
  }
  return westernYear(era, eraYearNumber(m[2]));
}

/** Whether a fiscal year is written without an era ("29年度"), i.e. needs a context to be read. */
export function isEraLessFiscalYear(text: string): boolean {
  const m = FISCAL_YEAR.exec(normalize(text));
  return m !== null && m[1] === undefined && m[3] !== undefined;
}

const FISCAL_YEAR_END = new RegExp(`^(?:${ERA_PREFIX}\\s*)?${ERA_YEAR}\\s*(?:年度\\s*)?末$`);
const FISCAL_YEAR_END_WESTERN = /^(\d{4})\s*年度\s*末$/;

/**
 * The fiscal year whose end is meant: "H27末" → 2015 (ends 2016-03-31), "R1末" / "令和元年度末" → 2019,
 * "2019年度末" → 2019, era-less "27末" in `ctx.defaultEra`.
 */
export function parseFiscalYearEnd(text: string, ctx?: EraContext): FiscalYear | undefined {
  const t = normalize(text);
  const w = FISCAL_YEAR_END_WESTERN.exec(t);
  if (w) return Number(w[1]);
  const m = FISCAL_YEAR_END.exec(t);
  if (!m || m[2] === undefined) return undefined;
  if (m[1] === undefined) return ctx ? resolveEraLessYear(eraYearNumber(m[2]), ctx)?.year : undefined;
  const era = eraFromPrefix(m[1]);
  return era === undefined ? undefined : westernYear(era, eraYearNumber(m[2]));
}

/** "H27末" / "R1末": the short era of that fiscal year (June-1 rule), as table headers write it. */
export function formatFiscalYearEnd(fy: FiscalYear): string {
  const e = eraYearOfFiscalYear(fy);
  return e ? `${eraInfo(e.era).abbreviation}${e.year}末` : `${fy}年度末`;
}

/**
 * A date inside a header: 令和2年3月31日, H29.3末, R2.3.31; or a month without a day: 令和2年3月,
 * H31.3 (a month alone is not followed by a digit or a further "." and digit).
 */
const DATE_IN_TEXT = new RegExp(
  `(?<![A-Za-z])${ERA_PREFIX}\\s*${ERA_YEAR}(?:\\s*年\\s*\\d{1,2}\\s*月(?:\\s*(?:\\d{1,2}\\s*日|末)|(?!\\s*\\d))|\\.\\d{1,2}(?:\\.\\d{1,2}|末|(?![\\d.])))`,
  "g",
);

/**
 * The fiscal year of a date or a month found by DATE_IN_TEXT: H31.3末 → 2018 (2019-03-31); a month
 * alone is that month's fiscal year, H31.3 and 令和2年3月 → 2018 and 2019 (January–March belong to
 * the fiscal year that began the April before). Undefined for a day or a month the era never had.
 */
function fiscalYearOfDateText(text: string): FiscalYear | undefined {
  const iso = parseJapaneseDate(text);
  if (iso !== undefined) return fiscalYearOfDate(iso);
  const month = parseMonth(normalize(text));
  return month === undefined ? undefined : fiscalYearOfDate(`${month.month}-01`);
}
/** An era year inside a header: H27, R1年度, 令和元年度末; not the 年 of a date (H27年3月). */
const ERA_YEAR_IN_TEXT = new RegExp(`(?<![A-Za-z])${ERA_PREFIX}\\s*${ERA_YEAR}(?!\\d)(?!\\s*年(?!度))`, "g");
const WESTERN_YEAR_IN_TEXT = /(?<!\d)(\d{4})\s*年度/g;
const ERA_LESS_YEAR_IN_TEXT = /(?<![\dA-Za-z.])(元|\d{1,2})\s*年度/g;

/**
 * The one fiscal year a column header names, wherever it stands in it: "基準値（H27）" → 2015,
 * "H29実績" → 2017, "R1目標" and "令和元年度実績" → 2019, "目標値（R3末）" → 2021, "2019年度実績" → 2019,
 * "実績値（H29.3末）" → 2016 (the fiscal year of the date), "H31.3現在" and "令和2年3月現在" → 2018 and
 * 2019 (the fiscal year of the month: March belongs to the year before), an era-less "27年度実績" in
 * `ctx` (undefined without it). A date or month in brackets gives way to the one year outside them:
 * "H30実績（R1.5.31現在）" → 2018 (the day the figure was taken is not its year). Undefined when the
 * header names no year, or more than one ("H29～R1", "H30実績（R1目標）").
 */
export function fiscalYearInText(text: string, ctx?: EraContext): FiscalYear | undefined {
  const t = normalize(text);
  const inside = [...t.matchAll(BRACKETED)].map((m) => m.slice(1).join(" ")).join(" ");
  const outside = yearsInText(t.replace(BRACKETED, " "), ctx);
  const bracketed = yearsInText(inside, ctx);
  const outsideYears = new Set([...outside.dates, ...outside.years]);
  const all = new Set([...outsideYears, ...bracketed.dates, ...bracketed.years]);
  if (all.size === 1) return [...all][0];
  // Only dates in the brackets: the year outside them is the column's.
  if (bracketed.years.size === 0 && outsideYears.size === 1) return [...outsideYears][0];
  return undefined;
}

/** Bracketed parts of a header (after toHalfWidth): (…), […], 【…】, 〔…〕. */
const BRACKETED = /\(([^()]*)\)|\[([^[\]]*)\]|【([^【】]*)】|〔([^〔〕]*)〕/g;

/** The fiscal years of the dates and months in a normalized text, and of the years it names. */
function yearsInText(text: string, ctx?: EraContext): { dates: Set<FiscalYear>; years: Set<FiscalYear> } {
  const dates = new Set<FiscalYear>();
  const years = new Set<FiscalYear>();
  let t = text.replace(DATE_IN_TEXT, (date) => {
    const fy = fiscalYearOfDateText(date);
    if (fy !== undefined) dates.add(fy);
    return " ";
  });
  t = t.replace(WESTERN_YEAR_IN_TEXT, (_, year: string) => {
    years.add(Number(year));
    return " ";
  });
  t = t.replace(ERA_YEAR_IN_TEXT, (_, prefix: string, year: string) => {
    const era = eraFromPrefix(prefix);
    const fy = era === undefined ? undefined : westernYear(era, eraYearNumber(year));
    if (fy !== undefined) years.add(fy);
    return " ";
  });
  if (ctx) {
    for (const m of t.matchAll(ERA_LESS_YEAR_IN_TEXT)) {
      const fy = resolveEraLessYear(eraYearNumber(m[1] ?? ""), ctx)?.year;
      if (fy !== undefined) years.add(fy);
    }
  }
  return { dates, years };
}

/** Range separators: ～ 〜 ~ - － (after toHalfWidth: ~ and -). */
const RANGE_SEPARATOR = /[~-]/;

/**
 * "平成29年度～令和3年度", "H29~R3", "平成29年度〜令和3年度", "H29-R3" → { 2017, 2021 }. An era-less second
 * part inherits the first part's era ("H29~33"); an era-less first part needs ctx. Refuses a range
 * that ends before it starts.
 */
export function parseFiscalYearRange(
  text: string,
  ctx?: EraContext,
): { startFiscalYear: FiscalYear; endFiscalYear: FiscalYear } | undefined {
  const parts = splitRange(normalize(text));
  if (!parts) return undefined;
  const [first, second] = parts;
  const startFiscalYear = parseFiscalYearNormalized(first, ctx);
  if (startFiscalYear === undefined) return undefined;
  const eraLessFirst = FISCAL_YEAR.exec(first);
  const firstEra =
    leadingEra(first) ??
    (eraLessFirst && eraLessFirst[1] === undefined ? eraLessEra(eraLessFirst[2], ctx) : ctx?.defaultEra);
  const secondCtx = firstEra === undefined ? undefined : { defaultEra: firstEra };
  const endFiscalYear =
    parseFiscalYearNormalized(second, secondCtx) ?? parseEraLessBareYear(second, secondCtx);
  if (endFiscalYear === undefined || endFiscalYear < startFiscalYear) return undefined;
  return { startFiscalYear, endFiscalYear };
}

/** "33" after "H29~": a bare number continues the first part's era. */
function parseEraLessBareYear(t: string, ctx: EraContext | undefined): FiscalYear | undefined {
  if (!ctx || !/^(元|\d{1,2})$/.test(t)) return undefined;
  return westernYear(ctx.defaultEra, eraYearNumber(t));
}

function splitRange(t: string): [string, string] | undefined {
  // Spaces are trimmed afterwards: `\s*` around the separator would backtrack quadratically.
  const parts = t.split(RANGE_SEPARATOR).map((part) => part.trim());
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return [parts[0], parts[1]];
}

/** The era an era-less year ("元", "29") is read in, by {@link resolveEraLessYear}. */
function eraLessEra(yearText: string | undefined, ctx: EraContext | undefined): Era | undefined {
  if (yearText === undefined || !ctx) return undefined;
  return resolveEraLessYear(eraYearNumber(yearText), ctx)?.era;
}

function leadingEra(t: string): Era | undefined {
  const m = new RegExp(`^${ERA_PREFIX}`).exec(t);
  return m?.[1] === undefined ? undefined : eraFromPrefix(m[1]);
}

// ---------------------------------------------------------------------------------------------------
// Months and periods

const MONTH = new RegExp(`^(?:${ERA_PREFIX}\\s*)?${ERA_YEAR}\\s*(?:\\.|年)\\s*(\\d{1,2})\\s*月?$`);
const MONTH_WESTERN = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/;

/** "H26.6" / "平成26年6月" / "2014-06" → "2014-06"; a month that has no day in the era is refused. */
function parseMonth(t: string, ctx?: EraContext): { month: string; era?: Era } | undefined {
  const w = MONTH_WESTERN.exec(t);
  if (w) {
    const month = Number(w[2]);
    return month >= 1 && month <= 12 ? { month: `${w[1]}-${pad(month, 2)}` } : undefined;
  }
  const m = MONTH.exec(t);
  if (!m || m[2] === undefined) return undefined;
  const era = m[1] === undefined ? eraLessEra(m[2], ctx) : eraFromPrefix(m[1]);
  if (era === undefined) return undefined;
  const year = westernYear(era, eraYearNumber(m[2]));
  const month = Number(m[3]);
  if (year === undefined || month < 1 || month > 12) return undefined;
  const first = isoDate(year, month, 1);
  const last = lastDayOfMonth(year, month);
  if (first === undefined || !(isInEra(first, era) || isInEra(last, era))) return undefined;
  return { month: `${pad(year, 4)}-${pad(month, 2)}`, era };
}

/**
 * "H26.6~29.2" → { from: "2014-06", to: "2017-02" }: the second part inherits the first's era unless
 * it names its own ("H30.6~R2.2"). Also "平成26年6月～平成29年2月". Refuses a period that ends before it
 * starts.
 */
export function parseMonthPeriod(text: string, ctx?: EraContext): { from: string; to: string } | undefined {
  const parts = splitRange(normalize(text));
  if (!parts) return undefined;
  const from = parseMonth(parts[0], ctx);
  if (!from) return undefined;
  const inherited = from.era ?? ctx?.defaultEra;
  const to = parseMonth(parts[1], inherited === undefined ? undefined : { defaultEra: inherited });
  if (!to || to.month < from.month) return undefined;
  return { from: from.month, to: to.month };
}

/** "2014-06" → "H26.6" (era of the month's first day). */
function formatShortMonth(month: string, omitEra?: Era): { text: string; era?: Era } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`not a month (yyyy-mm): ${month}`);
  const e = eraOfDateOrUndefined(`${m[1]}-${m[2]}-01`);
  const monthNumber = Number(m[2]);
  if (!e) return { text: `${Number(m[1])}.${monthNumber}` };
  const prefix = e.era === omitEra ? "" : eraInfo(e.era).abbreviation;
  return { text: `${prefix}${e.year}.${monthNumber}`, era: e.era };
}

/** { from: "2014-06", to: "2017-02" } → "H26.6~29.2"; the second era is written only when it differs. */
export function formatMonthPeriod(period: { from: string; to: string }): string {
  const from = formatShortMonth(period.from);
  const to = formatShortMonth(period.to, from.era);
  return `${from.text}~${to.text}`;
}
