import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { PlanStructure } from "../../../store/plan-structure-types.ts";
import { ConflictError } from "../../../store/types.ts";
import { actorOf } from "../../../workflow/accounts.ts";
import { PlanEditRefusal } from "../../../workflow/plan-editor.ts";
import type { Acting } from "../../../workflow/round.ts";
import { organizationFromPath, type RouteRule } from "../../auth/rules.ts";
import { signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { pageContext } from "../../page-context.ts";
import { parseOrThrow } from "../../params.ts";
import { type PlanEditorKey, type PlanEditorText, planEditorText } from "./messages.ts";

/** The secretariat only (plan.manage): plans, policies, initiatives, KPIs. */
export const MANAGE_PLAN: RouteRule = {
  kind: "signed-in",
  action: "plan.manage",
  organization: organizationFromPath,
};

export const doneQuery = z.object({ done: z.string().max(40).optional() });

/** The structure page: what was just done, and whether retired (廃止) items are shown (default: hidden). */
export const structureQuery = doneQuery.extend({ retired: z.enum(["show"]).optional() });

const idSchema = z.coerce.number().int().min(1).max(2_147_483_647);

export function plansPath(slug: string): string {
  return `/o/${encodeURIComponent(slug)}/manage/plan-editor`;
}

export function structurePath(slug: string, planId: number): string {
  return `${plansPath(slug)}/${planId}`;
}

export function pageProps(c: Context<AppEnv>) {
  const { organization, account, auth } = signedIn(c);
  const csrf = auth.kind === "session" ? auth.csrfToken : "";
  const context = pageContext(c);
  return {
    ...context,
    organization,
    account,
    csrfToken: csrf || undefined,
    csrf,
    t: planEditorText(context.ui.lang),
  };
}

export type PageProps = ReturnType<typeof pageProps>;

export function acting(c: Context<AppEnv>): Acting {
  const { account, principal } = signedIn(c);
  return { actor: actorOf(account), principal };
}

/** A path parameter that is an id (another value: 404). */
export function idParam(c: Context<AppEnv>, name: string): number {
  return parseOrThrow(z.object({ [name]: idSchema }), { [name]: c.req.param(name) }, "path")[name] as number;
}

/** The plan of the path with its structure, in the signed-in organization (another's: 404). */
export async function structureOfPath(c: Context<AppEnv>): Promise<PlanStructure> {
  const { organization } = signedIn(c);
  const planId = idParam(c, "planId");
  const structure = await c.get("store").planStructures.load(planId);
  if (!structure || structure.plan.organizationId !== organization.id)
    throw new AppError("plan.not-found", { planId: String(planId) });
  return structure;
}

export function initiativesOf(structure: PlanStructure) {
  return structure.policies.flatMap((p) => p.initiatives);
}

/** A refusal of the plan editor in the reader's words, with its status; undefined for other errors. */
export function refusalOf(
  t: PlanEditorText,
  error: unknown,
): { message: string; status: 403 | 409; field?: string } | undefined {
  if (error instanceof ConflictError) return { message: t("refused.conflict"), status: 409 };
  if (error instanceof PlanEditRefusal)
    return {
      message: t(`refused.${error.key}` as PlanEditorKey),
      status: error.key === "notAllowed" ? 403 : 409,
      ...(error.field ? { field: error.field } : {}),
    };
  return undefined;
}

/** The integer a form field holds, or NaN. */
export function formInt(text: string): number {
  const trimmed = text.trim().normalize("NFKC");
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}
