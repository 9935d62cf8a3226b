import { eraOfFiscalYear } from "./era.ts";
import type { KpiParseContext } from "./kpi-value.ts";
import type { PlanDocument } from "./plan-document.ts";

/**
 * How a plan's era-less years in KPI values (`実施(29年度)`) are read: in the era of its first fiscal
 * year, and, when the period is known, in the era that puts them nearest to it (`実施(元年度)` in a
 * 平成29年度～令和3年度 plan is R1, not H1). Every importer reads values through this one rule.
 */
export function kpiParseContext(
  plan: Pick<PlanDocument["plan"], "startFiscalYear" | "endFiscalYear" | "baselineFiscalYear">,
): KpiParseContext {
  const ctx: KpiParseContext = { defaultEra: defaultEra(plan) };
  const { startFiscalYear, endFiscalYear } = plan;
  if (startFiscalYear > 0 && endFiscalYear >= startFiscalYear)
    ctx.planPeriod = { startFiscalYear, endFiscalYear };
  return ctx;
}

function defaultEra(plan: Pick<PlanDocument["plan"], "startFiscalYear" | "baselineFiscalYear">) {
  for (const fy of [plan.startFiscalYear, plan.baselineFiscalYear]) {
    if (fy === undefined || fy < 1927) continue;
    const era = eraOfFiscalYear(fy);
    // Era-less years of a plan begun in 昭和 are read from 平成 on: no plan reports in 昭和 any more.
    return era === "showa" ? "heisei" : era;
  }
  return "reiwa";
}
