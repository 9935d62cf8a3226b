import { createHash } from "node:crypto";
import type { Diagnostic } from "../domain/diagnostic.ts";
import { type DocumentChange, diffDocuments } from "../domain/document-diff.ts";
import { importDepartmentFindings, type SourcePlace } from "../domain/import-departments.ts";
import { importPlanGradeFindings } from "../domain/import-plan-grades.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { type Removals, removalsBetween } from "../domain/removals.ts";
import type { PlanRecord, RoundRecord, RoundSnapshot, StoreReads } from "../store/types.ts";

/**
 * What an import would do to what is stored, before it is done: the same reading for the command
 * line (`shinchoku import --replace` lists removals) and the browser's preview (new / changed /
 * unchanged, field by field). A read, never a write.
 */

/** The stored round an import of `document` into the organization would meet (same plan, same year). */
export interface StoredRound {
  plan: PlanRecord;
  round: RoundRecord;
  snapshot: RoundSnapshot;
}

/** The plan is matched as the store's import matches it: by title and period. */
export async function storedRoundOf(
  store: StoreReads,
  organizationId: number,
  document: PlanDocument,
): Promise<StoredRound | undefined> {
  const { title, startFiscalYear, endFiscalYear } = document.plan;
  const plan = (await store.plans.list(organizationId)).find(
    (p) => p.title === title && p.startFiscalYear === startFiscalYear && p.endFiscalYear === endFiscalYear,
  );
  if (!plan) return undefined;
  const round = await store.rounds.find(plan.id, document.round.fiscalYear);
  const snapshot = round && (await store.rounds.snapshot(round.id));
  return round && snapshot ? { plan, round, snapshot } : undefined;
}

/**
 * A fingerprint of what is stored where the import would go: the round's record (its state and
 * version) and its table. A confirmation carrying the fingerprint its preview was made against is
 * refused when anything there changed in between (another import, an edit, a publication).
 */
export function storedFingerprint(stored: StoredRound | undefined): string {
  if (!stored) return "none";
  const { round, snapshot } = stored;
  return createHash("sha256")
    .update(`${round.id}\n${round.state}\n${round.version}\n${round.contentRevision}\n`)
    .update(JSON.stringify(snapshot.document))
    .digest("base64url");
}

export interface InitiativeComparison {
  number: number;
  title: string;
  status: "new" | "changed" | "unchanged" | "removed";
}

export interface StoredComparison {
  /** The stored round, when there is one; its import is then a replacement (a new revision). */
  stored: { planId: number; roundId: number; state: RoundRecord["state"] } | undefined;
  fingerprint: string;
  /** Each initiative of the document (and each stored one it would remove), in No. order. */
  initiatives: InitiativeComparison[];
  /** Field by field, against the stored round; empty when there is none. */
  changes: DocumentChange[];
  removals: Removals;
  /** The plan itself is new to the organization. */
  newPlan: boolean;
}

function initiativesOf(document: PlanDocument) {
  return document.policies.flatMap((p) => p.initiatives);
}

/** The document against what is stored: initiative by initiative, and field by field. */
export async function compareWithStored(
  store: StoreReads,
  organizationId: number,
  document: PlanDocument,
): Promise<StoredComparison> {
  const stored = await storedRoundOf(store, organizationId, document);
  const newPlan =
    stored === undefined &&
    !(await store.plans.list(organizationId)).some(
      (p) =>
        p.title === document.plan.title &&
        p.startFiscalYear === document.plan.startFiscalYear &&
        p.endFiscalYear === document.plan.endFiscalYear,
    );
  if (!stored) {
    return {
      stored: undefined,
      fingerprint: storedFingerprint(undefined),
      initiatives: initiativesOf(document).map((i) => ({ number: i.number, title: i.title, status: "new" })),
      changes: [],
      removals: { initiatives: [], kpis: [] },
      newPlan,
    };
  }
  const before = stored.snapshot.document;
  const changes = diffDocuments(before, document);
  const changed = new Set(changes.map((c) => c.initiativeNumber).filter((n) => n !== undefined));
  const old = new Map(initiativesOf(before).map((i) => [i.number, i]));
  const initiatives: InitiativeComparison[] = initiativesOf(document).map((i) => ({
    number: i.number,
    title: i.title,
    status: !old.has(i.number) ? "new" : changed.has(i.number) ? "changed" : "unchanged",
  }));
  const now = new Set(initiatives.map((i) => i.number));
  for (const [number, initiative] of old)
    if (!now.has(number)) initiatives.push({ number, title: initiative.title, status: "removed" });
  initiatives.sort((a, b) => a.number - b.number);
  return {
    stored: { planId: stored.plan.id, roundId: stored.round.id, state: stored.round.state },
    fingerprint: storedFingerprint(stored),
    initiatives,
    changes,
    removals: removalsBetween(before, document),
    newPlan: false,
  };
}

/**
 * 関係課 of the document that were renamed, merged or retired in the organization (findings for the preview
 * and `shinchoku import`): an error for a retired one in the plan's latest year, which the store's
 * import refuses too; information otherwise. `place` locates an initiative's 関係課 in the file.
 */
export async function departmentFindingsOf(
  store: StoreReads,
  organizationId: number | undefined,
  document: PlanDocument,
  place?: (field: string) => SourcePlace | undefined,
): Promise<Diagnostic[]> {
  if (organizationId === undefined) return [];
  const departments = await store.departments.list(organizationId);
  const formerNames = await store.departments.formerNames(organizationId);
  if (!departments.some((d) => d.retiredAt !== null) && formerNames.size === 0) return [];
  const { title, startFiscalYear, endFiscalYear } = document.plan;
  const plan = (await store.plans.list(organizationId)).find(
    (p) => p.title === title && p.startFiscalYear === startFiscalYear && p.endFiscalYear === endFiscalYear,
  );
  const rounds = plan ? await store.rounds.list(plan.id) : [];
  const latest = !rounds.some((r) => r.fiscalYear > document.round.fiscalYear);
  return importDepartmentFindings(
    document,
    departments.map((d) => ({
      id: d.id,
      name: d.name,
      retired: d.retiredAt !== null,
      mergedIntoId: d.mergedIntoId,
      formerNames: formerNames.get(d.id) ?? [],
    })),
    latest,
    place,
  );
}

/**
 * The document's grades against the plan it would go into, when that plan is stored (findings for
 * the preview and `shinchoku import`, errors all): a scale other than the plan's, a grade off the
 * plan's scale, 対象外 where the plan does not allow it. The store's import refuses the same.
 * `place` locates an initiative's grade in the file.
 */
export async function planGradeFindingsOf(
  store: StoreReads,
  organizationId: number | undefined,
  document: PlanDocument,
  place?: (field: string) => SourcePlace | undefined,
): Promise<Diagnostic[]> {
  if (organizationId === undefined) return [];
  const { title, startFiscalYear, endFiscalYear } = document.plan;
  const plan = (await store.plans.list(organizationId)).find(
    (p) => p.title === title && p.startFiscalYear === startFiscalYear && p.endFiscalYear === endFiscalYear,
  );
  return plan ? importPlanGradeFindings(document, plan, place) : [];
}
