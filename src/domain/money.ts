import type { MoneyUnit } from "./kpi-value.ts";

/**
 * Money units of progress tables and their size in yen. Amounts are compared in yen (1億円 against
 * 39,411千円), and every conversion goes through decimal text so that 1.1千円 is 1100 yen, not
 * 1100.0000000000002.
 */
export const MONEY_UNITS: Readonly<Record<MoneyUnit, number>> = {
  円: 1,
  千円: 1e3,
  万円: 1e4,
  百万円: 1e6,
  億円: 1e8,
};

/** Power of ten of each unit; conversions shift the decimal point instead of multiplying floats. */
const EXPONENTS: Readonly<Record<MoneyUnit, number>> = { 円: 0, 千円: 3, 万円: 4, 百万円: 6, 億円: 8 };

export function isMoneyUnit(unit: string | undefined): unit is MoneyUnit {
  return unit !== undefined && Object.hasOwn(MONEY_UNITS, unit);
}

/** 76006 千円 → 76006000 */
export function toYen(value: number, unit: MoneyUnit): number {
  return shiftDecimal(value, EXPONENTS[unit]);
}

/** 76006000 円 → 76006 千円 */
export function fromYen(yen: number, unit: MoneyUnit): number {
  return shiftDecimal(yen, -EXPONENTS[unit]);
}

/** 1 億円 → 100000 千円 */
export function convertMoney(value: number, from: MoneyUnit, to: MoneyUnit): number {
  return shiftDecimal(value, EXPONENTS[from] - EXPONENTS[to]);
}

/**
 * value × 10^places, as the nearest double to the exact decimal result: the shortest decimal text of
 * `value` (what JavaScript prints) is shifted by editing its exponent and read back once.
 */
function shiftDecimal(value: number, places: number): number {
  if (!Number.isFinite(value) || value === 0 || places === 0) return value;
  const [mantissa = "", exponent = "0"] = value.toExponential().split("e");
  return Number(`${mantissa}e${Number(exponent) + places}`);
}
