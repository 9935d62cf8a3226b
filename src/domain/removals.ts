import type { PlanDocument } from "./plan-document.ts";

/**
 * What replacing a stored round with another document of the same plan and fiscal year would take
 * away: initiatives (by No.) and KPI lines (by initiative and name, the way the store matches them)
 * that the stored round has and the new document does not. A replacement that removes something is
 * often a partial or wrong file, so the operator must say that it is meant.
 */
export interface Removals {
  initiatives: { number: number; title: string }[];
  /** KPI lines of initiatives that stay. */
  kpis: { initiativeNumber: number; name: string }[];
}

export function removalsBetween(stored: PlanDocument, next: PlanDocument): Removals {
  const nextInitiatives = new Map(
    next.policies.flatMap((p) => p.initiatives).map((i) => [i.number, new Set(i.kpis.map((k) => k.name))]),
  );
  const removals: Removals = { initiatives: [], kpis: [] };
  for (const initiative of stored.policies.flatMap((p) => p.initiatives)) {
    const names = nextInitiatives.get(initiative.number);
    if (!names) {
      removals.initiatives.push({ number: initiative.number, title: initiative.title });
      continue;
    }
    for (const kpi of initiative.kpis) {
      if (!names.has(kpi.name)) removals.kpis.push({ initiativeNumber: initiative.number, name: kpi.name });
    }
  }
  return removals;
}

export function hasRemovals(removals: Removals): boolean {
  return removals.initiatives.length > 0 || removals.kpis.length > 0;
}
