import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { PatternRouter } from "hono/router/pattern-router";
import { secureHeaders } from "hono/secure-headers";
import { trimTrailingSlash } from "hono/trailing-slash";
import type { Store } from "../store/types.ts";
import { PROBLEM } from "./api-schema.ts";
import { serveAsset } from "./assets.ts";
import type { AppEnv } from "./env.ts";
import { AppError, fieldErrors, problemDocument } from "./errors.ts";
import { langFromQuery } from "./i18n.ts";
import { DEFAULT_PAGE_CACHE, PageCache } from "./page-cache.ts";
import { registerApiDocs } from "./routes/api-docs/pages.tsx";
import { registerInitiativeApi } from "./routes/initiatives/api.ts";
import { registerInitiativePages } from "./routes/initiatives/pages.tsx";
import { registerOrganizationApi } from "./routes/organizations/api.ts";
import { registerOrganizationPages } from "./routes/organizations/pages.tsx";
import { registerPlanApi } from "./routes/plans/api.ts";
import { registerExportApi } from "./routes/plans/export.ts";
import { registerPlanPages } from "./routes/plans/pages.tsx";
import { registerProgressTablePages } from "./routes/progress-table/pages.tsx";
import { renderErrorPage } from "./views/error-page.tsx";

export interface AppOptions {
  store: Store;
  /**
   * The cache of rendered pages, valid while the store revision stays the same (default: 2,000 pages,
   * 64 MB); `false` renders every request.
   */
  pageCache?: PageCache | false;
}

/**
 * The web application: pages and the JSON API over one store. It does not listen; start.ts does, and
 * tests call `app.request()` directly.
 */
export function createApp(options: AppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    // API validation failures become a problem document naming each field (see onError).
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError(
          "request.invalid",
          {},
          fieldErrors(result.error, result.target === "param" ? "path" : "query"),
        );
      }
    },
  });

  app.use("*", async (c, next) => {
    c.set("store", options.store);
    c.set("lang", langFromQuery(c.req.query("lang")));
    await next();
  });
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );

  // /o/sakado/ and /api/docs/ are the pages without the slash: a 404 there becomes a permanent
  // redirect (301, query kept) to the canonical address.
  app.use("*", trimTrailingSlash());

  const pageCache = options.pageCache ?? new PageCache(DEFAULT_PAGE_CACHE);
  if (pageCache) {
    const cached = pageCache.middleware(() => options.store.revision());
    app.use("*", (c, next) => (c.req.path.startsWith("/assets/") ? next() : cached(c, next)));
  }

  app.get("/assets/:name", (c) => serveAsset(c, c.req.param("name")) ?? notFound(c));

  registerOrganizationPages(app);
  registerPlanPages(app);
  registerProgressTablePages(app);
  registerInitiativePages(app);

  registerOrganizationApi(app);
  registerPlanApi(app);
  registerExportApi(app);
  registerInitiativeApi(app);
  registerApiDocs(app);

  // Every route is read-only, so a path that GET would answer refuses other methods with 405.
  const readable = new PatternRouter<true>();
  for (const route of app.routes) if (route.method === "GET") readable.add("GET", route.path, true);
  app.notFound((c) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || readable.match("GET", c.req.path)[0].length === 0)
      return notFound(c);
    c.header("Allow", "GET, HEAD");
    return respondWithError(c, new AppError("method.not-allowed", { path: c.req.path, method }));
  });
  app.onError((error, c) => {
    if (error instanceof AppError) return respondWithError(c, error);
    console.error(error);
    return respondWithError(c, new AppError("internal"));
  });
  return app;
}

/** Everything under /api answers in JSON, except the human-readable docs page. */
function isApi(c: Context): boolean {
  const path = c.req.path;
  return path === "/api" || (path.startsWith("/api/") && path !== "/api/docs");
}

function notFound(c: Context<AppEnv>) {
  return respondWithError(c, new AppError("page.not-found", { path: c.req.path }));
}

/** One refusal, two representations: problem+json for the API, an HTML page for everything else. */
function respondWithError(c: Context<AppEnv>, error: AppError) {
  const lang = c.get("lang") ?? langFromQuery(c.req.query("lang"));
  if (isApi(c)) {
    const url = new URL(c.req.url);
    const problem = problemDocument(error, lang, url.pathname + url.search);
    return c.body(JSON.stringify(problem), error.status, { "Content-Type": `${PROBLEM}; charset=utf-8` });
  }
  return renderErrorPage(c, error, lang);
}
