/**
 * The routes the security tests walk, read from the app's route table (src/server/auth/rules.ts), and
 * how each one is called: the path with its parameters filled in from the fixtures, and the request
 * each principal sends. A parameter the tests cannot fill in for a signed-in or form route fails the
 * test that meets it: add it to `parameter()` below.
 */
import type { Hono } from "hono";
import { can } from "../../src/domain/permissions.ts";
import { createApp } from "../../src/server/app.ts";
import { type RouteEntry, routeTable } from "../../src/server/auth/rules.ts";
import type { Store } from "../../src/store/types.ts";
import { type PrincipalName, principalOfAccount, type World } from "./fixtures.ts";

/** The route table of the app as built for production (read without a database). */
export function allRoutes(): {
  table: readonly RouteEntry[];
  registered: { method: string; path: string }[];
} {
  const app = createApp({ store: {} as Store, pageCache: false });
  return {
    table: routeTable(app),
    registered: (app as unknown as Hono).routes
      .filter((r) => r.method !== "ALL")
      .map((r) => ({ method: r.method, path: r.path })),
  };
}

export const stateChanging = (entry: RouteEntry) => entry.method !== "GET" && entry.method !== "HEAD";

export const label = (entry: RouteEntry) => `${entry.method} ${entry.path} (${describeRule(entry)})`;

function describeRule(entry: RouteEntry): string {
  return entry.rule.kind === "signed-in" ? `signed-in: ${entry.rule.action}` : entry.rule.kind;
}

export class CannotDerive extends Error {}

/** The path to request, its parameters filled in for `who`. */
export async function concretePath(world: World, entry: RouteEntry, who: PrincipalName): Promise<string> {
  const names = [...entry.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
  let path = entry.path;
  for (const name of names) {
    const value = await parameter(world, entry, name, who);
    if (value === undefined) {
      if (entry.rule.kind === "public") {
        path = path.replace(new RegExp(`:${name}(\\{[^}]*\\})?\\??`), "1");
        continue;
      }
      throw new CannotDerive(
        `${label(entry)}: the security tests do not know what to put in :${name} (test/security/routes.ts parameter())`,
      );
    }
    path = path.replace(new RegExp(`:${name}(\\{[^}]*\\})?\\??`), encodeURIComponent(value));
  }
  // A comparison needs the two revisions it compares (the seed's round has one: itself).
  if (entry.path.endsWith("/revisions/compare")) path += "?from=1&to=1";
  return path;
}

async function parameter(
  world: World,
  entry: RouteEntry,
  name: string,
  who: PrincipalName,
): Promise<string | undefined> {
  switch (name) {
    case "org":
      return world.slug;
    case "planId":
      return String(world.planId);
    case "fy":
    case "fiscalYear":
      return String(world.fiscalYear);
    case "number":
      return String(world.initiativeNumber);
    case "revision":
      return "1";
    // The plan editor's ids: those of the world's plan (src/server/routes/plan-editor/).
    case "policyId":
    case "initiativeId":
    case "kpiId":
      return planEditorId(world, name);
    case "format":
      return "csv";
    case "name":
      return entry.path === "/assets/:name" ? "site.css" : undefined;
    case "token":
      if (entry.path.startsWith("/setup/")) return world.setupToken;
      if (entry.path.includes("/password/")) return world.inviteToken;
      return undefined;
    case "id":
      if (entry.path.startsWith("/o/:org/manage/accounts/:id")) return String(world.target.id);
      // A department: the lead of the initiative the matrix edits (forms it is sent empty refuse).
      if (entry.path.startsWith("/o/:org/manage/departments/:id"))
        return String(world.initiativeDepartmentIds[0]);
      // A department's entry workbook: the department of the editor (one of the initiative's 関係課).
      if (entry.path.includes("/workbook/:id")) return String(world.initiativeDepartmentIds[0]);
      // A pending import that is not there (an upload belongs to its uploader alone): the page says so.
      if (entry.path.startsWith("/o/:org/manage/import/:id")) return "0".repeat(32);
      if (entry.path.startsWith("/o/:org/manage/account/tokens/:id")) {
        // The requester's own token (another's is not found): made afresh, as revoking ends it.
        const owner = who === "anonymous" ? world.accounts.secretariat : world.accounts[who];
        return String((await owner.apiToken()).id);
      }
      return undefined;
    default:
      return undefined;
  }
}

async function planEditorId(world: World, name: "policyId" | "initiativeId" | "kpiId"): Promise<string> {
  const structure = await world.store.planStructures.load(world.planId);
  const initiative = structure?.policies
    .flatMap((p) => p.initiatives)
    .find((i) => i.number === world.initiativeNumber);
  const id =
    name === "policyId"
      ? initiative?.policyId
      : name === "initiativeId"
        ? initiative?.id
        : (
            initiative?.kpis.find((k) => !k.relisted) ??
            structure?.policies
              .flatMap((p) => p.initiatives)
              .flatMap((i) => i.kpis)
              .find((k) => !k.relisted)
          )?.kpiId;
  if (id === undefined) throw new CannotDerive(`the world's plan has no ${name}`);
  return String(id);
}

export type Outcome = "allowed" | "login" | "401" | "403" | "404";

/**
 * What the rule and the policy say `who` gets on this route (`bearer`: calling with its API token).
 * A route whose path names an organization or a plan acts in 坂戸市, the organization of every
 * principal but the other organization's secretariat.
 */
export function expectedOutcome(
  world: World,
  entry: RouteEntry,
  who: PrincipalName,
  bearer = false,
): Outcome {
  const rule = entry.rule;
  // An Authorization header that names no valid token is refused, never taken for nobody.
  if (who === "disabled" && bearer) return "401";
  if (rule.kind === "public" || rule.kind === "form") return "allowed";
  if (who === "anonymous" || who === "disabled") return entry.api ? "401" : "login";
  // A path that names no organization (nor a plan) acts in the signed-in account's own.
  const inSakado = entry.path.includes(":org") || entry.path.includes(":planId");
  if (who === "otherOrganizationSecretariat" && inSakado) return "404";
  const principal = principalOfAccount(world.accounts[who].account);
  let target: { organizationId: number; departmentIds?: number[] } = {
    organizationId: inSakado ? world.organizationId : principal.organizationId,
  };
  if (rule.target && /\/workbook(\/upload|\/apply)?$/.test(entry.path)) {
    // The workbook pages: whoever may edit some department's reports (any department of 坂戸市).
    target = { organizationId: world.organizationId, departmentIds: world.departmentIds };
  } else if (rule.target && entry.path.includes("/workbook/:id")) {
    target = {
      organizationId: world.organizationId,
      departmentIds: [world.initiativeDepartmentIds[0] as number],
    };
  } else if (rule.target) {
    // The only other target the tests know: the initiative named by :planId and :number (its 関係課).
    if (!entry.path.includes(":planId") || !entry.path.includes(":number"))
      throw new CannotDerive(
        `${label(entry)}: the route asks the policy about a target the security tests cannot name (test/security/routes.ts expectedOutcome())`,
      );
    target = { organizationId: world.organizationId, departmentIds: world.initiativeDepartmentIds };
  }
  return can(principal, rule.action, target) ? "allowed" : "403";
}

export const ORIGIN = "http://localhost";

export interface Call {
  path: string;
  init: RequestInit & { headers: Record<string, string> };
}

/**
 * A request of `who` on the route, as a well-behaved client of this site sends it: same origin, the
 * right CSRF token for a state-changing request (the session's, or before sign-in the form's), a form
 * body for pages and `{}` for the API. `bearer`: the principal's API token instead of a session.
 */
export async function requestOf(
  world: World,
  entry: RouteEntry,
  who: PrincipalName,
  path: string,
  options: { bearer?: boolean } = {},
): Promise<Call> {
  const headers: Record<string, string> = { Origin: ORIGIN, "Sec-Fetch-Site": "same-origin" };
  const formToken = "f".repeat(43);
  const cookies = [`shinchoku_form=${formToken}`];
  let csrf = formToken;
  if (who !== "anonymous") {
    const credentials = world.accounts[who];
    if (options.bearer) {
      headers.Authorization = `Bearer ${(await credentials.apiToken()).token}`;
    } else {
      const session = await credentials.session();
      cookies.push(session.cookie);
      // A disabled account's session is no sign-in: its forms carry the form token.
      if (who !== "disabled") csrf = session.csrf;
    }
  }
  headers.Cookie = cookies.join("; ");
  const init: Call["init"] = { method: entry.method, headers };
  if (stateChanging(entry)) {
    if (entry.api) {
      headers["Content-Type"] = "application/json";
      if (!options.bearer) headers["X-CSRF-Token"] = csrf;
      init.body = "{}";
    } else {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      init.body = new URLSearchParams({ _csrf: csrf }).toString();
    }
  }
  return { path, init };
}

/** What a response tells: let through, sent to sign in, or refused (and how). */
export async function outcomeOf(
  world: World,
  response: Response,
): Promise<{ outcome: Outcome; detail: string }> {
  const status = response.status;
  const detail = `${status} ${response.headers.get("Location") ?? ""}`.trim();
  if (status === 401) return { outcome: "401", detail };
  if (status === 403) {
    const body = await response.clone().text();
    // A CSRF refusal is a test fault here (the request was meant to be well-formed), not a role's.
    const csrf = body.includes("送信を受け付けられませんでした") || body.includes("csrf");
    return { outcome: "403", detail: csrf ? `${detail} (CSRF refusal)` : detail };
  }
  if (status === 404) return { outcome: "404", detail };
  if (status === 302 || status === 303) {
    const location = new URL(response.headers.get("Location") ?? "", ORIGIN);
    if (location.pathname === `/o/${world.slug}/login` && !location.searchParams.has("ended"))
      return { outcome: "login", detail };
  }
  return { outcome: "allowed", detail };
}
