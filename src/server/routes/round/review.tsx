import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type GradeScale, gradeScaleOf } from "../../../domain/grade.ts";
import {
  initiativeNumberLabel,
  withNumberSign,
  withoutNumberSign,
} from "../../../domain/initiative-number.ts";
import type { Initiative } from "../../../domain/plan-document.ts";
import { expectedShare } from "../../../domain/plan-period.ts";
import { reportActionRefusal } from "../../../domain/workflow.ts";
import { REPORT_STATE_LABELS, ROUND_STATE_LABELS } from "../../../domain/workflow-states.ts";
import {
  type CommentRecord,
  ConflictError,
  type KpiValueRecord,
  type PlanRecord,
  type ReportRecord,
  type RoundRecord,
} from "../../../store/types.ts";
import { acceptReport, commentOnReport, returnReport } from "../../../workflow/round.ts";
import { correctReport } from "../../../workflow/round-review.ts";
import { route } from "../../auth/rules.ts";
import { formFields, signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import { colon, sourceLang } from "../../i18n.ts";
import { fiscalYearText } from "../../views/dates.tsx";
import { ErrorSummary, formTitle } from "../../views/form/error-summary.tsx";
import type { FieldError } from "../../views/form/errors.ts";
import { CsrfField, TextAreaField, TextField } from "../../views/form/field.tsx";
import { Layout } from "../../views/layout.tsx";
import { ManageLayoutBar } from "../manage/views.tsx";
import {
  acting,
  doneQuery,
  findInitiative,
  initiativeNumberOfPath,
  MANAGE_ROUND,
  manageRoundPath,
  type PageProps,
  pageProps,
  roundOfPath,
  snapshotOf,
} from "./context.ts";
import { CommentThread, KpiTable, LastYearGrade, SelfView } from "./report-views.tsx";
import { refusalOf } from "./round-pages.tsx";
import { DoneNotice, Prose, RefusalNotice, roundCrumbs } from "./views-common.tsx";

/** Everything the review page shows of one initiative's report, this year and last. */
export interface ReviewData {
  plan: PlanRecord;
  round: RoundRecord;
  initiative: Initiative;
  policy: { code: string; title: string };
  report: ReportRecord;
  lastYear: Initiative | undefined;
  comments: CommentRecord[];
  /** The KPI lines of the form, with the id and version of each 現状値. */
  kpis: { key: string; kpiId: number; label: string; text: string; version: number | null }[];
  departmentIds: number[];
  /** The scale last year's table was graded on. */
  lastYearScale: GradeScale;
}

export async function reviewData(c: Context<AppEnv>): Promise<ReviewData> {
  const { plan, round } = await roundOfPath(c);
  const number = initiativeNumberOfPath(c);
  const store = c.get("store");
  const snapshot = await snapshotOf(c, round);
  const found = findInitiative(snapshot.document, number);
  const report = await store.reports.find(round.id, number);
  if (!found || !report) throw new AppError("page.not-found", { path: c.req.path });
  const previous = await store.rounds.find(plan.id, round.fiscalYear - 1);
  const previousSnapshot = previous && (await store.rounds.snapshot(previous.id));
  const [comments, values, departments] = await Promise.all([
    store.comments.list(report.id),
    store.kpiValues.list(round.id),
    store.departments.ofInitiative(plan.id, number),
  ]);
  const valueByKpi = new Map<number, KpiValueRecord>(values.map((v) => [v.kpiId, v]));
  const kpis = found.initiative.kpis
    .filter((k) => !k.relisted)
    .flatMap((k) => {
      const kpiId = snapshot.links.kpis[k.key];
      if (kpiId === undefined) return [];
      const value = valueByKpi.get(kpiId);
      return [{ key: k.key, kpiId, label: k.label, text: k.current.text, version: value?.version ?? null }];
    });
  return {
    plan,
    round,
    initiative: found.initiative,
    policy: found.policy,
    report,
    lastYear: previousSnapshot ? findInitiative(previousSnapshot.document, number)?.initiative : undefined,
    comments,
    kpis,
    departmentIds: (departments ?? []).map((d) => d.id),
    lastYearScale: previousSnapshot ? gradeScaleOf(previousSnapshot.document.plan) : plan.gradeScale,
  };
}

type ReviewAction = "return" | "accept" | "comment" | "fix";

interface ReviewState {
  done?: string;
  refusal?: string;
  errors?: FieldError[];
  values?: Record<string, string>;
  /** A correction that met someone else's save: what was typed, beside the current text. */
  conflict?: { activities: string; nextYearGoal: string; kpis: Record<string, string> };
}

/**
 * The secretariat's review of one initiative's report: the report beside last year's, its comment
 * thread, and return (with a comment) / accept / comment / correct the wording itself.
 */
export function registerReview(app: OpenAPIHono<AppEnv>): void {
  const path = "/o/:org/manage/plans/:planId/:fy/review/:number";

  route(app, "get", path, MANAGE_ROUND, { query: doneQuery }, async (c) => {
    const data = await reviewData(c);
    const done = c.req.query("done");
    const { ui } = pageProps(c);
    const known = ["return", "accept", "comment", "fix"];
    return reviewPage(c, data, {
      done: done && known.includes(done) ? ui.t(`review.done.${done as ReviewAction}`) : undefined,
    });
  });

  for (const action of ["return", "accept", "comment", "fix"] as const) {
    route(app, "post", `${path}/${action}`, MANAGE_ROUND, async (c) => {
      const data = await reviewData(c);
      const { ui, organization } = pageProps(c);
      const form = await formFields(c);
      const store = c.get("store");
      const target = {
        planId: data.plan.id,
        fiscalYear: data.round.fiscalYear,
        initiativeNumber: data.initiative.number,
        expectedVersion: Number(form.text("version")),
      };
      const values: Record<string, string> = {};
      try {
        if (action === "return") {
          values.returnComment = form.text("returnComment");
          if (values.returnComment.trim() === "")
            return reviewPage(
              c,
              data,
              { values, errors: [{ field: "returnComment", message: ui.t("workflow.commentRequired") }] },
              400,
            );
          await returnReport(store, acting(c), { ...target, comment: values.returnComment });
        } else if (action === "accept") {
          values.acceptComment = form.text("acceptComment");
          await acceptReport(store, acting(c), { ...target, comment: values.acceptComment });
        } else if (action === "comment") {
          values.commentBody = form.text("commentBody");
          if (values.commentBody.trim() === "")
            return reviewPage(
              c,
              data,
              { values, errors: [{ field: "commentBody", message: ui.t("workflow.commentRequired") }] },
              400,
            );
          await commentOnReport(store, acting(c), { ...target, body: values.commentBody });
        } else {
          const typed = {
            activities: form.text("activities"),
            nextYearGoal: form.text("nextYearGoal"),
            // A KPI field the form did not send is left as it is.
            kpis: Object.fromEntries(
              data.kpis.map((k) => [
                k.key,
                form.list(`kpi-${k.kpiId}`).length > 0 ? form.text(`kpi-${k.kpiId}`) : k.text,
              ]),
            ),
          };
          values.fixNote = form.text("fixNote");
          const changed = [
            ...(typed.activities !== data.initiative.activities ? [ui.t("review.activities")] : []),
            ...(typed.nextYearGoal !== data.initiative.nextYearGoal ? [ui.t("review.nextYearGoal")] : []),
            ...data.kpis.filter((k) => typed.kpis[k.key] !== k.text).map((k) => k.label),
          ];
          try {
            await correctReport(store, acting(c), {
              ...target,
              changes: {
                ...(typed.activities !== data.initiative.activities ? { activities: typed.activities } : {}),
                ...(typed.nextYearGoal !== data.initiative.nextYearGoal
                  ? { nextYearGoal: typed.nextYearGoal }
                  : {}),
              },
              kpiValues: data.kpis
                .filter((k) => typed.kpis[k.key] !== k.text)
                .map((k) => ({
                  kpiId: k.kpiId,
                  text: typed.kpis[k.key] ?? "",
                  expectedVersion: Number(form.text(`kpiVersion-${k.kpiId}`)) || null,
                })),
              note: values.fixNote,
              changedFields: changed.length > 0 ? changed.join("、") : "",
            });
          } catch (error) {
            if (error instanceof ConflictError)
              return reviewPage(c, await reviewData(c), { values, conflict: typed }, 409);
            throw error;
          }
        }
      } catch (error) {
        const refused = refusalOf(c, error);
        if (!refused) throw error;
        return reviewPage(c, await reviewData(c), { values, refusal: refused.message }, refused.status);
      }
      return c.redirect(
        ui.href(
          `${manageRoundPath(organization.slug, data.plan.id, data.round.fiscalYear)}/review/${data.initiative.number}`,
          { done: action },
        ),
        303,
      );
    });
  }
}

async function reviewPage(
  c: Context<AppEnv>,
  data: ReviewData,
  state: ReviewState,
  status: 200 | 400 | 403 | 409 = 200,
) {
  const { principal } = signedIn(c);
  const situation = {
    organizationId: data.round.organizationId,
    roundState: data.round.state,
    reportState: data.report.state,
    departmentIds: data.departmentIds,
  };
  const allowed = {
    return: !reportActionRefusal(principal, "return", situation),
    accept: !reportActionRefusal(principal, "accept", situation),
    fix: !reportActionRefusal(principal, "edit", situation),
  };
  return renderPage(c, <ReviewPage {...pageProps(c)} data={data} state={state} allowed={allowed} />, status);
}

function ReviewPage(
  props: PageProps & {
    data: ReviewData;
    state: ReviewState;
    allowed: { return: boolean; accept: boolean; fix: boolean };
  },
) {
  const { ui, organization, data, state, allowed } = props;
  const { plan, round, initiative, report } = data;
  const label = initiativeNumberLabel(initiative);
  const title = ui.t("review.title", { number: withoutNumberSign(label), title: initiative.title });
  const errors = state.errors ?? [];
  const values = state.values ?? {};
  const base = `${manageRoundPath(organization.slug, plan.id, round.fiscalYear)}/review/${initiative.number}`;
  const share = expectedShare(plan, round.fiscalYear).share;
  const hidden = (
    <>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="version" value={String(report.version)} />
    </>
  );
  const conflict = state.conflict;
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, title, errors)}
      organization={organization}
      wide={true}
      stylesheets={["forms.css", "review.css"]}
      breadcrumbs={roundCrumbs(props, plan, round.fiscalYear, withNumberSign(label))}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <ErrorSummary ui={ui} errors={errors} />
      <RefusalNotice ui={ui} message={state.refusal} />
      <DoneNotice message={state.done} />
      <h1 lang={sourceLang(ui)}>{title}</h1>
      <p>
        <strong>{ui.t("review.state", { state: REPORT_STATE_LABELS[report.state][ui.lang] })}</strong>
        {" ・ "}
        {ui.t("round.currentState", { state: ROUND_STATE_LABELS[round.state][ui.lang] })}
        {" ・ "}
        {ui.t("review.departments")}
        {colon(ui.lang)}
        <span lang={sourceLang(ui)}>{initiative.departments.join("、")}</span>
        {" ・ "}
        <a
          href={ui.href(
            `${manageRoundPath(organization.slug, plan.id, round.fiscalYear)}/history/${initiative.number}`,
          )}
        >
          {ui.t("review.history")}
        </a>
      </p>
      <div class="side-by-side">
        <section aria-labelledby="this-year">
          <h2 id="this-year">{ui.t("review.thisYear", { fy: fiscalYearText(round.fiscalYear, ui.lang) })}</h2>
          <h3>{ui.t("review.activities")}</h3>
          <Prose ui={ui} text={initiative.activities} />
          <KpiTable
            ui={ui}
            id="kpis-now"
            initiative={initiative}
            lastYear={data.lastYear}
            expectedShare={share}
          />
          <h3>{ui.t("review.nextYearGoal")}</h3>
          <Prose ui={ui} text={initiative.nextYearGoal} />
          <SelfView ui={ui} report={report} scale={plan.gradeScale} />
        </section>
        <section class="last-year" aria-labelledby="last-year">
          <h2 id="last-year">
            {ui.t("review.lastYear", { fy: fiscalYearText(round.fiscalYear - 1, ui.lang) })}
          </h2>
          {data.lastYear ? (
            <>
              <h3>{ui.t("review.lastGoal")}</h3>
              <Prose ui={ui} text={data.lastYear.nextYearGoal} />
              <h3>{ui.t("review.activities")}</h3>
              <Prose ui={ui} text={data.lastYear.activities} />
              <LastYearGrade ui={ui} initiative={data.lastYear} scale={data.lastYearScale} />
            </>
          ) : (
            <p class="muted">{ui.t("review.noLastYear")}</p>
          )}
        </section>
      </div>
      <h2>{ui.t("review.thread")}</h2>
      <CommentThread ui={ui} comments={data.comments} />
      <h2>{ui.t("review.actions")}</h2>
      {!allowed.return && !allowed.accept ? (
        <p>{ui.t("review.notActionable", { state: REPORT_STATE_LABELS[report.state][ui.lang] })}</p>
      ) : null}
      <div class="action-panels">
        {allowed.return ? (
          <section aria-labelledby="return-heading">
            <h3 id="return-heading">{ui.t("review.returnHeading")}</h3>
            <form method="post" action={ui.href(`${base}/return`)} class="form" novalidate>
              {hidden}
              <TextAreaField
                ui={ui}
                id="returnComment"
                label={ui.t("review.returnComment")}
                required={true}
                value={values.returnComment ?? ""}
                errors={errors}
                rows={3}
              />
              <button type="submit" class="button-warning">
                {ui.t("review.returnSubmit")}
              </button>
            </form>
          </section>
        ) : null}
        {allowed.accept ? (
          <section aria-labelledby="accept-heading">
            <h3 id="accept-heading">{ui.t("review.acceptHeading")}</h3>
            <form method="post" action={ui.href(`${base}/accept`)} class="form" novalidate>
              {hidden}
              <TextAreaField
                ui={ui}
                id="acceptComment"
                label={ui.t("review.acceptComment")}
                required={false}
                value={values.acceptComment ?? ""}
                errors={errors}
                rows={2}
              />
              <button type="submit">{ui.t("review.acceptSubmit")}</button>
            </form>
          </section>
        ) : null}
        <section aria-labelledby="comment-heading">
          <h3 id="comment-heading">{ui.t("review.commentHeading")}</h3>
          <form method="post" action={ui.href(`${base}/comment`)} class="form" novalidate>
            {hidden}
            <TextAreaField
              ui={ui}
              id="commentBody"
              label={ui.t("review.commentBody")}
              required={true}
              value={values.commentBody ?? ""}
              errors={errors}
              rows={2}
            />
            <button type="submit" class="button-secondary">
              {ui.t("review.commentSubmit")}
            </button>
          </form>
        </section>
      </div>
      {allowed.fix ? (
        <section aria-labelledby="fix-heading">
          <h2 id="fix-heading">{ui.t("review.fixHeading")}</h2>
          <p>{ui.t("review.fixLead")}</p>
          {conflict ? (
            <div class="notice-warning" role="alert">
              <p>{ui.t("review.conflict")}</p>
            </div>
          ) : null}
          <form method="post" action={ui.href(`${base}/fix`)} class="form" novalidate>
            {hidden}
            {conflict ? (
              <ConflictPair
                ui={ui}
                label={ui.t("review.activities")}
                yours={conflict.activities}
                theirs={initiative.activities}
              />
            ) : null}
            <TextAreaField
              ui={ui}
              id="activities"
              label={ui.t("review.activities")}
              required={false}
              value={conflict ? conflict.activities : initiative.activities}
              errors={errors}
              rows={6}
              source={true}
            />
            {data.kpis.map((kpi) => (
              <>
                {conflict && conflict.kpis[kpi.key] !== kpi.text ? (
                  <ConflictPair
                    ui={ui}
                    label={kpi.label}
                    yours={conflict.kpis[kpi.key] ?? ""}
                    theirs={kpi.text}
                  />
                ) : null}
                <input
                  type="hidden"
                  name={`kpiVersion-${kpi.kpiId}`}
                  value={kpi.version === null ? "" : String(kpi.version)}
                />
                <TextField
                  ui={ui}
                  id={`kpi-${kpi.kpiId}`}
                  label={
                    <span lang={sourceLang(ui)}>{ui.t("review.current") + colon(ui.lang) + kpi.label}</span>
                  }
                  required={false}
                  value={conflict ? (conflict.kpis[kpi.key] ?? kpi.text) : kpi.text}
                  errors={errors}
                  width="long"
                />
              </>
            ))}
            {conflict ? (
              <ConflictPair
                ui={ui}
                label={ui.t("review.nextYearGoal")}
                yours={conflict.nextYearGoal}
                theirs={initiative.nextYearGoal}
              />
            ) : null}
            <TextAreaField
              ui={ui}
              id="nextYearGoal"
              label={ui.t("review.nextYearGoal")}
              required={false}
              value={conflict ? conflict.nextYearGoal : initiative.nextYearGoal}
              errors={errors}
              rows={3}
              source={true}
            />
            <TextAreaField
              ui={ui}
              id="fixNote"
              label={ui.t("review.fixNote")}
              required={false}
              value={values.fixNote ?? ""}
              errors={errors}
              rows={2}
            />
            <button type="submit">{ui.t("review.fixSubmit")}</button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

/** Both versions of a field after a conflict: what was typed and what is stored now. */
export function ConflictPair(props: {
  ui: Parameters<typeof Prose>[0]["ui"];
  label: string;
  yours: string;
  theirs: string;
}) {
  const { ui } = props;
  if (props.yours === props.theirs) return null;
  return (
    <div class="side-by-side conflict-pair">
      <section>
        <h3>
          {ui.t("review.yours")}
          {colon(ui.lang)}
          <span lang={sourceLang(ui)}>{props.label}</span>
        </h3>
        <Prose ui={ui} text={props.yours} />
      </section>
      <section>
        <h3>
          {ui.t("review.theirs")}
          {colon(ui.lang)}
          <span lang={sourceLang(ui)}>{props.label}</span>
        </h3>
        <Prose ui={ui} text={props.theirs} />
      </section>
    </div>
  );
}
