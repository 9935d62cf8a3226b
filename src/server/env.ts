import type { Store } from "../store/types.ts";
import type { Lang } from "./i18n.ts";
import type { PublicationCache } from "./publication-cache.ts";

/** What every handler can read from the context: set once per request by the app's first middleware. */
export interface AppEnv {
  Variables: {
    store: Store;
    lang: Lang;
    publications: PublicationCache;
    /**
     * The organization whose public revision the answer depends on, set by the loaders (load.ts);
     * unset: the answer depends on the list of organizations (the directory).
     */
    cacheScope: number | undefined;
  };
}
