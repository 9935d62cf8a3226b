import type { OpenAPIHono } from "@hono/zod-openapi";
import { gradeScaleOf } from "../../../domain/grade.ts";
import { summarizeDocument } from "../../../domain/grade-summary.ts";
import { expectedShare } from "../../../domain/plan-period.ts";
import { searchInitiatives } from "../../../domain/search.ts";
import { PUBLIC, route } from "../../auth/rules.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import { localHref } from "../../i18n.ts";
import { loadOrganization, loadPlanOf, loadRoundDocument } from "../../load.ts";
import { pageContext, planPath } from "../../page-context.ts";
import { PAGE_FIELD_LABELS, parseOrThrow, queryObject } from "../../params.ts";
import { applyFilter, departmentsOf, gradeFilterError, listInitiatives } from "./filter.ts";
import { overviewQuery, planParams, roundParams } from "./schema.ts";
import { PlanOverviewPage } from "./views.tsx";

export function registerPlanPages(app: OpenAPIHono<AppEnv>): void {
  // The plan's address without a year shows its latest round; the redirect is temporary because the
  // latest round changes every year.
  route(app, "get", "/o/:org/plans/:planId", PUBLIC, async (c) => {
    const params = parseOrThrow(planParams, c.req.param(), "path");
    const organization = await loadOrganization(c, params.org);
    const plan = await loadPlanOf(c, organization, params.planId);
    const latest = plan.rounds.at(-1);
    if (!latest) throw new AppError("round.not-found", { fiscalYear: "—" });
    return c.redirect(localHref(c.get("lang"), planPath(organization.slug, plan.id, latest.fiscalYear)), 302);
  });

  route(app, "get", "/o/:org/plans/:planId/:fy", PUBLIC, { query: overviewQuery }, async (c) => {
    const params = parseOrThrow(roundParams, c.req.param(), "path");
    const query = parseOrThrow(overviewQuery, queryObject(new URL(c.req.url)), "query");
    const organization = await loadOrganization(c, params.org);
    const plan = await loadPlanOf(c, organization, params.planId);
    const rounds = plan.rounds;
    const document = await loadRoundDocument(c, plan, params.fy);
    const badGrade = gradeFilterError(query.grade, gradeScaleOf(document.plan), PAGE_FIELD_LABELS.grade);
    if (badGrade) throw new AppError("request.invalid", {}, [badGrade]);
    const matching = query.q ? new Set(searchInitiatives(document, query.q)) : undefined;

    const all = listInitiatives(document);
    const shown = applyFilter(all, {
      policy: query.policy,
      department: query.department,
      grades: query.grade,
      matching,
    });
    return renderPage(
      c,
      <PlanOverviewPage
        {...pageContext(c)}
        organization={organization}
        plan={plan}
        rounds={rounds}
        document={document}
        summary={summarizeDocument(document)}
        expected={expectedShare(plan, params.fy)}
        departments={departmentsOf(document)}
        filter={{ policy: query.policy, department: query.department, grades: query.grade ?? [], q: query.q }}
        initiatives={shown}
        totalInitiatives={all.length}
      />,
    );
  });
}
