import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../html.ts";
import { loadOrganization } from "../../load.ts";
import { pageContext } from "../../page-context.ts";
import { parseOrThrow } from "../../params.ts";
import { organizationParams } from "./schema.ts";
import { OrganizationListPage, OrganizationPage, type PlanSummary } from "./views.tsx";

export function registerOrganizationPages(app: OpenAPIHono<AppEnv>): void {
  app.get("/", async (c) => {
    const organizations = await c.get("store").listOrganizations();
    return renderPage(c, <OrganizationListPage {...pageContext(c)} organizations={organizations} />);
  });

  app.get("/o/:org", async (c) => {
    const { org } = parseOrThrow(organizationParams, c.req.param(), "path");
    const store = c.get("store");
    const organization = await loadOrganization(store, org);
    const plans = await store.listPlans(organization.id);
    const summaries: PlanSummary[] = await Promise.all(
      plans.map(async (plan) => ({ plan, latest: (await store.listRounds(plan.id)).at(-1) })),
    );
    return renderPage(
      c,
      <OrganizationPage {...pageContext(c)} organization={organization} plans={summaries} />,
    );
  });
}
