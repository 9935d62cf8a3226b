import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { initiativeNumberLabel, readInitiativeNumber } from "../../../domain/initiative-number.ts";
import type { PlanStructure, StructureInitiative } from "../../../store/plan-structure-types.ts";
import {
  ALL_DEPARTMENTS,
  addInitiative,
  type InitiativeInput,
  relistKpi,
  updateInitiative,
} from "../../../workflow/plan-editor.ts";
import { route } from "../../auth/rules.ts";
import { formFields } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import { sourceLang } from "../../i18n.ts";
import { errorFor, type FieldError } from "../../views/form/errors.ts";
import { CsrfField, InlineError, RequiredTag, TextAreaField, TextField } from "../../views/form/field.tsx";
import {
  acting,
  doneQuery,
  formInt,
  idParam,
  initiativesOf,
  MANAGE_PLAN,
  type PageProps,
  pageProps,
  refusalOf,
  structureOfPath,
  structurePath,
} from "./context.ts";
import { isPlanEditorKey } from "./messages.ts";
import { EditorPage, RetiredTag, SmallAction } from "./views-common.tsx";

/** 取組項目: add one, change one (number, title, (C), 関係課 lead first, 基本方針), and its KPIs and 再掲. */

const DEPARTMENT_FIELDS = 5;

interface InitiativeValues {
  policyId: string;
  number: string;
  title: string;
  description: string;
  /** Department ids as text, or "all"; "" for an unused field. */
  departments: string[];
}

function valuesOf(initiative: StructureInitiative, allId: number | undefined): InitiativeValues {
  return {
    policyId: String(initiative.policyId),
    number: initiativeNumberLabel(initiative),
    title: initiative.title,
    description: initiative.description,
    departments: initiative.departments.map((d) => (d.id === allId ? "all" : String(d.id))),
  };
}

export function registerInitiativePages(app: OpenAPIHono<AppEnv>): void {
  const base = "/o/:org/manage/plan-editor/:planId/initiatives";

  route(app, "get", `${base}/new`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const values: InitiativeValues = {
      policyId: String(structure.policies.at(-1)?.id ?? ""),
      number: String(Math.max(0, ...initiativesOf(structure).map((i) => i.number)) + 1),
      title: "",
      description: "",
      departments: [],
    };
    return initiativePage(c, page, structure, undefined, values, []);
  });

  route(app, "post", `${base}/new`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const form = await formFields(c);
    const { values, input, errors } = readForm(form, page, structure);
    if (!input) return initiativePage(c, page, structure, undefined, values, errors, undefined, 400);
    try {
      const id = await addInitiative(c.get("store"), acting(c), input);
      return c.redirect(
        page.ui.href(`${structurePath(page.organization.slug, structure.plan.id)}/initiatives/${id}`, {
          done: "added",
        }),
        303,
      );
    } catch (error) {
      const refused = refusalOf(page.t, error);
      if (!refused) throw error;
      return refused.field
        ? initiativePage(
            c,
            page,
            structure,
            undefined,
            values,
            [{ field: refused.field, message: refused.message }],
            undefined,
            refused.status,
          )
        : initiativePage(c, page, structure, undefined, values, [], refused.message, refused.status);
    }
  });

  route(app, "get", `${base}/:initiativeId`, MANAGE_PLAN, { query: doneQuery }, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const initiative = initiativeOfPath(c, structure);
    const allId = await allDepartmentsId(c, page);
    const key = `done.${c.req.query("done")}`;
    return initiativePage(
      c,
      page,
      structure,
      initiative,
      valuesOf(initiative, allId),
      [],
      undefined,
      200,
      isPlanEditorKey(key) ? page.t(key) : undefined,
    );
  });

  route(app, "post", `${base}/:initiativeId`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const initiative = initiativeOfPath(c, structure);
    const form = await formFields(c);
    const { values, input, errors } = readForm(form, page, structure);
    if (!input) return initiativePage(c, page, structure, initiative, values, errors, undefined, 400);
    try {
      await updateInitiative(c.get("store"), acting(c), {
        ...input,
        initiativeId: initiative.id,
        expectedVersion: formInt(form.text("version")),
      });
    } catch (error) {
      const refused = refusalOf(page.t, error);
      if (!refused) throw error;
      const current = (await c.get("store").planStructures.load(structure.plan.id)) ?? structure;
      const now = initiativesOf(current).find((i) => i.id === initiative.id) ?? initiative;
      return refused.field
        ? initiativePage(
            c,
            page,
            current,
            now,
            values,
            [{ field: refused.field, message: refused.message }],
            undefined,
            refused.status,
          )
        : initiativePage(c, page, current, now, values, [], refused.message, refused.status);
    }
    return c.redirect(
      page.ui.href(
        `${structurePath(page.organization.slug, structure.plan.id)}/initiatives/${initiative.id}`,
        { done: "saved" },
      ),
      303,
    );
  });

  route(app, "post", `${base}/:initiativeId/relist`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const initiative = initiativeOfPath(c, structure);
    const allId = await allDepartmentsId(c, page);
    const form = await formFields(c);
    const kpiId = formInt(form.text("kpiId"));
    const show = (errors: FieldError[], refusal?: string, status: 400 | 403 | 409 = 400) =>
      initiativePage(c, page, structure, initiative, valuesOf(initiative, allId), errors, refusal, status);
    if (!Number.isFinite(kpiId)) return show([{ field: "kpiId", message: page.t("error.relistKpi") }]);
    try {
      await relistKpi(c.get("store"), acting(c), {
        planId: structure.plan.id,
        kpiId,
        initiativeId: initiative.id,
        expectedVersion: formInt(form.text("version")),
      });
    } catch (error) {
      const refused = refusalOf(page.t, error);
      if (!refused) throw error;
      return refused.field
        ? show([{ field: refused.field, message: refused.message }], undefined, refused.status)
        : show([], refused.message, refused.status);
    }
    return c.redirect(
      page.ui.href(
        `${structurePath(page.organization.slug, structure.plan.id)}/initiatives/${initiative.id}`,
        { done: "relisted" },
      ),
      303,
    );
  });
}

export function initiativeOfPath(c: Context<AppEnv>, structure: PlanStructure): StructureInitiative {
  const id = idParam(c, "initiativeId");
  const initiative = initiativesOf(structure).find((i) => i.id === id);
  if (!initiative) throw new AppError("page.not-found", { path: c.req.path });
  return initiative;
}

async function allDepartmentsId(c: Context<AppEnv>, page: PageProps): Promise<number | undefined> {
  return (await c.get("store").departments.list(page.organization.id)).find((d) => d.name === ALL_DEPARTMENTS)
    ?.id;
}

function readForm(
  form: { text: (name: string) => string },
  page: PageProps,
  structure: PlanStructure,
): { values: InitiativeValues; input?: InitiativeInput; errors: FieldError[] } {
  const { t } = page;
  const values: InitiativeValues = {
    policyId: form.text("policyId"),
    number: form.text("number").trim(),
    title: form.text("initiativeTitle").trim(),
    description: form.text("description").trim(),
    departments: Array.from({ length: DEPARTMENT_FIELDS }, (_, i) => form.text(`department-${i + 1}`)).filter(
      (v) => v !== "",
    ),
  };
  const errors: FieldError[] = [];
  const policyId = formInt(values.policyId);
  if (!structure.policies.some((p) => p.id === policyId))
    errors.push({ field: "policyId", message: t("error.policy") });
  if (readInitiativeNumber(values.number) === undefined)
    errors.push({ field: "number", message: t("error.number") });
  if (values.title === "") errors.push({ field: "initiativeTitle", message: t("error.initiativeTitle") });
  const departments = values.departments.map((v) => (v === "all" ? ("all" as const) : formInt(v)));
  if (departments.length === 0 || departments.some((d) => d !== "all" && !Number.isFinite(d)))
    errors.push({ field: "department-1", message: t("error.departments") });
  if (errors.length > 0) return { values, errors };
  return {
    values,
    errors,
    input: {
      planId: structure.plan.id,
      policyId,
      number: values.number,
      title: values.title,
      description: values.description,
      departments,
    },
  };
}

async function initiativePage(
  c: Context<AppEnv>,
  page: PageProps,
  structure: PlanStructure,
  initiative: StructureInitiative | undefined,
  values: InitiativeValues,
  errors: FieldError[],
  refusal?: string,
  status: 200 | 400 | 403 | 409 = 200,
  done?: string,
) {
  const departments = (await c.get("store").departments.list(page.organization.id)).filter(
    (d) => d.name !== ALL_DEPARTMENTS,
  );
  const published = await c.get("store").planStructures.hasPublication(structure.plan.id);
  return renderPage(
    c,
    <InitiativePage
      page={page}
      structure={structure}
      initiative={initiative}
      values={values}
      errors={errors}
      refusal={refusal}
      done={done}
      departments={departments}
      published={published}
    />,
    status,
  );
}

function InitiativePage(props: {
  page: PageProps;
  structure: PlanStructure;
  initiative: StructureInitiative | undefined;
  values: InitiativeValues;
  errors: FieldError[];
  refusal: string | undefined;
  done: string | undefined;
  departments: { id: number; name: string }[];
  published: boolean;
}) {
  const { page, structure, initiative, values, errors } = props;
  const { ui, t, organization } = page;
  const title = initiative
    ? t("initiative.editTitle", { number: initiativeNumberLabel(initiative), title: initiative.title })
    : t("initiative.newTitle");
  const here = structurePath(organization.slug, structure.plan.id);
  const policyError = errorFor(errors, "policyId");
  const departmentError = errorFor(errors, "department-1");
  const actions = ui.href(`${here}/actions`);
  const relistable = initiative
    ? initiativesOf(structure).flatMap((other) =>
        other.id === initiative.id
          ? []
          : other.kpis
              .filter(
                (k) => !k.relisted && !k.retired && !initiative.kpis.some((mine) => mine.kpiId === k.kpiId),
              )
              .map((k) => ({ kpiId: k.kpiId, number: initiativeNumberLabel(other), name: k.name })),
      )
    : [];
  const relistError = errorFor(errors, "kpiId");
  return (
    <EditorPage
      page={page}
      title={title}
      errors={errors}
      refusal={props.refusal}
      done={props.done}
      plan={structure.plan}
      crumb={title}
    >
      {initiative?.retired ? (
        <p class="editor-retired">
          <RetiredTag page={page} />
          {t("initiative.retiredNote")}
        </p>
      ) : null}
      <form
        method="post"
        action={initiative ? undefined : ui.href(`${here}/initiatives/new`)}
        class="form"
        novalidate
      >
        <CsrfField token={page.csrf} />
        {initiative ? <input type="hidden" name="version" value={String(initiative.version)} /> : null}
        <div class={policyError ? "field field-invalid" : "field"}>
          <label for="policyId">
            {t("field.policy")} <RequiredTag ui={ui} required={true} />
          </label>
          <InlineError ui={ui} id="policyId" message={policyError} />
          <select
            id="policyId"
            name="policyId"
            aria-invalid={policyError ? "true" : undefined}
            aria-describedby={policyError ? "policyId-error" : undefined}
          >
            {structure.policies.map((policy) => (
              <option
                value={String(policy.id)}
                selected={values.policyId === String(policy.id)}
                lang={sourceLang(ui)}
              >
                {`${policy.code} ${policy.title}`.trim()}
              </option>
            ))}
          </select>
        </div>
        <TextField
          ui={ui}
          id="number"
          label={t("field.number")}
          hint={props.published && initiative ? t("structure.published") : t("field.numberHint")}
          required={true}
          value={values.number}
          errors={errors}
          width="short"
        />
        <TextField
          ui={ui}
          id="initiativeTitle"
          label={t("field.initiativeTitle")}
          required={true}
          value={values.title}
          errors={errors}
          width="long"
        />
        <TextAreaField
          ui={ui}
          id="description"
          label={t("field.description")}
          required={false}
          value={values.description}
          errors={errors}
          rows={5}
          source={true}
        />
        <fieldset
          class={departmentError ? "field field-invalid" : "field"}
          aria-describedby={departmentError ? "departments-hint department-1-error" : "departments-hint"}
        >
          <legend>
            {t("field.departments")} <RequiredTag ui={ui} required={true} />
          </legend>
          <p class="hint" id="departments-hint">
            {t("field.departmentsHint")}
          </p>
          <InlineError ui={ui} id="department-1" message={departmentError} />
          {Array.from({ length: DEPARTMENT_FIELDS }, (_, i) => {
            const id = `department-${i + 1}`;
            const chosen = values.departments[i] ?? "";
            return (
              <div class="field">
                <label for={id}>
                  {i === 0 ? t("field.departmentLead") : t("field.departmentN", { n: i + 1 })}
                </label>
                <select id={id} name={id} aria-invalid={i === 0 && departmentError ? "true" : undefined}>
                  <option value="" selected={chosen === ""}>
                    {t("department.none")}
                  </option>
                  {props.departments.map((d) => (
                    <option value={String(d.id)} selected={chosen === String(d.id)} lang={sourceLang(ui)}>
                      {d.name}
                    </option>
                  ))}
                  <option value="all" selected={chosen === "all"}>
                    {t("department.all")}
                  </option>
                </select>
              </div>
            );
          })}
        </fieldset>
        <button type="submit">{initiative ? t("save") : t("add")}</button>
      </form>
      {initiative ? (
        <>
          <h2>{t("initiative.kpis")}</h2>
          {initiative.kpis.length === 0 ? <p>{t("structure.noKpis")}</p> : null}
          <ul class="editor-kpis">
            {initiative.kpis.map((kpi, index) => {
              const what = kpi.label;
              const fields = {
                entity: "kpi",
                id: String(kpi.kpiId),
                initiativeId: String(initiative.id),
                back: "initiative",
              };
              return (
                <li class={kpi.retired ? "editor-retired" : undefined}>
                  {kpi.retired ? <RetiredTag page={page} /> : null}
                  <span lang={sourceLang(ui)}>
                    {t("structure.kpiLine", {
                      label: kpi.label,
                      baseline: kpi.baseline.text,
                      target: kpi.target.text,
                    })}
                  </span>
                  {kpi.retired ? ` ${t("structure.retiredNote")}` : ""}{" "}
                  {!kpi.relisted ? (
                    <a
                      href={ui.href(`${here}/kpis/${kpi.kpiId}`)}
                      aria-label={`${t("initiative.editKpi")}：${what}`}
                    >
                      {t("initiative.editKpi")}
                    </a>
                  ) : null}{" "}
                  {index > 0 ? (
                    <SmallAction
                      page={page}
                      action={actions}
                      label={t("move.up")}
                      accessibleLabel={t("move.upOf", { what })}
                      fields={{ ...fields, action: "up", version: String(initiative.version) }}
                    />
                  ) : null}
                  {index < initiative.kpis.length - 1 ? (
                    <SmallAction
                      page={page}
                      action={actions}
                      label={t("move.down")}
                      accessibleLabel={t("move.downOf", { what })}
                      fields={{ ...fields, action: "down", version: String(initiative.version) }}
                    />
                  ) : null}
                  {kpi.relisted ? (
                    <SmallAction
                      page={page}
                      action={actions}
                      label={t("unlist")}
                      accessibleLabel={t("unlistOf", { what })}
                      variant="warning"
                      fields={{ ...fields, action: "unlist", version: String(initiative.version) }}
                    />
                  ) : (
                    <SmallAction
                      page={page}
                      action={actions}
                      label={kpi.retired ? t("restore") : t("retire")}
                      accessibleLabel={kpi.retired ? t("restoreOf", { what }) : t("retireOf", { what })}
                      variant={kpi.retired ? "secondary" : "warning"}
                      fields={{
                        ...fields,
                        action: kpi.retired ? "restore" : "retire",
                        version: String(kpi.version),
                      }}
                    />
                  )}
                </li>
              );
            })}
          </ul>
          <p>
            <a class="button" href={ui.href(`${here}/initiatives/${initiative.id}/kpis/new`)}>
              {t("initiative.addKpi")}
            </a>
          </p>
          <h2>{t("initiative.relist")}</h2>
          {relistable.length === 0 ? (
            <p>{t("relist.none")}</p>
          ) : (
            <form
              method="post"
              action={ui.href(`${here}/initiatives/${initiative.id}/relist`)}
              class="form"
              novalidate
            >
              <CsrfField token={page.csrf} />
              <input type="hidden" name="version" value={String(initiative.version)} />
              <div class={relistError ? "field field-invalid" : "field"}>
                <label for="kpiId">
                  {t("field.relistKpi")} <RequiredTag ui={ui} required={true} />
                </label>
                <p class="hint" id="kpiId-hint">
                  {t("field.relistKpiHint")}
                </p>
                <InlineError ui={ui} id="kpiId" message={relistError} />
                <select
                  id="kpiId"
                  name="kpiId"
                  aria-describedby={relistError ? "kpiId-hint kpiId-error" : "kpiId-hint"}
                >
                  {relistable.map((k) => (
                    <option value={String(k.kpiId)} lang={sourceLang(ui)}>
                      {t("relist.option", { number: k.number, name: k.name })}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="button-secondary">
                {t("relist.submit")}
              </button>
            </form>
          )}
        </>
      ) : null}
    </EditorPage>
  );
}
