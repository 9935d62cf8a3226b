import type { OpenAPIHono } from "@hono/zod-openapi";
import { PUBLIC, route } from "../../auth/rules.ts";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../html.ts";
import type { Lang } from "../../i18n.ts";
import { pageContext } from "../../page-context.ts";
import { localizedApiDocument, type OpenApiDocument, openApiDocument } from "./openapi.ts";
import { ApiDocsPage } from "./views.tsx";

/** Registered after every API route, so the document it generates (once) lists all of them. */
export function registerApiDocs(app: OpenAPIHono<AppEnv>): void {
  const documents = new Map<Lang, OpenApiDocument>();
  const get = (lang: Lang) => {
    let document = documents.get(lang);
    if (!document) {
      const japanese = documents.get("ja") ?? openApiDocument(app);
      documents.set("ja", japanese);
      document = localizedApiDocument(japanese, lang);
      documents.set(lang, document);
    }
    return document;
  };
  // ?lang=en: the same document with English summaries and descriptions.
  route(app, "get", "/api/v1/openapi.json", PUBLIC, (c) => c.json(get(c.get("lang"))));
  route(app, "get", "/api/docs", PUBLIC, (c) =>
    renderPage(c, <ApiDocsPage {...pageContext(c)} document={get(c.get("lang"))} />),
  );
}
