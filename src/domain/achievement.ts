import { REASON_PREFIX, REASONS, ROLE_LABELS } from "./achievement-words.ts";
import { type KpiValue, STAGES, type Stage } from "./kpi-value.ts";
import { isMoneyUnit, toYen } from "./money.ts";

/**
 * Achievement (達成率) of a KPI: how far the current value (現状値) has gone from the baseline (当初)
 * toward the target (目標). The rule follows the target's kind (docs/KPI-NOTATION.md, last paragraph);
 * a KPI whose values cannot be compared says why instead of showing a number.
 */
export type AchievementMethod = "numeric" | "bound" | "direction" | "stage" | "cumulative";

export type AchievementCode =
  | "current-missing"
  | "current-unreadable"
  | "target-missing"
  | "target-unreadable"
  | "baseline-missing"
  | "baseline-unreadable"
  | "kind-mismatch"
  | "unit-mismatch"
  | "out-of-range";

export type Achievement =
  | {
      computable: true;
      method: AchievementMethod;
      /** 1 = target reached; < 0 moved away from it; > 1 beyond it. Always finite. */
      ratio: number;
      /** The target is reached. */
      met: boolean;
      /**
       * The current value is further from the target than the baseline was (当初より悪化): a negative
       * ratio, or, where the ratio only says met or not, a value on the wrong side of the baseline.
       */
      regressed: boolean;
      /** Which way the KPI should move, when the target says so. */
      direction?: "increase" | "decrease";
      /**
       * The ratio only says met (1) or not (0): the target names no distance to measure (拡大, 縮小,
       * 現状以下, a target equal to the baseline, a bound the baseline already satisfies).
       */
      binary?: boolean;
    }
  | { computable: false; code: AchievementCode; reason: string; reasonEn: string };

export interface KpiValues {
  baseline: KpiValue;
  target: KpiValue;
  current: KpiValue;
}

export type Role = "baseline" | "target" | "current";
type Computable = Extract<Achievement, { computable: true }>;
type NotComputable = Extract<Achievement, { computable: false }>;

type Params = Record<string, string>;

function notComputable(code: AchievementCode, params: Params = {}): NotComputable {
  const entry = REASONS[code];
  return {
    computable: false,
    code,
    reason: REASON_PREFIX.ja + entry.ja(params),
    reasonEn: REASON_PREFIX.en + entry.en(params),
  };
}

function unreadable(role: Role, value: KpiValue): NotComputable {
  return notComputable(`${role}-unreadable`, { text: value.text });
}

function kindMismatch(role: Role, value: KpiValue, target: KpiValue): NotComputable {
  const label = ROLE_LABELS[role];
  return notComputable("kind-mismatch", {
    target: target.text,
    text: value.text,
    roleJa: label.ja,
    roleEn: label.en,
  });
}

// ---- numbers and units ----------------------------------------------------------------------------

/** A number ready to compare: money in yen, everything else in its written unit. */
interface Amount {
  amount: number;
  /** Normalized unit; undefined for a bare number. */
  unit: string | undefined;
  money: boolean;
  /** The unit as written, for messages. */
  writtenUnit: string | undefined;
}

/**
 * `回/年` and `回` are the same unit: a yearly target (50回/年) is compared with one fiscal year's
 * count (53回), and every current value in a progress table is one fiscal year's. Full-width forms
 * (％) are folded into ASCII so that a value typed either way compares.
 */
function normalizeUnit(unit: string | undefined): string | undefined {
  if (unit === undefined) return undefined;
  const folded = unit
    .normalize("NFKC")
    .trim()
    .replace(/\s*\/\s*年$/u, "");
  return folded === "" ? undefined : folded;
}

function amountOf(value: KpiValue): Amount | undefined {
  if (value.yen !== undefined) {
    return Number.isFinite(value.yen)
      ? { amount: value.yen, unit: "円", money: true, writtenUnit: value.unit ?? "円" }
      : undefined;
  }
  if (value.kind === "money") return undefined;
  if (value.value === undefined || !Number.isFinite(value.value)) return undefined;
  return { amount: value.value, unit: normalizeUnit(value.unit), money: false, writtenUnit: value.unit };
}

function isNumericKind(value: KpiValue): boolean {
  return value.kind === "quantity" || value.kind === "money";
}

/** The number of a baseline or current value compared with a numeric target; a failure otherwise. */
function numberFor(role: Role, value: KpiValue, target: KpiValue): Amount | NotComputable {
  if (!isNumericKind(value)) return kindMismatch(role, value, target);
  return amountOf(value) ?? unreadable(role, value);
}

/**
 * Money compares only with money (in yen). A bare number (3.57 under 「職員の職務満足度（5点満点）」)
 * takes its unit from the KPI's name, so it agrees with any written unit; two written units must be
 * the same. 約 is not part of the unit (it is `approximate`), so 約50% and 100% agree.
 */
function unitsAgree(a: Amount, b: Amount): boolean {
  if (a.money || b.money) return a.money && b.money;
  return a.unit === undefined || b.unit === undefined || a.unit === b.unit;
}

/** `amount` (of `role`) is measured against `reference`: the target, or the baseline for 拡大/縮小/現状以下. */
function unitMismatch(
  role: Role,
  amount: Amount,
  reference: Amount,
  referenceRole: Role = "target",
): NotComputable {
  return notComputable("unit-mismatch", {
    roleJa: ROLE_LABELS[role].ja,
    roleEn: ROLE_LABELS[role].en,
    unitJa: amount.writtenUnit ?? "単位なし",
    unitEn: amount.writtenUnit ?? "none",
    referenceJa: ROLE_LABELS[referenceRole].ja,
    referenceEn: ROLE_LABELS[referenceRole].en,
    referenceUnitJa: reference.writtenUnit ?? "単位なし",
    referenceUnitEn: reference.writtenUnit ?? "none",
  });
}

function isFailure(x: Amount | NotComputable | number | undefined): x is NotComputable {
  return typeof x === "object" && "computable" in x;
}

/** Same number up to floating-point noise (5.7 + 0.3 vs 6.0). */
function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * (value − from) / (to − from), the direction taken from the numbers. A target equal to its starting
 * point says "keep this level" without saying which side is better, so only keeping it is met; a
 * plan that means "at least" writes 以上 (a bound), which is measured by its own rule.
 */
function linear(from: number, to: number, value: number, method: AchievementMethod): Computable {
  if (sameNumber(from, to)) {
    // Off the level in either direction: the target does not say which side is worse.
    const met = sameNumber(value, to);
    return { computable: true, method, ratio: met ? 1 : 0, met, regressed: false, binary: true };
  }
  const direction = to > from ? "increase" : "decrease";
  const met = direction === "increase" ? value >= to : value <= to;
  const ratio = (value - from) / (to - from);
  return { computable: true, method, ratio, met, regressed: ratio < 0, direction };
}

// ---- stages -----------------------------------------------------------------------------------------

const IMPLEMENTED = STAGES.indexOf("実施");

/** Position on the ladder 検討0 < 準備1 < 一部実施2 < 実施3 < 拡大4; 継続実施 is at least 実施. */
function stagePosition(value: KpiValue): number | undefined {
  let stage: Stage | undefined;
  if (value.kind === "stage") stage = value.stage;
  else if (value.kind === "direction")
    stage = value.stage ?? (value.direction === "increase" ? "拡大" : undefined);
  else return undefined;
  const position = stage === undefined ? undefined : STAGES.indexOf(stage);
  if (value.continuing) return Math.max(position ?? IMPLEMENTED, IMPLEMENTED);
  return position;
}

/** The stage position of a baseline or current value compared with a stage target; a failure otherwise. */
function stageFor(role: Role, value: KpiValue, target: KpiValue): number | NotComputable {
  const position = stagePosition(value);
  if (position !== undefined) return position;
  return value.kind === "stage" ? unreadable(role, value) : kindMismatch(role, value, target);
}

function isStageLike(value: KpiValue): boolean {
  return stagePosition(value) !== undefined;
}

// ---- one rule per kind of target --------------------------------------------------------------------

/** 52件 → 62件; 57,074千円 → 1億円(R2年度); - → 50回/年 (no baseline: measured from zero). */
function byNumber({ baseline, target, current }: KpiValues): Achievement {
  const t = amountOf(target);
  if (!t) return unreadable("target", target);
  const c = numberFor("current", current, target);
  if (isFailure(c)) return c;
  if (!unitsAgree(c, t)) return unitMismatch("current", c, t);
  const b = baseline.kind === "none" ? undefined : numberFor("baseline", baseline, target);
  if (isFailure(b)) return b;
  if (b && !unitsAgree(b, t)) return unitMismatch("baseline", b, t);
  return linear(b?.amount ?? 0, t.amount, c.amount, "numeric");
}

/**
 * 350事業(累計) against 72事業(累計215): the cumulative total against the target, 215 / 350. The
 * baseline is not subtracted: 101事業 is the count of the one year before the plan, while the target
 * counts every year of the plan period, so the baseline is not a part of the target's total.
 *
 * A current value without a cumulative total (33,000枚(累計) against 14,955枚) is itself the running
 * total, and so is the baseline (8,983枚 (H29.2末) issued so far): the distance is measured as for a
 * numeric target, (14,955 − 8,983) / (33,000 − 8,983).
 */
function byCumulative({ baseline, target, current }: KpiValues): Achievement {
  const t = amountOf(target);
  if (!t) return unreadable("target", target);
  const c = numberFor("current", current, target);
  if (isFailure(c)) return c;
  if (!unitsAgree(c, t)) return unitMismatch("current", c, t);
  const total = cumulativeTotalOf(current, c);
  if (isFailure(total)) return total;
  if (total !== undefined) {
    const met = total >= t.amount;
    if (t.amount <= 0)
      return {
        computable: true,
        method: "cumulative",
        ratio: met ? 1 : 0,
        met,
        regressed: false,
        binary: true,
      };
    // A running total does not fall below where it started, so it never regresses.
    return {
      computable: true,
      method: "cumulative",
      ratio: total / t.amount,
      met,
      regressed: false,
      direction: "increase",
    };
  }
  const b = baseline.kind === "none" ? undefined : numberFor("baseline", baseline, target);
  if (isFailure(b)) return b;
  if (b && !unitsAgree(b, t)) return unitMismatch("baseline", b, t);
  return linear(b?.amount ?? 0, t.amount, c.amount, "cumulative");
}

/** 72事業(累計215) → 215; 215事業(累計) → 215 (the value is the total); 72事業 → undefined. */
function cumulativeTotalOf(current: KpiValue, c: Amount): number | undefined | NotComputable {
  if (current.cumulativeTotal === undefined) return current.cumulative ? c.amount : undefined;
  if (!Number.isFinite(current.cumulativeTotal)) return unreadable("current", current);
  if (!c.money) return current.cumulativeTotal;
  // In yen by shifting the decimal point: 1.15 × 1e8 in floating point falls short of 1.15億円.
  return isMoneyUnit(current.unit)
    ? toYen(current.cumulativeTotal, current.unit)
    : unreadable("current", current);
}

/**
 * 30%以上 from 29.6%, current 27.0%: met when the bound holds; the ratio measures the way from the
 * baseline to the bound like a numeric target. A baseline that already satisfies the bound leaves no
 * way to measure, so the ratio is then only met (1) or not (0).
 */
function byBound({ baseline, target, current }: KpiValues): Achievement {
  const t = amountOf(target);
  if (!t || !target.comparison) return unreadable("target", target);
  const c = numberFor("current", current, target);
  if (isFailure(c)) return c;
  if (!unitsAgree(c, t)) return unitMismatch("current", c, t);
  const b = baseline.kind === "none" ? undefined : numberFor("baseline", baseline, target);
  if (isFailure(b)) return b;
  if (b && !unitsAgree(b, t)) return unitMismatch("baseline", b, t);
  const atLeast = target.comparison === "atLeast";
  const holds = (x: number) => (atLeast ? x >= t.amount : x <= t.amount);
  const from = b?.amount ?? 0;
  const direction = atLeast ? "increase" : "decrease";
  const met = holds(c.amount);
  // The baseline kept the bound: breaking it now is worse than at the start.
  if (holds(from))
    return {
      computable: true,
      method: "bound",
      ratio: met ? 1 : 0,
      met,
      regressed: !met,
      direction,
      binary: true,
    };
  const ratio = (c.amount - from) / (t.amount - from);
  return { computable: true, method: "bound", ratio, met, regressed: ratio < 0, direction };
}

/** 現状以下 (617g, current 615g): met when the current value keeps to the baseline's side. */
function byRelativeBound({ baseline, target, current }: KpiValues): Achievement {
  if (!target.comparison) return unreadable("target", target);
  if (baseline.kind === "none") return notComputable("baseline-missing", { target: target.text });
  const b = numberFor("baseline", baseline, target);
  if (isFailure(b)) return b;
  const c = numberFor("current", current, target);
  if (isFailure(c)) return c;
  if (!unitsAgree(c, b)) return unitMismatch("current", c, b, "baseline");
  const atMost = target.comparison === "atMost";
  const met = atMost ? c.amount <= b.amount : c.amount >= b.amount;
  const direction = atMost ? "decrease" : "increase";
  // Not met means strictly on the wrong side of the baseline.
  return {
    computable: true,
    method: "bound",
    ratio: met ? 1 : 0,
    met,
    regressed: !met,
    direction,
    binary: true,
  };
}

/**
 * 拡大 / 縮小 from a number (27施設 → 拡大): met when the current value is strictly above / below the
 * baseline; staying level is not 拡大. From a stage (実施 → 拡大), 拡大 is the top stage of the ladder.
 */
function byDirection(values: KpiValues): Achievement {
  const { baseline, target, current } = values;
  if (baseline.kind === "none") return notComputable("baseline-missing", { target: target.text });
  if (isStageLike(baseline) && stagePosition(target) !== undefined) return byStage(values);
  if (!target.direction) return unreadable("target", target);
  const b = numberFor("baseline", baseline, target);
  if (isFailure(b)) return b;
  const c = numberFor("current", current, target);
  if (isFailure(c)) return c;
  if (!unitsAgree(c, b)) return unitMismatch("current", c, b, "baseline");
  const direction = target.direction;
  const met = direction === "increase" ? c.amount > b.amount : c.amount < b.amount;
  const regressed = direction === "increase" ? c.amount < b.amount : c.amount > b.amount;
  return {
    computable: true,
    method: "direction",
    ratio: met ? 1 : 0,
    met,
    regressed,
    direction,
    binary: true,
  };
}

/**
 * 検討 → 実施, current 一部実施: (2 − 0) / (3 − 0). A due year (実施(29年度)) does not change the
 * measure; whether the stage came late is for the committee's grade to say. A target at or below the
 * baseline's stage (実施(26年度) → 実施(31年度): do it again) is met once the stage is reached.
 */
function byStage({ baseline, target, current }: KpiValues): Achievement {
  const pt = stagePosition(target);
  if (pt === undefined) return unreadable("target", target);
  if (baseline.kind === "none") return notComputable("baseline-missing", { target: target.text });
  const pb = stageFor("baseline", baseline, target);
  if (isFailure(pb)) return pb;
  const pc = stageFor("current", current, target);
  if (isFailure(pc)) return pc;
  const met = pc >= pt;
  // Below a target stage the baseline had already reached: a step back.
  if (pt <= pb)
    return { computable: true, method: "stage", ratio: met ? 1 : 0, met, regressed: !met, binary: true };
  const ratio = (pc - pb) / (pt - pb);
  return { computable: true, method: "stage", ratio, met, regressed: ratio < 0 };
}

// ---- entry points -----------------------------------------------------------------------------------

/**
 * Beyond a billion times the target's distance a ratio says nothing a person can use, and it could
 * overflow to Infinity when formatted; such inputs are reported instead (this also catches NaN).
 */
const MAX_RATIO = 1e9;

export function computeAchievement(kpi: KpiValues): Achievement {
  const { baseline, target, current } = kpi;
  if (current.kind === "none") return notComputable("current-missing");
  if (current.kind === "text") return unreadable("current", current);
  if (target.kind === "none") return notComputable("target-missing");
  if (target.kind === "text") return unreadable("target", target);
  if (baseline.kind === "text") return unreadable("baseline", baseline);
  const result = byTargetKind(kpi);
  if (result.computable && !(Math.abs(result.ratio) <= MAX_RATIO)) return notComputable("out-of-range");
  return result;
}

function byTargetKind(kpi: KpiValues): Achievement {
  const { target } = kpi;
  switch (target.kind) {
    case "quantity":
    case "money":
      return target.cumulative ? byCumulative(kpi) : byNumber(kpi);
    case "bound":
      return byBound(kpi);
    case "relative":
      return byRelativeBound(kpi);
    case "direction":
      return byDirection(kpi);
    case "stage":
      return byStage(kpi);
    default:
      return unreadable("target", target);
  }
}

// ---- status and pace ---------------------------------------------------------------------------------

/**
 * What a reader is told first (docs/ACHIEVEMENT.md): the target is reached (met), the KPI keeps pace
 * with the plan period (onTrack), falls behind it (behind), is worse than at the start (regressed), or
 * cannot be measured (notComputable). The number only supports the word.
 */
export type AchievementStatus = "met" | "onTrack" | "behind" | "regressed" | "notComputable";

/** The achievement set against the share of the plan period that has passed. */
export type Pace = "ahead" | "onTrack" | "behind";

/**
 * How far from the expected share an achievement still counts as keeping pace: ±10 percentage points.
 * Both sides of the comparison move in whole steps (one fiscal year is 20% of a five-year plan; a KPI
 * value is one reading a year), so a strict line would call 59% against 60% "behind".
 */
export const PACE_TOLERANCE = 0.1;

export interface AchievementAssessment {
  achievement: Achievement;
  status: AchievementStatus;
  /**
   * The achievement in percent with one decimal (0.755 → 75.5): the one unit every output uses. Null
   * when not computable or when the target only says met or not (binary).
   */
  percent: number | null;
  /** Met with a ratio above 1: beyond the target (目標超過). */
  exceeded: boolean;
  /** Share of the plan period passed at the end of the round's fiscal year, 0…1 (plan-period.ts). */
  expectedShare: number;
  /** Achievement against expectedShare; null when there is no ratio to compare (binary, not computable). */
  pace: Pace | null;
}

/** 0.7554 → 75.5; −0.0004 → 0 (never −0). */
export function ratioToPercent(ratio: number): number {
  const tenths = Math.round(ratio * 1000);
  return tenths === 0 ? 0 : tenths / 10;
}

function paceOf(ratio: number, expected: number): Pace {
  if (ratio >= expected + PACE_TOLERANCE) return "ahead";
  if (ratio < expected - PACE_TOLERANCE) return "behind";
  return "onTrack";
}

/**
 * The status of an achievement in a round whose fiscal year ends with `expectedShare` of the plan
 * period passed (FY2019 of FY2017–2021: 0.6). The rules, in order:
 * 1. not computable → notComputable;
 * 2. met → met;
 * 3. regressed (worse than the baseline) → regressed;
 * 4. a met-or-not target that is not met → behind (nothing shows progress toward it);
 * 5. otherwise by pace: behind when the ratio is more than PACE_TOLERANCE below the expected share,
 *    onTrack otherwise.
 */
export function assessAchievement(achievement: Achievement, expectedShare: number): AchievementAssessment {
  const expected = Number.isFinite(expectedShare) ? Math.min(1, Math.max(0, expectedShare)) : 0;
  if (!achievement.computable) {
    return {
      achievement,
      status: "notComputable",
      percent: null,
      exceeded: false,
      expectedShare: expected,
      pace: null,
    };
  }
  const { ratio, met, regressed, binary } = achievement;
  const percent = binary ? null : ratioToPercent(ratio);
  const pace = binary ? null : regressed ? "behind" : paceOf(ratio, expected);
  const status: AchievementStatus = met
    ? "met"
    : regressed
      ? "regressed"
      : binary || pace === "behind"
        ? "behind"
        : "onTrack";
  return {
    achievement,
    status,
    percent,
    exceeded: met && !binary && ratio > 1,
    expectedShare: expected,
    pace,
  };
}

/** computeAchievement and assessAchievement in one call. */
export function assessKpi(kpi: KpiValues, expectedShare: number): AchievementAssessment {
  return assessAchievement(computeAchievement(kpi), expectedShare);
}
