import type { z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { PatternRouter } from "hono/router/pattern-router";
import { type RouteEntry, routeTable } from "./auth/rules.ts";
import type { AppEnv } from "./env.ts";
import { AppError, type FieldError } from "./errors.ts";
import type { Lang } from "./i18n.ts";
import { queryObject } from "./params.ts";

/**
 * Query strings. Every route declares the query parameters it reads, once, as the zod object that
 * parses them (the `query` of its route entry, src/server/auth/rules.ts); `lang` is read by every
 * route. Before anything else runs (the page cache, sessions, the handler):
 * - a parameter the route does not read is refused (400: problem+json for the API, the error page
 *   for pages), naming it and the ones the route takes. `?x=1`, `?x=2`… used to be distinct pages
 *   that each cost a render, and downloads that each cost a PDF;
 * - the address the page cache keys the answer on, and that the page is rendered for, is the
 *   canonical one: the parameters as the route's schema reads them, sorted, without those equal to
 *   what an absent parameter means (`encoding=utf-8`, `lang=ja`, an empty search box), a repeated
 *   parameter as a sorted set. Two addresses that ask the same question share one entry.
 */

/** The zod object a route reads its query with. */
export type QuerySchema = z.ZodObject;

/** The parameters a route reads, `lang` first. */
export function knownParameters(query: QuerySchema | undefined): string[] {
  return ["lang", ...Object.keys(query?.shape ?? {}).filter((name) => name !== "lang")];
}

/** At most this many unknown parameters are named in one refusal (the rest are counted). */
const NAMED_AT_MOST = 10;
/** A parameter's name is shown up to this length. */
const NAME_SHOWN = 40;

/**
 * The canonical query string (`""` or `?a=1&b=2`) of a request the route would answer the same way,
 * or undefined when the route's schema refuses the parameters (the handler answers 400: nothing to
 * key). Absent, empty and default values are left out; repeated values are sorted and deduplicated.
 */
export function canonicalSearch(
  search: URLSearchParams,
  query: QuerySchema | undefined,
  lang: Lang,
): string | undefined {
  const pairs: [string, string][] = lang === "en" ? [["lang", "en"]] : [];
  if (query) {
    const parsed = query.safeParse(queryObject(search));
    if (!parsed.success) return undefined;
    // What each parameter means when it is absent: equal values ask the same question.
    const absent = query.safeParse({});
    const defaults: Record<string, unknown> = absent.success ? absent.data : {};
    for (const [name, value] of Object.entries(parsed.data as Record<string, unknown>)) {
      if (name === "lang" || value === undefined || sameValue(value, defaults[name])) continue;
      const values = Array.isArray(value) ? value : [value];
      const texts = new Set<string>();
      for (const item of values) {
        const text = scalarText(item);
        if (text === undefined) return undefined;
        texts.add(text);
      }
      for (const text of [...texts].sort()) pairs.push([name, text]);
    }
  }
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const text = new URLSearchParams(pairs).toString();
  return text ? `?${text}` : "";
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  return a === b;
}

/** The refusal of parameters a route does not read, in the reader's words. */
export function unknownParametersError(
  unknown: string[],
  entry: Pick<RouteEntry, "api" | "query">,
): AppError {
  const known = knownParameters(entry.query).join(", ");
  const shown = unknown.slice(0, NAMED_AT_MOST);
  const fields = shown.map((raw): FieldError => {
    const name = raw.length > NAME_SHOWN ? `${raw.slice(0, NAME_SHOWN)}…` : raw;
    if (entry.api) {
      return {
        name,
        in: "query",
        message: `${name}：この操作にはないパラメーターです。取り除いてください（使えるもの：${known}）`,
        messageEn: `${name}: not a parameter of this operation; remove it (it takes: ${known})`,
      };
    }
    return {
      name,
      in: "query",
      message: `アドレスの「${name}」は、このページでは使えない指定です。アドレスから取り除いてください（このページで使える指定：${known}）。`,
      messageEn: `The address has "${name}", which this page does not take. Remove it from the address (this page takes: ${known}).`,
      label: { ja: `「${name}」`, en: `"${name}"` },
    };
  });
  const more = unknown.length - shown.length;
  if (more > 0) {
    fields.push({
      name: "…",
      in: "query",
      message: `ほかに${more}個の使えないパラメーターがあります。`,
      messageEn: `${more} more parameters that are not taken.`,
      label: { ja: `ほか${more}個`, en: `${more} more` },
    });
  }
  return new AppError("request.invalid", {}, fields);
}

/**
 * The middleware that applies the route's declaration (see above). It finds the route the way the
 * app does (first registered that matches); requests no route answers pass on untouched (404, 405).
 * Sets `address` (path and canonical query) when the request can be keyed.
 */
export function knownQuery(app: object): MiddlewareHandler<AppEnv> {
  let router: PatternRouter<RouteEntry> | undefined;
  return async (c, next) => {
    if (!router) {
      // Built at the first request: every route is registered by then.
      router = new PatternRouter<RouteEntry>();
      for (const entry of routeTable(app)) router.add(entry.method, entry.path, entry);
    }
    const method = c.req.method === "HEAD" ? "GET" : c.req.method;
    const entry = router.match(method, c.req.path)[0][0]?.[0];
    if (!entry) return next();
    const url = new URL(c.req.url);
    const known = new Set(knownParameters(entry.query));
    const unknown = [...new Set(url.searchParams.keys())].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      // Worded as the answer is given: for the API (its openapi.json too), as parameters.
      const api = c.req.path.startsWith("/api/") && c.req.path !== "/api/docs";
      throw unknownParametersError(unknown, { api, query: entry.query });
    }
    const search = canonicalSearch(url.searchParams, entry.query, c.get("lang"));
    if (search !== undefined) c.set("address", url.pathname + search);
    await next();
  };
}
