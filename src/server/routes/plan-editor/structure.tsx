import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { initiativeNumberLabel, withNumberSign } from "../../../domain/initiative-number.ts";
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
  doneQuery,
  formInt,
  idParam,
  MANAGE_PLAN,
  type PageProps,
  pageProps,
  plansPath,
  refusalOf,
  structureOfPath,
  structurePath,
} from "./context.ts";
import { isPlanEditorKey, type PlanEditorKey } from "./messages.ts";
import { EMPTY_PLAN_VALUES, PlanFormPage, planValues, readPlanForm, scaleSummary } from "./plan-form.tsx";
import { EditorPage, SmallAction } from "./views-common.tsx";

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

  route(app, "get", base, MANAGE_PLAN, { query: doneQuery }, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const done = c.req.query("done");
    const key = `done.${done}`;
    return structurePage(c, page, structure, { done: isPlanEditorKey(key) ? page.t(key) : undefined });
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
        { refusal: refused?.message ?? page.t("refused.notInPlan") },
        refused?.status ?? 400,
      );
    }
    if (!done) return structurePage(c, page, structure, { refusal: page.t("refused.notInPlan") }, 400);
    const back =
      form.text("back") === "initiative" && Number.isFinite(initiativeId)
        ? `${structurePath(page.organization.slug, planId)}/initiatives/${initiativeId}`
        : structurePath(page.organization.slug, planId);
    return c.redirect(page.ui.href(back, { done }), 303);
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
      {structure.policies.length === 0 ? <p>{t("structure.noPolicies")}</p> : null}
      {structure.policies.map((policy, policyIndex) => {
        const policyName = `${policy.code} ${policy.title}`.trim();
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
              />
            </div>
            {policy.initiatives.length === 0 ? <p class="muted">{t("structure.noInitiatives")}</p> : null}
            <ol class="editor-initiatives">
              {policy.initiatives.map((initiative, index) => {
                const name = `${withNumberSign(initiativeNumberLabel(initiative))} ${initiative.title}`;
                return (
                  <li class={initiative.retired ? "editor-retired" : undefined}>
                    <p>
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
                    {initiative.kpis.length === 0 ? (
                      <p class="hint">{t("structure.noKpis")}</p>
                    ) : (
                      <ul class="editor-kpis">
                        {initiative.kpis.map((kpi) => (
                          <li class={kpi.retired ? "editor-retired" : undefined} lang={sourceLang(ui)}>
                            {t("structure.kpiLine", {
                              label: kpi.label,
                              baseline: kpi.baseline.text,
                              target: kpi.target.text,
                            })}
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

function changeText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value !== "object") return String(value);
  return Object.entries(value as Record<string, unknown>)
    .filter(([key]) => key !== "planId")
    .map(([key, v]) => `${key}: ${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`)
    .join("\n");
}

function HistoryPage(props: {
  page: PageProps;
  structure: PlanStructure;
  entries: {
    id: number;
    at: string;
    actorName: string | null;
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
              <th scope="col">{t("history.before")}</th>
              <th scope="col">{t("history.after")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr>
                <td>
                  {new Date(entry.at).toLocaleString(ui.lang === "ja" ? "ja-JP" : "en-GB", {
                    timeZone: "Asia/Tokyo",
                  })}
                </td>
                <td>{entry.actorName ?? "—"}</td>
                <td>{actionLabel(t, entry.action)}</td>
                <td class="prose" lang={sourceLang(ui)}>
                  {changeText(entry.before)}
                </td>
                <td class="prose" lang={sourceLang(ui)}>
                  {changeText(entry.after)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </EditorPage>
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
}) {
  const { t } = props.page;
  const fields = { entity: props.entity, id: String(props.item.id), version: String(props.item.version) };
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
