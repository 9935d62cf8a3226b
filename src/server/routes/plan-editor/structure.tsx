import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { initiativeNumberLabel, withNumberSign } from "../../../domain/initiative-number.ts";
import {
  type PlanChange,
  type PlanChangeLine,
  type PlanChangeValue,
  planChangeOf,
} from "../../../domain/plan-change.ts";
import type { PlanStructure } from "../../../store/plan-structure-types.ts";
import {
  addPolicy,
  createPlan,
  moveItem,
  setRetired,
  unlistKpi,
  updatePlanSetup,
  updatePolicy,
} from "../../../workflow/plan-editor.ts";
import { route } from "../../auth/rules.ts";
import { formFields } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import { sourceLang } from "../../i18n.ts";
import { fiscalYearText, planPeriodText } from "../../views/dates.tsx";
import type { FieldError } from "../../views/form/errors.ts";
import { CsrfField, TextField } from "../../views/form/field.tsx";
import {
  acting,
  formInt,
  idParam,
  MANAGE_PLAN,
  type PageProps,
  pageProps,
  plansPath,
  refusalOf,
  structureOfPath,
  structurePath,
  structureQuery,
} from "./context.ts";
import { isPlanEditorKey, type PlanEditorKey } from "./messages.ts";
import { EMPTY_PLAN_VALUES, PlanFormPage, planValues, readPlanForm, scaleSummary } from "./plan-form.tsx";
import { EditorPage, RetiredTag, SmallAction } from "./views-common.tsx";

/**
 * The plan list, a new plan, the plan's settings, its structure at a glance (with the one-button
 * forms that move, retire and restore), the 基本方針 forms and the change history.
 */
export function registerStructurePages(app: OpenAPIHono<AppEnv>): void {
  const plans = "/o/:org/manage/plan-editor";
  const base = `${plans}/:planId`;

  route(app, "get", plans, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const store = c.get("store");
    const list = await store.plans.list(page.organization.id);
    const rows = await Promise.all(
      list.map(async (plan) => ({ plan, rounds: await store.rounds.list(plan.id) })),
    );
    return renderPage(c, <PlanListPage page={page} rows={rows} />);
  });

  route(app, "get", `${plans}/new`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    return renderPage(
      c,
      <PlanFormPage
        page={page}
        title={page.t("new.title")}
        submit={page.t("new.submit")}
        values={EMPTY_PLAN_VALUES}
        errors={[]}
      />,
    );
  });

  route(app, "post", `${plans}/new`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const { values, setup, errors } = await readPlanForm(c, page);
    const again = (errors: FieldError[], refusal?: string, status: 400 | 403 | 409 = 400) =>
      renderPage(
        c,
        <PlanFormPage
          page={page}
          title={page.t("new.title")}
          submit={page.t("new.submit")}
          values={values}
          errors={errors}
          refusal={refusal}
        />,
        status,
      );
    if (!setup) return again(errors);
    try {
      const plan = await createPlan(c.get("store"), acting(c), setup);
      return c.redirect(
        page.ui.href(structurePath(page.organization.slug, plan.id), { done: "created" }),
        303,
      );
    } catch (error) {
      const refused = refusalOf(page.t, error);
      if (!refused) throw error;
      return refused.field
        ? again([{ field: refused.field, message: refused.message }], undefined, refused.status)
        : again([], refused.message, refused.status);
    }
  });

  route(app, "get", `${base}/settings`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    return renderPage(
      c,
      <PlanFormPage
        page={page}
        title={page.t("settings.title")}
        submit={page.t("save")}
        values={planValues(structure.plan)}
        errors={[]}
        plan={structure.plan}
      />,
    );
  });

  route(app, "post", `${base}/settings`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const form = await formFields(c);
    const { values, setup, errors } = await readPlanForm(c, page);
    const again = (
      errors: FieldError[],
      refusal?: string,
      status: 400 | 403 | 409 = 400,
      plan = structure.plan,
    ) =>
      renderPage(
        c,
        <PlanFormPage
          page={page}
          title={page.t("settings.title")}
          submit={page.t("save")}
          values={values}
          errors={errors}
          refusal={refusal}
          plan={plan}
        />,
        status,
      );
    if (!setup) return again(errors);
    try {
      await updatePlanSetup(c.get("store"), acting(c), {
        ...setup,
        planId: structure.plan.id,
        expectedVersion: formInt(form.text("version")),
      });
    } catch (error) {
      const refused = refusalOf(page.t, error);
      if (!refused) throw error;
      const current = (await c.get("store").planStructures.load(structure.plan.id))?.plan ?? structure.plan;
      return refused.field
        ? again([{ field: refused.field, message: refused.message }], undefined, refused.status, current)
        : again([], refused.message, refused.status, current);
    }
    return c.redirect(
      page.ui.href(structurePath(page.organization.slug, structure.plan.id), { done: "saved" }),
      303,
    );
  });

  route(app, "get", base, MANAGE_PLAN, { query: structureQuery }, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const done = c.req.query("done");
    const key = `done.${done}`;
    return structurePage(c, page, structure, {
      done: isPlanEditorKey(key) ? page.t(key) : undefined,
      showRetired: c.req.query("retired") === "show",
    });
  });

  route(app, "post", `${base}/policies`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const form = await formFields(c);
    const values = { code: form.text("code").trim(), title: form.text("policyTitle").trim() };
    if (values.title === "")
      return structurePage(
        c,
        page,
        structure,
        {
          policyValues: values,
          errors: [{ field: "policyTitle", message: page.t("error.policyTitle") }],
        },
        400,
      );
    try {
      await addPolicy(c.get("store"), acting(c), { planId: structure.plan.id, ...values });
    } catch (error) {
      const refused = refusalOf(page.t, error);
      if (!refused) throw error;
      return structurePage(
        c,
        page,
        structure,
        { policyValues: values, refusal: refused.message },
        refused.status,
      );
    }
    return c.redirect(
      page.ui.href(structurePath(page.organization.slug, structure.plan.id), { done: "added" }),
      303,
    );
  });

  route(app, "get", `${base}/policies/:policyId`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const policy = policyOfPath(c, structure);
    return renderPage(
      c,
      <PolicyPage page={page} structure={structure} policy={policy} values={policy} errors={[]} />,
    );
  });

  route(app, "post", `${base}/policies/:policyId`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const policy = policyOfPath(c, structure);
    const form = await formFields(c);
    const values = { code: form.text("code").trim(), title: form.text("policyTitle").trim() };
    if (values.title === "")
      return renderPage(
        c,
        <PolicyPage
          page={page}
          structure={structure}
          policy={policy}
          values={values}
          errors={[{ field: "policyTitle", message: page.t("error.policyTitle") }]}
        />,
        400,
      );
    try {
      await updatePolicy(c.get("store"), acting(c), {
        planId: structure.plan.id,
        policyId: policy.id,
        expectedVersion: formInt(form.text("version")),
        ...values,
      });
    } catch (error) {
      const refused = refusalOf(page.t, error);
      if (!refused) throw error;
      const current = (await c.get("store").planStructures.load(structure.plan.id)) ?? structure;
      const now = current.policies.find((p) => p.id === policy.id) ?? policy;
      return renderPage(
        c,
        <PolicyPage
          page={page}
          structure={current}
          policy={now}
          values={values}
          errors={[]}
          refusal={refused.message}
        />,
        refused.status,
      );
    }
    return c.redirect(
      page.ui.href(structurePath(page.organization.slug, structure.plan.id), { done: "saved" }),
      303,
    );
  });

  route(app, "post", `${base}/actions`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const form = await formFields(c);
    const action = form.text("action");
    const entity = form.text("entity");
    const id = formInt(form.text("id"));
    const expectedVersion = formInt(form.text("version"));
    const initiativeId = formInt(form.text("initiativeId"));
    const showRetired = form.text("retiredShown") === "show";
    const store = c.get("store");
    const planId = structure.plan.id;
    const valid =
      Number.isFinite(id) &&
      Number.isFinite(expectedVersion) &&
      (entity === "policy" || entity === "initiative" || entity === "kpi");
    let done: string | undefined;
    try {
      if (!valid) throw new Error("invalid");
      const target = entity as "policy" | "initiative" | "kpi";
      if (action === "up" || action === "down") {
        await moveItem(store, acting(c), {
          planId,
          entity: target,
          id,
          expectedVersion,
          direction: action,
          ...(Number.isFinite(initiativeId) ? { initiativeId } : {}),
        });
        done = "moved";
      } else if ((action === "retire" || action === "restore") && target !== "policy") {
        await setRetired(store, acting(c), {
          planId,
          entity: target,
          id,
          expectedVersion,
          retired: action === "retire",
        });
        done = action === "retire" ? "retired" : "restored";
      } else if (action === "unlist" && target === "kpi" && Number.isFinite(initiativeId)) {
        await unlistKpi(store, acting(c), { planId, kpiId: id, initiativeId, expectedVersion });
        done = "unlisted";
      }
    } catch (error) {
      const refused = refusalOf(page.t, error);
      if (!refused && !(error instanceof Error && error.message === "invalid")) throw error;
      const current = (await store.planStructures.load(planId)) ?? structure;
      return structurePage(
        c,
        page,
        current,
        { refusal: refused?.message ?? page.t("refused.notInPlan"), showRetired },
        refused?.status ?? 400,
      );
    }
    if (!done)
      return structurePage(c, page, structure, { refusal: page.t("refused.notInPlan"), showRetired }, 400);
    const toInitiative = form.text("back") === "initiative" && Number.isFinite(initiativeId);
    const back = toInitiative
      ? `${structurePath(page.organization.slug, planId)}/initiatives/${initiativeId}`
      : structurePath(page.organization.slug, planId);
    const keepShown = !toInitiative && form.text("retiredShown") === "show";
    return c.redirect(page.ui.href(back, { done, ...(keepShown ? { retired: "show" } : {}) }), 303);
  });

  route(app, "get", `${base}/history`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const initiatives = structure.policies.flatMap((p) => p.initiatives);
    const entries = await c.get("store").audit.listFor(page.organization.id, [
      { entity: "plan", ids: [structure.plan.id] },
      { entity: "policy", ids: structure.policies.map((p) => p.id) },
      { entity: "initiative", ids: initiatives.map((i) => i.id) },
      { entity: "kpi", ids: [...new Set(initiatives.flatMap((i) => i.kpis.map((k) => k.kpiId)))] },
    ]);
    return renderPage(c, <HistoryPage page={page} structure={structure} entries={entries} />);
  });
}

function policyOfPath(c: Context<AppEnv>, structure: PlanStructure) {
  const policyId = idParam(c, "policyId");
  const policy = structure.policies.find((p) => p.id === policyId);
  if (!policy) throw new AppError("page.not-found", { path: c.req.path });
  return policy;
}

interface StructureState {
  done?: string | undefined;
  /** Retired (廃止) initiatives and KPIs are listed too (`?retired=show`); hidden by default. */
  showRetired?: boolean;
  refusal?: string;
  errors?: FieldError[];
  policyValues?: { code: string; title: string };
}

async function structurePage(
  c: Context<AppEnv>,
  page: PageProps,
  structure: PlanStructure,
  state: StructureState,
  status: 200 | 400 | 403 | 409 = 200,
) {
  const store = c.get("store");
  const [published, rounds] = await Promise.all([
    store.planStructures.hasPublication(structure.plan.id),
    store.rounds.list(structure.plan.id),
  ]);
  return renderPage(
    c,
    <StructurePage
      page={page}
      structure={structure}
      state={state}
      published={published}
      roundYears={rounds.map((r) => r.fiscalYear)}
    />,
    status,
  );
}

function PlanListPage(props: {
  page: PageProps;
  rows: {
    plan: { id: number; title: string; startFiscalYear: number; endFiscalYear: number };
    rounds: { fiscalYear: number }[];
  }[];
}) {
  const { page, rows } = props;
  const { ui, t, organization } = page;
  return (
    <EditorPage page={page} title={t("plans.title")}>
      <p class="lead">{t("plans.lead")}</p>
      <p>
        <a class="button" href={ui.href(`${plansPath(organization.slug)}/new`)}>
          {t("plans.new")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{t("plans.none")}</p>
      ) : (
        <table class="data">
          <caption>{t("plans.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("plans.col.title")}</th>
              <th scope="col">{t("plans.col.period")}</th>
              <th scope="col">{t("plans.col.rounds")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ plan, rounds }) => (
              <tr>
                <th scope="row">
                  <a href={ui.href(structurePath(organization.slug, plan.id))} lang={sourceLang(ui)}>
                    {plan.title}
                  </a>
                </th>
                <td>{planPeriodText(plan, ui.lang)}</td>
                <td>
                  {rounds.length === 0
                    ? t("plans.noRounds")
                    : rounds.map((r) => fiscalYearText(r.fiscalYear, ui.lang)).join("、")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </EditorPage>
  );
}

function StructurePage(props: {
  page: PageProps;
  structure: PlanStructure;
  state: StructureState;
  published: boolean;
  roundYears: number[];
}) {
  const { page, structure, state } = props;
  const { ui, t, organization } = page;
  const { plan } = structure;
  const here = structurePath(organization.slug, plan.id);
  const actions = ui.href(`${here}/actions`);
  const errors = state.errors ?? [];
  const policyValues = state.policyValues ?? { code: "", title: "" };
  const showRetired = state.showRetired === true;
  return (
    <EditorPage
      page={page}
      title={t("structure.title", { title: plan.title })}
      errors={errors}
      refusal={state.refusal}
      done={state.done}
      plan={plan}
    >
      <p>
        {t("structure.summary", {
          period: planPeriodText(plan, ui.lang),
          baseline:
            plan.baselineFiscalYear === null
              ? t("structure.noBaseline")
              : fiscalYearText(plan.baselineFiscalYear, ui.lang),
          scale: scaleSummary(plan),
        })}
      </p>
      <p class="hint">{t("structure.howItWorks")}</p>
      {props.published ? <p class="hint">{t("structure.published")}</p> : null}
      <ul class="actions">
        <li>
          <a href={ui.href(`${here}/settings`)}>{t("structure.settings")}</a>
        </li>
        <li>
          <a href={ui.href(`${here}/initiatives/new`)}>{t("structure.addInitiative")}</a>
        </li>
        <li>
          <a href={ui.href(`${here}/history`)}>{t("structure.history")}</a>
        </li>
        <li>
          <a href={ui.href(`/o/${encodeURIComponent(organization.slug)}/manage/plans/${plan.id}/rounds/new`)}>
            {t("structure.openRound")}
          </a>
        </li>
      </ul>
      <h2>{t("structure.policies")}</h2>
      <RetiredFilter page={page} here={here} structure={structure} shown={showRetired} />
      {structure.policies.length === 0 ? <p>{t("structure.noPolicies")}</p> : null}
      {structure.policies.map((policy, policyIndex) => {
        const policyName = `${policy.code} ${policy.title}`.trim();
        const listed = policy.initiatives.filter((i) => showRetired || !i.retired);
        return (
          <section class="editor-policy" aria-labelledby={`policy-${policy.id}`}>
            <h3 id={`policy-${policy.id}`} lang={sourceLang(ui)}>
              {policyName}
            </h3>
            <div class="editor-actions">
              <a
                href={ui.href(`${here}/policies/${policy.id}`)}
                aria-label={`${t("structure.editPolicy")}：${policyName}`}
              >
                {t("structure.editPolicy")}
              </a>{" "}
              <MoveActions
                page={page}
                action={actions}
                entity="policy"
                item={policy}
                what={policyName}
                index={policyIndex}
                count={structure.policies.length}
                shown={showRetired}
              />
            </div>
            {policy.initiatives.length === 0 ? <p class="muted">{t("structure.noInitiatives")}</p> : null}
            {policy.initiatives.length > 0 && listed.length === 0 ? (
              <p class="muted">{t("structure.allRetired", { count: policy.initiatives.length })}</p>
            ) : null}
            <ol class="editor-initiatives">
              {listed.map((initiative) => {
                const index = policy.initiatives.indexOf(initiative);
                const name = `${withNumberSign(initiativeNumberLabel(initiative))} ${initiative.title}`;
                const kpis = initiative.kpis.filter((k) => showRetired || !k.retired);
                return (
                  <li class={initiative.retired ? "editor-retired" : undefined}>
                    <p>
                      {initiative.retired ? <RetiredTag page={page} /> : null}
                      <strong lang={sourceLang(ui)}>{name}</strong>
                      {initiative.retired ? <span> {t("structure.retiredNote")}</span> : null}
                    </p>
                    <p class="hint" lang={sourceLang(ui)}>
                      {initiative.departments.length === 0
                        ? t("structure.noDepartments")
                        : t("structure.departments", {
                            names: initiative.departments.map((d) => d.name).join("、"),
                          })}
                    </p>
                    {kpis.length === 0 ? (
                      <p class="hint">
                        {initiative.kpis.length === 0
                          ? t("structure.noKpis")
                          : t("structure.kpisAllRetired", { count: initiative.kpis.length })}
                      </p>
                    ) : (
                      <ul class="editor-kpis">
                        {kpis.map((kpi) => (
                          <li class={kpi.retired ? "editor-retired" : undefined}>
                            {kpi.retired ? <RetiredTag page={page} /> : null}
                            <span lang={sourceLang(ui)}>
                              {t("structure.kpiLine", {
                                label: kpi.label,
                                baseline: kpi.baseline.text,
                                target: kpi.target.text,
                              })}
                            </span>
                            {kpi.retired ? ` ${t("structure.retiredNote")}` : ""}
                          </li>
                        ))}
                      </ul>
                    )}
                    <div class="editor-actions">
                      <a
                        href={ui.href(`${here}/initiatives/${initiative.id}`)}
                        aria-label={`${t("structure.editInitiative")}：${name}`}
                      >
                        {t("structure.editInitiative")}
                      </a>{" "}
                      <MoveActions
                        page={page}
                        action={actions}
                        entity="initiative"
                        item={initiative}
                        what={name}
                        index={index}
                        count={policy.initiatives.length}
                        shown={showRetired}
                      />
                      <SmallAction
                        page={page}
                        action={actions}
                        label={initiative.retired ? t("restore") : t("retire")}
                        accessibleLabel={
                          initiative.retired ? t("restoreOf", { what: name }) : t("retireOf", { what: name })
                        }
                        variant={initiative.retired ? "secondary" : "warning"}
                        fields={{
                          action: initiative.retired ? "restore" : "retire",
                          entity: "initiative",
                          id: String(initiative.id),
                          version: String(initiative.version),
                          ...(showRetired ? { retiredShown: "show" } : {}),
                        }}
                      />
                    </div>
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
      <h2 id="add-policy">{t("structure.addPolicy")}</h2>
      <form method="post" action={ui.href(`${here}/policies`)} class="form" novalidate>
        <CsrfField token={page.csrf} />
        <TextField
          ui={ui}
          id="code"
          label={t("field.code")}
          hint={t("field.codeHint")}
          required={false}
          value={policyValues.code}
          errors={errors}
          width="short"
        />
        <TextField
          ui={ui}
          id="policyTitle"
          label={t("field.policyTitle")}
          required={true}
          value={policyValues.title}
          errors={errors}
          width="long"
        />
        <button type="submit">{t("add")}</button>
      </form>
    </EditorPage>
  );
}

function PolicyPage(props: {
  page: PageProps;
  structure: PlanStructure;
  policy: { id: number; version: number };
  values: { code: string; title: string };
  errors: FieldError[];
  refusal?: string;
}) {
  const { page, values, errors } = props;
  const { ui, t } = page;
  return (
    <EditorPage
      page={page}
      title={t("policy.title")}
      errors={errors}
      refusal={props.refusal}
      plan={props.structure.plan}
      crumb={t("policy.title")}
    >
      <form method="post" class="form" novalidate>
        <CsrfField token={page.csrf} />
        <input type="hidden" name="version" value={String(props.policy.version)} />
        <TextField
          ui={ui}
          id="code"
          label={t("field.code")}
          hint={t("field.codeHint")}
          required={false}
          value={values.code}
          errors={errors}
          width="short"
        />
        <TextField
          ui={ui}
          id="policyTitle"
          label={t("field.policyTitle")}
          required={true}
          value={values.title}
          errors={errors}
          width="long"
        />
        <button type="submit">{t("save")}</button>
      </form>
    </EditorPage>
  );
}

function actionLabel(t: PageProps["t"], action: string): string {
  const key = `action.${action}`;
  return isPlanEditorKey(key) ? t(key as PlanEditorKey) : action;
}

/** Who or what an entry is about: 「No.6 市民協働の推進」, 数値目標「…」, 基本方針「…」. */
function subjectText(t: PageProps["t"], change: PlanChange): string {
  const { subject } = change;
  switch (subject.kind) {
    case "initiative":
      return subject.number === undefined
        ? subject.name
        : `${withNumberSign(subject.numberText ?? String(subject.number))} ${subject.name}`;
    case "kpi":
      return t("change.kpiSubject", { name: subject.name });
    case "policy":
      return t("change.policySubject", { name: subject.name });
    default:
      return subject.name;
  }
}

/** One field's value as the history shows it. */
function valueText(
  page: PageProps,
  structure: PlanStructure,
  field: PlanChangeLine["field"],
  value: PlanChangeValue | undefined,
): string {
  const { t, ui } = page;
  if (value === undefined || value === null || value === "")
    return field === "gradeScale" ? t("change.defaultScale") : t("change.empty");
  switch (field) {
    case "period": {
      const [start, end] = String(value).split("-").map(Number);
      return start && end
        ? planPeriodText({ startFiscalYear: start, endFiscalYear: end }, ui.lang)
        : String(value);
    }
    case "baselineFiscalYear":
      return typeof value === "number" ? fiscalYearText(value, ui.lang) : String(value);
    case "notAssessedAllowed":
    case "retired":
      return value === true ? t("change.yes") : t("change.no");
    case "policy": {
      const policy = structure.policies.find((p) => p.id === value);
      return policy ? `${policy.code} ${policy.title}`.trim() : t("change.removedPolicy");
    }
    case "number":
      return typeof value === "number" ? String(value) : value.toString();
    default:
      return String(value);
  }
}

/** The lines of one entry: 取組項目名「…」→「…」, 関係課 added and removed, 目標「…」→「…」. */
function changeLines(page: PageProps, structure: PlanStructure, change: PlanChange): string[] {
  const { t } = page;
  const lines: string[] = [];
  for (const line of change.lines) {
    if (line.field === "retired") {
      lines.push(line.after === true ? t("change.retiredNow") : t("change.restoredNow"));
      continue;
    }
    if (line.field === "direction") {
      lines.push(line.after === "up" ? t("change.movedUp") : t("change.movedDown"));
      continue;
    }
    if (line.field === "listedUnder") {
      lines.push(
        line.after === null
          ? t("change.unlistedFrom", { number: String(line.before) })
          : t("change.listedUnder", { number: String(line.after) }),
      );
      continue;
    }
    if (line.field === "departments" && (line.added || line.removed) && line.before === undefined) {
      for (const name of line.added ?? []) lines.push(t("change.departmentAdded", { name }));
      for (const name of line.removed ?? []) lines.push(t("change.departmentRemoved", { name }));
      if (line.leadBefore !== undefined && line.leadAfter !== undefined && "leadBefore" in line)
        lines.push(
          t("change.lead", {
            before: line.leadBefore ?? t("change.empty"),
            after: line.leadAfter ?? t("change.empty"),
          }),
        );
      continue;
    }
    const label = t(`change.field.${line.field}` as PlanEditorKey);
    const after = valueText(page, structure, line.field, line.after);
    lines.push(
      "before" in line
        ? t("change.changed", { label, before: valueText(page, structure, line.field, line.before), after })
        : t("change.set", { label, after }),
    );
  }
  return lines;
}

function HistoryPage(props: {
  page: PageProps;
  structure: PlanStructure;
  entries: {
    id: number;
    at: string;
    actorName: string | null;
    entity: string;
    action: string;
    before: unknown;
    after: unknown;
  }[];
}) {
  const { page, structure, entries } = props;
  const { t, ui } = page;
  return (
    <EditorPage
      page={page}
      title={t("history.title", { title: structure.plan.title })}
      plan={structure.plan}
      crumb={t("history.crumb")}
    >
      <p>{t("history.lead")}</p>
      {entries.length === 0 ? (
        <p>{t("history.none")}</p>
      ) : (
        <table class="data">
          <caption>{t("history.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("history.at")}</th>
              <th scope="col">{t("history.who")}</th>
              <th scope="col">{t("history.what")}</th>
              <th scope="col">{t("history.changes")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const change = planChangeOf(entry.entity, entry.action, entry.before, entry.after);
              const lines = changeLines(page, structure, change);
              return (
                <tr>
                  <td>
                    {new Date(entry.at).toLocaleString(ui.lang === "ja" ? "ja-JP" : "en-GB", {
                      timeZone: "Asia/Tokyo",
                    })}
                  </td>
                  <td>{entry.actorName ?? "—"}</td>
                  <td>
                    {actionLabel(t, entry.action)}
                    <br />
                    <span lang={sourceLang(ui)}>{subjectText(t, change)}</span>
                  </td>
                  <td class="prose" lang={sourceLang(ui)}>
                    {lines.length === 0 ? (
                      t("change.empty")
                    ) : (
                      <ul class="history-changes">
                        {lines.map((line) => (
                          <li>{line}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </EditorPage>
  );
}

/**
 * Shows or hides the retired (廃止) initiatives and KPIs: a link to the same page with or without
 * `?retired=show`, so it works without JavaScript; it says how many are hidden.
 */
function RetiredFilter(props: { page: PageProps; here: string; structure: PlanStructure; shown: boolean }) {
  const { ui, t } = props.page;
  const initiatives = props.structure.policies.flatMap((p) => p.initiatives);
  const retiredInitiatives = initiatives.filter((i) => i.retired).length;
  // A KPI under a retired initiative is hidden with it: it is counted with its initiative. A 再掲
  // is the same KPI: counted once.
  const retiredKpis = new Set(
    initiatives.filter((i) => !i.retired).flatMap((i) => i.kpis.filter((k) => k.retired).map((k) => k.kpiId)),
  ).size;
  if (retiredInitiatives === 0 && retiredKpis === 0) return null;
  const label = props.shown
    ? t("structure.hideRetired")
    : retiredKpis === 0
      ? t("structure.showRetiredInitiatives", { initiatives: retiredInitiatives })
      : retiredInitiatives === 0
        ? t("structure.showRetiredKpis", { kpis: retiredKpis })
        : t("structure.showRetiredBoth", { initiatives: retiredInitiatives, kpis: retiredKpis });
  return (
    <p class="editor-filter">
      {props.shown ? t("structure.retiredShown") : t("structure.retiredHidden")}{" "}
      <a href={ui.href(props.here, props.shown ? {} : { retired: "show" })}>{label}</a>
    </p>
  );
}

/** Move up / move down for one item of a list: only the moves that exist for its place. */
function MoveActions(props: {
  page: PageProps;
  action: string;
  entity: "policy" | "initiative";
  item: { id: number; version: number };
  what: string;
  index: number;
  count: number;
  /** The page lists retired items: the move brings the reader back to that list. */
  shown?: boolean;
}) {
  const { t } = props.page;
  const fields = {
    entity: props.entity,
    id: String(props.item.id),
    version: String(props.item.version),
    ...(props.shown ? { retiredShown: "show" } : {}),
  };
  return (
    <>
      {props.index > 0 ? (
        <SmallAction
          page={props.page}
          action={props.action}
          label={t("move.up")}
          accessibleLabel={t("move.upOf", { what: props.what })}
          fields={{ action: "up", ...fields }}
        />
      ) : null}
      {props.index < props.count - 1 ? (
        <SmallAction
          page={props.page}
          action={props.action}
          label={t("move.down")}
          accessibleLabel={t("move.downOf", { what: props.what })}
          fields={{ action: "down", ...fields }}
        />
      ) : null}
    </>
  );
}
