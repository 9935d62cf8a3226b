import { type OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context, Handler, MiddlewareHandler } from "hono";
import { type Action, can, type Target } from "../../domain/permissions.ts";
import type { OrganizationRecord } from "../../store/types.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { localHref } from "../i18n.ts";
import { checkCsrf } from "./csrf.ts";
import { principalOf } from "./session.ts";

/**
 * Every route states who may use it, in one table that the role × route test reads (a route
 * registered without a rule fails that test):
 * - public: anyone, no sign-in (published pages, downloads, the read API);
 * - form: anyone, before sign-in (login, first-run setup, setting a password from a one-time URL);
 * - signed-in: an account of the route's organization that the policy (src/domain/permissions.ts)
 *   allows `action`. Another organization's account is answered 404, as if nothing were there;
 *   nobody signed in is sent to the login page (pages) or answered 401 (API).
 */
export type RouteRule =
  | { kind: "public" }
  | { kind: "form" }
  | {
      kind: "signed-in";
      action: Action;
      /** The organization the route acts in (from its path); undefined when there is none: 404. */
      organization: (c: Context<AppEnv>) => Promise<OrganizationRecord | undefined>;
      /**
       * The target the policy is asked about, when it is more than the organization (the 関係課 of
       * the initiative whose report is edited). Undefined: the thing is not there (404).
       */
      target?: (c: Context<AppEnv>, organization: OrganizationRecord) => Promise<Target | undefined>;
    };

export interface RouteEntry {
  method: string;
  /** Hono's path pattern, e.g. /o/:org/manage/accounts/:id */
  path: string;
  rule: RouteRule;
  api: boolean;
  /**
   * The query parameters the route reads, as the zod object that parses them (`lang` is read by
   * every route and need not be named); any other parameter is refused (src/server/known-query.ts).
   */
  query?: z.ZodObject;
}

const tables = new WeakMap<object, RouteEntry[]>();

/** The rules of every route registered on `app` so far. */
export function routeTable(app: object): readonly RouteEntry[] {
  return tables.get(app) ?? [];
}

function record(app: object, entry: RouteEntry): void {
  const table = tables.get(app) ?? [];
  table.push(entry);
  tables.set(app, table);
}

/** The checks of a rule, run before the handler. */
export function guard(rule: RouteRule, api: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (rule.kind === "public") return next();
    if (rule.kind === "form") await checkCsrf(c);
    if (rule.kind === "signed-in") {
      const auth = c.get("auth");
      // An API client learns first that it must authenticate, not whether something exists.
      if (!auth && api) throw new AppError("auth.required");
      const organization = await rule.organization(c);
      if (!organization) throw new AppError("page.not-found", { path: c.req.path });
      if (!auth) {
        const next = c.req.method === "GET" ? c.req.path + new URL(c.req.url).search : undefined;
        return c.redirect(
          localHref(c.get("lang"), `/o/${encodeURIComponent(organization.slug)}/login`, { next }),
          303,
        );
      }
      const principal = principalOf(auth.account);
      // Existence does not leak across organizations: not found, not forbidden.
      if (principal.organizationId !== organization.id)
        throw new AppError("page.not-found", { path: c.req.path });
      await checkCsrf(c);
      const target = rule.target ? await rule.target(c, organization) : { organizationId: organization.id };
      if (!target) throw new AppError("page.not-found", { path: c.req.path });
      if (!can(principal, rule.action, target)) throw new AppError("auth.forbidden");
      c.set("principal", principal);
      c.set("organization", organization);
      c.set("cacheScope", organization.id);
    }
    await next();
    // Forms and personal pages are never kept by a shared cache (they carry a per-reader token).
    c.res.headers.set("Cache-Control", "private, no-store");
  };
}

type Method = "get" | "post" | "put" | "patch" | "delete";

/** What a route declares besides its rule: the query parameters it reads besides `lang`. */
export interface RouteOptions {
  query?: z.ZodObject;
}

/**
 * Registers a page route with its rule and, when it reads query parameters besides `lang`, the zod
 * object that reads them: `route(app, "get", path, PUBLIC, { query }, handler)`.
 */
export function route(
  app: OpenAPIHono<AppEnv>,
  method: Method,
  path: string,
  rule: RouteRule,
  ...rest: [handler: Handler<AppEnv>] | [options: RouteOptions, handler: Handler<AppEnv>]
): void {
  const [options, handler] = rest.length === 1 ? [{}, rest[0]] : rest;
  record(app, { method: method.toUpperCase(), path, rule, api: false, query: options.query });
  app.on(method.toUpperCase(), path, guard(rule, false), handler);
}

/**
 * An OpenAPI route config with its rule recorded and its guard in front (the OpenAPI path {param}
 * becomes :param): `app.openapi(withRule(app, config, rule), handler)`.
 */
export function withRule<R extends RouteConfig>(app: OpenAPIHono<AppEnv>, config: R, rule: RouteRule): R {
  const path = config.path.replace(/\{(\w+)\}/g, ":$1");
  // The query parameters are those the OpenAPI document describes (request.query).
  const query = config.request?.query instanceof z.ZodObject ? config.request.query : undefined;
  record(app, { method: config.method.toUpperCase(), path, rule, api: true, query });
  return { ...config, middleware: [guard(rule, true), ...toArray(config.middleware)] } as R;
}

/** Anyone may: published pages, downloads and the read API. */
export const PUBLIC: RouteRule = { kind: "public" };

function toArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The organization named by the route's :org slug. */
export async function organizationFromPath(c: Context<AppEnv>): Promise<OrganizationRecord | undefined> {
  const slug = c.req.param("org");
  return slug ? c.get("store").organizations.findBySlug(slug) : undefined;
}
