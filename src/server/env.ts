import type { Store } from "../store/types.ts";
import type { Lang } from "./i18n.ts";

/** What every handler can read from the context: set once per request by the app's first middleware. */
export interface AppEnv {
  Variables: {
    store: Store;
    lang: Lang;
  };
}
