import type { Context } from "hono";
import { formatFiscalYear } from "../domain/era.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import type {
  InitiativeHistory,
  OrganizationRecord,
  PlanRecord,
  Publication,
  PublicationRecord,
} from "../store/types.ts";
import type { AppEnv } from "./env.ts";
import { AppError, type WayOn } from "./errors.ts";
import { initiativeHistory } from "./initiative-history.ts";
import { orgPath, planPath } from "./page-context.ts";

/**
 * The "load" step of public pages and the API: each returns what was asked for or throws the AppError
 * that becomes a 404 page or a problem document. Everything public comes from publications (公表版):
 * a plan is public once one of its rounds is published, and its pages show the latest revision of
 * each published round — never the live rows that departments are editing.
 *
 * Each loader names the organization the answer depends on (c.set("cacheScope")), so that the page
 * cache can keep it until that organization's public revision moves.
 */

/** A plan as the public sees it: its latest publication's title and period, and its published rounds. */
export interface PublishedPlan extends PlanRecord {
  /** The latest revision of each published round, oldest fiscal year first. */
  rounds: PublicationRecord[];
}

export async function loadOrganization(c: Context<AppEnv>, slug: string): Promise<OrganizationRecord> {
  const organization = await c.get("store").organizations.findBySlug(slug);
  if (!organization)
    throw new AppError("organization.not-found", { org: slug }).withWays([
      { label: { ja: "自治体一覧", en: "Organizations" }, path: "/" },
    ]);
  c.set("cacheScope", organization.id);
  return organization;
}

export async function loadOrganizationById(c: Context<AppEnv>, id: number): Promise<OrganizationRecord> {
  const organization = await c.get("store").organizations.find(id);
  if (!organization) throw new AppError("organization.not-found", { org: String(id) });
  c.set("cacheScope", organization.id);
  return organization;
}

/** The organization's published plans, newest plan period first. */
export async function loadPublishedPlans(
  c: Context<AppEnv>,
  organization: OrganizationRecord,
): Promise<PublishedPlan[]> {
  const latest = await c.get("store").publications.listLatest(organization.id);
  return groupPlans(latest);
}

function groupPlans(publications: PublicationRecord[]): PublishedPlan[] {
  const plans = new Map<number, PublishedPlan>();
  for (const publication of publications) {
    const plan = plans.get(publication.planId);
    if (plan) {
      plan.rounds.push(publication);
      continue;
    }
    plans.set(publication.planId, {
      id: publication.planId,
      organizationId: publication.organizationId,
      ...publication.plan,
      gradeScale: publication.gradeScale,
      // Public pages go by the published tables (the ?grade= filter offers 対象外 where a table has
      // such items); a publication stays as it was, whatever the plan says now.
      notAssessedAllowed: true,
      rounds: [publication],
    });
  }
  for (const plan of plans.values()) {
    plan.rounds.sort((a, b) => a.fiscalYear - b.fiscalYear);
    // The plan's name and period as its latest published round printed them.
    const newest = plan.rounds.at(-1) as PublicationRecord;
    Object.assign(plan, newest.plan, { gradeScale: newest.gradeScale });
  }
  return [...plans.values()].sort(
    (a, b) => b.startFiscalYear - a.startFiscalYear || a.title.localeCompare(b.title) || a.id - b.id,
  );
}

/** A published plan reached under an organization's URL: other organizations' plans are not found there. */
export async function loadPlanOf(
  c: Context<AppEnv>,
  organization: OrganizationRecord,
  planId: number,
): Promise<PublishedPlan> {
  const [plan] = groupPlans(await c.get("store").publications.listLatest(organization.id, planId));
  if (!plan)
    throw new AppError("plan.not-found", { planId: String(planId) }).withWays([plansOf(organization)]);
  organizationOfPlan.set(plan, organization);
  return plan;
}

/** The organization a plan was reached under, for the ways on from a page of it that is not found. */
const organizationOfPlan = new WeakMap<PublishedPlan, OrganizationRecord>();

function plansOf(organization: OrganizationRecord): WayOn {
  return {
    label: { ja: "{source}の計画一覧", en: "Plans of {source}" },
    source: organization.name,
    path: orgPath(organization.slug),
  };
}

/** The plan's latest published year and the organization's plans: where a reader goes on from a 404. */
export function waysFrom(plan: PublishedPlan): WayOn[] {
  const organization = organizationOfPlan.get(plan);
  if (!organization) return [];
  const latest = plan.rounds.at(-1);
  const ways: WayOn[] = [];
  if (latest)
    ways.push({
      label: {
        ja: `{source}（${formatFiscalYear(latest.fiscalYear)}の進行管理）`,
        en: `{source} (FY${latest.fiscalYear})`,
      },
      source: plan.title,
      path: planPath(organization.slug, plan.id, latest.fiscalYear),
    });
  ways.push(plansOf(organization));
  return ways;
}

/** A published plan by id alone (the API), with its organization. */
export async function loadPlan(
  c: Context<AppEnv>,
  planId: number,
): Promise<{ plan: PublishedPlan; organization: OrganizationRecord }> {
  const live = await c.get("store").plans.find(planId);
  if (!live) throw new AppError("plan.not-found", { planId: String(planId) });
  const organization = await loadOrganizationById(c, live.organizationId);
  return { plan: await loadPlanOf(c, organization, planId), organization };
}

export function findRound(plan: PublishedPlan, fiscalYear: number): PublicationRecord {
  const round = plan.rounds.find((r) => r.fiscalYear === fiscalYear);
  if (!round)
    throw new AppError("round.not-found", {
      fiscalYear: String(fiscalYear),
      published: plan.rounds.map((r) => r.fiscalYear).join(","),
    }).withWays(waysFrom(plan));
  return round;
}

/** One publication with its document, kept in memory once read: a publication never changes. */
export async function loadPublication(c: Context<AppEnv>, record: PublicationRecord): Promise<Publication> {
  const publication = await c
    .get("publications")
    .get(record.id, (id) => c.get("store").publications.load(id));
  if (!publication) throw new AppError("round.not-found", { fiscalYear: String(record.fiscalYear) });
  return publication;
}

/** The published table of one fiscal year of the plan. */
export async function loadRoundDocument(
  c: Context<AppEnv>,
  plan: PublishedPlan,
  fiscalYear: number,
): Promise<PlanDocument> {
  return (await loadPublication(c, findRound(plan, fiscalYear))).document;
}

/** One initiative across the plan's published fiscal years. */
export async function loadInitiativeHistory(
  c: Context<AppEnv>,
  plan: PublishedPlan,
  number: number,
): Promise<InitiativeHistory> {
  const publications = await Promise.all(plan.rounds.map((round) => loadPublication(c, round)));
  const history = initiativeHistory(plan, publications, number);
  if (!history)
    throw new AppError("initiative.not-found", { number: String(number) }).withWays(waysFrom(plan));
  return history;
}
