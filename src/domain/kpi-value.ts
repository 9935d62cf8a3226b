/**
 * A KPI value as written in a progress table (see docs/KPI-NOTATION.md). The text is kept verbatim and
 * is what people see; the other fields are its parsed meaning, used for achievement, charts and sorting.
 */

/** Stages of putting a measure in place, in ladder order (検討 < 準備 < 一部実施 < 実施 < 拡大). */
export const STAGES = ["検討", "準備", "一部実施", "実施", "拡大"] as const;
export type Stage = (typeof STAGES)[number];

/**
 * - `none`: `-`, or an empty cell: no value.
 * - `quantity`: `52件`, `5.7%`, `3.57`, `50回/年`: a number with an optional unit.
 * - `money`: `76,006千円`, `1億円`: money; `yen` holds the amount in yen.
 * - `stage`: `検討`, `実施(29年度)`, `継続実施`: a stage on the ladder.
 * - `direction`: `拡大`, `縮小` as a target: above / below the baseline. `拡大` is also the top stage
 *   (`stage: "拡大"`).
 * - `bound`: `30%以上`: a numeric bound.
 * - `relative`: `現状以下`, `現状以上`: a bound relative to the baseline.
 * - `text`: text that could not be read; `diagnostic` says why.
 */
export const KPI_VALUE_KINDS = [
  "none",
  "quantity",
  "money",
  "stage",
  "direction",
  "bound",
  "relative",
  "text",
] as const;
export type KpiValueKind = (typeof KPI_VALUE_KINDS)[number];

export type MoneyUnit = "円" | "千円" | "万円" | "百万円" | "億円";

export interface KpiValue {
  /** Exactly as written (never trimmed of meaning, never "fixed"). */
  text: string;
  kind: KpiValueKind;
  /** The number as written, in `unit` (76,006千円 → 76006, unit 千円). */
  value?: number;
  /** Unit as written after the number: 件, 人, %, 千円, g, 回/年, … Absent for a bare number. */
  unit?: string;
  /** Money in yen (76,006千円 → 76006000). */
  yen?: number;
  /** 約50% */
  approximate?: boolean;
  /** `回/年`: a rate per year. */
  perYear?: boolean;
  /** Stage reached or aimed at (kind "stage", and "direction" for 拡大). */
  stage?: Stage;
  /** 継続実施: carried on at the 実施 level or above. */
  continuing?: boolean;
  /** 拡大 → "increase", 縮小 → "decrease" (kind "direction"). */
  direction?: "increase" | "decrease";
  /** 以上 → "atLeast", 以下 → "atMost" (kinds "bound" and "relative"). */
  comparison?: "atLeast" | "atMost";
  /** 現状以下: the bound refers to the baseline. */
  reference?: "baseline";
  /** The fiscal year (西暦 start year) a stage was reached or a target is due: 実施(29年度) → 2017, 1億円(R2年度) → 2020. */
  fiscalYear?: number;
  /** 350事業(累計): the figure is a cumulative total. */
  cumulative?: boolean;
  /** 72事業(累計215): this year's count is `value`, the cumulative total so far is 215. */
  cumulativeTotal?: number;
  /** Date (ISO yyyy-mm-dd) the value was measured when it differs from the column's: 8,983枚 (H29.2末). */
  asOf?: string;
  /** Period the value was measured over: 2,938人 (H26.6~29.2) → { from: "2014-06", to: "2017-02" }. */
  period?: { from: string; to: string };
  /** A second value at another date: 93.2% (90.6%H26.3末). */
  secondary?: SecondaryKpiValue;
  /** A note that qualifies the value: 74事務 (1事務対象外) → "1事務対象外"; 1団地(素案) → "素案". */
  note?: string;
  /** Why the text could not be read (kind "text"), or a warning about a part of it (an era-less year
   * with no context, an impossible date kept as a note), in Japanese. */
  diagnostic?: string;
}

/** The second value inside a bracket ("90.6%H26.3末"): a value with its time, never a third one. */
export type SecondaryKpiValue = Omit<KpiValue, "secondary">;

/** Context for reading era-less years such as `29年度`: the era they belong to. */
export interface KpiParseContext {
  /** Era of the plan's first fiscal year; `31年度` in a 平成 plan is H31 = FY2019. */
  defaultEra: "heisei" | "reiwa";
  /**
   * The plan period, when known. An era-less year is then read in the era nearest to it: in a
   * 平成29年度～令和3年度 plan `実施(元年度)` is R1 (2019), not H1 (1989). See era.ts resolveEraLessYear.
   */
  planPeriod?: { startFiscalYear: number; endFiscalYear: number };
}
