/**
 * The plan period (計画期間) and how much of it has passed. Used to set a KPI's achievement beside the
 * share of the plan the calendar has already used up ("60% of the way through the plan, 40% of the
 * way to the target").
 */

export interface PlanPeriod {
  /** First fiscal year (西暦 start year: 平成29年度 → 2017). */
  startFiscalYear: number;
  /** Last fiscal year, inclusive (令和3年度 → 2021). */
  endFiscalYear: number;
}

export interface ExpectedShare {
  /** Whole fiscal years of the plan that have ended, 0…totalYears. */
  elapsedYears: number;
  /** Fiscal years in the plan. */
  totalYears: number;
  /** elapsedYears / totalYears in [0, 1]; 0 for an empty period (never NaN). */
  share: number;
}

/** Fiscal years in the plan, both ends included: FY2017–FY2021 → 5. A reversed period has none. */
export function planYearCount(plan: PlanPeriod): number {
  return Math.max(0, plan.endFiscalYear - plan.startFiscalYear + 1);
}

/**
 * The share of the plan period the calendar has used up at the END of `fiscalYear` (the date a
 * progress table describes: R1年度末 = 2020-03-31). FY2019 in a FY2017–2021 plan → 3 of 5 = 0.6; a year
 * before the start → 0; a year after the end → 1.
 *
 * It counts whole fiscal years, not days, because everything it is compared with is yearly: a
 * report covers one fiscal year, budgets and KPI values are settled per fiscal year, and a table
 * "as of" some day in the middle of a year still reports that year's end-of-year values. Counting
 * days would suggest a precision the data does not have.
 */
export function expectedShare(plan: PlanPeriod, fiscalYear: number): ExpectedShare {
  const totalYears = planYearCount(plan);
  const ended = Math.floor(fiscalYear) - plan.startFiscalYear + 1;
  const elapsedYears = Math.min(totalYears, Math.max(0, ended));
  return { elapsedYears, totalYears, share: totalYears === 0 ? 0 : elapsedYears / totalYears };
}
