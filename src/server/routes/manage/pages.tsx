import type { OpenAPIHono } from "@hono/zod-openapi";
import { can } from "../../../domain/permissions.ts";
import { organizationFromPath, type RouteRule, route } from "../../auth/rules.ts";
import { signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import { noticeHref } from "../../notices/links.ts";
import { homeNotices, noticesReadAction } from "../../notices/pages.tsx";
import { NoticesSection } from "../../notices/views.tsx";
import { pageContext } from "../../page-context.ts";
import { parseOrThrow } from "../../params.ts";
import { roundParams } from "../plans/schema.ts";
import { DraftTablePage, ManageHomePage } from "./views.tsx";

export const READ_DRAFTS: RouteRule = {
  kind: "signed-in",
  action: "drafts.read",
  organization: organizationFromPath,
};

/** The signed-in home of an organization, and its drafts (never in the shared page cache). */
export function registerManagePages(app: OpenAPIHono<AppEnv>): void {
  route(app, "get", "/o/:org/manage", READ_DRAFTS, async (c) => {
    const { organization, account, principal, auth } = signedIn(c);
    const store = c.get("store");
    const plans = await Promise.all(
      (await store.plans.list(organization.id)).map(async (plan) => ({
        plan,
        rounds: await store.rounds.list(plan.id),
      })),
    );
    const context = pageContext(c);
    const roundsById = new Map(
      plans.flatMap(({ plan, rounds }) =>
        rounds.map((r) => [r.id, { planId: plan.id, fiscalYear: r.fiscalYear }]),
      ),
    );
    const csrfToken = auth.kind === "session" ? auth.csrfToken : undefined;
    return renderPage(
      c,
      <ManageHomePage
        {...context}
        notices={
          <NoticesSection
            ui={context.ui}
            notices={await homeNotices(store, account.id)}
            readAction={context.ui.href(noticesReadAction(organization.slug))}
            csrfToken={csrfToken}
            hrefOf={(notice) =>
              context.ui.href(
                noticeHref(
                  notice,
                  organization.slug,
                  notice.roundId ? roundsById.get(notice.roundId) : undefined,
                ),
              )
            }
          />
        }
        organization={organization}
        account={account}
        csrfToken={auth.kind === "session" ? auth.csrfToken : undefined}
        plans={plans}
        canManageAccounts={can(principal, "accounts.manage", { organizationId: organization.id })}
        canManagePlans={can(principal, "plan.manage", { organizationId: organization.id })}
        canManageRounds={can(principal, "round.manage", { organizationId: organization.id })}
        canGrade={can(principal, "report.grade", { organizationId: organization.id })}
        canImport={can(principal, "plan.manage", { organizationId: organization.id })}
      />,
    );
  });

  route(app, "get", "/o/:org/manage/plans/:planId/:fy/table", READ_DRAFTS, async (c) => {
    const { organization, account, auth } = signedIn(c);
    const params = parseOrThrow(roundParams, c.req.param(), "path");
    const store = c.get("store");
    const plan = await store.plans.find(params.planId);
    if (!plan || plan.organizationId !== organization.id)
      throw new AppError("plan.not-found", { planId: String(params.planId) });
    const round = await store.rounds.find(plan.id, params.fy);
    const snapshot = round && (await store.rounds.snapshot(round.id));
    if (!snapshot) throw new AppError("round.not-found", { fiscalYear: String(params.fy) });
    return renderPage(
      c,
      <DraftTablePage
        {...pageContext(c)}
        organization={organization}
        account={account}
        csrfToken={auth.kind === "session" ? auth.csrfToken : undefined}
        plan={plan}
        document={snapshot.document}
      />,
    );
  });
}
