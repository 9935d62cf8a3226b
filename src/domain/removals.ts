import { initiativeNumberKey, initiativeNumberLabel } from "./initiative-number.ts";
import type { PlanDocument } from "./plan-document.ts";

/**
 * What replacing a stored round with another document of the same plan and fiscal year would take
 * away: initiatives (by No. as written, the way the store matches them) and KPI lines (by initiative and name, the way the store matches them)
 * that the stored round has and the new document does not. A replacement that removes something is
 * often a partial or wrong file, so the operator must say that it is meant.
 */
export interface Removals {
  /** `number`: the No. as written ("3", "1-2"). */
  initiatives: { number: string; title: string }[];
  /** KPI lines of initiatives that stay. */
  kpis: { initiativeNumber: string; name: string }[];
}

export function removalsBetween(stored: PlanDocument, next: PlanDocument): Removals {
  const nextInitiatives = new Map(
    next.policies
      .flatMap((p) => p.initiatives)
      .map((i) => [initiativeNumberKey(initiativeNumberLabel(i)), new Set(i.kpis.map((k) => k.name))]),
  );
  const removals: Removals = { initiatives: [], kpis: [] };
  for (const initiative of stored.policies.flatMap((p) => p.initiatives)) {
    const number = initiativeNumberLabel(initiative);
    const names = nextInitiatives.get(initiativeNumberKey(number));
    if (!names) {
      removals.initiatives.push({ number, title: initiative.title });
      continue;
    }
    for (const kpi of initiative.kpis) {
      if (!names.has(kpi.name)) removals.kpis.push({ initiativeNumber: number, name: kpi.name });
    }
  }
  return removals;
}

export function hasRemovals(removals: Removals): boolean {
  return removals.initiatives.length > 0 || removals.kpis.length > 0;
}
