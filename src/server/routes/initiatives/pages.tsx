import type { OpenAPIHono } from "@hono/zod-openapi";
import { PUBLIC, route } from "../../auth/rules.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import { loadInitiativeHistory, loadOrganization, loadPlanOf, waysFrom } from "../../load.ts";
import { initiativePath, pageContext } from "../../page-context.ts";
import { parseOrThrow, queryObject } from "../../params.ts";
import { initiativePageParams, initiativePageQuery } from "./schema.ts";
import { InitiativePage } from "./views.tsx";

export function registerInitiativePages(app: OpenAPIHono<AppEnv>): void {
  const path = "/o/:org/plans/:planId/initiatives/:number";
  route(app, "get", path, PUBLIC, { query: initiativePageQuery }, async (c) => {
    const params = parseOrThrow(initiativePageParams, c.req.param(), "path");
    const query = parseOrThrow(initiativePageQuery, queryObject(new URL(c.req.url)), "query");
    const organization = await loadOrganization(c, params.org);
    const plan = await loadPlanOf(c, organization, params.planId);
    const history = await loadInitiativeHistory(c, plan, params.number);
    if (query.fy !== undefined && !history.reports.some((r) => r.fiscalYear === query.fy)) {
      throw new AppError("round.not-found", {
        fiscalYear: String(query.fy),
        published: history.reports.map((r) => r.fiscalYear).join(","),
      }).withWays([
        {
          label: {
            ja: `No.${params.number}の取組項目（すべての年度）`,
            en: `Initiative No. ${params.number} (every year)`,
          },
          path: initiativePath(organization.slug, plan.id, params.number),
        },
        ...waysFrom(plan),
      ]);
    }
    return renderPage(
      c,
      <InitiativePage
        {...pageContext(c)}
        organization={organization}
        history={history}
        selectedFiscalYear={query.fy}
      />,
    );
  });
}
