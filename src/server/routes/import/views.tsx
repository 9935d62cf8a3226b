import { type Diagnostic, placeOf } from "../../../domain/diagnostic.ts";
import { formatJapaneseDate, isValidIsoDate } from "../../../domain/era.ts";
import { gradeLegend } from "../../../domain/grade.ts";
import type { PlanDocument } from "../../../domain/plan-document.ts";
import { ROUND_STATE_LABELS } from "../../../domain/workflow-states.ts";
import { FIELD_LABELS, MAPPING_FIELDS } from "../../../io/mapping/fields.ts";
import type { YearColumn } from "../../../io/mapping/header-years.ts";
import type { ImportPreview } from "../../../io/mapping/preview.ts";
import type { SheetPreview } from "../../../io/sheet-rows.ts";
import type { StoredComparison } from "../../../workflow/import-preview.ts";
import { type MessageKey, sourceLang, type Ui } from "../../i18n.ts";
import { orgPath, planPath } from "../../page-context.ts";
import { fiscalYearText } from "../../views/dates.tsx";
import { ErrorSummary, formTitle } from "../../views/form/error-summary.tsx";
import { errorFor, type FieldError } from "../../views/form/errors.ts";
import { CheckboxesField, CsrfField, InlineError, RequiredTag, TextField } from "../../views/form/field.tsx";
import { Layout } from "../../views/layout.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { ManageLayoutBar, type ManagePageProps, manageCrumbs } from "../manage/views.tsx";
import { changeWhere } from "../round/revisions.tsx";
import {
  columnChoices,
  fieldId,
  type GradeTarget,
  gradeOptions,
  type MappingFormValues,
  readsAsIs,
} from "./mapping-form.ts";
import type { PendingUpload } from "./pending.ts";
import { imt } from "./text.ts";

export function importBase(slug: string): string {
  return `${orgPath(slug)}/manage/import`;
}

/** Changes listed field by field at most; the rest are counted (a whole new year can change every cell). */
const SHOWN_CHANGES = 300;
const SHOWN_ROWS = 15;

function Page(
  props: ManagePageProps & { title: string; errors?: readonly FieldError[]; children?: unknown },
) {
  const { ui, organization } = props;
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, props.title, props.errors ?? [])}
      organization={organization}
      stylesheets={["forms.css", "review.css"]}
      breadcrumbs={manageCrumbs(ui, organization, imt(ui, "title"))}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <ErrorSummary ui={ui} errors={props.errors ?? []} />
      {props.children as never}
    </Layout>
  );
}

export function TooLargePage(props: { ui: Ui; url: URL; max: string }) {
  const { ui } = props;
  return (
    <Layout ui={ui} url={props.url} title={imt(ui, "tooLargeTitle")} breadcrumbs={[]}>
      <h1>{imt(ui, "tooLargeTitle")}</h1>
      <p>{imt(ui, "tooLarge", { max: props.max })}</p>
    </Layout>
  );
}

export function ImportStartPage(
  props: ManagePageProps & {
    errors: FieldError[];
    max: string;
    done?: { planId: number; fiscalYear: number; revision: number };
  },
) {
  const { ui, organization, errors, done } = props;
  const fileError = errorFor(errors, "file");
  return (
    <Page {...props} title={imt(ui, "title")} errors={errors}>
      {done ? (
        <div class="notice-success" role="status">
          <p>
            {imt(ui, "done", {
              plan: `No.${done.planId}`,
              fy: fiscalYearText(done.fiscalYear, ui.lang),
              revision: done.revision,
            })}
          </p>
          <p>
            <a href={ui.href(planPath(organization.slug, done.planId, done.fiscalYear))}>
              {imt(ui, "doneLink")}
            </a>
          </p>
        </div>
      ) : null}
      <h1>{imt(ui, "title")}</h1>
      <p class="lead">{imt(ui, "lead")}</p>
      <form
        method="post"
        action={ui.href(importBase(organization.slug))}
        enctype="multipart/form-data"
        class="form"
        novalidate
      >
        <CsrfField token={props.csrfToken ?? ""} />
        <div class={fileError ? "field field-invalid" : "field"}>
          <label for="file">
            {imt(ui, "file")} <RequiredTag ui={ui} required={true} />
          </label>
          <p class="hint" id="file-hint">
            {imt(ui, "fileHint", { max: props.max })}
          </p>
          <InlineError ui={ui} id="file" message={fileError} />
          <input
            type="file"
            id="file"
            name="file"
            accept=".txt,.tsv,.xlsx,.csv,.json"
            required
            aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
            aria-invalid={fileError ? "true" : undefined}
          />
        </div>
        <button type="submit">{imt(ui, "upload")}</button>
      </form>
    </Page>
  );
}

function severityText(ui: Ui, d: Diagnostic): string {
  return imt(ui, d.severity);
}

function Findings(props: { ui: Ui; findings: { diagnostic: Diagnostic; text: string }[] }) {
  const { ui, findings } = props;
  return (
    <section aria-labelledby="findings">
      <h2 id="findings" tabindex={-1}>
        {imt(ui, "findingsHeading", { count: findings.length })}
      </h2>
      {findings.length === 0 ? (
        <p>{imt(ui, "findingsNone")}</p>
      ) : (
        <TableScroll labelledBy="findings">
          <table class="data findings">
            <thead>
              <tr>
                <th scope="col">{imt(ui, "severity")}</th>
                <th scope="col">{imt(ui, "place")}</th>
                <th scope="col">{imt(ui, "message")}</th>
              </tr>
            </thead>
            <tbody>
              {findings.map(({ diagnostic, text }) => (
                <tr class={`finding-${diagnostic.severity}`}>
                  <td>{severityText(ui, diagnostic)}</td>
                  <td>{placeOf(diagnostic) ?? imt(ui, "wholeFile")}</td>
                  <td lang={ui.lang === "en" && diagnostic.messageEn ? "en" : "ja"}>{text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function Counts(props: { ui: Ui; document: PlanDocument; preview: ImportPreview }) {
  const { ui, document, preview } = props;
  const { counts } = preview;
  return (
    <section aria-labelledby="counts">
      <h2 id="counts">{imt(ui, "countsHeading")}</h2>
      <dl class="summary-list">
        <div>
          <dt>{imt(ui, "plan")}</dt>
          <dd lang={sourceLang(ui)}>{document.plan.title}</dd>
        </div>
        <div>
          <dt>{imt(ui, "fiscalYear")}</dt>
          <dd>{fiscalYearText(document.round.fiscalYear, ui.lang)}</dd>
        </div>
        <div>
          <dt>{imt(ui, "asOf")}</dt>
          <dd>{isValidIsoDate(document.round.asOf) ? formatJapaneseDate(document.round.asOf) : "—"}</dd>
        </div>
        <div>
          <dt>{imt(ui, "policies")}</dt>
          <dd id="count-policies">{imt(ui, "count", { count: counts.policies })}</dd>
        </div>
        <div>
          <dt>{imt(ui, "initiatives")}</dt>
          <dd id="count-initiatives">{imt(ui, "count", { count: counts.initiatives })}</dd>
        </div>
        <div>
          <dt>{imt(ui, "kpis")}</dt>
          <dd id="count-kpis">{imt(ui, "count", { count: counts.kpis })}</dd>
        </div>
      </dl>
    </section>
  );
}

function statusKey(status: StoredComparison["initiatives"][number]["status"]) {
  return status === "new"
    ? "statusNew"
    : status === "changed"
      ? "statusChanged"
      : status === "removed"
        ? "statusRemoved"
        : "statusUnchanged";
}

function Comparison(props: { ui: Ui; document: PlanDocument; comparison: StoredComparison }) {
  const { ui, document, comparison } = props;
  const fy = fiscalYearText(document.round.fiscalYear, ui.lang);
  const n = (status: string) => comparison.initiatives.filter((i) => i.status === status).length;
  const shown = comparison.changes.slice(0, SHOWN_CHANGES);
  return (
    <section aria-labelledby="compare">
      <h2 id="compare" tabindex={-1}>
        {imt(ui, "compareHeading")}
      </h2>
      <p>
        {comparison.newPlan
          ? imt(ui, "compareNewPlan")
          : comparison.stored
            ? imt(ui, "compareStored", { fy, state: ROUND_STATE_LABELS[comparison.stored.state][ui.lang] })
            : imt(ui, "compareNewRound", { fy })}
      </p>
      <p id="compare-counts">
        {imt(ui, "compareCounts", {
          new: n("new"),
          changed: n("changed"),
          unchanged: n("unchanged"),
          removed: n("removed"),
        })}
      </p>
      <TableScroll labelledBy="compare">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{imt(ui, "number")}</th>
              <th scope="col">{imt(ui, "initiativeTitle")}</th>
              <th scope="col">{imt(ui, "status")}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.initiatives.map((i) => (
              <tr>
                <td>{i.number}</td>
                <th scope="row" lang={sourceLang(ui)}>
                  {i.title}
                </th>
                <td>{imt(ui, statusKey(i.status))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {comparison.changes.length > 0 ? (
        <>
          <h3 id="changes">{imt(ui, "changesHeading", { count: comparison.changes.length })}</h3>
          <TableScroll labelledBy="changes">
            <table class="data diff-table">
              <thead>
                <tr>
                  <th scope="col">{imt(ui, "where")}</th>
                  <th scope="col">{imt(ui, "field")}</th>
                  <th scope="col">{imt(ui, "before")}</th>
                  <th scope="col">{imt(ui, "after")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((change) => (
                  <tr>
                    <th scope="row" lang={sourceLang(ui)}>
                      {changeWhere(change) || "—"}
                    </th>
                    <td>{ui.t(`diff.${change.field}` as MessageKey)}</td>
                    <td lang={sourceLang(ui)}>
                      {change.before ? <del class="diff">{change.before}</del> : "—"}
                    </td>
                    <td lang={sourceLang(ui)}>
                      {change.after ? <ins class="diff">{change.after}</ins> : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {comparison.changes.length > shown.length ? (
            <p>{imt(ui, "more", { count: comparison.changes.length - shown.length })}</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function Checkbox(props: {
  ui: Ui;
  id: string;
  label: string;
  checked: boolean;
  errors: readonly FieldError[];
}) {
  const error = errorFor(props.errors, props.id);
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <InlineError ui={props.ui} id={props.id} message={error} />
      <div class="checkboxes">
        <label>
          <input
            type="checkbox"
            id={props.id}
            name={props.id}
            value="yes"
            checked={props.checked}
            aria-describedby={error ? `${props.id}-error` : undefined}
          />
          {props.label}
        </label>
      </div>
    </div>
  );
}

export function ImportPreviewPage(
  props: ManagePageProps & {
    record: PendingUpload;
    document: PlanDocument | null;
    preview: ImportPreview;
    findings: { diagnostic: Diagnostic; text: string }[];
    comparison: StoredComparison | undefined;
    /** The file is a spreadsheet: its columns may be mapped. */
    mapped: boolean;
    hasMapping: boolean;
    errors: FieldError[];
    answers: { replace?: boolean; allowRemovals?: boolean };
  },
) {
  const { ui, organization, record, document, comparison, errors } = props;
  const base = `${importBase(organization.slug)}/${record.id}`;
  const importable = props.preview.importable && document !== null && comparison !== undefined;
  const removals = comparison ? comparison.removals.initiatives.length + comparison.removals.kpis.length : 0;
  return (
    <Page {...props} title={imt(ui, "previewTitle")} errors={errors}>
      <h1>{imt(ui, "previewTitle")}</h1>
      <p class="lead">
        {imt(ui, "previewLead", { file: record.fileName })}
        {importable ? "" : ` ${imt(ui, "previewFailed")}`}
      </p>
      {props.mapped ? (
        <ul class="actions">
          <li>
            <a href={ui.href(`${base}/mapping`)}>{imt(ui, "mappingEdit")}</a>
          </li>
          {props.hasMapping ? (
            <li>
              <a href={ui.href(`${base}/mapping.json`)} download>
                {imt(ui, "mappingDownload")}
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
      {document ? <Counts ui={ui} document={document} preview={props.preview} /> : null}
      <Findings ui={ui} findings={props.findings} />
      {document && comparison ? <Comparison ui={ui} document={document} comparison={comparison} /> : null}
      {importable && document && comparison ? (
        <section aria-labelledby="confirm">
          <h2 id="confirm">{imt(ui, "confirmHeading")}</h2>
          <form method="post" action={ui.href(base)} class="form" novalidate>
            <CsrfField token={props.csrfToken ?? ""} />
            <input type="hidden" name="fingerprint" value={comparison.fingerprint} />
            {comparison.stored ? (
              <Checkbox
                ui={ui}
                id="replace"
                label={imt(ui, "replace", { fy: fiscalYearText(document.round.fiscalYear, ui.lang) })}
                checked={props.answers.replace === true}
                errors={errors}
              />
            ) : null}
            {removals > 0 ? (
              <Checkbox
                ui={ui}
                id="allowRemovals"
                label={imt(ui, "allowRemovals", { count: removals })}
                checked={props.answers.allowRemovals === true}
                errors={errors}
              />
            ) : null}
            <button type="submit">{imt(ui, "confirm")}</button>
          </form>
        </section>
      ) : null}
      <p>
        <a href={ui.href(importBase(organization.slug))}>{imt(ui, "cancel")}</a>
      </p>
    </Page>
  );
}

function Select(props: {
  ui: Ui;
  id: string;
  label: string;
  required: boolean;
  options: { value: string; label: string }[];
  value: string | undefined;
  errors: readonly FieldError[];
  empty?: string;
  lang?: string;
}) {
  const error = errorFor(props.errors, props.id);
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={props.id} lang={props.lang}>
        {props.label} <RequiredTag ui={props.ui} required={props.required} />
      </label>
      <InlineError ui={props.ui} id={props.id} message={error} />
      <select
        id={props.id}
        name={props.id}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${props.id}-error` : undefined}
      >
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * 現状値 in one column per year: the header's columns that name a year, each shown with the year it
 * was read as, to tick the result columns among them (the 現状値 select says "each year").
 */
function CurrentYears(props: {
  ui: Ui;
  years: readonly YearColumn[];
  values: MappingFormValues;
  errors: readonly FieldError[];
}) {
  const { ui, years } = props;
  const error = errorFor(props.errors, fieldId.currentYears);
  if (years.length === 0)
    return (
      <div class={error ? "field field-invalid" : "field"} id={fieldId.currentYears} tabindex={-1}>
        <p>{imt(ui, "currentYears")}</p>
        <InlineError ui={ui} id={fieldId.currentYears} message={error} />
        <p class="hint">{imt(ui, "currentYearsNone")}</p>
      </div>
    );
  return (
    <CheckboxesField
      ui={ui}
      id={fieldId.currentYears}
      name={fieldId.currentYears}
      legend={imt(ui, "currentYears")}
      required={props.values.currentEachYear}
      hint={imt(ui, "currentYearsHint")}
      options={years.map((y) => ({
        value: y.letter,
        label: (
          <>
            <span lang={sourceLang(ui)}>{`${y.letter}：${y.header.replace(/\s+/g, " ").slice(0, 40)}`}</span>
            {` → ${fiscalYearText(y.fiscalYear, ui.lang)}`}
          </>
        ),
      }))}
      checked={props.values.currentYears}
      errors={props.errors}
    />
  );
}

export function MappingPage(
  props: ManagePageProps & {
    record: PendingUpload;
    format: "csv" | "xlsx";
    sheet: SheetPreview;
    values: MappingFormValues;
    /** The header's columns that name a fiscal year (for 現状値 per year). */
    years: YearColumn[];
    words: string[];
    /** The scale the words are mapped to (the plan imported into, or a new plan's). */
    target: GradeTarget;
    fromSaved: boolean;
    /** The columns were guessed from the header (a file with no saved mapping). */
    guessed: boolean;
    errors: FieldError[];
  },
) {
  const { ui, organization, record, sheet, values, words, errors, target } = props;
  const legend = gradeLegend(target.scale, ui.lang, "、");
  const base = `${importBase(organization.slug)}/${record.id}`;
  const headerRows = Number(values.headerRows) || 0;
  const choices = columnChoices(sheet.rows, headerRows);
  const rows = sheet.rows.slice(0, Math.max(SHOWN_ROWS, headerRows + 3));
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  const label = (field: (typeof MAPPING_FIELDS)[number]) =>
    FIELD_LABELS[field][ui.lang === "en" ? "en" : "ja"];
  return (
    <Page {...props} title={imt(ui, "mappingTitle")} errors={errors}>
      <h1>{imt(ui, "mappingTitle")}</h1>
      <p class="lead">{imt(ui, "mappingLead", { file: record.fileName })}</p>
      {props.fromSaved ? <p>{imt(ui, "mappingSaved")}</p> : null}
      {props.guessed ? <p>{imt(ui, "mappingGuessed")}</p> : null}
      <h2 id="rows" tabindex={-1}>
        {imt(ui, "rowsHeading")}
      </h2>
      <TableScroll labelledBy="rows">
        <table class="data sheet-rows">
          <thead>
            <tr>
              <th scope="col">{imt(ui, "rowNumber")}</th>
              {choices.slice(0, width).map((c) => (
                <th scope="col">{c.value}</th>
              ))}
            </tr>
          </thead>
          <tbody lang={sourceLang(ui)}>
            {rows.map((row) => (
              <tr class={row.number === headerRows ? "header-row" : undefined}>
                <th scope="row">{row.number}</th>
                {Array.from({ length: width }, (_, i) => (
                  <td>{(row.cells[i] ?? "").slice(0, 60)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <form method="post" action={ui.href(`${base}/mapping`)} class="form" novalidate>
        <CsrfField token={props.csrfToken ?? ""} />
        {props.format === "xlsx" && sheet.sheets.length > 1 ? (
          <Select
            ui={ui}
            id="sheet"
            label={imt(ui, "sheet")}
            required={false}
            options={sheet.sheets.map((s) => ({ value: s, label: s }))}
            value={values.sheet || sheet.sheet}
            errors={errors}
          />
        ) : null}
        <Select
          ui={ui}
          id="headerRows"
          label={imt(ui, "headerRows")}
          required={true}
          options={Array.from({ length: 21 }, (_, i) => ({ value: String(i), label: String(i) }))}
          value={values.headerRows}
          errors={errors}
        />
        <h2>{imt(ui, "columnsHeading")}</h2>
        <p class="hint">{imt(ui, "columnsHint")}</p>
        {MAPPING_FIELDS.map((field) => (
          <>
            <Select
              ui={ui}
              id={fieldId.column(field)}
              label={label(field)}
              required={field === "number" || field === "title"}
              options={
                field === "current"
                  ? [...choices, { value: fieldId.eachYear, label: imt(ui, "currentEachYear") }]
                  : choices
              }
              value={field === "current" && values.currentEachYear ? fieldId.eachYear : values.columns[field]}
              errors={errors}
              empty={imt(ui, "unused")}
            />
            {field === "current" ? (
              <CurrentYears ui={ui} years={props.years} values={values} errors={errors} />
            ) : null}
          </>
        ))}
        <TextField
          ui={ui}
          id="departmentSeparator"
          label={imt(ui, "departmentSeparator")}
          required={false}
          hint={imt(ui, "departmentSeparatorHint")}
          value={values.departmentSeparator}
          errors={errors}
          width="short"
        />
        <h2>{imt(ui, "gradesHeading")}</h2>
        <p>
          {target.plan
            ? imt(ui, "gradesTargetPlan", { plan: target.plan.title, legend })
            : imt(ui, "gradesTargetNew", { legend })}
          {target.notAssessedAllowed ? null : ` ${imt(ui, "gradesNotAssessedOff")}`}
        </p>
        {words.length === 0 ? (
          <p>{imt(ui, "gradesNone")}</p>
        ) : (
          <>
            <p class="hint">{imt(ui, "gradesHint")}</p>
            {words.map((word, i) => (
              <>
                <input type="hidden" name={`gradeWord-${i}`} value={word} />
                <Select
                  ui={ui}
                  id={fieldId.grade(i)}
                  label={`「${word}」`}
                  lang={sourceLang(ui)}
                  required={!readsAsIs(word, target.scale, target.notAssessedAllowed)}
                  options={gradeOptions(target, ui)}
                  value={values.grades[word]}
                  errors={errors}
                  empty={imt(ui, "gradeAsIs")}
                />
              </>
            ))}
          </>
        )}
        <h2>{imt(ui, "planHeading")}</h2>
        <p class="hint">{imt(ui, "planHint")}</p>
        <TextField
          ui={ui}
          id="plan-title"
          label={imt(ui, "planTitle")}
          required={false}
          value={values.plan.title}
          errors={errors}
          width="long"
        />
        <TextField
          ui={ui}
          id="plan-start"
          label={imt(ui, "startFiscalYear")}
          required={false}
          value={values.plan.start}
          errors={errors}
          width="short"
        />
        <TextField
          ui={ui}
          id="plan-end"
          label={imt(ui, "endFiscalYear")}
          required={false}
          value={values.plan.end}
          errors={errors}
          width="short"
        />
        <TextField
          ui={ui}
          id="plan-baseline"
          label={imt(ui, "baselineFiscalYear")}
          required={false}
          value={values.plan.baseline}
          errors={errors}
          width="short"
        />
        <TextField
          ui={ui}
          id="round-fiscalYear"
          label={imt(ui, "roundFiscalYear")}
          required={false}
          value={values.round.fiscalYear}
          errors={errors}
          width="short"
        />
        <TextField
          ui={ui}
          id="round-asOf"
          label={imt(ui, "roundAsOf")}
          required={false}
          hint={imt(ui, "roundAsOfHint")}
          value={values.round.asOf}
          errors={errors}
          width="medium"
        />
        <button type="submit">{imt(ui, "mappingSubmit")}</button>
      </form>
      <p>
        <a href={ui.href(importBase(organization.slug))}>{imt(ui, "back")}</a>
      </p>
    </Page>
  );
}
