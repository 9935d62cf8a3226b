import type { Child } from "hono/jsx";
import { japanDate } from "../../../domain/deadline.ts";
import { isRoundState, ROUND_STATE_LABELS } from "../../../domain/workflow-states.ts";
import type { DepartmentRecord, DepartmentUsage, OpenRoundMention } from "../../../store/types.ts";
import { sourceLang, type Ui } from "../../i18n.ts";
import { orgPath } from "../../page-context.ts";
import { fiscalYearText, westernDateEn, westernDateJa } from "../../views/dates.tsx";
import { ErrorSummary, formTitle } from "../../views/form/error-summary.tsx";
import { errorFor, type FieldError } from "../../views/form/errors.ts";
import { CsrfField, InlineError, RequiredTag, TextField } from "../../views/form/field.tsx";
import { Layout } from "../../views/layout.tsx";
import { SourceText } from "../../views/source-text.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { ManageLayoutBar, type ManagePageProps, manageCrumbs } from "../manage/views.tsx";
import { type DepartmentsText, departmentsText } from "./messages.ts";

export type DepartmentsProps = ManagePageProps & { csrf: string };

/** The change the department's pages describe: what a merge or a retirement would move. */
export interface ChangePreview {
  mentions: OpenRoundMention[];
  initiatives: number;
  leads: number;
  accounts: number;
}

const listPath = (props: DepartmentsProps) => `${orgPath(props.organization.slug)}/manage/departments`;
const departmentPath = (props: DepartmentsProps, id: number) => `${listPath(props)}/${id}`;

function crumbs(props: DepartmentsProps, t: DepartmentsText, trail: { label: Child; href?: string }[] = []) {
  const { ui, organization } = props;
  const list = manageCrumbs(ui, organization, t("departments.title"));
  if (trail.length === 0) return list;
  const last = list.at(-1);
  if (last) last.href = ui.href(listPath(props));
  return [...list, ...trail];
}

function Page(
  props: DepartmentsProps & {
    title: string;
    errors?: FieldError[];
    crumbs: ReturnType<typeof crumbs>;
    children?: Child;
  },
) {
  const { ui } = props;
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, props.title, props.errors ?? [])}
      organization={props.organization}
      stylesheets={["forms.css"]}
      breadcrumbs={props.crumbs}
      accountBar={<ManageLayoutBar {...props} />}
    >
      {props.children}
    </Layout>
  );
}

function Notices(props: { notice?: string | undefined; conflict?: boolean | undefined; t: DepartmentsText }) {
  return (
    <>
      {props.notice ? (
        <p class="notice-success" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.conflict ? (
        <p class="notice-warning" role="alert">
          {props.t("departments.conflict")}
        </p>
      ) : null}
    </>
  );
}

function dayText(iso: string | null, ui: Ui): string {
  if (iso === null) return "";
  const day = japanDate(new Date(iso));
  return ui.lang === "ja" ? westernDateJa(day) : westernDateEn(day);
}

/** 使用中 / 廃止（date） / X に統合（date） */
export function stateText(department: DepartmentRecord, all: readonly DepartmentRecord[], ui: Ui): string {
  const t = departmentsText(ui.lang);
  if (department.retiredAt === null) return t("departments.active");
  const into = all.find((d) => d.id === department.mergedIntoId);
  const date = dayText(department.retiredAt, ui);
  return into ? t("departments.mergedInto", { name: into.name, date }) : t("departments.retired", { date });
}

export function DepartmentListPage(
  props: DepartmentsProps & {
    departments: DepartmentRecord[];
    usage: DepartmentUsage[];
    values: { name: string };
    errors: FieldError[];
    notice?: string | undefined;
  },
) {
  const { ui } = props;
  const t = departmentsText(ui.lang);
  const usageOf = new Map(props.usage.map((u) => [u.departmentId, u]));
  // In use first (the ones still chosen), then the retired ones, each by name.
  const ordered = [...props.departments].sort(
    (a, b) =>
      Number(a.retiredAt !== null) - Number(b.retiredAt !== null) || a.name.localeCompare(b.name, "ja"),
  );
  return (
    <Page {...props} title={t("departments.title")} crumbs={crumbs(props, t)}>
      <h1>{t("departments.title")}</h1>
      <Notices notice={props.notice} t={t} />
      <ErrorSummary ui={ui} errors={props.errors} />
      <p>{t("departments.lead")}</p>
      {ordered.length === 0 ? (
        <p>{t("departments.none")}</p>
      ) : (
        <TableScroll labelledBy="departments-caption">
          <table class="data">
            <caption id="departments-caption">{t("departments.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("departments.name")}</th>
                <th scope="col">{t("departments.initiatives")}</th>
                <th scope="col">{t("departments.accounts")}</th>
                <th scope="col">{t("departments.state")}</th>
                <th scope="col">
                  <span class="visually-hidden">{t("departments.open")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {ordered.map((department) => {
                const usage = usageOf.get(department.id);
                return (
                  <tr>
                    <th scope="row" lang={sourceLang(ui)}>
                      {department.name}
                    </th>
                    <td>
                      {t("departments.initiativesCount", {
                        count: usage?.initiatives ?? 0,
                        leads: usage?.leads ?? 0,
                      })}
                    </td>
                    <td>{t("departments.accountsCount", { count: usage?.accounts ?? 0 })}</td>
                    <td>{stateText(department, props.departments, ui)}</td>
                    <td>
                      <a href={ui.href(departmentPath(props, department.id))}>
                        {t("departments.open")}
                        <span class="visually-hidden">（{department.name}）</span>
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {props.departments.some((d) => d.name === "関係各課") ? (
        <p class="hint">{t("departments.allKeyword")}</p>
      ) : null}
      <h2 id="add-heading">{t("departments.addHeading")}</h2>
      <form
        method="post"
        action={ui.href(listPath(props))}
        class="form"
        novalidate
        aria-labelledby="add-heading"
      >
        <CsrfField token={props.csrf} />
        <TextField
          ui={ui}
          id="name"
          label={t("departments.name")}
          hint={t("departments.addHint")}
          required={true}
          value={props.values.name}
          errors={props.errors}
          width="medium"
        />
        <div class="form-actions">
          <button type="submit">{t("departments.add")}</button>
        </div>
      </form>
    </Page>
  );
}

function MentionList(props: { ui: Ui; mentions: OpenRoundMention[]; only?: "lead" }) {
  const { ui } = props;
  const t = departmentsText(ui.lang);
  return (
    <ul>
      {props.mentions.map((mention) => (
        <li>
          {t("departments.openRoundItem", {
            round: `${mention.planTitle} ${fiscalYearText(mention.fiscalYear, ui.lang)}`,
            state: isRoundState(mention.state) ? ROUND_STATE_LABELS[mention.state][ui.lang] : mention.state,
            numbers: mention.initiatives
              .map((i) => `No.${i.number}${i.lead ? t("departments.leadMark") : ""}`)
              .join(ui.lang === "ja" ? "、" : ", "),
          })}
        </li>
      ))}
    </ul>
  );
}

export function DepartmentPage(
  props: DepartmentsProps & {
    department: DepartmentRecord;
    departments: DepartmentRecord[];
    preview: ChangePreview;
    values: { name: string };
    errors: FieldError[];
    notice?: string | undefined;
    conflict?: boolean;
  },
) {
  const { ui, department } = props;
  const t = departmentsText(ui.lang);
  const base = departmentPath(props, department.id);
  const active = department.retiredAt === null;
  return (
    <Page
      {...props}
      title={department.name}
      crumbs={crumbs(props, t, [{ label: <SourceText ui={ui}>{department.name}</SourceText> }])}
    >
      <h1 lang={sourceLang(ui)}>{department.name}</h1>
      <Notices notice={props.notice} conflict={props.conflict} t={t} />
      <ErrorSummary ui={ui} errors={props.errors} />
      <h2>{t("departments.facts")}</h2>
      <dl class="facts">
        <dt>{t("departments.state")}</dt>
        <dd>{stateText(department, props.departments, ui)}</dd>
        <dt>{t("departments.initiatives")}</dt>
        <dd>
          {t("departments.initiativesCount", {
            count: props.preview.initiatives,
            leads: props.preview.leads,
          })}
        </dd>
        <dt>{t("departments.accounts")}</dt>
        <dd>{t("departments.accountsCount", { count: props.preview.accounts })}</dd>
      </dl>
      <h3>{t("departments.openRounds")}</h3>
      {props.preview.mentions.length === 0 ? (
        <p>{t("departments.openRoundsNone")}</p>
      ) : (
        <MentionList ui={ui} mentions={props.preview.mentions} />
      )}
      {active ? (
        <>
          <h2 id="rename-heading">{t("departments.renameHeading")}</h2>
          <form
            method="post"
            action={ui.href(`${base}/rename`)}
            class="form"
            novalidate
            aria-labelledby="rename-heading"
          >
            <CsrfField token={props.csrf} />
            <input type="hidden" name="version" value={String(department.version)} />
            <TextField
              ui={ui}
              id="name"
              label={t("departments.newName")}
              hint={t("departments.renameHint")}
              required={true}
              value={props.values.name}
              errors={props.errors}
              width="medium"
            />
            <div class="form-actions">
              <button type="submit">{t("departments.rename")}</button>
            </div>
          </form>
          <h2>{t("departments.otherActions")}</h2>
          <ul class="actions">
            <li>
              <a href={ui.href(`${base}/merge`)}>{t("departments.toMerge")}</a>
            </li>
            <li>
              <a href={ui.href(`${base}/retire`)}>{t("departments.toRetire")}</a>
            </li>
          </ul>
        </>
      ) : (
        <>
          <p>{t("departments.retiredNote")}</p>
          {department.mergedIntoId === null ? (
            <>
              <h2 id="restore-heading">{t("departments.restoreHeading")}</h2>
              <p class="hint">{t("departments.restoreHint")}</p>
              <form
                method="post"
                action={ui.href(`${base}/restore`)}
                class="action-form"
                aria-labelledby="restore-heading"
              >
                <CsrfField token={props.csrf} />
                <input type="hidden" name="version" value={String(department.version)} />
                <button type="submit" class="button-secondary">
                  {t("departments.restore")}
                </button>
              </form>
            </>
          ) : null}
        </>
      )}
      <p>
        <a href={ui.href(listPath(props))}>{t("departments.back")}</a>
      </p>
    </Page>
  );
}

/** A choice of one department among those in use (統合先・後継), with 必須/任意 and its inline error. */
function DepartmentSelect(props: {
  ui: Ui;
  id: "into" | "successor";
  label: string;
  hint: string;
  required: boolean;
  emptyLabel: string;
  candidates: DepartmentRecord[];
  value: string;
  errors: readonly FieldError[];
}) {
  const { ui, id } = props;
  const error = errorFor(props.errors, id);
  const described = [`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>
        {props.label} <RequiredTag ui={ui} required={props.required} />
      </label>
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      <InlineError ui={ui} id={id} message={error} />
      <select
        id={id}
        name={id}
        class="input-medium"
        aria-describedby={described}
        aria-invalid={error ? "true" : undefined}
        required={props.required}
      >
        <option value="" selected={props.value === ""}>
          {props.emptyLabel}
        </option>
        {props.candidates.map((d) => (
          <option value={String(d.id)} selected={props.value === String(d.id)} lang={sourceLang(ui)}>
            {d.name}
          </option>
        ))}
      </select>
    </div>
  );
}

type ChoiceProps = DepartmentsProps & {
  department: DepartmentRecord;
  candidates: DepartmentRecord[];
  value: string;
  errors: FieldError[];
  conflict?: boolean;
};

export function MergePage(props: ChoiceProps) {
  const { ui, department } = props;
  const t = departmentsText(ui.lang);
  const title = t("departments.mergeTitle", { name: department.name });
  return (
    <Page {...props} title={title} errors={props.errors} crumbs={choiceCrumbs(props, t, title)}>
      <h1>{title}</h1>
      <Notices conflict={props.conflict} t={t} />
      <ErrorSummary ui={ui} errors={props.errors} />
      <p>{t("departments.mergeLead")}</p>
      <form
        method="post"
        action={ui.href(`${departmentPath(props, department.id)}/merge`)}
        class="form"
        novalidate
      >
        <CsrfField token={props.csrf} />
        <input type="hidden" name="version" value={String(department.version)} />
        <DepartmentSelect
          ui={ui}
          id="into"
          label={t("departments.into")}
          hint={t("departments.intoHint")}
          required={true}
          emptyLabel={t("departments.choose")}
          candidates={props.candidates}
          value={props.value}
          errors={props.errors}
        />
        <div class="form-actions">
          <button type="submit">{t("departments.next")}</button>
          <a href={ui.href(departmentPath(props, department.id))}>{ui.t("form.cancel")}</a>
        </div>
      </form>
    </Page>
  );
}

export function RetirePage(props: ChoiceProps & { leads?: OpenRoundMention[] }) {
  const { ui, department } = props;
  const t = departmentsText(ui.lang);
  const title = t("departments.retireTitle", { name: department.name });
  return (
    <Page {...props} title={title} errors={props.errors} crumbs={choiceCrumbs(props, t, title)}>
      <h1>{title}</h1>
      <Notices conflict={props.conflict} t={t} />
      <ErrorSummary ui={ui} errors={props.errors} />
      <p>{t("departments.retireLead")}</p>
      {props.leads && props.leads.length > 0 ? <MentionList ui={ui} mentions={props.leads} /> : null}
      <form
        method="post"
        action={ui.href(`${departmentPath(props, department.id)}/retire`)}
        class="form"
        novalidate
      >
        <CsrfField token={props.csrf} />
        <input type="hidden" name="version" value={String(department.version)} />
        <DepartmentSelect
          ui={ui}
          id="successor"
          label={t("departments.successor")}
          hint={t("departments.successorHint")}
          required={false}
          emptyLabel={t("departments.noSuccessor")}
          candidates={props.candidates}
          value={props.value}
          errors={props.errors}
        />
        <div class="form-actions">
          <button type="submit">{t("departments.next")}</button>
          <a href={ui.href(departmentPath(props, department.id))}>{ui.t("form.cancel")}</a>
        </div>
      </form>
    </Page>
  );
}

function choiceCrumbs(
  props: DepartmentsProps & { department: DepartmentRecord },
  t: DepartmentsText,
  title: string,
) {
  return crumbs(props, t, [
    {
      label: <SourceText ui={props.ui}>{props.department.name}</SourceText>,
      href: props.ui.href(departmentPath(props, props.department.id)),
    },
    { label: title },
  ]);
}

/** The confirmation step of a merge or a retirement: what will change, and the one button that does it. */
export function ConfirmPage(
  props: DepartmentsProps & {
    kind: "merge" | "retire";
    department: DepartmentRecord;
    /** 統合先 or 後継 (none: a retirement without a successor). */
    to: DepartmentRecord | undefined;
    preview: ChangePreview;
  },
) {
  const { ui, department, to, kind } = props;
  const t = departmentsText(ui.lang);
  const title =
    kind === "merge"
      ? t("departments.confirmTitle", { name: department.name, into: to?.name ?? "" })
      : t("departments.confirmRetireTitle", { name: department.name });
  const action = `${departmentPath(props, department.id)}/${kind}`;
  const field = kind === "merge" ? "into" : "successor";
  return (
    <Page {...props} title={title} crumbs={choiceCrumbs(props, t, title)}>
      <h1>{title}</h1>
      <p>{t(kind === "merge" ? "departments.confirmMergeLead" : "departments.confirmRetireLead")}</p>
      {kind === "retire" ? (
        <p>
          {to ? t("departments.confirmSuccessor", { name: to.name }) : t("departments.confirmNoSuccessor")}
        </p>
      ) : null}
      <h2>{t("departments.confirmReports")}</h2>
      {props.preview.mentions.length === 0 ? (
        <p>{t("departments.openRoundsNone")}</p>
      ) : (
        <MentionList ui={ui} mentions={props.preview.mentions} />
      )}
      <ul>
        <li>{t("departments.confirmInitiatives", { count: props.preview.initiatives })}</li>
        {to ? <li>{t("departments.confirmAccounts", { count: props.preview.accounts })}</li> : null}
      </ul>
      <p class="notice-success">{t("departments.confirmPublished")}</p>
      <form method="post" action={ui.href(action)} class="form">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="version" value={String(department.version)} />
        <input type="hidden" name={field} value={to ? String(to.id) : ""} />
        <input type="hidden" name="confirm" value="yes" />
        <div class="form-actions">
          <button type="submit" class="button-warning">
            {t(kind === "merge" ? "departments.doMerge" : "departments.doRetire")}
          </button>
          <a href={ui.href(action, { [field]: to ? String(to.id) : undefined })}>{t("departments.change")}</a>
        </div>
      </form>
    </Page>
  );
}
