import type { PlanDocument } from "../domain/plan-document.ts";
import type { Actor, ImportOutcome, PublicationRecord, Store } from "../store/types.ts";

export interface ImportRoundInput {
  document: PlanDocument;
  organization: { slug: string; name: string };
  /** Replace the round of the same plan and fiscal year (only while it holds nothing but an import). */
  replace?: boolean;
}

export interface ImportRoundOutcome extends ImportOutcome {
  /** The table as imported, published at once: 第1版, or the next revision of a replaced round. */
  publication: PublicationRecord;
}

/**
 * 取込: a whole table read from a file becomes a round of its plan and is published as it stands —
 * an imported table is one a city has already published. One transaction: the organization, the
 * round's rows, the publication and their audit entries, or nothing.
 */
export function importRound(
  store: Store,
  actor: Actor,
  input: ImportRoundInput,
): Promise<ImportRoundOutcome> {
  return store.transaction({ actor }, async (tx) => {
    const { organization } = await tx.organizations.ensure(input.organization);
    const outcome = await tx.rounds.importDocument(input.document, {
      organizationId: organization.id,
      ...(input.replace ? { replace: true } : {}),
    });
    const publication = await tx.publications.publish(outcome.roundId, { source: "imported" });
    return { ...outcome, publication };
  });
}
