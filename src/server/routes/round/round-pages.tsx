import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { formatJapaneseDate } from "../../../domain/era.ts";
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN } from "../../../domain/plan-document-check.ts";
import { ROUND_STATE_LABELS, ROUND_STATES, type RoundState } from "../../../domain/workflow-states.ts";
import { ConflictError, type PlanRecord, type RoundRecord } from "../../../store/types.ts";
import { moveRound, openRound } from "../../../workflow/round.ts";
import { setRoundDates } from "../../../workflow/round-review.ts";
import { route } from "../../auth/rules.ts";
import { formFields } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../html.ts";
import type { MessageKey } from "../../i18n.ts";
import { fiscalYearText } from "../../views/dates.tsx";
import { ErrorSummary, formTitle } from "../../views/form/error-summary.tsx";
import type { FieldError } from "../../views/form/errors.ts";
import { CsrfField, TextAreaField, TextField } from "../../views/form/field.tsx";
import { Layout } from "../../views/layout.tsx";
import { WorkflowRefusal } from "../../workflow-errors.ts";
import { ManageLayoutBar, manageCrumbs } from "../manage/views.tsx";
import {
  acting,
  doneQuery,
  MANAGE_ROUND,
  manageRoundPath,
  type PageProps,
  pageProps,
  planOfPath,
  readDate,
  roundOfPath,
} from "./context.ts";
import { DoneNotice, RefusalNotice, RoundNav, roundCrumbs } from "./views-common.tsx";

/**
 * The secretariat's round management: open FY N+1 from FY N, move the round a stage forward or back
 * (back with a reason, kept in the audit log), set its as-of date and entry deadline.
 */
export function registerRoundManagement(app: OpenAPIHono<AppEnv>): void {
  const base = "/o/:org/manage/plans/:planId";

  route(app, "get", `${base}/rounds/new`, MANAGE_ROUND, async (c) => {
    const plan = await planOfPath(c);
    const latest = (await c.get("store").rounds.list(plan.id)).at(-1);
    const next = latest ? String(latest.fiscalYear + 1) : "";
    return openPage(c, plan, latest, { fiscalYear: next, asOf: "", entryDeadline: "" }, []);
  });

  route(app, "post", `${base}/rounds/new`, MANAGE_ROUND, async (c) => {
    const plan = await planOfPath(c);
    const { ui } = pageProps(c);
    const form = await formFields(c);
    const values = {
      fiscalYear: form.text("fiscalYear").trim(),
      asOf: form.text("asOf"),
      entryDeadline: form.text("entryDeadline"),
    };
    const latest = (await c.get("store").rounds.list(plan.id)).at(-1);
    const errors: FieldError[] = [];
    const fiscalYear = /^\d{4}$/.test(values.fiscalYear) ? Number(values.fiscalYear) : Number.NaN;
    if (!(fiscalYear >= FISCAL_YEAR_MIN && fiscalYear <= FISCAL_YEAR_MAX))
      errors.push({ field: "fiscalYear", message: ui.t("round.badFiscalYear") });
    const asOf = readDate(values.asOf);
    if (asOf === undefined) errors.push({ field: "asOf", message: ui.t("round.badDate") });
    const deadline = readDate(values.entryDeadline);
    if (deadline === undefined) errors.push({ field: "entryDeadline", message: ui.t("round.badDate") });
    if (errors.length > 0) return openPage(c, plan, latest, values, errors, undefined, 400);
    try {
      const round = await openRound(c.get("store"), acting(c), {
        planId: plan.id,
        fiscalYear,
        ...(asOf ? { asOf } : {}),
        entryDeadline: deadline || null,
      });
      return c.redirect(
        ui.href(`${manageRoundPath(pageProps(c).organization.slug, plan.id, round.fiscalYear)}/settings`, {
          done: "opened",
        }),
        303,
      );
    } catch (error) {
      if (error instanceof WorkflowRefusal)
        return openPage(c, plan, latest, values, [], ui.t(error.key as MessageKey), 409);
      throw error;
    }
  });

  route(app, "get", `${base}/:fy/settings`, MANAGE_ROUND, { query: doneQuery }, async (c) => {
    const { plan, round } = await roundOfPath(c);
    const done = c.req.query("done");
    const { ui } = pageProps(c);
    const message =
      done === "opened" || done === "dates"
        ? ui.t("round.settingsSaved")
        : done && (ROUND_STATES as readonly string[]).includes(done)
          ? ui.t("round.moved", { state: ROUND_STATE_LABELS[done as RoundState][ui.lang] })
          : undefined;
    return settingsPage(c, plan, round, { done: message });
  });

  route(app, "post", `${base}/:fy/settings`, MANAGE_ROUND, async (c) => {
    const { plan, round } = await roundOfPath(c);
    const { ui, organization } = pageProps(c);
    const form = await formFields(c);
    const values = { asOf: form.text("asOf"), entryDeadline: form.text("entryDeadline") };
    const errors: FieldError[] = [];
    const asOf = readDate(values.asOf);
    if (!asOf) errors.push({ field: "asOf", message: ui.t("round.badDate") });
    const deadline = readDate(values.entryDeadline);
    if (deadline === undefined) errors.push({ field: "entryDeadline", message: ui.t("round.badDate") });
    if (errors.length > 0 || !asOf) return settingsPage(c, plan, round, { values, errors }, 400);
    try {
      await setRoundDates(c.get("store"), acting(c), {
        roundId: round.id,
        expectedVersion: Number(form.text("version")),
        asOf,
        entryDeadline: deadline || null,
      });
    } catch (error) {
      const refused = refusalOf(c, error);
      if (!refused) throw error;
      const current = (await c.get("store").rounds.get(round.id)) ?? round;
      return settingsPage(c, plan, current, { values, refusal: refused.message }, refused.status);
    }
    return c.redirect(
      ui.href(`${manageRoundPath(organization.slug, plan.id, round.fiscalYear)}/settings`, { done: "dates" }),
      303,
    );
  });

  route(app, "post", `${base}/:fy/move`, MANAGE_ROUND, async (c) => {
    const { plan, round } = await roundOfPath(c);
    const { ui, organization } = pageProps(c);
    const form = await formFields(c);
    const to = form.text("to");
    const reason = form.text("reason");
    if (!(ROUND_STATES as readonly string[]).includes(to))
      return settingsPage(c, plan, round, { refusal: ui.t("workflow.roundStep") }, 400);
    try {
      await moveRound(c.get("store"), acting(c), {
        roundId: round.id,
        expectedVersion: Number(form.text("version")),
        to: to as RoundState,
        reason,
      });
    } catch (error) {
      const refused = refusalOf(c, error);
      if (!refused) throw error;
      const current = (await c.get("store").rounds.get(round.id)) ?? round;
      if (error instanceof WorkflowRefusal && error.key === "workflow.reasonRequired")
        return settingsPage(c, plan, current, { reasonError: refused.message, reason }, 400);
      return settingsPage(c, plan, current, { refusal: refused.message, reason }, refused.status);
    }
    return c.redirect(
      ui.href(`${manageRoundPath(organization.slug, plan.id, round.fiscalYear)}/settings`, { done: to }),
      303,
    );
  });
}

/** A refusal in the reader's words and its status, or undefined for anything else. */
export function refusalOf(
  c: Context<AppEnv>,
  error: unknown,
): { message: string; status: 400 | 403 | 409 } | undefined {
  const { ui } = pageProps(c);
  if (error instanceof ConflictError) return { message: ui.t("round.conflict"), status: 409 };
  if (error instanceof WorkflowRefusal) {
    const forbidden = ["workflow.notYourDepartment", "workflow.notLead", "workflow.notAllowed"];
    return { message: ui.t(error.key as MessageKey), status: forbidden.includes(error.key) ? 403 : 409 };
  }
  return undefined;
}

interface OpenValues {
  fiscalYear: string;
  asOf: string;
  entryDeadline: string;
}

async function openPage(
  c: Context<AppEnv>,
  plan: PlanRecord,
  latest: RoundRecord | undefined,
  values: OpenValues,
  errors: FieldError[],
  refusal?: string,
  status: 200 | 400 | 409 = 200,
) {
  const props = pageProps(c);
  return renderPage(
    c,
    <OpenRoundPage
      {...props}
      plan={plan}
      latest={latest}
      values={values}
      errors={errors}
      refusal={refusal}
    />,
    status,
  );
}

function OpenRoundPage(
  props: PageProps & {
    plan: PlanRecord;
    latest: RoundRecord | undefined;
    values: OpenValues;
    errors: FieldError[];
    refusal: string | undefined;
  },
) {
  const { ui, organization, plan, values, errors } = props;
  const title = ui.t("round.openTitle");
  const crumbs = [...manageCrumbs(ui, organization, plan.title)];
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, title, errors)}
      organization={organization}
      stylesheets={["forms.css", "review.css"]}
      breadcrumbs={crumbs}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <ErrorSummary ui={ui} errors={errors} />
      <RefusalNotice ui={ui} message={props.refusal} />
      <h1>{title}</h1>
      {props.latest ? (
        <p>{ui.t("round.openLead", { fy: fiscalYearText(props.latest.fiscalYear, ui.lang) })}</p>
      ) : (
        <p>{ui.t("round.noRounds")}</p>
      )}
      <form method="post" class="form" novalidate>
        <CsrfField token={props.csrf} />
        <TextField
          ui={ui}
          id="fiscalYear"
          label={ui.t("round.fiscalYear")}
          hint={ui.t("round.fiscalYearHint")}
          required={true}
          value={values.fiscalYear}
          errors={errors}
          width="short"
        />
        <TextField
          ui={ui}
          id="asOf"
          label={ui.t("round.asOf")}
          hint={ui.t("round.asOfHint")}
          required={false}
          value={values.asOf}
          errors={errors}
        />
        <TextField
          ui={ui}
          id="entryDeadline"
          label={ui.t("round.entryDeadline")}
          hint={ui.t("round.entryDeadlineHint")}
          required={false}
          value={values.entryDeadline}
          errors={errors}
        />
        <button type="submit">{ui.t("round.openSubmit")}</button>
      </form>
    </Layout>
  );
}

interface SettingsState {
  done?: string;
  values?: { asOf: string; entryDeadline: string };
  errors?: FieldError[];
  refusal?: string;
  reason?: string;
  reasonError?: string;
}

async function settingsPage(
  c: Context<AppEnv>,
  plan: PlanRecord,
  round: RoundRecord,
  state: SettingsState,
  status: 200 | 400 | 403 | 409 = 200,
) {
  return renderPage(c, <SettingsPage {...pageProps(c)} plan={plan} round={round} state={state} />, status);
}

function dateValue(iso: string | null): string {
  return iso ? formatJapaneseDate(iso) : "";
}

function SettingsPage(props: PageProps & { plan: PlanRecord; round: RoundRecord; state: SettingsState }) {
  const { ui, organization, plan, round, state } = props;
  const fy = fiscalYearText(round.fiscalYear, ui.lang);
  const title = ui.t("round.settingsTitle", { fy });
  const errors = [
    ...(state.errors ?? []),
    ...(state.reasonError ? [{ field: "reason", message: state.reasonError }] : []),
  ];
  const index = ROUND_STATES.indexOf(round.state);
  const forward = ROUND_STATES[index + 1];
  const back = index > 0 ? ROUND_STATES[index - 1] : undefined;
  const values = state.values ?? {
    asOf: dateValue(round.asOf),
    entryDeadline: dateValue(round.entryDeadline),
  };
  const moveAction = ui.href(`${manageRoundPath(organization.slug, plan.id, round.fiscalYear)}/move`);
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, title, errors)}
      organization={organization}
      stylesheets={["forms.css", "review.css"]}
      breadcrumbs={roundCrumbs(props, plan, round.fiscalYear, ui.t("round.toSettings"))}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <ErrorSummary ui={ui} errors={errors} />
      <RefusalNotice ui={ui} message={state.refusal} />
      <DoneNotice message={state.done} />
      <h1>{title}</h1>
      <RoundNav
        ui={ui}
        slug={organization.slug}
        plan={plan}
        round={round}
        secretariat={true}
        current="settings"
      />
      <p>
        <strong>{ui.t("round.currentState", { state: ROUND_STATE_LABELS[round.state][ui.lang] })}</strong>
      </p>
      <h2>{ui.t("round.moveHeading")}</h2>
      {forward && forward !== "published" ? (
        <form method="post" action={moveAction} class="form">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="version" value={String(round.version)} />
          <input type="hidden" name="to" value={forward} />
          <button type="submit">
            {ui.t("round.forward", { state: ROUND_STATE_LABELS[forward][ui.lang] })}
          </button>
        </form>
      ) : null}
      {back ? (
        <form method="post" action={moveAction} class="form" novalidate>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="version" value={String(round.version)} />
          <input type="hidden" name="to" value={back} />
          <TextAreaField
            ui={ui}
            id="reason"
            label={ui.t("round.reason")}
            hint={ui.t("round.reasonHint")}
            required={true}
            value={state.reason ?? ""}
            errors={errors}
            rows={2}
          />
          <button type="submit" class="button-secondary">
            {ui.t("round.back", { state: ROUND_STATE_LABELS[back][ui.lang] })}
          </button>
        </form>
      ) : null}
      <h2>{ui.t("round.settingsHeading")}</h2>
      <form method="post" class="form" novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="version" value={String(round.version)} />
        <TextField
          ui={ui}
          id="asOf"
          label={ui.t("round.asOf")}
          hint={ui.t("round.asOfSettingsHint")}
          required={true}
          value={values.asOf}
          errors={errors}
        />
        <TextField
          ui={ui}
          id="entryDeadline"
          label={ui.t("round.entryDeadline")}
          hint={ui.t("round.entryDeadlineHint")}
          required={false}
          value={values.entryDeadline}
          errors={errors}
        />
        <button type="submit">{ui.t("form.save")}</button>
      </form>
    </Layout>
  );
}
