import type { Child } from "hono/jsx";
import { formatFiscalYear } from "../../../domain/era.ts";
import { gradeWithLabel } from "../../../domain/grade.ts";
import { initiativeNumberLabel, withoutNumberSign } from "../../../domain/initiative-number.ts";
import { readingLine, readKpiEntry } from "../../../domain/kpi-reading.ts";
import type { KpiValue } from "../../../domain/kpi-value.ts";
import {
  REPORT_STATE_LABELS,
  type ReportState,
  ROUND_STATE_LABELS,
} from "../../../domain/workflow-states.ts";
import type { CommentRecord, PlanRecord, RoundRecord } from "../../../store/types.ts";
import { assetHref } from "../../assets.ts";
import { colon, sourceLang, type Ui } from "../../i18n.ts";
import { orgPath } from "../../page-context.ts";
import { dateText, fiscalYearEndText, fiscalYearText } from "../../views/dates.tsx";
import { ErrorSummary } from "../../views/form/error-summary.tsx";
import { errorFor, type FieldError } from "../../views/form/errors.ts";
import { CsrfField, InlineError, RequiredTag } from "../../views/form/field.tsx";
import { GradeText } from "../../views/grade.tsx";
import { Layout } from "../../views/layout.tsx";
import { SourceText } from "../../views/source-text.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { ManageLayoutBar, type ManagePageProps, manageCrumbs } from "../manage/views.tsx";
import { MarkedDifference } from "./diff.tsx";
import type { EntryData, EntryKpi, EntryValues } from "./load.ts";
import { type EntryText, entryParts, entryText } from "./messages.ts";

export interface Conflict {
  /** The report as the other person left it. */
  theirs: EntryValues;
  who: string | null;
  at: string | null;
}

export interface EntryPageProps extends ManagePageProps {
  csrf: string;
  data: EntryData;
  values: EntryValues;
  errors: FieldError[];
  notice?: string;
  /** Submit found fields missing: the draft was saved, the summary lists them. */
  incompleteSaved?: boolean;
  conflict?: Conflict;
  /** Why the department's fields cannot be changed now (undefined: they can). */
  editRefusal?: string;
  canSubmit: boolean;
  /** Submission is the lead department's (another department's editor is looking). */
  notLead: boolean;
  comment: string;
  commentErrors: FieldError[];
  /** The live reading endpoint (JavaScript only). */
  readingUrl: string;
}

/** 2026-12-02T05:10:00Z → "2026年12月2日 14:10" (Japan time: where the cities are). */
export function timeText(iso: string, lang: "ja" | "en"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === "ja" ? "ja-JP" : "en-GB", {
    timeZone: "Asia/Tokyo",
    dateStyle: "long",
    timeStyle: "short",
  }).format(date);
}

export function entryPath(slug: string, planId: number, fy: number, number: number): string {
  return `${orgPath(slug)}/manage/plans/${planId}/${fy}/initiatives/${number}`;
}

export function ReportStateTag(props: { ui: Ui; state: ReportState }) {
  return (
    <strong class={`state-tag state-${props.state}`}>
      {REPORT_STATE_LABELS[props.state][props.ui.lang]}
    </strong>
  );
}

/** 「令和2年度」 for (H)'s label: the year after the round's. */
function shortYear(fy: number, lang: "ja" | "en"): string {
  return fiscalYearText(fy, lang);
}

export function EntryPage(props: EntryPageProps) {
  const { ui, organization, data } = props;
  const t = entryText(ui.lang);
  const number = data.initiative.number;
  const title = t("entry.title", {
    number: withoutNumberSign(initiativeNumberLabel(data.initiative)),
    title: data.initiative.title,
  });
  const path = entryPath(organization.slug, data.plan.id, data.round.fiscalYear, number);
  const errors = props.errors;
  const lastReturn =
    data.report.state === "returned" ? data.comments.findLast((c) => c.kind === "return") : undefined;
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={
        props.conflict || errors.length + props.commentErrors.length > 0
          ? `${ui.t("form.errorTitlePrefix")}${title}`
          : title
      }
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={[
        ...manageCrumbs(ui, organization, undefined).slice(0, 1),
        { label: ui.t("manage.title"), href: ui.href(`${orgPath(organization.slug)}/manage`) },
        { label: t("myWork.title"), href: ui.href(`${orgPath(organization.slug)}/manage/my-work`) },
        { label: t("entry.crumb", { number }) },
      ]}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <h1 lang={sourceLang(ui)}>{title}</h1>
      <p class="entry-status">
        {t("entry.state")}
        {colon(ui.lang)}
        <ReportStateTag ui={ui} state={data.report.state} />
        <span class="entry-status-sep"> </span>
        {t("entry.roundState", {
          state: `${fiscalYearText(data.round.fiscalYear, ui.lang)} ${ROUND_STATE_LABELS[data.round.state][ui.lang]}`,
        })}
        {data.round.entryDeadline ? (
          <>
            <span class="entry-status-sep"> </span>
            {t("entry.deadline", { date: dateText(data.round.entryDeadline, ui.lang) })}
          </>
        ) : null}
      </p>
      {props.notice ? (
        <p class="notice-success" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.conflict ? (
        <ConflictSummary t={t} ui={ui} data={data} values={props.values} conflict={props.conflict} />
      ) : null}
      {props.incompleteSaved ? <p class="notice-warning">{t("entry.incompleteSaved")}</p> : null}
      <ErrorSummary ui={ui} errors={[...errors, ...props.commentErrors]} />
      {lastReturn ? (
        <div class="returned-banner">
          <p>
            <strong>{t("entry.returnedBanner")}</strong>
          </p>
          <p class="comment-body" lang={sourceLang(ui)}>
            {lastReturn.body}
          </p>
        </div>
      ) : null}
      <InitiativeFacts ui={ui} t={t} data={data} />
      <h2 id="entry-report">{t("entry.report", { fy: shortYear(data.round.fiscalYear, ui.lang) })}</h2>
      {props.editRefusal ? (
        <>
          <p class="notice-warning">{t("entry.readOnly", { reason: props.editRefusal })}</p>
          <ReadOnlyReport ui={ui} t={t} data={data} />
        </>
      ) : (
        <form
          method="post"
          action={ui.href(path)}
          class="form entry-form"
          novalidate
          data-reading-url={props.readingUrl}
        >
          <CsrfField token={props.csrf} />
          <input type="hidden" name="version" value={props.values.version} />
          <TextArea
            ui={ui}
            id="activities"
            label={t("entry.activities", { fy: shortYear(data.round.fiscalYear, ui.lang) })}
            hint={t("entry.activitiesHint")}
            required={true}
            value={props.values.activities}
            errors={errors}
            rows={10}
            theirs={props.conflict ? { text: props.conflict.theirs.activities, t } : undefined}
          />
          <KpiFields {...props} t={t} />
          <SelfView {...props} t={t} />
          {data.asksNextYearGoal ? (
            <TextArea
              ui={ui}
              id="nextYearGoal"
              label={t("entry.nextYearGoal", { fy: shortYear(data.round.fiscalYear + 1, ui.lang) })}
              hint={t("entry.nextYearGoalHint")}
              required={true}
              value={props.values.nextYearGoal}
              errors={errors}
              rows={6}
              theirs={props.conflict ? { text: props.conflict.theirs.nextYearGoal, t } : undefined}
            />
          ) : null}
          <div class="form-actions entry-actions">
            <button type="submit" name="intent" value="save" class="button-secondary">
              {t("entry.saveDraft")}
            </button>
            {props.canSubmit ? (
              <button type="submit" name="intent" value="submit">
                {t("entry.submit")}
              </button>
            ) : null}
          </div>
          {props.canSubmit ? (
            <p class="hint">{t("entry.submitHint")}</p>
          ) : props.notLead ? (
            <p class="hint">
              {entryParts(ui.lang, "entry.notLeadHint", {
                department: <SourceText ui={ui}>{data.departments[0]?.name ?? ""}</SourceText>,
              })}
            </p>
          ) : null}
        </form>
      )}
      <Comments {...props} t={t} comments={data.comments} path={path} />
      <script src={assetHref("entry.js")} defer></script>
    </Layout>
  );
}

function InitiativeFacts(props: { ui: Ui; t: EntryText; data: EntryData }) {
  const { ui, t, data } = props;
  const lastYear = data.lastYear;
  return (
    <section aria-labelledby="entry-initiative">
      <h2 id="entry-initiative">{t("entry.initiative")}</h2>
      <dl class="facts">
        <dt>{t("entry.policy")}</dt>
        <dd lang={sourceLang(ui)}>
          {data.policy.code} {data.policy.title}
        </dd>
        <dt>{t("entry.departments")}</dt>
        <dd>
          {data.departments.map((d, index) => (
            <>
              {index > 0 ? (ui.lang === "ja" ? "、" : ", ") : ""}
              <SourceText ui={ui}>{d.name}</SourceText>
              {index === 0 ? t("entry.lead.mark") : ""}
            </>
          ))}
        </dd>
        <dt>{t("entry.description")}</dt>
        <dd class="long-text" lang={sourceLang(ui)}>
          {data.initiative.description}
        </dd>
        {lastYear ? (
          <>
            <dt>
              {t("entry.lastYearGoal", {
                label: ui.lang === "ja" ? `${formatFiscalYear(data.round.fiscalYear)}目標` : "(H)",
              })}
            </dt>
            <dd class="long-text" lang={sourceLang(ui)}>
              {lastYear.nextYearGoal || "—"}
            </dd>
            <dt>{t("entry.lastYearGrade")}</dt>
            <dd>
              <GradeText
                ui={ui}
                grade={lastYear.grade}
                scale={lastYear.scale}
                notAssessed={lastYear.notAssessed}
              />
            </dd>
          </>
        ) : (
          <>
            <dt>{t("entry.lastYear", { fy: fiscalYearText(data.round.fiscalYear - 1, ui.lang) })}</dt>
            <dd>{t("entry.lastYearNone")}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === "string" && id !== "");
  return list.length > 0 ? list.join(" ") : undefined;
}

function Theirs(props: { id: string; yours: string; theirs: string; t: EntryText; ui: Ui }) {
  if (props.yours === props.theirs) return null;
  return (
    <div class="theirs" id={`${props.id}-theirs`}>
      <p class="theirs-title">{props.t("entry.theirs")}</p>
      <p class="theirs-text" lang={sourceLang(props.ui)}>
        <MarkedDifference yours={props.yours} theirs={props.theirs} t={props.t} />
      </p>
    </div>
  );
}

function TextArea(props: {
  ui: Ui;
  id: string;
  label: Child;
  hint: Child;
  required: boolean;
  value: string;
  errors: readonly FieldError[];
  rows: number;
  theirs: { text: string; t: EntryText } | undefined;
}) {
  const { ui, id } = props;
  const error = errorFor(props.errors, id);
  const differs = props.theirs !== undefined && props.theirs.text !== props.value;
  return (
    <div class={`${error ? "field field-invalid" : "field"}${differs ? " field-conflict" : ""}`}>
      <label for={id}>
        {props.label} <RequiredTag ui={ui} required={props.required} />
      </label>
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      <InlineError ui={ui} id={id} message={error} />
      <div class="side-by-side">
        <textarea
          id={id}
          name={id}
          rows={props.rows}
          class="input-long"
          aria-describedby={describedBy(`${id}-hint`, error && `${id}-error`, differs && `${id}-theirs`)}
          aria-invalid={error ? "true" : undefined}
        >
          {props.value}
        </textarea>
        {props.theirs ? (
          <Theirs id={id} yours={props.value} theirs={props.theirs.text} t={props.theirs.t} ui={ui} />
        ) : null}
      </div>
    </div>
  );
}

function valueText(value: KpiValue | undefined): string {
  return value && value.text.trim() !== "" ? value.text : "—";
}

function KpiFields(props: EntryPageProps & { t: EntryText }) {
  const { ui, t, data } = props;
  return (
    <fieldset class="field kpi-fields">
      <legend>{t("entry.kpis")}</legend>
      {data.kpis.length === 0 ? (
        <p>{t("entry.noKpis")}</p>
      ) : (
        <p class="hint">
          {entryParts(ui.lang, "entry.kpisHint", {
            example: <SourceText ui={ui}>1億円 → 100,000,000円</SourceText>,
          })}
        </p>
      )}
      {data.kpis.map((kpi) => (
        <KpiField {...props} kpi={kpi} />
      ))}
    </fieldset>
  );
}

function KpiField(props: EntryPageProps & { t: EntryText; kpi: EntryKpi }) {
  const { ui, t, data, kpi } = props;
  const id = `kpi-${kpi.key}`;
  const error = errorFor(props.errors, id);
  const facts = (
    <>
      <SourceText ui={ui}>{kpi.label}</SourceText>
      <span class="kpi-facts">
        {entryParts(ui.lang, "entry.kpiBaseline", {
          value: <SourceText ui={ui}>{valueText(kpi.baseline)}</SourceText>,
        })}
        {ui.lang === "ja" ? " ／ " : " / "}
        {entryParts(ui.lang, "entry.kpiTarget", {
          value: <SourceText ui={ui}>{valueText(kpi.target)}</SourceText>,
        })}
        {ui.lang === "ja" ? " ／ " : " / "}
        {entryParts(ui.lang, "entry.kpiLastYear", {
          value: <SourceText ui={ui}>{valueText(kpi.lastYear)}</SourceText>,
        })}
      </span>
    </>
  );
  if (!kpi.editable)
    return (
      <div class={error ? "kpi-field field-invalid" : "kpi-field"} id={id} tabindex={-1}>
        <p class="kpi-name">{facts}</p>
        <InlineError ui={ui} id={id} message={error} />
        <p class="hint">
          {kpi.relistNumber !== undefined
            ? t("entry.kpiRelisted", { number: kpi.relistNumber, value: valueText(kpi.current) })
            : t("entry.kpiRelistedElsewhere", { value: valueText(kpi.current) })}
        </p>
      </div>
    );
  const typed = props.values.kpis[kpi.key] ?? "";
  const reading = readKpiEntry(typed, { target: kpi.target, baseline: kpi.baseline }, data.context, ui.lang);
  const theirs = props.conflict?.theirs.kpis[kpi.key];
  const differs = theirs !== undefined && theirs !== typed;
  return (
    <div class={`${error ? "kpi-field field-invalid" : "kpi-field"}${differs ? " field-conflict" : ""}`}>
      <label for={id} class="kpi-name">
        {facts}
        <span class="kpi-current-label">
          {t("entry.current", { asOf: fiscalYearEndText(data.round.fiscalYear, ui.lang) })}
          <RequiredTag ui={ui} required={true} />
        </span>
      </label>
      <InlineError ui={ui} id={id} message={error} />
      <div class="side-by-side">
        <div>
          <input
            type="text"
            id={id}
            name={id}
            class="input-medium"
            value={typed}
            spellcheck={false}
            data-kpi-reading={`${id}-reading`}
            data-target={kpi.target.text}
            data-baseline={kpi.baseline.text}
            aria-describedby={describedBy(`${id}-reading`, error && `${id}-error`, differs && `${id}-theirs`)}
            aria-invalid={error ? "true" : undefined}
          />
          <input
            type="hidden"
            name={`kpiVersion-${kpi.key}`}
            value={props.values.kpiVersions[kpi.key] ?? ""}
          />
          <p
            id={`${id}-reading`}
            class={reading.readable ? "kpi-reading" : "kpi-reading kpi-reading-unreadable"}
            aria-live="polite"
          >
            {reading.empty ? null : (
              <>
                <span class="kpi-reading-label">{t("entry.reading")}</span>
                {readingLine(reading, ui.lang)}
                {reading.diagnostic ? (
                  <span class="kpi-reading-why">{t("entry.readingWhy", { why: reading.diagnostic })}</span>
                ) : null}
              </>
            )}
          </p>
        </div>
        {theirs !== undefined ? <Theirs id={id} yours={typed} theirs={theirs} t={t} ui={ui} /> : null}
      </div>
    </div>
  );
}

function SelfView(props: EntryPageProps & { t: EntryText }) {
  const { ui, t, values, errors } = props;
  const gradeError = errorFor(errors, "selfGrade");
  const theirs = props.conflict?.theirs;
  const gradeDiffers = theirs !== undefined && theirs.selfGrade !== values.selfGrade;
  const scale = props.data.plan.gradeScale;
  const options = [
    ...scale.map((level) => ({ value: level.code, label: gradeWithLabel(scale, level.code, ui.lang) })),
    {
      value: "",
      label: t("entry.selfGradeNone"),
    },
  ];
  return (
    <fieldset class="field self-view">
      <legend>
        {t("entry.selfView")} <RequiredTag ui={ui} required={false} />
      </legend>
      <p class="hint" id="selfView-hint">
        {t("entry.selfViewHint")}
      </p>
      <div class={`${gradeError ? "field field-invalid" : "field"}${gradeDiffers ? " field-conflict" : ""}`}>
        <fieldset
          aria-describedby={describedBy(gradeError && "selfGrade-error", gradeDiffers && "selfGrade-theirs")}
        >
          <legend class="sub-legend">{t("entry.selfGrade")}</legend>
          <InlineError ui={ui} id="selfGrade" message={gradeError} />
          <div class="radios">
            {options.map((option, index) => (
              <label>
                <input
                  type="radio"
                  name="selfGrade"
                  // An id may hold ◎ or 達成, not white space.
                  id={index === 0 ? "selfGrade" : `selfGrade-${option.value.replace(/\s/g, "_") || "none"}`}
                  value={option.value}
                  checked={values.selfGrade === option.value}
                />
                {option.label}
              </label>
            ))}
          </div>
          {gradeDiffers && theirs ? (
            <div class="theirs" id="selfGrade-theirs">
              <p class="theirs-title">{t("entry.theirs")}</p>
              <p>
                {theirs.selfGrade === ""
                  ? t("entry.selfGradeNone")
                  : gradeWithLabel(scale, theirs.selfGrade, ui.lang)}
              </p>
            </div>
          ) : null}
        </fieldset>
      </div>
      <TextArea
        ui={ui}
        id="selfGradeReason"
        label={t("entry.selfGradeReason")}
        hint={t("entry.selfGradeReasonHint")}
        required={false}
        value={values.selfGradeReason}
        errors={errors}
        rows={3}
        theirs={theirs ? { text: theirs.selfGradeReason, t } : undefined}
      />
    </fieldset>
  );
}

/** The department's fields as text, when they cannot be changed now. */
function ReadOnlyReport(props: { ui: Ui; t: EntryText; data: EntryData }) {
  const { ui, t, data } = props;
  return (
    <dl class="facts entry-read-only">
      <dt>{t("entry.activities", { fy: shortYear(data.round.fiscalYear, ui.lang) })}</dt>
      <dd class="long-text" lang={sourceLang(ui)}>
        {data.report.activities || "—"}
      </dd>
      {data.kpis.map((kpi) => (
        <>
          <dt>
            <SourceText ui={ui}>{kpi.label}</SourceText>
          </dt>
          <dd lang={sourceLang(ui)}>{valueText(kpi.current)}</dd>
        </>
      ))}
      <dt>{t("entry.selfGrade")}</dt>
      <dd>
        {data.report.selfGrade ? (
          <GradeText ui={ui} grade={data.report.selfGrade} scale={data.plan.gradeScale} />
        ) : (
          t("entry.selfGradeNone")
        )}
      </dd>
      <dt>{t("entry.selfGradeReason")}</dt>
      <dd class="long-text" lang={sourceLang(ui)}>
        {data.report.selfGradeReason || "—"}
      </dd>
      {data.asksNextYearGoal ? (
        <>
          <dt>{t("entry.nextYearGoal", { fy: shortYear(data.round.fiscalYear + 1, ui.lang) })}</dt>
          <dd class="long-text" lang={sourceLang(ui)}>
            {data.report.nextYearGoal || "—"}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function ConflictSummary(props: {
  ui: Ui;
  t: EntryText;
  data: EntryData;
  values: EntryValues;
  conflict: Conflict;
}) {
  const { t, ui, values, conflict, data } = props;
  const theirs = conflict.theirs;
  const differing: { field: string; label: string }[] = [];
  if (theirs.activities !== values.activities)
    differing.push({
      field: "activities",
      label: t("entry.activities", { fy: shortYear(data.round.fiscalYear, ui.lang) }),
    });
  for (const kpi of data.kpis)
    if (kpi.editable && (theirs.kpis[kpi.key] ?? "") !== (values.kpis[kpi.key] ?? ""))
      differing.push({ field: `kpi-${kpi.key}`, label: kpi.label });
  if (theirs.selfGrade !== values.selfGrade)
    differing.push({ field: "selfGrade", label: t("entry.selfGrade") });
  if (theirs.selfGradeReason !== values.selfGradeReason)
    differing.push({ field: "selfGradeReason", label: t("entry.selfGradeReason") });
  if (data.asksNextYearGoal && theirs.nextYearGoal !== values.nextYearGoal)
    differing.push({
      field: "nextYearGoal",
      label: t("entry.nextYearGoal", { fy: shortYear(data.round.fiscalYear + 1, ui.lang) }),
    });
  return (
    <div
      class="error-summary conflict-summary"
      role="alert"
      aria-labelledby="conflict-title"
      tabindex={-1}
      autofocus
    >
      <h2 id="conflict-title">{t("entry.conflictTitle")}</h2>
      <p>
        {t("entry.conflictBody", {
          who: conflict.who ?? t("entry.someone"),
          at: conflict.at ? timeText(conflict.at, ui.lang) : "—",
        })}
      </p>
      {differing.length > 0 ? (
        <>
          <p>{t("entry.conflictWhat")}</p>
          <p>{t("entry.conflictFields")}</p>
          <ul>
            {differing.map((d) => (
              <li>
                <a href={`#${d.field}`}>{d.label}</a>
              </li>
            ))}
          </ul>
          <p class="hint">{t("entry.diffLegend")}</p>
        </>
      ) : (
        <p>{t("entry.conflictNone")}</p>
      )}
    </div>
  );
}

function Comments(props: EntryPageProps & { ui: Ui; t: EntryText; comments: CommentRecord[]; path: string }) {
  const { ui, t } = props;
  const error = errorFor(props.commentErrors, "comment");
  return (
    <section aria-labelledby="entry-comments" class="entry-comments">
      <h2 id="entry-comments">{t("entry.comments")}</h2>
      {props.comments.length === 0 ? (
        <p>{t("entry.noComments")}</p>
      ) : (
        <ol class="comment-thread">
          {props.comments.map((comment) => (
            <li class={`comment comment-${comment.kind}`}>
              <p class="comment-meta">
                <strong>{t(`entry.commentKind.${comment.kind}`)}</strong>
                {ui.lang === "ja" ? " ・ " : " · "}
                <SourceText ui={ui}>{comment.authorName}</SourceText>
                {ui.lang === "ja" ? " ・ " : " · "}
                <time datetime={comment.createdAt}>{timeText(comment.createdAt, ui.lang)}</time>
              </p>
              <p class="comment-body" lang={sourceLang(ui)}>
                {comment.body}
              </p>
            </li>
          ))}
        </ol>
      )}
      <form method="post" action={ui.href(`${props.path}/comments`)} class="form" novalidate>
        <CsrfField token={props.csrf} />
        <div class={error ? "field field-invalid" : "field"}>
          <label for="comment">
            {t("entry.addComment")} <RequiredTag ui={ui} required={true} />
          </label>
          <p class="hint" id="comment-hint">
            {t("entry.addCommentHint")}
          </p>
          <InlineError ui={ui} id="comment" message={error} />
          <textarea
            id="comment"
            name="comment"
            rows={3}
            class="input-long"
            aria-describedby={describedBy("comment-hint", error && "comment-error")}
            aria-invalid={error ? "true" : undefined}
          >
            {props.comment}
          </textarea>
        </div>
        <button type="submit" class="button-secondary">
          {t("entry.postComment")}
        </button>
      </form>
    </section>
  );
}

// ── My work ────────────────────────────────────────────────────────────────────────────────────

export interface MyWorkRow {
  number: number;
  /** The No. as written (initiativeNumberLabel). */
  label: string;
  title: string;
  departments: string[];
  state: ReportState;
  returnComment?: string;
  updatedAt: string | null;
}

export interface MyWorkRound {
  plan: PlanRecord;
  round: RoundRecord;
  rows: MyWorkRow[];
}

/** Reports waiting for the reader's review (secretariat) or grade (committee), in the table's order. */
export interface MyWorkWaiting {
  kind: "review" | "grade";
  plan: PlanRecord;
  round: RoundRecord;
  rows: { label: string; title: string; departments: string[]; href: string }[];
}

function WaitingTable({ ui, item }: { ui: ManagePageProps["ui"]; item: MyWorkWaiting }) {
  const t = entryText(ui.lang);
  const captionId = `waiting-${item.kind}-${item.plan.id}-${item.round.fiscalYear}`;
  return (
    <TableScroll labelledBy={captionId}>
      <table class="data my-work">
        <caption id={captionId}>
          {entryParts(ui.lang, item.kind === "review" ? "myWork.reviewCaption" : "myWork.gradeCaption", {
            plan: <SourceText ui={ui}>{item.plan.title}</SourceText>,
            fy: fiscalYearText(item.round.fiscalYear, ui.lang),
            count: String(item.rows.length),
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("myWork.number")}</th>
            <th scope="col">{t("myWork.initiative")}</th>
            <th scope="col">{t("myWork.departments")}</th>
          </tr>
        </thead>
        <tbody>
          {item.rows.map((row) => (
            <tr>
              <td class="num">{row.label}</td>
              <th scope="row" lang={sourceLang(ui)}>
                <a href={ui.href(row.href)}>{row.title}</a>
              </th>
              <td lang={sourceLang(ui)}>{row.departments.join("、")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function MyWorkPage(
  props: ManagePageProps & {
    departmentNames: string[];
    rounds: MyWorkRound[];
    waiting?: MyWorkWaiting[];
    /** False for a secretariat or committee member without a department: no entry section. */
    entersReports?: boolean;
  },
) {
  const { ui, organization } = props;
  const t = entryText(ui.lang);
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={t("myWork.title")}
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={manageCrumbs(ui, organization, t("myWork.title"))}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <h1>{t("myWork.title")}</h1>
      {(props.waiting ?? []).length > 0 ? (
        <section aria-labelledby="my-work-waiting">
          <h2 id="my-work-waiting">{t("myWork.waiting")}</h2>
          {(props.waiting ?? []).map((item) => (
            <WaitingTable ui={ui} item={item} />
          ))}
        </section>
      ) : props.entersReports === false ? (
        <p>{t("myWork.nothingWaiting")}</p>
      ) : null}
      {props.entersReports === false ? null : props.departmentNames.length === 0 ? (
        <p>{t("myWork.noDepartments")}</p>
      ) : (
        <p class="lead">
          {entryParts(ui.lang, "myWork.lead", {
            departments: <SourceText ui={ui}>{props.departmentNames.join("、")}</SourceText>,
          })}
        </p>
      )}
      {props.entersReports !== false && props.rounds.length === 0 ? <p>{t("myWork.none")}</p> : null}
      {props.rounds.map(({ plan, round, rows }) => {
        const captionId = `my-work-${plan.id}-${round.fiscalYear}`;
        return (
          <TableScroll labelledBy={captionId}>
            <table class="data my-work">
              <caption id={captionId}>
                {entryParts(ui.lang, "myWork.caption", {
                  plan: <SourceText ui={ui}>{plan.title}</SourceText>,
                  fy: fiscalYearText(round.fiscalYear, ui.lang),
                  state: ROUND_STATE_LABELS[round.state][ui.lang],
                })}
                {round.entryDeadline
                  ? ` ${t("entry.deadline", { date: dateText(round.entryDeadline, ui.lang) })}`
                  : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("myWork.number")}</th>
                  <th scope="col">{t("myWork.initiative")}</th>
                  <th scope="col">{t("myWork.departments")}</th>
                  <th scope="col">{t("myWork.state")}</th>
                  <th scope="col">{t("myWork.note")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr class={row.state === "returned" ? "row-returned" : undefined}>
                    <td class="num">{row.label}</td>
                    <th scope="row" lang={sourceLang(ui)}>
                      <a href={ui.href(entryPath(organization.slug, plan.id, round.fiscalYear, row.number))}>
                        {row.title}
                      </a>
                    </th>
                    <td lang={sourceLang(ui)}>{row.departments.join("、")}</td>
                    <td>
                      <ReportStateTag ui={ui} state={row.state} />
                    </td>
                    <td>
                      {row.returnComment ? (
                        <span lang={sourceLang(ui)}>{row.returnComment}</span>
                      ) : row.updatedAt ? (
                        t("myWork.updated", { at: timeText(row.updatedAt, ui.lang) })
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        );
      })}
    </Layout>
  );
}
