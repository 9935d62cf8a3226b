import type {
  AchievementAssessment,
  AchievementCode,
  AchievementMethod,
  AchievementStatus,
  Pace,
  Role,
} from "./achievement.ts";

/**
 * Every word the outputs use for achievement (達成状況), Japanese and English, in this one place: the
 * pages, the xlsx analysis sheet, the CSV and the API all take their words from here, so a status reads
 * the same everywhere. The rules behind the words are in achievement.ts and docs/ACHIEVEMENT.md.
 */

export type Locale = "ja" | "en";
type Words = Record<Locale, string>;

export const STATUS_WORDS: Record<AchievementStatus, Words> = {
  met: { ja: "達成", en: "Met" },
  onTrack: { ja: "順調", en: "On track" },
  behind: { ja: "遅れ", en: "Behind" },
  regressed: { ja: "後退", en: "Regressed" },
  notComputable: { ja: "算出不可", en: "Not computable" },
};

/** What the bracket after a status says. */
export const STATUS_NOTES = {
  exceeded: { ja: "目標超過", en: "beyond the target" },
  regressed: { ja: "当初より悪化", en: "worse than the baseline" },
} satisfies Record<string, Words>;

/** The method (算出方法): which rule measured the KPI, named after the kind of its target. */
export const METHOD_WORDS: Record<AchievementMethod, Words> = {
  numeric: { ja: "数値", en: "numeric" },
  bound: { ja: "上下限", en: "bound" },
  direction: { ja: "方向", en: "direction" },
  stage: { ja: "段階", en: "stage" },
  cumulative: { ja: "累計", en: "cumulative" },
};

/** One line per method for column descriptions and the docs page. */
export const METHOD_EXPLANATIONS: Record<AchievementMethod, Words> = {
  numeric: {
    ja: "（現状値 − 当初）÷（目標 − 当初）。当初がなければ0から",
    en: "(current − baseline) ÷ (target − baseline); from 0 without a baseline",
  },
  bound: {
    ja: "「30%以上」など：当初から境界までの割合。当初がすでに境界を満たすときと「現状以下」は満たすかどうかだけ",
    en: '"30%以上" (at least) etc.: the way from the baseline to the bound; met or not only when the baseline already keeps it, and for "現状以下"',
  },
  direction: {
    ja: "「拡大」「縮小」：当初より増えたか（減ったか）だけ",
    en: '"拡大" / "縮小" (increase / decrease): only whether the value rose (fell) from the baseline',
  },
  stage: {
    ja: "段階 検討 < 準備 < 一部実施 < 実施 < 拡大 の位置の差 ÷ 当初から目標までの段数",
    en: "stages 検討 < 準備 < 一部実施 < 実施 < 拡大 (study < preparation < partly in place < in place < expanded): steps taken ÷ steps from baseline to target",
  },
  cumulative: {
    ja: "「350事業(累計)」：これまでの累計 ÷ 目標",
    en: '"350事業(累計)": the running total ÷ the target',
  },
};

export const PACE_WORDS: Record<Pace, Words> = {
  ahead: { ja: "想定より先行", en: "ahead of the expected pace" },
  onTrack: { ja: "想定どおり", en: "on the expected pace" },
  behind: { ja: "想定より遅れ", en: "behind the expected pace" },
};

/** Why a pace is missing although the achievement is computable: the target only says met or not. */
export const NO_PACE: Words = {
  ja: "比較なし（達成したかどうかだけを見る目標）",
  en: "no comparison (the target is only met or not)",
};

export const ROLE_LABELS: Record<Role, Words> = {
  baseline: { ja: "当初", en: "baseline" },
  target: { ja: "目標", en: "target" },
  current: { ja: "現状値", en: "current value" },
};

type Params = Record<string, string>;

export const REASONS: Record<AchievementCode, { ja: (p: Params) => string; en: (p: Params) => string }> = {
  "current-missing": { ja: () => "現状値がありません", en: () => "there is no current value" },
  "current-unreadable": {
    ja: (p) => `現状値「${p.text}」を読み取れません`,
    en: (p) => `the current value "${p.text}" could not be read`,
  },
  "target-missing": { ja: () => "目標がありません", en: () => "there is no target" },
  "target-unreadable": {
    ja: (p) => `目標「${p.text}」を読み取れません`,
    en: (p) => `the target "${p.text}" could not be read`,
  },
  "baseline-missing": {
    ja: (p) => `当初の記載がないため目標「${p.target}」と比べられません`,
    en: (p) => `there is no baseline to measure the target "${p.target}" from`,
  },
  "baseline-unreadable": {
    ja: (p) => `当初「${p.text}」を読み取れません`,
    en: (p) => `the baseline "${p.text}" could not be read`,
  },
  "kind-mismatch": {
    ja: (p) => `目標「${p.target}」と${p.roleJa}「${p.text}」は種類が異なるため比べられません`,
    en: (p) => `the target "${p.target}" and the ${p.roleEn} "${p.text}" are of different kinds`,
  },
  "unit-mismatch": {
    ja: (p) => `${p.referenceJa}の単位（${p.referenceUnitJa}）と${p.roleJa}の単位（${p.unitJa}）が異なります`,
    en: (p) =>
      `the ${p.referenceEn}'s unit (${p.referenceUnitEn}) differs from the ${p.roleEn}'s (${p.unitEn})`,
  },
  "out-of-range": {
    ja: () => "数値の差が極端なため達成率を計算できません",
    en: () => "the numbers are too far apart to compute an achievement",
  },
};

export const REASON_PREFIX: Words = { ja: "算出不可：", en: "Not computable: " };

/** The reason of a not-computable achievement without its prefix; "" for a computable one. */
export function reasonText(a: AchievementAssessment, locale: Locale = "ja"): string {
  const x = a.achievement;
  if (x.computable) return "";
  return locale === "ja"
    ? x.reason.slice(REASON_PREFIX.ja.length)
    : x.reasonEn.slice(REASON_PREFIX.en.length);
}

function bracket(text: string, locale: Locale): string {
  return locale === "ja" ? `（${text}）` : ` (${text})`;
}

/** "達成（目標超過）", "順調", "後退（当初より悪化）", "算出不可（現状値がありません）". */
export function statusLabel(a: AchievementAssessment, locale: Locale = "ja"): string {
  const word = STATUS_WORDS[a.status][locale];
  if (a.status === "met" && a.exceeded) return word + bracket(STATUS_NOTES.exceeded[locale], locale);
  if (a.status === "regressed") return word + bracket(STATUS_NOTES.regressed[locale], locale);
  if (a.status === "notComputable") return word + bracket(reasonText(a, locale), locale);
  return word;
}

/** 75.5 → "75.5%"; −650 → "-650.0%" (one decimal always, as every output prints it). */
export function percentText(percent: number): string {
  // The minus sign (U+2212), never a hyphen; −0.0 (a tiny regression rounded) is written 0.0.
  const text = percent.toFixed(1);
  return `${text === "-0.0" ? "0.0" : text.replace("-", "\u2212")}%`;
}

/** The method's name, or "" when not computable. */
export function methodLabel(a: AchievementAssessment, locale: Locale = "ja"): string {
  return a.achievement.computable ? METHOD_WORDS[a.achievement.method][locale] : "";
}

/** "想定より先行", "比較なし（…）", or "" when not computable. */
export function paceLabel(a: AchievementAssessment, locale: Locale = "ja"): string {
  if (a.pace) return PACE_WORDS[a.pace][locale];
  return a.achievement.computable ? NO_PACE[locale] : "";
}

/**
 * One line for places with room for one cell: "順調 75.5%［数値］", "達成［方向］",
 * "後退（当初より悪化） -95.5%［数値］", "算出不可（現状値がありません）"; English
 * "On track 75.5% [numeric]". The method goes in square brackets so that it never reads as part of
 * the status's own bracket.
 */
export function formatAssessment(a: AchievementAssessment, locale: Locale = "ja"): string {
  const status = statusLabel(a, locale);
  if (!a.achievement.computable) return status;
  const number = a.percent === null ? "" : ` ${percentText(a.percent)}`;
  const method = methodLabel(a, locale);
  return locale === "ja" ? `${status}${number}［${method}］` : `${status}${number} [${method}]`;
}
