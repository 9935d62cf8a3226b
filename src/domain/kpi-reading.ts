import { computeAchievement } from "./achievement.ts";
import type { Locale } from "./achievement-words.ts";
import { formatFiscalYear, formatJapaneseDate, formatMonthPeriod } from "./era.ts";
import { formatKpiValue, formatNumber } from "./kpi-format.ts";
import { parseKpiValue } from "./kpi-parse.ts";
import type { KpiParseContext, KpiValue } from "./kpi-value.ts";

/**
 * What the product understood of a 現状値 as a department typed it, in the reader's words, so that a
 * typo (1,2,00件) is caught before the report is submitted: 「1億円 → 100,000,000円」, 「累計 215」,
 * 「目標 350事業(累計) に対して 61%」, or 「数値として読めません（文字のまま公表されます）」. The text itself is
 * never changed: this only describes it. Pure: the entry page (on save) and the live endpoint (as it
 * is typed) both call it.
 */
export interface KpiReading {
  /** Nothing typed (or "-"): nothing to say. */
  empty: boolean;
  /** False when the text is kept as words only (kind "text"). */
  readable: boolean;
  /** The pieces understood, in order, each a short phrase. */
  parts: string[];
  /** The value against the KPI's target, when both can be measured. */
  achievement?: string;
  /** Why it could not be read, or a warning about a part of it. */
  diagnostic?: string;
}

const WORDS = {
  unreadable: {
    ja: "数値として読み取れません（文字のまま公表されます）",
    en: "Not readable as a number (it will be published as text)",
  },
  none: { ja: "値なし", en: "No value" },
  cumulative: { ja: "累計の値", en: "a cumulative total" },
  cumulativeTotal: { ja: "累計 {n}", en: "cumulative total {n}" },
  perYear: { ja: "1年あたり", en: "per year" },
  stage: { ja: "段階「{s}」", en: "stage 「{s}」" },
  continuing: { ja: "継続して実施", en: "carried on" },
  atLeast: { ja: "{v}以上", en: "at least {v}" },
  atMost: { ja: "{v}以下", en: "at most {v}" },
  relativeAtLeast: { ja: "当初の値以上", en: "at least the baseline" },
  relativeAtMost: { ja: "当初の値以下", en: "at most the baseline" },
  increase: { ja: "拡大（当初より増やす）", en: "increase from the baseline" },
  decrease: { ja: "縮小（当初より減らす）", en: "decrease from the baseline" },
  fiscalYear: { ja: "{fy}", en: "FY {fy}" },
  asOf: { ja: "{d}時点", en: "as of {d}" },
  period: { ja: "期間 {p}", en: "period {p}" },
  note: { ja: "注記「{n}」", en: "note 「{n}」" },
  secondary: { ja: "ほかの時点の値 {v}", en: "another reading {v}" },
  against: { ja: "目標 {t} に対して {p}", en: "{p} of the target {t}" },
  met: { ja: "目標 {t} を達成", en: "target {t} met" },
  notMet: { ja: "目標 {t} は未達成", en: "target {t} not yet met" },
} satisfies Record<string, Record<Locale, string>>;

function say(locale: Locale, key: keyof typeof WORDS, params: Record<string, string> = {}): string {
  return WORDS[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** "1億円", "約50%", "52件": the number as written, with its unit. */
function amountText(v: KpiValue): string {
  return `${v.approximate ? "約" : ""}${formatNumber(v.value ?? 0)}${v.unit ?? ""}`;
}

/** Reads `text` with the plan's context and describes it; with the KPI's target, how far it has come. */
export function readKpiEntry(
  text: string,
  kpi: { target?: KpiValue; baseline?: KpiValue },
  ctx: KpiParseContext | undefined,
  locale: Locale,
): KpiReading {
  return describeKpiValue(parseKpiValue(text, ctx), kpi, ctx, locale);
}

export function describeKpiValue(
  value: KpiValue,
  kpi: { target?: KpiValue; baseline?: KpiValue },
  ctx: KpiParseContext | undefined,
  locale: Locale,
): KpiReading {
  if (value.kind === "none")
    return { empty: value.text.trim() === "", readable: true, parts: [say(locale, "none")] };
  if (value.kind === "text")
    return {
      empty: false,
      readable: false,
      parts: [say(locale, "unreadable")],
      ...(value.diagnostic ? { diagnostic: value.diagnostic } : {}),
    };
  const parts = mainParts(value, locale);
  if (value.cumulative) parts.push(say(locale, "cumulative"));
  if (value.cumulativeTotal !== undefined)
    parts.push(say(locale, "cumulativeTotal", { n: formatNumber(value.cumulativeTotal) }));
  if (value.perYear) parts.push(say(locale, "perYear"));
  if (value.fiscalYear !== undefined)
    parts.push(
      say(locale, "fiscalYear", {
        fy: locale === "ja" ? formatFiscalYear(value.fiscalYear) : String(value.fiscalYear),
      }),
    );
  if (value.asOf !== undefined)
    parts.push(say(locale, "asOf", { d: locale === "ja" ? formatJapaneseDate(value.asOf) : value.asOf }));
  if (value.period)
    parts.push(
      say(locale, "period", {
        p: locale === "ja" ? formatMonthPeriod(value.period) : `${value.period.from} – ${value.period.to}`,
      }),
    );
  if (value.note !== undefined) parts.push(say(locale, "note", { n: value.note }));
  if (value.secondary) parts.push(say(locale, "secondary", { v: formatKpiValue(value.secondary, ctx) }));
  const achievement = kpi.target ? achievementText(value, kpi.target, kpi.baseline, locale) : undefined;
  return {
    empty: false,
    readable: true,
    parts,
    ...(achievement ? { achievement } : {}),
    ...(value.diagnostic ? { diagnostic: value.diagnostic } : {}),
  };
}

function mainParts(v: KpiValue, locale: Locale): string[] {
  switch (v.kind) {
    case "money": {
      const written = amountText(v);
      return v.unit === "円" || v.yen === undefined ? [written] : [`${written} → ${formatNumber(v.yen)}円`];
    }
    case "quantity":
      return [amountText(v)];
    case "bound":
      return [say(locale, v.comparison === "atMost" ? "atMost" : "atLeast", { v: amountText(v) })];
    case "relative":
      return [say(locale, v.comparison === "atMost" ? "relativeAtMost" : "relativeAtLeast")];
    case "direction":
      return [say(locale, v.direction === "decrease" ? "decrease" : "increase")];
    case "stage":
      return [
        say(locale, "stage", { s: v.stage ?? v.text.trim() }),
        ...(v.continuing ? [say(locale, "continuing")] : []),
      ];
    default:
      return [];
  }
}

function achievementText(
  current: KpiValue,
  target: KpiValue,
  baseline: KpiValue | undefined,
  locale: Locale,
): string | undefined {
  const achievement = computeAchievement({
    current,
    target,
    baseline: baseline ?? { text: "", kind: "none" },
  });
  if (!achievement.computable) return undefined;
  const t = target.text.trim();
  if (achievement.binary) return say(locale, achievement.met ? "met" : "notMet", { t });
  return say(locale, "against", { t, p: `${Math.round(achievement.ratio * 100)}%` });
}

/** The reading as one line: 「1億円 → 100,000,000円 ／ 令和2年度」. */
export function readingLine(reading: KpiReading, locale: Locale): string {
  const separator = locale === "ja" ? "／" : "; ";
  return [...reading.parts, ...(reading.achievement ? [reading.achievement] : [])].join(separator);
}
