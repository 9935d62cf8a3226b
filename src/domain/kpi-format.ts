import {
  eraInfo,
  fiscalYearOverlapsEra,
  formatFiscalYear,
  formatJapaneseDate,
  formatMonthPeriod,
  isLastDayOfMonth,
  parseFiscalYear,
} from "./era.ts";
import type { KpiParseContext, KpiValue } from "./kpi-value.ts";

/**
 * The canonical text of a KPI value, written from its parsed fields (never from `text`), in the
 * spellings of the reference table: "11,007人", "約50%", "76,006千円", "30%以上", "実施(29年度)",
 * "72事業(累計215)", "2,938人 (H26.6~29.2)", "-". For kind "text" the text itself is the only meaning.
 * Parsing the result gives the same fields back (see kpi.property.test.ts); precision that only the
 * text holds is not kept ("6.0%" is written "6%").
 */
export function formatKpiValue(value: KpiValue, ctx?: KpiParseContext): string {
  const main = formatMain(value);
  if (main === undefined) return value.text;
  return main + formatDecorations(value, main, ctx);
}

function formatMain(v: KpiValue): string | undefined {
  switch (v.kind) {
    case "none":
      return "-";
    case "text":
      return undefined;
    case "relative":
      return v.comparison === "atLeast" ? "現状以上" : "現状以下";
    case "direction":
      return v.direction === "increase" ? "拡大" : "縮小";
    case "stage":
      if (v.stage === undefined) return undefined;
      return v.continuing && v.stage === "実施" ? "継続実施" : v.stage;
    case "quantity":
    case "money":
    case "bound": {
      if (v.value === undefined) return undefined;
      const bound = v.kind === "bound" ? (v.comparison === "atMost" ? "以下" : "以上") : "";
      return `${v.approximate ? "約" : ""}${formatNumber(v.value)}${v.unit ?? ""}${bound}`;
    }
  }
}

/**
 * The parenthesised parts, in a fixed order. The seed puts a space before some of them and not
 * before others; the rules below reproduce every spelling it has: a measurement time or second value
 * always gets one ("2,938人 (H26.6~29.2)", "93.2% (90.6%H26.3末)"); otherwise there is a space after a
 * half-width character ("80% (R2年度)" but "1億円(R2年度)") and before a note that starts with a
 * digit ("74事務 (1事務対象外)" but "1団地(素案)").
 */
function formatDecorations(v: KpiValue, main: string, ctx: KpiParseContext | undefined): string {
  if (v.kind === "none" || v.kind === "text") return "";
  const afterHalfWidth = /[\u0020-\u007e]$/.test(main);
  const group = (inner: string, spaced: boolean) => `${spaced ? " " : ""}(${inner})`;
  let out = "";
  if (v.cumulative) out += group("累計", afterHalfWidth);
  if (v.cumulativeTotal !== undefined) out += group(`累計${formatNumber(v.cumulativeTotal)}`, afterHalfWidth);
  if (v.fiscalYear !== undefined) out += group(formatDueYear(v.fiscalYear, ctx), afterHalfWidth);
  if (v.note !== undefined) out += group(v.note, afterHalfWidth || /^[0-9０-９]/.test(v.note));
  if (v.secondary) out += group(formatSecondary(v.secondary), true);
  if (v.period) out += group(formatMonthPeriod(v.period), true);
  if (v.asOf !== undefined) out += group(formatAsOf(v.asOf), true);
  return out;
}

/** A second value and its time, run together as the seed writes it: "90.6%H26.3末". */
function formatSecondary(v: KpiValue): string {
  const main = formatMain(v);
  if (main === undefined) return v.text;
  let out = main;
  if (v.fiscalYear !== undefined) out += formatFiscalYear(v.fiscalYear, "short");
  if (v.period) out += formatMonthPeriod(v.period);
  if (v.asOf !== undefined) out += formatAsOf(v.asOf);
  return out;
}

/**
 * "29年度" when the context's era reads it back (a plan that began in 平成 writes 31年度 for FY2019,
 * which 平成 did reach), otherwise the short era form "R2年度". Era year 1 is always written with its
 * era: "元年度" alone is not how tables write it.
 */
function formatDueYear(fy: number, ctx: KpiParseContext | undefined): string {
  if (ctx) {
    const era = eraInfo(ctx.defaultEra);
    const eraYear = fy - era.startYear + 1;
    const eraLess = `${eraYear}年度`;
    // With a plan period the year may be read in another era (2年度 = R2): write it so only if not.
    if (eraYear >= 2 && fiscalYearOverlapsEra(fy, ctx.defaultEra) && parseFiscalYear(eraLess, ctx) === fy)
      return eraLess;
  }
  return formatFiscalYear(fy, "short");
}

/** "H29.2末" for the end of a month, as the seed writes it; "R2.3.15" for any other day. */
function formatAsOf(iso: string): string {
  if (!isLastDayOfMonth(iso)) return formatJapaneseDate(iso, "short");
  const short = formatJapaneseDate(iso, "short");
  return `${short.slice(0, short.lastIndexOf("."))}末`;
}

/**
 * 11007 → "11,007"; 5.7 → "5.7"; -1234.5 → "−1,234.5": the minus sign (U+2212), as Japanese tables
 * print it, never a hyphen (the parser reads both back).
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const [integer = "0", fraction] = plainDecimal(Math.abs(value)).split(".");
  const grouped = integer.replace(/\B(?=(\d{3})+$)/g, ",");
  return `${value < 0 ? MINUS : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

export const MINUS = "\u2212";

/** Decimal text without exponent notation (JavaScript prints 1e21 and 1e-7 with one). */
function plainDecimal(value: number): string {
  const text = String(value);
  if (!text.includes("e")) return text;
  if (Number.isInteger(value)) return BigInt(value).toString();
  return value.toFixed(20).replace(/\.?0+$/, "");
}
