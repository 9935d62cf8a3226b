import type { PlanDocument } from "../domain/plan-document.ts";
import {
  type Actor,
  ConflictError,
  type ImportOutcome,
  type PublicationRecord,
  type Store,
} from "../store/types.ts";
import { storedFingerprint, storedRoundOf } from "./import-preview.ts";

export interface ImportRoundInput {
  document: PlanDocument;
  /** The code, when given, is set on the organization (else the document's, if it has one). */
  organization: { slug: string; name: string; localGovernmentCode?: string };
  /** Replace the round of the same plan and fiscal year (only while it holds nothing but an import). */
  replace?: boolean;
  /**
   * What the preview was made against (storedFingerprint): when what is stored there now differs,
   * the import is refused (ConflictError) instead of overwriting a change nobody has seen.
   */
  expectedStored?: string;
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
    const code = input.organization.localGovernmentCode ?? input.document.organization?.localGovernmentCode;
    const { organization } = await tx.organizations.ensure({
      ...input.organization,
      ...(code !== undefined ? { localGovernmentCode: code } : {}),
    });
    if (input.expectedStored !== undefined) {
      const now = storedFingerprint(await storedRoundOf(tx, organization.id, input.document));
      if (now !== input.expectedStored)
        throw new ConflictError(
          "確認の後に、取り込み先の年度の内容が変わりました。もう一度確認してから取り込んでください。",
          now,
        );
    }
    const outcome = await tx.rounds.importDocument(input.document, {
      organizationId: organization.id,
      ...(input.replace ? { replace: true } : {}),
    });
    const publication = await tx.publications.publish(outcome.roundId, { source: "imported" });
    return { ...outcome, publication };
  });
}
