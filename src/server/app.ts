import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { PatternRouter } from "hono/router/pattern-router";
import { secureHeaders } from "hono/secure-headers";
import { trimTrailingSlash } from "hono/trailing-slash";
import type { Store } from "../store/types.ts";
import { PROBLEM } from "./api-schema.ts";
import { serveAsset } from "./assets.ts";
import { DEFAULT_SECURITY, type SecurityOptions } from "./auth/options.ts";
import { PUBLIC, route, routeTable } from "./auth/rules.ts";
import { authentication } from "./auth/session.ts";
import type { AppEnv } from "./env.ts";
import { AppError, fieldErrors, problemDocument } from "./errors.ts";
import { ExportCache } from "./export-cache.ts";
import { langFromQuery } from "./i18n.ts";
import { knownQuery } from "./known-query.ts";
import { registerNoticePages } from "./notices/pages.tsx";
import { DEFAULT_PAGE_CACHE, PageCache } from "./page-cache.ts";
import { PublicationCache } from "./publication-cache.ts";
import { type RenderPool, sharedRenderPool } from "./render/pool.ts";
import { registerAccountPages } from "./routes/accounts/pages.tsx";
import { registerApiDocs } from "./routes/api-docs/pages.tsx";
import { registerAuthPages } from "./routes/auth/pages.tsx";
import { registerDepartmentPages } from "./routes/departments/pages.tsx";
import { registerEntryPages } from "./routes/entry/pages.tsx";
import { registerImportPages } from "./routes/import/pages.tsx";
import type { PendingUploads } from "./routes/import/pending.ts";
import { registerInitiativeApi } from "./routes/initiatives/api.ts";
import { registerInitiativePages } from "./routes/initiatives/pages.tsx";
import { registerManagePages } from "./routes/manage/pages.tsx";
import { registerMeApi } from "./routes/me/api.ts";
import { registerMyAccountPages } from "./routes/my-account/pages.tsx";
import { registerOrganizationApi } from "./routes/organizations/api.ts";
import { registerOrganizationPages } from "./routes/organizations/pages.tsx";
import { registerPlanEditorPages } from "./routes/plan-editor/register.ts";
import { registerPlanApi } from "./routes/plans/api.ts";
import { registerExportApi } from "./routes/plans/export.ts";
import { registerPlanPages } from "./routes/plans/pages.tsx";
import { registerProgressTablePages } from "./routes/progress-table/pages.tsx";
import { registerReportApi } from "./routes/reports/api.ts";
import { registerRoundPages } from "./routes/round/register.ts";
import { registerWorkbookPages } from "./routes/workbook/pages.tsx";
import { renderErrorPage } from "./views/error-page.tsx";

export interface AppOptions {
  store: Store;
  /**
   * The cache of rendered public pages, each valid while its organization's public revision stays
   * the same (default: 2,000 pages, 64 MB); `false` renders every request.
   */
  pageCache?: PageCache | false;
  /** Publications read and kept in memory (default: 256 MB of documents). */
  publications?: PublicationCache;
  /** Downloads rendered once per publication and kept (default: 128 MB). */
  exports?: ExportCache;
  /** The worker threads downloads are rendered in (default: the process's shared pool). */
  renderPool?: RenderPool;
  /** Sessions, proxies, the clock (default: DEFAULT_SECURITY). */
  security?: Partial<SecurityOptions>;
  /** Where uploaded files wait between their preview and confirmation (default: the temporary folder). */
  uploads?: PendingUploads;
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

  const publications = options.publications ?? new PublicationCache();
  const exports = options.exports ?? new ExportCache();
  const renderPool = options.renderPool ?? sharedRenderPool();
  const security: SecurityOptions = { ...DEFAULT_SECURITY, ...options.security };
  app.use("*", async (c, next) => {
    c.set("store", options.store);
    c.set("publications", publications);
    c.set("exports", exports);
    c.set("renderPool", renderPool);
    c.set("security", security);
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
      // A page that needs more (the entry form's same-origin script) sets its own policy.
      overwrite: false,
      // Not hono's default no-referrer: with it a browser sends "Origin: null" on this site's own
      // form posts, and the same-origin check (auth/csrf.ts) refuses every form. same-origin still
      // tells other sites nothing.
      referrerPolicy: "same-origin",
    }),
  );

  // /o/sakado/ and /api/docs/ are the pages without the slash: a 404 there becomes a permanent
  // redirect (301, query kept) to the canonical address.
  app.use("*", trimTrailingSlash());

  // Query parameters no route reads are refused here, before any cache or session is consulted;
  // the rest are put in canonical order for the page cache (known-query.ts).
  app.use("*", knownQuery(app));

  const pageCache = options.pageCache ?? new PageCache(DEFAULT_PAGE_CACHE);
  if (pageCache) {
    const { store } = options;
    const cached = pageCache.middleware(
      {
        generation: () => store.revision(),
        keys: () =>
          store.publicRevisions().then((r) => ({ directory: r.directory, byOrganization: r.byOrganization })),
      },
      (c) => c.get("cacheScope"),
      { address: (c) => c.get("address"), keep: (c) => !c.get("keptElsewhere") },
    );
    app.use("*", (c, next) => (c.req.path.startsWith("/assets/") ? next() : cached(c, next)));
  }

  // After the page cache: a public page served from memory costs no session lookup.
  app.use("*", (c, next) => (c.req.path.startsWith("/assets/") ? next() : authentication()(c, next)));

  route(app, "get", "/assets/:name", PUBLIC, (c) => serveAsset(c, c.req.param("name") ?? "") ?? notFound(c));

  registerAuthPages(app);
  registerManagePages(app);
  registerMyAccountPages(app);
  registerAccountPages(app);
  registerDepartmentPages(app);
  registerEntryPages(app);
  registerWorkbookPages(app);
  registerPlanEditorPages(app);
  registerImportPages(app, options.uploads);
  registerNoticePages(app);

  registerOrganizationPages(app);
  registerPlanPages(app);
  registerProgressTablePages(app);
  registerInitiativePages(app);
  registerRoundPages(app);

  registerOrganizationApi(app);
  registerPlanApi(app);
  registerExportApi(app);
  registerInitiativeApi(app);
  registerMeApi(app);
  registerReportApi(app);
  registerApiDocs(app);

  // A path that some route answers refuses the other methods with 405 and names the ones it takes.
  const paths = new PatternRouter<string>();
  for (const { method, path } of routeTable(app)) paths.add("ALL", path, method);
  app.notFound((c) => {
    const method = c.req.method;
    const allowed = new Set(paths.match("ALL", c.req.path)[0].map(([m]) => m));
    if (allowed.size === 0 || method === "GET" || method === "HEAD") return notFound(c);
    if (allowed.has("GET")) allowed.add("HEAD");
    const allow = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].filter((m) => allowed.has(m)).join(", ");
    c.header("Allow", allow);
    return respondWithError(c, new AppError("method.not-allowed", { path: c.req.path, method, allow }));
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
  // A full render pool says when to come back (RFC 9110 Retry-After, in seconds).
  if (error.id === "server.busy" && error.params.retryAfter) c.header("Retry-After", error.params.retryAfter);
  if (isApi(c)) {
    const url = new URL(c.req.url);
    const problem = problemDocument(error, lang, url.pathname + url.search);
    return c.body(JSON.stringify(problem), error.status, { "Content-Type": `${PROBLEM}; charset=utf-8` });
  }
  return renderErrorPage(c, error, lang);
}
