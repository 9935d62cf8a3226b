import type { Actor, RemovalCounts, Store } from "../store/types.ts";

/**
 * 削除: a round, a plan or an organization taken away whole (`shinchoku remove`), one transaction
 * each. The store refuses what has publications unless `force`, checked inside the transaction, so
 * a publication made between the preview and the removal is never deleted unasked.
 */

export function removeRound(
  store: Store,
  actor: Actor,
  input: { roundId: number; force?: boolean },
): Promise<RemovalCounts> {
  return store.transaction({ actor }, (tx) =>
    tx.removals.removeRound(input.roundId, { force: input.force === true }),
  );
}

export function removePlan(
  store: Store,
  actor: Actor,
  input: { planId: number; force?: boolean },
): Promise<RemovalCounts> {
  return store.transaction({ actor }, (tx) =>
    tx.removals.removePlan(input.planId, { force: input.force === true }),
  );
}

export function removeOrganization(
  store: Store,
  actor: Actor,
  input: { organizationId: number; force?: boolean },
): Promise<RemovalCounts> {
  return store.transaction({ actor }, (tx) =>
    tx.removals.removeOrganization(input.organizationId, { force: input.force === true }),
  );
}
