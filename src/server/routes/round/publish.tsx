import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { summarizeDocument } from "../../../domain/grade-summary.ts";
import type { PlanDocument } from "../../../domain/plan-document.ts";
import { readyToPublish } from "../../../domain/workflow.ts";
import { ROUND_STATE_LABELS } from "../../../domain/workflow-states.ts";
import type { PlanRecord, PublicationRecord, ReportRecord, RoundRecord } from "../../../store/types.ts";
import { publishRound } from "../../../workflow/round.ts";
import { route } from "../../auth/rules.ts";
import { formFields } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../html.ts";
import { planPath } from "../../page-context.ts";
import { fiscalYearText } from "../../views/dates.tsx";
import { ErrorSummary, formTitle } from "../../views/form/error-summary.tsx";
import type { FieldError } from "../../views/form/errors.ts";
import { CsrfField, TextAreaField } from "../../views/form/field.tsx";
import { GradeSummaryTable } from "../../views/grade.tsx";
import { Layout } from "../../views/layout.tsx";
import { WorkflowRefusal } from "../../workflow-errors.ts";
import { ManageLayoutBar } from "../manage/views.tsx";
import {
  acting,
  doneQuery,
  MANAGE_ROUND,
  manageRoundPath,
  type PageProps,
  pageProps,
  roundOfPath,
  snapshotOf,
} from "./context.ts";
import { refusalOf } from "./round-pages.tsx";
import { DoneNotice, RefusalNotice, RoundNav, roundCrumbs } from "./views-common.tsx";

interface PublishState {
  done?: number;
  refusal?: string;
  errors?: FieldError[];
  reason?: string;
}

/**
 * Publication: a confirmation page (what will be frozen, whether it is ready, the reason a
 * correction needs), then publishRound; the public pages then serve the new revision.
 */
export function registerPublish(app: OpenAPIHono<AppEnv>): void {
  const path = "/o/:org/manage/plans/:planId/:fy/publish";

  route(app, "get", path, MANAGE_ROUND, { query: doneQuery }, async (c) => {
    const done = c.req.query("done");
    return publishPage(c, done && /^\d{1,6}$/.test(done) ? { done: Number(done) } : {});
  });

  route(app, "post", path, MANAGE_ROUND, async (c) => {
    const { plan, round } = await roundOfPath(c);
    const { ui, organization } = pageProps(c);
    const form = await formFields(c);
    const reason = form.text("reason");
    let publication: PublicationRecord;
    try {
      publication = await publishRound(c.get("store"), acting(c), {
        roundId: round.id,
        expectedVersion: Number(form.text("version")),
        reason,
      });
    } catch (error) {
      if (error instanceof WorkflowRefusal && error.key === "workflow.reasonRequired")
        return publishPage(c, { reason, errors: [{ field: "reason", message: ui.t(error.key) }] }, 400);
      const refused = refusalOf(c, error);
      if (!refused) throw error;
      return publishPage(c, { reason, refusal: refused.message }, refused.status);
    }
    return c.redirect(
      ui.href(`${manageRoundPath(organization.slug, plan.id, round.fiscalYear)}/publish`, {
        done: String(publication.revision),
      }),
      303,
    );
  });
}

async function publishPage(c: Context<AppEnv>, state: PublishState, status: 200 | 400 | 403 | 409 = 200) {
  const { plan, round } = await roundOfPath(c);
  const store = c.get("store");
  const [snapshot, reports, revisions] = await Promise.all([
    snapshotOf(c, round),
    store.reports.list(round.id),
    store.publications.revisions(plan.id, round.fiscalYear),
  ]);
  return renderPage(
    c,
    <PublishPage
      {...pageProps(c)}
      plan={plan}
      round={round}
      document={snapshot.document}
      reports={reports}
      revisions={revisions}
      state={state}
    />,
    status,
  );
}

function PublishPage(
  props: PageProps & {
    plan: PlanRecord;
    round: RoundRecord;
    document: PlanDocument;
    reports: ReportRecord[];
    revisions: PublicationRecord[];
    state: PublishState;
  },
) {
  const { ui, organization, plan, round, state, revisions } = props;
  const fy = fiscalYearText(round.fiscalYear, ui.lang);
  const title = ui.t("publish.title", { fy });
  const errors = state.errors ?? [];
  const left = props.reports.filter((r) => r.state !== "graded" && r.state !== "accepted").length;
  const ready = round.state === "grading" && readyToPublish(props.reports.map((r) => r.state));
  const latest = revisions.at(-1);
  const correction = latest !== undefined;
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, title, errors)}
      organization={organization}
      stylesheets={["progress-table.css", "forms.css", "review.css"]}
      breadcrumbs={roundCrumbs(props, plan, round.fiscalYear, ui.t("round.toPublish"))}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <ErrorSummary ui={ui} errors={errors} />
      <RefusalNotice ui={ui} message={state.refusal} />
      {state.done ? (
        <>
          <DoneNotice message={ui.t("publish.done", { revision: state.done })} />
          <p>
            <a href={ui.href(planPath(organization.slug, plan.id, round.fiscalYear))}>
              {ui.t("publish.publicPage")}
            </a>
          </p>
        </>
      ) : null}
      <h1>{title}</h1>
      <RoundNav
        ui={ui}
        slug={organization.slug}
        plan={plan}
        round={round}
        secretariat={true}
        current="publish"
      />
      <p>{ui.t("publish.lead")}</p>
      {correction ? (
        <p>{ui.t("publish.correctionLead", { revision: latest.revision, next: latest.revision + 1 })}</p>
      ) : null}
      <h2>{ui.t("publish.summary")}</h2>
      <p>{ui.t("publish.initiatives", { count: props.reports.length })}</p>
      <GradeSummaryTable summary={summarizeDocument(props.document)} fiscalYearLabel={fy} ui={ui} />
      {round.state !== "grading" ? (
        <p class="notice-warning">
          {ui.t("publish.notGrading", { state: ROUND_STATE_LABELS[round.state][ui.lang] })}
        </p>
      ) : left > 0 ? (
        <p class="notice-warning">{ui.t("publish.notReady", { count: left })}</p>
      ) : null}
      {ready ? (
        <form method="post" class="form" novalidate>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="version" value={String(round.version)} />
          {correction ? (
            <TextAreaField
              ui={ui}
              id="reason"
              label={ui.t("publish.reason")}
              hint={ui.t("publish.reasonHint")}
              required={true}
              value={state.reason ?? ""}
              errors={errors}
              rows={2}
            />
          ) : null}
          <button type="submit">{ui.t("publish.confirm")}</button>
        </form>
      ) : null}
    </Layout>
  );
}
