import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { initiativeNumberLabel, withNumberSign } from "../../../domain/initiative-number.ts";
import { kpiParseContext } from "../../../domain/kpi-context.ts";
import { readingLine, readKpiEntry } from "../../../domain/kpi-reading.ts";
import type {
  PlanStructure,
  StructureInitiative,
  StructureKpi,
} from "../../../store/plan-structure-types.ts";
import { addKpi, updateKpi } from "../../../workflow/plan-editor.ts";
import { assetHref } from "../../assets.ts";
import { route } from "../../auth/rules.ts";
import { formFields } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import { errorFor, type FieldError } from "../../views/form/errors.ts";
import { CsrfField, InlineError, RequiredTag, TextField } from "../../views/form/field.tsx";
import { ENTRY_CSP } from "../entry/pages.tsx";
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
import { initiativeOfPath } from "./initiative.tsx";
import { EditorPage } from "./views-common.tsx";

/**
 * 数値目標: its name, 当初 and 目標 as the city writes them. Each value is read by the KPI parser as it
 * is typed (the entry page's script and endpoint, src/server/assets/entry.js) and, without the
 * script, after saving: the page shows what was understood under each field.
 */

interface KpiValues {
  name: string;
  baseline: string;
  target: string;
}

export function registerKpiPages(app: OpenAPIHono<AppEnv>): void {
  const base = "/o/:org/manage/plan-editor/:planId";

  route(app, "get", `${base}/initiatives/:initiativeId/kpis/new`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const initiative = initiativeOfPath(c, structure);
    return kpiPage(c, page, structure, initiative, undefined, { name: "", baseline: "", target: "" }, []);
  });

  route(app, "post", `${base}/initiatives/:initiativeId/kpis/new`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const initiative = initiativeOfPath(c, structure);
    const form = await formFields(c);
    const { values, errors } = readForm(form, page);
    if (errors.length > 0)
      return kpiPage(c, page, structure, initiative, undefined, values, errors, undefined, 400);
    let kpiId: number;
    try {
      kpiId = await addKpi(c.get("store"), acting(c), {
        planId: structure.plan.id,
        initiativeId: initiative.id,
        ...values,
      });
    } catch (error) {
      const refused = refusalOf(page.t, error);
      if (!refused) throw error;
      return kpiPage(c, page, structure, initiative, undefined, values, [], refused.message, refused.status);
    }
    return c.redirect(
      page.ui.href(`${structurePath(page.organization.slug, structure.plan.id)}/kpis/${kpiId}`, {
        done: "added",
      }),
      303,
    );
  });

  route(app, "get", `${base}/kpis/:kpiId`, MANAGE_PLAN, { query: doneQuery }, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const { kpi, initiative } = kpiOfPath(c, structure);
    const done = c.req.query("done");
    return kpiPage(
      c,
      page,
      structure,
      initiative,
      kpi,
      { name: kpi.name, baseline: kpi.baseline.text, target: kpi.target.text },
      [],
      undefined,
      200,
      done === "added" ? page.t("done.added") : done === "saved" ? page.t("done.saved") : undefined,
    );
  });

  route(app, "post", `${base}/kpis/:kpiId`, MANAGE_PLAN, async (c) => {
    const page = pageProps(c);
    const structure = await structureOfPath(c);
    const { kpi, initiative } = kpiOfPath(c, structure);
    const form = await formFields(c);
    const { values, errors } = readForm(form, page);
    if (errors.length > 0)
      return kpiPage(c, page, structure, initiative, kpi, values, errors, undefined, 400);
    try {
      await updateKpi(c.get("store"), acting(c), {
        planId: structure.plan.id,
        kpiId: kpi.kpiId,
        expectedVersion: formInt(form.text("version")),
        ...values,
      });
    } catch (error) {
      const refused = refusalOf(page.t, error);
      if (!refused) throw error;
      const current = (await c.get("store").planStructures.load(structure.plan.id)) ?? structure;
      const now =
        initiativesOf(current)
          .flatMap((i) => i.kpis)
          .find((k) => k.kpiId === kpi.kpiId && !k.relisted) ?? kpi;
      return kpiPage(c, page, current, initiative, now, values, [], refused.message, refused.status);
    }
    return c.redirect(
      page.ui.href(`${structurePath(page.organization.slug, structure.plan.id)}/kpis/${kpi.kpiId}`, {
        done: "saved",
      }),
      303,
    );
  });
}

/** The KPI of the path in its own initiative (the listing that is not a 再掲). */
function kpiOfPath(
  c: Context<AppEnv>,
  structure: PlanStructure,
): { kpi: StructureKpi; initiative: StructureInitiative } {
  const kpiId = idParam(c, "kpiId");
  for (const initiative of initiativesOf(structure))
    for (const kpi of initiative.kpis) if (kpi.kpiId === kpiId && !kpi.relisted) return { kpi, initiative };
  throw new AppError("page.not-found", { path: c.req.path });
}

function readForm(
  form: { text: (name: string) => string },
  page: PageProps,
): { values: KpiValues; errors: FieldError[] } {
  const values = {
    name: form.text("kpiName").trim(),
    baseline: form.text("kpiBaseline").trim(),
    target: form.text("kpiTarget").trim(),
  };
  const errors: FieldError[] = [];
  if (values.name === "") errors.push({ field: "kpiName", message: page.t("error.kpiName") });
  if (values.baseline === "") errors.push({ field: "kpiBaseline", message: page.t("error.baselineValue") });
  if (values.target === "") errors.push({ field: "kpiTarget", message: page.t("error.targetValue") });
  return { values, errors };
}

async function kpiPage(
  c: Context<AppEnv>,
  page: PageProps,
  structure: PlanStructure,
  initiative: StructureInitiative,
  kpi: StructureKpi | undefined,
  values: KpiValues,
  errors: FieldError[],
  refusal?: string,
  status: 200 | 400 | 403 | 409 = 200,
  done?: string,
) {
  // The reading script and the endpoint it asks, as on the entry page.
  c.header("Content-Security-Policy", ENTRY_CSP);
  return renderPage(
    c,
    <KpiPage
      page={page}
      structure={structure}
      initiative={initiative}
      kpi={kpi}
      values={values}
      errors={errors}
      refusal={refusal}
      done={done}
    />,
    status,
  );
}

function ValueField(props: {
  page: PageProps;
  structure: PlanStructure;
  id: string;
  label: string;
  hint: string;
  value: string;
  errors: FieldError[];
}) {
  const { page, id } = props;
  const { ui, t } = page;
  const plan = props.structure.plan;
  const context = kpiParseContext({
    startFiscalYear: plan.startFiscalYear,
    endFiscalYear: plan.endFiscalYear,
    ...(plan.baselineFiscalYear !== null ? { baselineFiscalYear: plan.baselineFiscalYear } : {}),
  });
  const reading = readKpiEntry(props.value, {}, context, ui.lang);
  const error = errorFor(props.errors, id);
  const described = [`${id}-hint`, error ? `${id}-error` : "", `${id}-reading`].filter(Boolean).join(" ");
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>
        {props.label} <RequiredTag ui={ui} required={true} />
      </label>
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      <InlineError ui={ui} id={id} message={error} />
      <input
        type="text"
        id={id}
        name={id}
        class="input-medium"
        value={props.value}
        spellcheck={false}
        data-kpi-reading={`${id}-reading`}
        aria-describedby={described}
        aria-invalid={error ? "true" : undefined}
        required={true}
      />
      <p
        id={`${id}-reading`}
        class={reading.readable ? "kpi-reading" : "kpi-reading kpi-reading-unreadable"}
        aria-live="polite"
      >
        {reading.empty ? null : (
          <>
            <span class="kpi-reading-label">{t("kpi.reading")}</span>
            {readingLine(reading, ui.lang)}
            {reading.diagnostic ? (
              <span class="kpi-reading-why">{t("kpi.readingWhy", { why: reading.diagnostic })}</span>
            ) : null}
          </>
        )}
      </p>
    </div>
  );
}

function KpiPage(props: {
  page: PageProps;
  structure: PlanStructure;
  initiative: StructureInitiative;
  kpi: StructureKpi | undefined;
  values: KpiValues;
  errors: FieldError[];
  refusal: string | undefined;
  done: string | undefined;
}) {
  const { page, structure, initiative, kpi, values, errors } = props;
  const { ui, t, organization } = page;
  const title = kpi
    ? t("kpi.editTitle", { name: kpi.name })
    : t("kpi.newTitle", { number: initiativeNumberLabel(initiative) });
  const relistedUnder = kpi
    ? initiativesOf(structure).filter((i) => i.kpis.some((k) => k.kpiId === kpi.kpiId && k.relisted))
    : [];
  const readingUrl = ui.href(`/o/${encodeURIComponent(organization.slug)}/manage/kpi-reading`, {
    plan: String(structure.plan.id),
  });
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
      {relistedUnder.map((i) => (
        <p class="hint">{t("kpi.relistedNote", { number: initiativeNumberLabel(i) })}</p>
      ))}
      <form method="post" class="form" novalidate data-reading-url={readingUrl}>
        <CsrfField token={page.csrf} />
        {kpi ? <input type="hidden" name="version" value={String(kpi.version)} /> : null}
        <TextField
          ui={ui}
          id="kpiName"
          label={t("field.kpiName")}
          required={true}
          value={values.name}
          errors={errors}
          width="long"
        />
        <ValueField
          page={page}
          structure={structure}
          id="kpiBaseline"
          label={t("field.baselineValue")}
          hint={t("field.baselineValueHint")}
          value={values.baseline}
          errors={errors}
        />
        <ValueField
          page={page}
          structure={structure}
          id="kpiTarget"
          label={t("field.targetValue")}
          hint={t("field.targetValueHint")}
          value={values.target}
          errors={errors}
        />
        <button type="submit">{kpi ? t("save") : t("add")}</button>
      </form>
      <p>
        <a
          href={ui.href(
            `${structurePath(organization.slug, structure.plan.id)}/initiatives/${initiative.id}`,
          )}
        >
          {`${withNumberSign(initiativeNumberLabel(initiative))} ${initiative.title}`}
        </a>
      </p>
      <script src={assetHref("entry.js")} defer></script>
    </EditorPage>
  );
}
