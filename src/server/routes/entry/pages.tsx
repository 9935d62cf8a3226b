import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { gradeLegend, isGradeOf } from "../../../domain/grade.ts";
import { initiativeNumberLabel } from "../../../domain/initiative-number.ts";
import { kpiParseContext } from "../../../domain/kpi-context.ts";
import { parseKpiValue } from "../../../domain/kpi-parse.ts";
import { readingLine, readKpiEntry } from "../../../domain/kpi-reading.ts";
import { can } from "../../../domain/permissions.ts";
import { type ReportAction, reportActionRefusal } from "../../../domain/workflow.ts";
import { ConflictError, StoreError } from "../../../store/types.ts";
import { actorOf } from "../../../workflow/accounts.ts";
import { commentOnReport, IncompleteReport, submitReport } from "../../../workflow/round.ts";
import { saveReport } from "../../../workflow/save-report.ts";
import { organizationFromPath, type RouteRule, route } from "../../auth/rules.ts";
import { formFields, signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import { pageContext } from "../../page-context.ts";
import { initiativeNumberSchema, parseOrThrow, planIdSchema } from "../../params.ts";
import { fiscalYearText } from "../../views/dates.tsx";
import type { FieldError } from "../../views/form/errors.ts";
import { WorkflowRefusal, workflowError } from "../../workflow-errors.ts";
import { READ_DRAFTS } from "../manage/pages.tsx";
import { roundParams } from "../plans/schema.ts";
import { manageRoundPath } from "../round/context.ts";
import { type EntryData, type EntryValues, loadEntry, storedValues } from "./load.ts";
import { entryText } from "./messages.ts";
import {
  type Conflict,
  EntryPage,
  entryPath,
  MyWorkPage,
  type MyWorkRound,
  type MyWorkWaiting,
} from "./views.tsx";

/**
 * The department's entry (所管課の入力): one page per initiative's report in a round, where its
 * editors write (D), the KPIs' 現状値, their own view and (H), save drafts, submit (the lead
 * department) and talk with the secretariat in the report's comment thread; "my work", the list of
 * the initiatives an editor's departments answer for; and the small endpoint that reads a 現状値 as
 * it is typed (the page works without it).
 */

const entryParams = roundParams.extend({ number: initiativeNumberSchema });

/** report.edit, asked about the initiative's 関係課: its departments' editors and the secretariat. */
const EDIT_ENTRY: RouteRule = {
  kind: "signed-in",
  action: "report.edit",
  organization: organizationFromPath,
  target: async (c, organization) => {
    const params = entryParams.safeParse(c.req.param());
    if (!params.success) return undefined;
    const store = c.get("store");
    const plan = await store.plans.find(params.data.planId);
    if (!plan || plan.organizationId !== organization.id) return undefined;
    const departments = await store.departments.ofInitiative(plan.id, params.data.number);
    return departments && { organizationId: organization.id, departmentIds: departments.map((d) => d.id) };
  },
};

export const entryQuery = z.object({ done: z.enum(["saved", "submitted", "commented"]).optional() });

export const readingQuery = z.object({
  value: z.string().max(1_000).optional(),
  target: z.string().max(1_000).optional(),
  baseline: z.string().max(1_000).optional(),
  plan: planIdSchema.optional(),
});

/**
 * The entry page's policy: the app's (src/server/app.ts), plus its one same-origin script and the
 * reading endpoint it asks. Every other page keeps the policy without scripts.
 */
export const ENTRY_CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; " +
  "base-uri 'none'; frame-ancestors 'none'; script-src 'self'; connect-src 'self'";

/** The longest texts a form takes (the API's bounds). */
const MAX_TEXT = 100_000;
const MAX_REASON = 10_000;
const MAX_KPI = 1_000;
const MAX_COMMENT = 4_000;

export function registerEntryPages(app: OpenAPIHono<AppEnv>): void {
  const path = "/o/:org/manage/plans/:planId/:fy/initiatives/:number";

  route(app, "get", path, EDIT_ENTRY, { query: entryQuery }, async (c) => {
    const data = await entryData(c);
    const t = entryText(c.get("lang"));
    const done = c.req.query("done");
    const notice =
      done === "saved"
        ? t("entry.saved")
        : done === "submitted"
          ? t("entry.submitted")
          : done === "commented"
            ? t("entry.commented")
            : undefined;
    return renderEntry(c, data, storedValues(data), { notice });
  });

  route(app, "post", path, EDIT_ENTRY, async (c) => {
    const data = await entryData(c);
    const { account, principal } = signedIn(c);
    const { ui } = pageContext(c);
    const form = await formFields(c);
    const values = formValues(data, form.text);
    const errors = checkValues(c, data, values);
    if (errors.length > 0) return renderEntry(c, data, values, { errors }, 400);
    const intent = form.text("intent") === "submit" ? "submit" : "save";
    // Who may submit is settled before anything is written: a forged 提出 of another department
    // saves nothing.
    if (intent === "submit") {
      const refusal = refusalOf(c, data, "submit");
      if (refusal === "workflow.notLead" || refusal === "workflow.notYourDepartment")
        throw workflowError(new WorkflowRefusal(refusal));
    }
    const target = {
      planId: data.plan.id,
      fiscalYear: data.round.fiscalYear,
      initiativeNumber: data.initiative.number,
    };
    const acting = { actor: actorOf(account), principal };
    let version: number;
    try {
      const saved = await saveReport(c.get("store"), acting.actor, {
        ...target,
        principal,
        expectedVersion: wholeNumber(values.version),
        changes: {
          activities: values.activities,
          nextYearGoal: values.nextYearGoal,
          selfGrade: values.selfGrade === "" ? null : values.selfGrade,
          selfGradeReason: values.selfGradeReason,
        },
        kpiValues: data.kpis
          .filter((kpi) => kpi.editable && values.kpis[kpi.key] !== kpi.current.text)
          .map((kpi) => ({
            kpiId: kpi.id,
            text: values.kpis[kpi.key] ?? "",
            expectedVersion: values.kpiVersions[kpi.key]
              ? wholeNumber(values.kpiVersions[kpi.key] ?? "")
              : null,
          })),
      });
      version = saved.report.version;
    } catch (error) {
      if (error instanceof ConflictError) return renderConflict(c, values);
      throw refusalError(error, data);
    }
    const here = entryPath(
      signedIn(c).organization.slug,
      data.plan.id,
      data.round.fiscalYear,
      data.initiative.number,
    );
    if (intent === "save") return c.redirect(ui.href(here, { done: "saved" }), 303);
    try {
      await submitReport(c.get("store"), acting, { ...target, expectedVersion: version });
    } catch (error) {
      if (error instanceof IncompleteReport) {
        const fresh = await entryData(c);
        return renderEntry(
          c,
          fresh,
          storedValues(fresh),
          { errors: missingErrors(c, fresh, error.fields), incompleteSaved: true },
          400,
        );
      }
      if (error instanceof ConflictError) return renderConflict(c, values);
      throw refusalError(error, data);
    }
    return c.redirect(ui.href(here, { done: "submitted" }), 303);
  });

  route(app, "post", `${path}/comments`, EDIT_ENTRY, async (c) => {
    const data = await entryData(c);
    const { account, principal, organization } = signedIn(c);
    const { ui } = pageContext(c);
    const t = entryText(ui.lang);
    const form = await formFields(c);
    const body = form.text("comment");
    const problem =
      body.trim() === ""
        ? t("entry.commentMissing")
        : body.length > MAX_COMMENT
          ? t("entry.commentTooLong", { max: MAX_COMMENT })
          : undefined;
    if (problem)
      return renderEntry(
        c,
        data,
        storedValues(data),
        { comment: body, commentErrors: [{ field: "comment", message: problem }] },
        400,
      );
    try {
      await commentOnReport(
        c.get("store"),
        { actor: actorOf(account), principal },
        {
          planId: data.plan.id,
          fiscalYear: data.round.fiscalYear,
          initiativeNumber: data.initiative.number,
          body,
        },
      );
    } catch (error) {
      throw refusalError(error, data);
    }
    const here = entryPath(organization.slug, data.plan.id, data.round.fiscalYear, data.initiative.number);
    return c.redirect(`${ui.href(here, { done: "commented" })}#entry-comments`, 303);
  });

  route(app, "get", "/o/:org/manage/kpi-reading", READ_DRAFTS, { query: readingQuery }, async (c) => {
    const { organization } = signedIn(c);
    const query = parseOrThrow(readingQuery, c.req.query(), "query");
    const plan = query.plan !== undefined ? await c.get("store").plans.find(query.plan) : undefined;
    const context =
      plan && plan.organizationId === organization.id
        ? kpiParseContext({ startFiscalYear: plan.startFiscalYear, endFiscalYear: plan.endFiscalYear })
        : undefined;
    const lang = c.get("lang");
    const t = entryText(lang);
    const reading = readKpiEntry(
      query.value ?? "",
      {
        ...(query.target ? { target: parseKpiValue(query.target, context) } : {}),
        ...(query.baseline ? { baseline: parseKpiValue(query.baseline, context) } : {}),
      },
      context,
      lang,
    );
    return c.json({
      empty: reading.empty,
      readable: reading.readable,
      label: t("entry.reading"),
      line: readingLine(reading, lang),
      why: reading.diagnostic ? t("entry.readingWhy", { why: reading.diagnostic }) : null,
    });
  });

  route(app, "get", "/o/:org/manage/my-work", READ_DRAFTS, async (c) => {
    const { organization, account, auth, principal } = signedIn(c);
    const store = c.get("store");
    // What waits for the reader's other roles: the secretariat's reviews, the committee's grades.
    const reviews = can(principal, "round.manage", { organizationId: organization.id });
    const grades = can(principal, "report.grade", { organizationId: organization.id });
    const waiting: MyWorkWaiting[] = [];
    const departments = await store.departments.list(organization.id);
    const names = departments.filter((d) => account.departmentIds.includes(d.id)).map((d) => d.name);
    const rounds: MyWorkRound[] = [];
    for (const plan of await store.plans.list(organization.id)) {
      for (const round of await store.rounds.list(plan.id)) {
        if (round.state === "preparing" || round.state === "published") continue;
        if (names.length === 0 && !reviews && !grades) continue;
        const [snapshot, reports] = await Promise.all([
          store.rounds.snapshot(round.id),
          store.reports.list(round.id),
        ]);
        const byNumber = new Map(reports.map((r) => [r.initiativeNumber, r]));
        const initiatives = snapshot?.document.policies.flatMap((p) => p.initiatives) ?? [];
        const base = manageRoundPath(organization.slug, plan.id, round.fiscalYear);
        const waitingFor = (kind: MyWorkWaiting["kind"], state: string, href: (n: number) => string) => {
          const rows = initiatives
            .filter((initiative) => byNumber.get(initiative.number)?.state === state)
            .map((initiative) => ({
              label: initiativeNumberLabel(initiative),
              title: initiative.title,
              departments: initiative.departments,
              href: href(initiative.number),
            }));
          if (rows.length > 0) waiting.push({ kind, plan, round, rows });
        };
        if (reviews) waitingFor("review", "submitted", (n) => `${base}/review/${n}`);
        if (grades && round.state === "grading")
          waitingFor("grade", "accepted", (n) => `${base}/grading#item-${n}`);
        if (names.length === 0) continue;
        const rows: MyWorkRound["rows"] = [];
        for (const initiative of initiatives) {
          const report = byNumber.get(initiative.number);
          if (!report || !initiative.departments.some((d) => names.includes(d))) continue;
          const returnComment =
            report.state === "returned"
              ? (await store.comments.list(report.id)).findLast((x) => x.kind === "return")?.body
              : undefined;
          rows.push({
            number: initiative.number,
            label: initiativeNumberLabel(initiative),
            title: initiative.title,
            departments: initiative.departments,
            state: report.state,
            ...(returnComment !== undefined ? { returnComment } : {}),
            updatedAt: report.updatedAt,
          });
        }
        // Returned reports first, each group in the table's order (the rows were read in it).
        rows.sort((a, b) => Number(b.state === "returned") - Number(a.state === "returned"));
        if (rows.length > 0) rounds.push({ plan, round, rows });
      }
    }
    return renderPage(
      c,
      <MyWorkPage
        {...pageContext(c)}
        organization={organization}
        account={account}
        csrfToken={auth.kind === "session" ? auth.csrfToken : undefined}
        departmentNames={names}
        rounds={rounds}
        waiting={waiting}
        entersReports={names.length > 0 || (!reviews && !grades)}
      />,
    );
  });
}

async function entryData(c: Context<AppEnv>): Promise<EntryData> {
  const params = parseOrThrow(entryParams, c.req.param(), "path");
  const { organization } = signedIn(c);
  const data = await loadEntry(c.get("store"), organization.id, params.planId, params.fy, params.number);
  if (!data) throw new AppError("initiative.not-found", { number: String(params.number) });
  return data;
}

function refusalOf(c: Context<AppEnv>, data: EntryData, action: ReportAction) {
  return reportActionRefusal(signedIn(c).principal, action, {
    organizationId: data.round.organizationId,
    roundState: data.round.state,
    reportState: data.report.state,
    departmentIds: data.departments.map((d) => d.id),
  });
}

function refusalError(error: unknown, data: EntryData): unknown {
  if (error instanceof WorkflowRefusal) return workflowError(error);
  if (error instanceof StoreError && error.code === "not-found")
    return new AppError("initiative.not-found", { number: String(data.initiative.number) });
  return error;
}

function wholeNumber(text: string): number {
  return /^\d{1,9}$/.test(text) ? Number(text) : 0;
}

function formValues(data: EntryData, text: (name: string) => string): EntryValues {
  const editable = data.kpis.filter((k) => k.editable);
  return {
    version: text("version"),
    activities: text("activities"),
    nextYearGoal: data.asksNextYearGoal ? text("nextYearGoal") : data.report.nextYearGoal,
    selfGrade: text("selfGrade"),
    selfGradeReason: text("selfGradeReason"),
    kpis: Object.fromEntries(editable.map((k) => [k.key, text(`kpi-${k.key}`)])),
    kpiVersions: Object.fromEntries(editable.map((k) => [k.key, text(`kpiVersion-${k.key}`)])),
  };
}

function checkValues(c: Context<AppEnv>, data: EntryData, values: EntryValues): FieldError[] {
  const t = entryText(c.get("lang"));
  const errors: FieldError[] = [];
  const tooLong = (field: string, label: string, value: string, max: number) => {
    if (value.length > max) errors.push({ field, message: t("entry.tooLong", { field: label, max }) });
  };
  tooLong("activities", "(D)", values.activities, MAX_TEXT);
  for (const kpi of data.kpis)
    if (kpi.editable) tooLong(`kpi-${kpi.key}`, kpi.label, values.kpis[kpi.key] ?? "", MAX_KPI);
  if (values.selfGrade !== "" && !isGradeOf(data.plan.gradeScale, values.selfGrade))
    errors.push({
      field: "selfGrade",
      message: t("entry.invalidGrade", { legend: gradeLegend(data.plan.gradeScale, c.get("lang"), "、") }),
    });
  tooLong("selfGradeReason", t("entry.selfGradeReason"), values.selfGradeReason, MAX_REASON);
  tooLong("nextYearGoal", "(H)", values.nextYearGoal, MAX_TEXT);
  return errors;
}

/** submitReport's missing fields (field names of this form) in the reader's words. */
function missingErrors(c: Context<AppEnv>, data: EntryData, fields: string[]): FieldError[] {
  const lang = c.get("lang");
  const t = entryText(lang);
  const year = (fy: number) => fiscalYearText(fy, lang);
  return fields.map((field) => {
    if (field === "activities")
      return { field, message: t("entry.missing.activities", { fy: year(data.round.fiscalYear) }) };
    if (field === "nextYearGoal")
      return { field, message: t("entry.missing.nextYearGoal", { fy: year(data.round.fiscalYear + 1) }) };
    const kpi = data.kpis.find((k) => `kpi-${k.key}` === field);
    return { field, message: t("entry.missing.kpi", { name: kpi?.name ?? field }) };
  });
}

async function renderConflict(c: Context<AppEnv>, typed: EntryValues) {
  const fresh = await entryData(c);
  const theirs = storedValues(fresh);
  const { organization } = signedIn(c);
  const last = (
    await c
      .get("store")
      .audit.list(organization.id, { entity: "report", entityId: fresh.report.id, limit: 10 })
  ).find((entry) => entry.action === "report.update");
  const conflict: Conflict = { theirs, who: last?.actorName ?? null, at: last?.at ?? null };
  // Yours stays in the fields; the versions become the current ones, so saving again applies it.
  const values: EntryValues = { ...typed, version: theirs.version, kpiVersions: theirs.kpiVersions };
  return renderEntry(c, fresh, values, { conflict }, 409);
}

async function renderEntry(
  c: Context<AppEnv>,
  data: EntryData,
  values: EntryValues,
  options: {
    errors?: FieldError[];
    notice?: string | undefined;
    incompleteSaved?: boolean;
    conflict?: Conflict;
    comment?: string;
    commentErrors?: FieldError[];
  },
  status: 200 | 400 | 409 = 200,
) {
  const { organization, account, auth } = signedIn(c);
  const { ui } = pageContext(c);
  const editRefusal = refusalOf(c, data, "edit");
  const submitRefusal = refusalOf(c, data, "submit");
  const csrf = auth.kind === "session" ? auth.csrfToken : "";
  c.header("Content-Security-Policy", ENTRY_CSP);
  return renderPage(
    c,
    <EntryPage
      {...pageContext(c)}
      organization={organization}
      account={account}
      csrfToken={csrf || undefined}
      csrf={csrf}
      data={data}
      values={values}
      errors={options.errors ?? []}
      {...(options.notice ? { notice: options.notice } : {})}
      {...(options.incompleteSaved ? { incompleteSaved: true } : {})}
      {...(options.conflict ? { conflict: options.conflict } : {})}
      {...(editRefusal ? { editRefusal: ui.t(editRefusal) } : {})}
      canSubmit={submitRefusal === undefined}
      notLead={submitRefusal === "workflow.notLead"}
      comment={options.comment ?? ""}
      commentErrors={options.commentErrors ?? []}
      readingUrl={ui.href(`/o/${encodeURIComponent(organization.slug)}/manage/kpi-reading`, {
        plan: String(data.plan.id),
      })}
    />,
    status,
  );
}
