import type { Initiative, Kpi, PlanDocument } from "../domain/plan-document.ts";
import { checkPlanDocument } from "../domain/plan-document-check.ts";
import { documentProblems, storeErrors } from "./messages.ts";

/** One KPI line of the document, with the KPI row it belongs to. */
export interface KpiListing {
  kpi: Kpi;
  initiative: Initiative;
  /** 1-based position under its initiative. */
  position: number;
  /**
   * Key of the listing that owns the KPI row: its own key, or for a 再掲 the key of the original it
   * repeats (followed to the end when a relisting repeats a relisting).
   */
  ownerKey: string;
}

export interface PreparedImport {
  initiatives: Initiative[];
  listings: KpiListing[];
}

/**
 * Checks the document by the rule every importer applies too (checkPlanDocument: the same refusal,
 * in the same words, on SQLite and PostgreSQL) and resolves 再掲 links, before anything is written.
 * Throws StoreError("document.invalid").
 */
export function prepareImport(document: PlanDocument): PreparedImport {
  const problem = checkPlanDocument(document)[0];
  if (problem) throw storeErrors.documentInvalid(problem.message);

  const initiatives = document.policies.flatMap((p) => p.initiatives);
  const numbers = new Set<number>();
  for (const initiative of initiatives) {
    if (numbers.has(initiative.number)) {
      throw storeErrors.documentInvalid(documentProblems.duplicateInitiative(initiative.number));
    }
    numbers.add(initiative.number);
  }

  const byKey = new Map<string, { kpi: Kpi; initiative: Initiative }>();
  for (const initiative of initiatives) {
    for (const kpi of initiative.kpis) {
      if (byKey.has(kpi.key)) throw storeErrors.documentInvalid(documentProblems.duplicateKpiKey(kpi.key));
      byKey.set(kpi.key, { kpi, initiative });
    }
  }

  const ownerOf = (kpi: Kpi): string => {
    const seen = new Set<string>();
    let current = kpi;
    while (current.relisted && current.relistOf !== undefined) {
      if (seen.has(current.key)) throw storeErrors.documentInvalid(documentProblems.relistCycle(kpi.key));
      seen.add(current.key);
      const original = byKey.get(current.relistOf);
      if (!original) {
        throw storeErrors.documentInvalid(documentProblems.unknownRelist(current.key, current.relistOf));
      }
      current = original.kpi;
    }
    return current.key;
  };

  const listings: KpiListing[] = [];
  for (const initiative of initiatives) {
    const owners = new Set<string>();
    initiative.kpis.forEach((kpi, index) => {
      const ownerKey = ownerOf(kpi);
      // One initiative links a KPI once; listing it twice under the same initiative has no meaning.
      if (owners.has(ownerKey))
        throw storeErrors.documentInvalid(documentProblems.relistSameInitiative(kpi.key));
      owners.add(ownerKey);
      listings.push({ kpi, initiative, position: index + 1, ownerKey });
    });
  }
  return { initiatives, listings };
}
