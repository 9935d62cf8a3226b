import type { Context } from "hono";
import { formatFiscalYear } from "../../../domain/era.ts";
import {
  type GradeLevel,
  type GradeScale,
  gradeLegend,
  gradeScaleOf,
  gradeScaleProblems,
  isDefaultGradeScale,
} from "../../../domain/grade.ts";
import {
  GRADE_SCALE_PRESETS,
  isGradeScalePreset,
  readBaselineYear,
  readPlanPeriod,
} from "../../../domain/plan-setup.ts";
import type { PlanHead } from "../../../store/plan-structure-types.ts";
import type { PlanSetup } from "../../../workflow/plan-editor.ts";
import { formFields } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { errorFor, type FieldError } from "../../views/form/errors.ts";
import { CsrfField, InlineError, RequiredTag, TextField } from "../../views/form/field.tsx";
import type { PageProps } from "./context.ts";
import type { PlanEditorKey } from "./messages.ts";
import { EditorPage } from "./views-common.tsx";

/** The plan's own settings: title, period, baseline year, grade scale, 対象外 (create and change). */

const LEVEL_FIELDS = 6;

export interface PlanFormValues {
  title: string;
  period: string;
  baseline: string;
  scale: string;
  levels: GradeLevel[];
  notAssessed: boolean;
}

export const EMPTY_PLAN_VALUES: PlanFormValues = {
  title: "",
  period: "",
  baseline: "",
  scale: "default",
  levels: [],
  notAssessed: true,
};

/** The form's values for a stored plan: the period and baseline written in 和暦 as the city writes them. */
export function planValues(plan: PlanHead): PlanFormValues {
  const scale = gradeScaleOf({ gradeScale: plan.gradeScale });
  const preset = Object.entries(GRADE_SCALE_PRESETS).find(
    ([, levels]) => JSON.stringify(levels) === JSON.stringify(scale),
  )?.[0];
  return {
    title: plan.title,
    period: `${formatFiscalYear(plan.startFiscalYear)}～${formatFiscalYear(plan.endFiscalYear)}`,
    baseline: plan.baselineFiscalYear === null ? "" : formatFiscalYear(plan.baselineFiscalYear),
    scale: preset ?? "custom",
    levels: preset ? [] : scale,
    notAssessed: plan.notAssessedAllowed,
  };
}

/** Reads the form: its values (kept on refusal) and the setup, or the problems field by field. */
export async function readPlanForm(
  c: Context<AppEnv>,
  page: PageProps,
): Promise<{ values: PlanFormValues; setup?: PlanSetup; errors: FieldError[] }> {
  const form = await formFields(c);
  const { t } = page;
  const values: PlanFormValues = {
    title: form.text("title").trim(),
    period: form.text("period").trim(),
    baseline: form.text("baseline").trim(),
    scale: form.text("scale"),
    levels: Array.from({ length: LEVEL_FIELDS }, (_, i) => ({
      code: form.text(`level-${i + 1}-code`).trim(),
      label: form.text(`level-${i + 1}-label`).trim(),
    })).filter((level) => level.code !== "" || level.label !== ""),
    notAssessed: form.text("notAssessed") === "yes",
  };
  const errors: FieldError[] = [];
  if (values.title === "" || values.title.length > 200)
    errors.push({ field: "title", message: t("error.title") });
  const period = readPlanPeriod(values.period);
  if (!period) errors.push({ field: "period", message: t("error.period") });
  const baseline = readBaselineYear(values.baseline);
  if (baseline === undefined) errors.push({ field: "baseline", message: t("error.baseline") });
  let scale: GradeScale | undefined;
  if (isGradeScalePreset(values.scale)) scale = GRADE_SCALE_PRESETS[values.scale];
  else if (values.scale === "custom") {
    scale = values.levels;
    for (const problem of gradeScaleProblems(values.levels)) {
      const n = "index" in problem ? problem.index + 1 : 1;
      const message: [string, PlanEditorKey, Record<string, string | number>] =
        problem.kind === "levels"
          ? ["level-1-code", "error.levels", { count: problem.count }]
          : problem.kind === "code-duplicate"
            ? [`level-${n}-code`, "error.levelDuplicate", { n, code: problem.code }]
            : problem.kind === "label-long"
              ? [`level-${n}-label`, "error.levelLabel", { n }]
              : [`level-${n}-code`, "error.levelCode", { n }];
      errors.push({ field: message[0], message: t(message[1], message[2]) });
    }
  } else errors.push({ field: "scale", message: t("error.scale") });
  if (errors.length > 0 || !period || baseline === undefined || !scale) return { values, errors };
  return {
    values,
    errors,
    setup: {
      title: values.title,
      ...period,
      baselineFiscalYear: baseline,
      gradeScale: scale,
      notAssessedAllowed: values.notAssessed,
    },
  };
}

export function PlanFormPage(props: {
  page: PageProps;
  title: string;
  submit: string;
  values: PlanFormValues;
  errors: FieldError[];
  refusal?: string | undefined;
  plan?: { id: number; title: string; version: number };
}) {
  const { page, values, errors } = props;
  const { ui, t } = page;
  const scaleError = errorFor(errors, "scale");
  const options: { value: string; label: string }[] = [
    ...Object.keys(GRADE_SCALE_PRESETS).map((key) => ({
      value: key,
      label:
        key === "sabc" || key === "ae"
          ? `${t(`scale.${key}` as PlanEditorKey)}（${gradeLegend(GRADE_SCALE_PRESETS[key], "ja", " / ")}）`
          : t(`scale.${key}` as PlanEditorKey),
    })),
    { value: "custom", label: t("scale.custom") },
  ];
  return (
    <EditorPage
      page={page}
      title={props.title}
      errors={errors}
      refusal={props.refusal}
      {...(props.plan ? { plan: props.plan, crumb: t("settings.title") } : { crumb: t("new.title") })}
    >
      <form method="post" class="form" novalidate>
        <CsrfField token={page.csrf} />
        {props.plan ? <input type="hidden" name="version" value={String(props.plan.version)} /> : null}
        <TextField
          ui={ui}
          id="title"
          label={t("field.title")}
          hint={t("field.titleHint")}
          required={true}
          value={values.title}
          errors={errors}
          width="long"
        />
        <TextField
          ui={ui}
          id="period"
          label={t("field.period")}
          hint={t("field.periodHint")}
          required={true}
          value={values.period}
          errors={errors}
        />
        <TextField
          ui={ui}
          id="baseline"
          label={t("field.baseline")}
          hint={t("field.baselineHint")}
          required={false}
          value={values.baseline}
          errors={errors}
          width="short"
        />
        <div class={scaleError ? "field field-invalid" : "field"}>
          <fieldset aria-describedby={scaleError ? "scale-hint scale-error" : "scale-hint"}>
            <legend>
              {t("field.scale")} <RequiredTag ui={ui} required={true} />
            </legend>
            <p class="hint" id="scale-hint">
              {t("field.scaleHint")}
            </p>
            <InlineError ui={ui} id="scale" message={scaleError} />
            <div class="radios">
              {options.map((option, index) => (
                <label>
                  <input
                    type="radio"
                    name="scale"
                    value={option.value}
                    id={index === 0 ? "scale" : `scale-${option.value}`}
                    checked={values.scale === option.value}
                  />
                  {option.label}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        <fieldset class="field" aria-describedby="levels-hint">
          <legend>
            {t("field.levels")} <RequiredTag ui={ui} required={false} />
          </legend>
          <p class="hint" id="levels-hint">
            {t("field.levelsHint")}
          </p>
          {Array.from({ length: LEVEL_FIELDS }, (_, i) => (
            <div class="level-row">
              <TextField
                ui={ui}
                id={`level-${i + 1}-code`}
                label={t("field.levelCode", { n: i + 1 })}
                required={false}
                value={values.levels[i]?.code ?? ""}
                errors={errors}
                width="short"
              />
              <TextField
                ui={ui}
                id={`level-${i + 1}-label`}
                label={t("field.levelLabel", { n: i + 1 })}
                required={false}
                value={values.levels[i]?.label ?? ""}
                errors={errors}
                width="short"
              />
            </div>
          ))}
        </fieldset>
        <fieldset class="field">
          <legend>
            {t("field.notAssessed")} <RequiredTag ui={ui} required={false} />
          </legend>
          <div class="checkboxes">
            <label>
              <input
                type="checkbox"
                id="notAssessed"
                name="notAssessed"
                value="yes"
                checked={values.notAssessed}
              />
              {t("field.notAssessedLabel")}
            </label>
          </div>
        </fieldset>
        <button type="submit">{props.submit}</button>
      </form>
    </EditorPage>
  );
}

export function scaleSummary(plan: PlanHead): string {
  const scale = gradeScaleOf({ gradeScale: plan.gradeScale });
  return isDefaultGradeScale(scale) ? gradeLegend(scale) : gradeLegend(scale, "ja", " / ");
}
