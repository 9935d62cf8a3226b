import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { parseJapaneseDate } from "../../../domain/era.ts";
import type { Initiative, PlanDocument } from "../../../domain/plan-document.ts";
import type { PlanRecord, RoundRecord, RoundSnapshot } from "../../../store/types.ts";
import { actorOf } from "../../../workflow/accounts.ts";
import type { Acting } from "../../../workflow/round.ts";
import { organizationFromPath, type RouteRule } from "../../auth/rules.ts";
import { signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { pageContext } from "../../page-context.ts";
import { initiativeNumberSchema, parseOrThrow } from "../../params.ts";
import { planParams, roundParams } from "../plans/schema.ts";

/** The secretariat: rounds, review, publication, audit log. */
export const MANAGE_ROUND: RouteRule = {
  kind: "signed-in",
  action: "round.manage",
  organization: organizationFromPath,
};

/** Committee members (and the secretariat): grading. */
export const GRADE: RouteRule = {
  kind: "signed-in",
  action: "report.grade",
  organization: organizationFromPath,
};

/** ?done=… after a POST that succeeded (the page says what was done). */
export const doneQuery = z.object({ done: z.string().max(40).optional() });

export function managePlanPath(slug: string, planId: number): string {
  return `/o/${encodeURIComponent(slug)}/manage/plans/${planId}`;
}

export function manageRoundPath(slug: string, planId: number, fiscalYear: number): string {
  return `${managePlanPath(slug, planId)}/${fiscalYear}`;
}

export function acting(c: Context<AppEnv>): Acting {
  const { account, principal } = signedIn(c);
  return { actor: actorOf(account), principal };
}

/** What every signed-in page of this folder hands its view. */
export function pageProps(c: Context<AppEnv>) {
  const { organization, account, auth } = signedIn(c);
  const csrf = auth.kind === "session" ? auth.csrfToken : "";
  return { ...pageContext(c), organization, account, csrfToken: csrf || undefined, csrf };
}

export type PageProps = ReturnType<typeof pageProps>;

/** The plan of the path, in the signed-in organization (another organization's: 404). */
export async function planOfPath(c: Context<AppEnv>): Promise<PlanRecord> {
  const { organization } = signedIn(c);
  const params = parseOrThrow(planParams, c.req.param(), "path");
  const plan = await c.get("store").plans.find(params.planId);
  if (!plan || plan.organizationId !== organization.id)
    throw new AppError("plan.not-found", { planId: String(params.planId) });
  return plan;
}

export interface RoundOfPath {
  plan: PlanRecord;
  round: RoundRecord;
}

export async function roundOfPath(c: Context<AppEnv>): Promise<RoundOfPath> {
  const plan = await planOfPath(c);
  const params = parseOrThrow(roundParams, c.req.param(), "path");
  const round = await c.get("store").rounds.find(plan.id, params.fy);
  if (!round) throw new AppError("round.not-found", { fiscalYear: String(params.fy) });
  return { plan, round };
}

export async function snapshotOf(c: Context<AppEnv>, round: RoundRecord): Promise<RoundSnapshot> {
  const snapshot = await c.get("store").rounds.snapshot(round.id);
  if (!snapshot) throw new AppError("round.not-found", { fiscalYear: String(round.fiscalYear) });
  return snapshot;
}

export function initiativeNumberOfPath(c: Context<AppEnv>): number {
  return parseOrThrow(z.object({ number: initiativeNumberSchema }), { number: c.req.param("number") }, "path")
    .number;
}

export interface InitiativeIn {
  initiative: Initiative;
  policy: { code: string; title: string };
}

export function findInitiative(document: PlanDocument, number: number): InitiativeIn | undefined {
  for (const policy of document.policies)
    for (const initiative of policy.initiatives)
      if (initiative.number === number)
        return { initiative, policy: { code: policy.code, title: policy.title } };
  return undefined;
}

/** A date typed in 和暦 or 西暦 as an ISO date; "" when empty, undefined when unreadable. */
export function readDate(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return "";
  return parseJapaneseDate(trimmed);
}

/** Today in Japan (the deadline is a date there), as an ISO date. */
export function todayInJapan(now: Date): string {
  return new Date(now.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}
