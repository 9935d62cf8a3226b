import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type GradeScale, gradeLegend, gradeScaleOf, gradeWithLabel } from "../../../domain/grade.ts";
import { summarizeDocument } from "../../../domain/grade-summary.ts";
import { can } from "../../../domain/permissions.ts";
import type { Initiative, PlanDocument } from "../../../domain/plan-document.ts";
import { expectedShare } from "../../../domain/plan-period.ts";
import { REPORT_STATE_LABELS, ROUND_STATE_LABELS } from "../../../domain/workflow-states.ts";
import { ConflictError, type PlanRecord, type ReportRecord, type RoundRecord } from "../../../store/types.ts";
import { GradeNotOnScale, NotAssessedNotAllowed } from "../../../workflow/refusal.ts";
import { gradeReport } from "../../../workflow/round.ts";
import { route } from "../../auth/rules.ts";
import { formFields, signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../html.ts";
import type { Ui } from "../../i18n.ts";
import { sourceLang } from "../../i18n.ts";
import { fiscalYearText } from "../../views/dates.tsx";
import { ErrorSummary, formTitle } from "../../views/form/error-summary.tsx";
import type { FieldError } from "../../views/form/errors.ts";
import { errorFor } from "../../views/form/errors.ts";
import { CsrfField, InlineError, RequiredTag, TextAreaField } from "../../views/form/field.tsx";
import { GradeSummaryTable, GradeText } from "../../views/grade.tsx";
import { Layout } from "../../views/layout.tsx";
import { ManageLayoutBar } from "../manage/views.tsx";
import {
  acting,
  GRADE,
  initiativeNumberOfPath,
  manageRoundPath,
  type PageProps,
  pageProps,
  roundOfPath,
  snapshotOf,
} from "./context.ts";
import { KpiTable, SelfView } from "./report-views.tsx";
import { ConflictPair } from "./review.tsx";
import { refusalOf } from "./round-pages.tsx";
import { DoneNotice, Prose, RefusalNotice, RoundNav, roundCrumbs } from "./views-common.tsx";

/**
 * The form's value for 対象外 (not graded this year). A scale's codes have at most 8 characters, so
 * this one can never be a level's code.
 */
export const NOT_ASSESSED_CHOICE = "notAssessed";

/** "S 大変順調" or 対象外, for the conflict view. */
function choiceText(ui: Ui, scale: GradeScale, choice: string): string {
  if (choice === "") return ui.t("grading.noGrade");
  if (choice === NOT_ASSESSED_CHOICE) return ui.t("initiative.notAssessed");
  return gradeWithLabel(scale, choice, ui.lang);
}

function reportChoice(report: ReportRecord): string {
  return report.notAssessed ? NOT_ASSESSED_CHOICE : (report.grade ?? "");
}

const savedQuery = z.object({
  saved: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
});

interface GradingItem {
  initiative: Initiative;
  report: ReportRecord;
}

interface GradingState {
  saved?: number;
  refusal?: string;
  errors?: FieldError[];
  /** The item whose save was not applied, with what was typed. */
  typed?: { number: number; grade: string; opinion: string; conflict: boolean };
}

/**
 * The committee's grading: every accepted (or graded) report with its KPI values, achievement and
 * the department's own view; (F) and (G) saved per initiative with the version read, so of two
 * members grading one initiative exactly one is applied and the other sees both. The grade summary
 * (全体 and per 基本方針) is recounted from the store at every render.
 */
export function registerGrading(app: OpenAPIHono<AppEnv>): void {
  const base = "/o/:org/manage/plans/:planId/:fy/grading";

  route(app, "get", base, GRADE, { query: savedQuery }, async (c) => {
    const saved = c.req.query("saved");
    return gradingPage(c, { ...(saved ? { saved: Number(saved) } : {}) });
  });

  route(app, "post", `${base}/:number`, GRADE, async (c) => {
    const { plan, round } = await roundOfPath(c);
    const number = initiativeNumberOfPath(c);
    const { ui, organization } = pageProps(c);
    const form = await formFields(c);
    const typed = { number, grade: form.text("grade"), opinion: form.text("opinion"), conflict: false };
    const badGrade = (message: string) =>
      gradingPage(c, { typed, errors: [{ field: `grade-${number}`, message }] }, 400);
    if (typed.grade === "") return badGrade(ui.t("grading.badGrade"));
    const notAssessed = typed.grade === NOT_ASSESSED_CHOICE;
    try {
      await gradeReport(c.get("store"), acting(c), {
        planId: plan.id,
        fiscalYear: round.fiscalYear,
        initiativeNumber: number,
        expectedVersion: Number(form.text("version")),
        grade: notAssessed ? null : typed.grade,
        notAssessed,
        committeeOpinion: typed.opinion,
      });
    } catch (error) {
      if (error instanceof ConflictError) return gradingPage(c, { typed: { ...typed, conflict: true } }, 409);
      // The plan's scale is the workflow's rule; the form puts its refusal on the field.
      if (error instanceof GradeNotOnScale)
        return badGrade(
          ui.t(plan.notAssessedAllowed ? "grading.gradeNotOnScale" : "grading.gradeNotOnScaleOnly", {
            code: error.code,
            legend: gradeLegend(plan.gradeScale, ui.lang, "、"),
          }),
        );
      if (error instanceof NotAssessedNotAllowed)
        return badGrade(
          ui.t("grading.notAssessedNotAllowed", { legend: gradeLegend(plan.gradeScale, ui.lang, "、") }),
        );
      const refused = refusalOf(c, error);
      if (!refused) throw error;
      return gradingPage(c, { typed, refusal: refused.message }, refused.status);
    }
    return c.redirect(
      `${ui.href(`${manageRoundPath(organization.slug, plan.id, round.fiscalYear)}/grading`, { saved: String(number) })}#item-${number}`,
      303,
    );
  });
}

async function gradingPage(c: Context<AppEnv>, state: GradingState, status: 200 | 400 | 403 | 409 = 200) {
  const { plan, round } = await roundOfPath(c);
  const snapshot = await snapshotOf(c, round);
  const reports = await c.get("store").reports.list(round.id);
  const byNumber = new Map(reports.map((r) => [r.initiativeNumber, r]));
  const items: GradingItem[] = snapshot.document.policies
    .flatMap((p) => p.initiatives)
    .flatMap((initiative) => {
      const report = byNumber.get(initiative.number);
      return report && (report.state === "accepted" || report.state === "graded")
        ? [{ initiative, report }]
        : [];
    });
  const previous = await c.get("store").rounds.find(plan.id, round.fiscalYear - 1);
  const lastYear = previous ? (await c.get("store").rounds.snapshot(previous.id))?.document : undefined;
  const { principal, organization } = signedIn(c);
  return renderPage(
    c,
    <GradingPage
      {...pageProps(c)}
      plan={plan}
      round={round}
      document={snapshot.document}
      lastYear={lastYear}
      items={items}
      state={state}
      secretariat={can(principal, "round.manage", { organizationId: organization.id })}
    />,
    status,
  );
}

function GradingPage(
  props: PageProps & {
    plan: PlanRecord;
    round: RoundRecord;
    document: PlanDocument;
    lastYear: PlanDocument | undefined;
    items: GradingItem[];
    state: GradingState;
    secretariat: boolean;
  },
) {
  const { ui, organization, plan, round, state } = props;
  const fy = fiscalYearText(round.fiscalYear, ui.lang);
  const title = ui.t("grading.title", { fy });
  const errors = state.errors ?? [];
  const summary = summarizeDocument(props.document);
  const share = expectedShare(plan, round.fiscalYear).share;
  const scale = plan.gradeScale;
  const lastYearScale = props.lastYear ? gradeScaleOf(props.lastYear.plan) : scale;
  const lastYear = new Map(
    (props.lastYear?.policies ?? []).flatMap((p) => p.initiatives).map((i) => [i.number, i] as const),
  );
  const action = (n: number) =>
    ui.href(`${manageRoundPath(organization.slug, plan.id, round.fiscalYear)}/grading/${n}`);
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, title, errors)}
      organization={organization}
      wide={true}
      stylesheets={["progress-table.css", "forms.css", "review.css"]}
      breadcrumbs={roundCrumbs(props, plan, round.fiscalYear, ui.t("round.toGrading"))}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <ErrorSummary ui={ui} errors={errors} />
      <RefusalNotice ui={ui} message={state.refusal} />
      <DoneNotice message={state.saved ? ui.t("grading.saved", { number: state.saved }) : undefined} />
      <h1>{title}</h1>
      <RoundNav
        ui={ui}
        slug={organization.slug}
        plan={plan}
        round={round}
        secretariat={props.secretariat}
        current="grading"
      />
      <p>{ui.t("grading.lead")}</p>
      {round.state !== "grading" ? (
        <p class="notice-warning">
          {ui.t("grading.notOpen", { state: ROUND_STATE_LABELS[round.state][ui.lang] })}
        </p>
      ) : null}
      <h2>{ui.t("grading.summary")}</h2>
      <GradeSummaryTable summary={summary} fiscalYearLabel={fy} ui={ui} />
      {summary.notAssessed > 0 ? (
        <p>{ui.t("summary.assessed", { assessed: summary.assessed, notAssessed: summary.notAssessed })}</p>
      ) : null}
      {props.items.length === 0 ? <p>{ui.t("grading.none")}</p> : null}
      {props.items.map(({ initiative, report }) => {
        const n = initiative.number;
        const typed = state.typed?.number === n ? state.typed : undefined;
        const choice = typed ? typed.grade : reportChoice(report);
        const opinion = typed ? typed.opinion : report.committeeOpinion;
        const gradeError = errorFor(errors, `grade-${n}`);
        return (
          <section
            id={`item-${n}`}
            class={typed?.conflict ? "grading-item is-conflict" : "grading-item"}
            aria-labelledby={`item-${n}-title`}
          >
            <h2 id={`item-${n}-title`} lang={sourceLang(ui)}>
              No.{n} {initiative.title}
            </h2>
            <p>
              {REPORT_STATE_LABELS[report.state][ui.lang]} ・ {ui.t("review.grade")}:{" "}
              <GradeText grade={report.grade} ui={ui} scale={scale} notAssessed={report.notAssessed} />
            </p>
            <h3>{ui.t("review.activities")}</h3>
            <Prose ui={ui} text={initiative.activities} />
            <KpiTable
              ui={ui}
              id={`kpis-${n}`}
              initiative={initiative}
              lastYear={lastYear.get(n)}
              expectedShare={share}
            />
            <SelfView ui={ui} report={report} scale={scale} />
            <h3>{ui.t("review.lastGrade")}</h3>
            <p>
              <GradeText
                grade={lastYear.get(n)?.grade ?? null}
                ui={ui}
                scale={lastYearScale}
                notAssessed={lastYear.get(n)?.notAssessed}
              />
            </p>
            {typed?.conflict ? (
              <div class="notice-warning" role="alert">
                <p>{ui.t("grading.conflict")}</p>
                <ConflictPair
                  ui={ui}
                  label={ui.t("review.grade")}
                  yours={choiceText(ui, scale, typed.grade)}
                  theirs={choiceText(ui, scale, reportChoice(report))}
                />
                <ConflictPair
                  ui={ui}
                  label={ui.t("review.opinion")}
                  yours={typed.opinion}
                  theirs={report.committeeOpinion}
                />
              </div>
            ) : null}
            {/* The fragment brings a refused save (a conflict, no grade) back to its item, not to the
                top of a page of every initiative. */}
            <form method="post" action={`${action(n)}#item-${n}`} class="form" novalidate>
              <CsrfField token={props.csrf} />
              <input type="hidden" name="version" value={String(report.version)} />
              <div class={gradeError ? "field field-invalid" : "field"}>
                <fieldset aria-describedby={gradeError ? `grade-${n}-error` : undefined}>
                  <legend>
                    {ui.t("review.grade")} <RequiredTag ui={ui} required={true} />
                  </legend>
                  <InlineError ui={ui} id={`grade-${n}`} message={gradeError} />
                  <div class="radios">
                    {[
                      ...scale.map((level) => ({
                        value: level.code,
                        text: gradeWithLabel(scale, level.code, ui.lang),
                      })),
                      // 対象外 only where the plan allows it (the plan editor's setting).
                      ...(plan.notAssessedAllowed
                        ? [{ value: NOT_ASSESSED_CHOICE, text: ui.t("initiative.notAssessed") }]
                        : []),
                    ].map((option, i) => (
                      <label>
                        <input
                          type="radio"
                          name="grade"
                          value={option.value}
                          // An id may hold ◎ or 達成, not white space.
                          id={i === 0 ? `grade-${n}` : `grade-${n}-${option.value.replace(/\s/g, "_")}`}
                          checked={choice === option.value}
                        />
                        {option.text}
                      </label>
                    ))}
                  </div>
                </fieldset>
              </div>
              <TextAreaField
                ui={ui}
                id={`opinion-${n}`}
                name="opinion"
                label={ui.t("review.opinion")}
                required={false}
                value={opinion}
                errors={errors}
                rows={3}
                source={true}
              />
              <button type="submit">{ui.t("grading.save")}</button>
            </form>
          </section>
        );
      })}
    </Layout>
  );
}
