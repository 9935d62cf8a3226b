import type { Principal } from "../domain/permissions.ts";
import type { OrganizationRecord, Store } from "../store/types.ts";
import type { SecurityOptions } from "./auth/options.ts";
import type { Authentication } from "./auth/session.ts";
import type { ExportCache } from "./export-cache.ts";
import type { Lang } from "./i18n.ts";
import type { PublicationCache } from "./publication-cache.ts";
import type { RenderPool } from "./render/pool.ts";

/** What every handler can read from the context: set once per request by the app's first middleware. */
export interface AppEnv {
  Variables: {
    store: Store;
    lang: Lang;
    publications: PublicationCache;
    /** Downloads rendered once per publication (export-cache.ts), and the threads that render them. */
    exports: ExportCache;
    renderPool: RenderPool;
    /**
     * The organization whose public revision the answer depends on, set by the loaders (load.ts);
     * unset: the answer depends on the list of organizations (the directory).
     */
    cacheScope: number | undefined;
    /**
     * The request's path and canonical query (src/server/known-query.ts): what the page cache keys
     * the answer on and what a page is rendered for. Unset: the request is not kept (no route, or
     * parameters its route refuses).
     */
    address: string | undefined;
    /** Set by a route whose answer is kept elsewhere (downloads: the export cache): not by the page cache. */
    keptElsewhere: boolean | undefined;
    security: SecurityOptions;
    /** Who the request speaks for (authentication.ts); unset for anonymous readers. */
    auth: Authentication | undefined;
    /** Set by a signed-in route's guard: the principal and the organization it acts in. */
    principal: Principal | undefined;
    organization: OrganizationRecord | undefined;
  };
}
