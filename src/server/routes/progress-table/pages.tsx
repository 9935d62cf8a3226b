import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../html.ts";
import { loadOrganization, loadPlanOf, loadRoundDocument } from "../../load.ts";
import { pageContext } from "../../page-context.ts";
import { parseOrThrow } from "../../params.ts";
import { roundParams } from "../plans/schema.ts";
import { ProgressTablePage } from "./views.tsx";

export function registerProgressTablePages(app: OpenAPIHono<AppEnv>): void {
  app.get("/o/:org/plans/:planId/:fy/table", async (c) => {
    const params = parseOrThrow(roundParams, c.req.param(), "path");
    const store = c.get("store");
    const organization = await loadOrganization(store, params.org);
    const plan = await loadPlanOf(store, organization, params.planId);
    const [rounds, document] = await Promise.all([
      store.listRounds(plan.id),
      loadRoundDocument(store, plan.id, params.fy),
    ]);
    return renderPage(
      c,
      <ProgressTablePage
        {...pageContext(c)}
        organization={organization}
        plan={plan}
        rounds={rounds}
        document={document}
      />,
    );
  });
}
