import type { PlanDocument } from "../domain/plan-document.ts";
import type {
  InitiativeHistory,
  OrganizationRecord,
  PlanRecord,
  RoundRecord,
  Store,
} from "../store/types.ts";
import { AppError } from "./errors.ts";

/**
 * The "load" step shared by pages and API: each returns what was asked for or throws the AppError
 * that becomes a 404 page or a problem document.
 */

export async function loadOrganization(store: Store, slug: string): Promise<OrganizationRecord> {
  const organization = await store.findOrganization(slug);
  if (!organization) throw new AppError("organization.not-found", { org: slug });
  return organization;
}

export async function loadPlan(store: Store, planId: number): Promise<PlanRecord> {
  const plan = await store.findPlan(planId);
  if (!plan) throw new AppError("plan.not-found", { planId: String(planId) });
  return plan;
}

/** A plan reached under an organization's URL must belong to it: other plans are not found there. */
export async function loadPlanOf(store: Store, organization: OrganizationRecord, planId: number) {
  const plan = await loadPlan(store, planId);
  if (plan.organizationId !== organization.id)
    throw new AppError("plan.not-found", { planId: String(planId) });
  return plan;
}

export async function loadOrganizationOf(store: Store, plan: PlanRecord): Promise<OrganizationRecord> {
  const organizations = await store.listOrganizations();
  const organization = organizations.find((o) => o.id === plan.organizationId);
  if (!organization) throw new AppError("plan.not-found", { planId: String(plan.id) });
  return organization;
}

export async function loadRounds(store: Store, planId: number): Promise<RoundRecord[]> {
  return store.listRounds(planId);
}

export async function loadRoundDocument(
  store: Store,
  planId: number,
  fiscalYear: number,
): Promise<PlanDocument> {
  const document = await store.loadRound(planId, fiscalYear);
  if (!document) throw new AppError("round.not-found", { fiscalYear: String(fiscalYear) });
  return document;
}

export async function loadInitiativeHistory(
  store: Store,
  planId: number,
  number: number,
): Promise<InitiativeHistory> {
  const history = await store.loadInitiative(planId, number);
  if (!history) throw new AppError("initiative.not-found", { number: String(number) });
  return history;
}
