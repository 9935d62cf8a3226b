import type { PlanDocument } from "../src/domain/plan-document.ts";
import { initiativeHistory } from "../src/server/initiative-history.ts";
import type { Actor, InitiativeHistory, PublicationRecord, Store } from "../src/store/types.ts";
import { type ImportRoundOutcome, importRound } from "../src/workflow/import-round.ts";

/** The actor tests write as (the audit log names it). */
export const TEST_ACTOR: Actor = { kind: "system", name: "test" };

/** Imports a document as `shinchoku import` does: stored, then published as it stands. */
export function importDocument(
  store: Store,
  document: PlanDocument,
  options: { organization: { slug: string; name: string }; replace?: boolean },
): Promise<ImportRoundOutcome> {
  return importRound(store, TEST_ACTOR, { document, ...options });
}

/** The round's table as its live rows hold it (the draft). */
export async function loadDraft(
  store: Store,
  planId: number,
  fiscalYear: number,
): Promise<PlanDocument | undefined> {
  const round = await store.rounds.find(planId, fiscalYear);
  return round && (await store.rounds.snapshot(round.id))?.document;
}

/** The latest publication's table of the round. */
export async function loadPublished(
  store: Store,
  planId: number,
  fiscalYear: number,
): Promise<PlanDocument | undefined> {
  const plan = await store.plans.find(planId);
  if (!plan) return undefined;
  const record = (await store.publications.listLatest(plan.organizationId, planId)).find(
    (p) => p.fiscalYear === fiscalYear,
  );
  return record && (await store.publications.load(record.id))?.document;
}

/** The latest publication of each published round of the plan, oldest first. */
export async function publishedRounds(store: Store, planId: number): Promise<PublicationRecord[]> {
  const plan = await store.plans.find(planId);
  return plan ? store.publications.listLatest(plan.organizationId, planId) : [];
}

/** One initiative across the plan's published years, as the initiative page builds it. */
export async function loadHistory(
  store: Store,
  planId: number,
  number: number,
): Promise<InitiativeHistory | undefined> {
  const plan = await store.plans.find(planId);
  if (!plan) return undefined;
  const rounds = await publishedRounds(store, planId);
  const publications = await Promise.all(rounds.map((r) => store.publications.load(r.id)));
  return initiativeHistory(
    plan,
    publications.filter((p) => p !== undefined),
    number,
  );
}
