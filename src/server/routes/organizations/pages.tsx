import type { OpenAPIHono } from "@hono/zod-openapi";
import { PUBLIC, route } from "../../auth/rules.ts";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../html.ts";
import { loadOrganization, loadPublishedPlans } from "../../load.ts";
import { pageContext } from "../../page-context.ts";
import { parseOrThrow } from "../../params.ts";
import { organizationParams } from "./schema.ts";
import { OrganizationListPage, OrganizationPage, type PlanSummary } from "./views.tsx";

export function registerOrganizationPages(app: OpenAPIHono<AppEnv>): void {
  route(app, "get", "/", PUBLIC, async (c) => {
    const organizations = await c.get("store").organizations.list();
    return renderPage(c, <OrganizationListPage {...pageContext(c)} organizations={organizations} />);
  });

  route(app, "get", "/o/:org", PUBLIC, async (c) => {
    const { org } = parseOrThrow(organizationParams, c.req.param(), "path");
    const organization = await loadOrganization(c, org);
    const plans = await loadPublishedPlans(c, organization);
    const summaries: PlanSummary[] = plans.map((plan) => ({ plan, latest: plan.rounds.at(-1) }));
    return renderPage(
      c,
      <OrganizationPage {...pageContext(c)} organization={organization} plans={summaries} />,
    );
  });
}
