import type { OpenAPIHono } from "@hono/zod-openapi";
import { PUBLIC, route } from "../../auth/rules.ts";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../html.ts";
import { pageContext } from "../../page-context.ts";
import { type OpenApiDocument, openApiDocument } from "./openapi.ts";
import { ApiDocsPage } from "./views.tsx";

/** Registered after every API route, so the document it generates (once) lists all of them. */
export function registerApiDocs(app: OpenAPIHono<AppEnv>): void {
  let document: OpenApiDocument | undefined;
  const get = () => {
    document ??= openApiDocument(app);
    return document;
  };
  route(app, "get", "/api/v1/openapi.json", PUBLIC, (c) => c.json(get()));
  route(app, "get", "/api/docs", PUBLIC, (c) =>
    renderPage(c, <ApiDocsPage {...pageContext(c)} document={get()} />),
  );
}
