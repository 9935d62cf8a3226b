import type { OpenAPIHono } from "@hono/zod-openapi";
import { PUBLIC, route } from "../../auth/rules.ts";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../html.ts";
import { loadOrganization, loadPlanOf, loadRoundDocument } from "../../load.ts";
import { pageContext } from "../../page-context.ts";
import { parseOrThrow } from "../../params.ts";
import { roundParams } from "../plans/schema.ts";
import { ProgressTablePage } from "./views.tsx";

export function registerProgressTablePages(app: OpenAPIHono<AppEnv>): void {
  route(app, "get", "/o/:org/plans/:planId/:fy/table", PUBLIC, async (c) => {
    const params = parseOrThrow(roundParams, c.req.param(), "path");
    const organization = await loadOrganization(c, params.org);
    const plan = await loadPlanOf(c, organization, params.planId);
    const rounds = plan.rounds;
    const document = await loadRoundDocument(c, plan, params.fy);
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
