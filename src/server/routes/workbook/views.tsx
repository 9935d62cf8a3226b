import { problemPlace, type WorkbookProblem } from "../../../io/entry-workbook/model.ts";
import type { PlanRecord, RoundRecord } from "../../../store/types.ts";
import type { WorkbookPreview } from "../../../workflow/entry-workbook.ts";
import { sourceLang } from "../../i18n.ts";
import { orgPath } from "../../page-context.ts";
import { fiscalYearText } from "../../views/dates.tsx";
import { ErrorSummary, formTitle } from "../../views/form/error-summary.tsx";
import type { FieldError } from "../../views/form/errors.ts";
import { CsrfField, InlineError, RequiredTag } from "../../views/form/field.tsx";
import { Layout } from "../../views/layout.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { ManageLayoutBar, type ManagePageProps, manageCrumbs } from "../manage/views.tsx";
import { wt } from "./text.ts";

export function workbookBase(slug: string, planId: number, fiscalYear: number): string {
  return `${orgPath(slug)}/manage/plans/${planId}/${fiscalYear}`;
}

/** On the draft table: the 案 papers and the entry workbooks of the round. */
export function DraftPaperLinks(props: {
  ui: ManagePageProps["ui"];
  slug: string;
  planId: number;
  fiscalYear: number;
}) {
  const { ui } = props;
  const base = workbookBase(props.slug, props.planId, props.fiscalYear);
  return (
    <ul class="actions">
      <li>
        <a href={ui.href(`${base}/table.pdf`)}>{wt(ui, "draftPdf")}</a>
      </li>
      <li>
        <a href={ui.href(`${base}/table.xlsx`)}>{wt(ui, "draftXlsx")}</a>
      </li>
      <li>
        <a href={ui.href(`${base}/workbook`)}>{wt(ui, "title")}</a>
      </li>
    </ul>
  );
}

interface RoundProps extends ManagePageProps {
  plan: PlanRecord;
  round: RoundRecord;
}

/** 「シート「入力票」のセル G12：No.1：…」: a finding with its place, for the error summary. */
export function problemText(problem: WorkbookProblem): string {
  return `${problemPlace(problem)}：${problem.message}`;
}

export function WorkbookPage(
  props: RoundProps & {
    departments: { id: number; name: string; initiatives: number }[];
    errors: FieldError[];
    notice?: string;
  },
) {
  const { ui, organization, plan, round, errors } = props;
  const base = workbookBase(organization.slug, plan.id, round.fiscalYear);
  const fy = fiscalYearText(round.fiscalYear, ui.lang);
  const title = `${wt(ui, "title")} ${fy}`;
  const fileError = errors.length > 0 ? wt(ui, "problemIntro") : undefined;
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={formTitle(ui, title, errors)}
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={manageCrumbs(ui, organization, `${plan.title} ${fy}`)}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <ErrorSummary ui={ui} errors={errors} />
      {props.notice ? (
        <p class="notice-success" role="status">
          {props.notice}
        </p>
      ) : null}
      <h1>{title}</h1>
      <p class="lead">{wt(ui, "lead", { fy })}</p>

      <h2>{wt(ui, "downloadHeading")}</h2>
      {props.departments.length === 0 ? (
        <p>{wt(ui, "downloadNone")}</p>
      ) : (
        <TableScroll labelledBy="workbook-departments-caption">
          <table class="data">
            <caption id="workbook-departments-caption" class="visually-hidden">
              {wt(ui, "downloadHeading")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{wt(ui, "department")}</th>
                <th scope="col">{wt(ui, "initiatives")}</th>
                <th scope="col">{wt(ui, "download")}</th>
              </tr>
            </thead>
            <tbody>
              {props.departments.map((d) => (
                <tr>
                  <th scope="row" lang={sourceLang(ui)}>
                    {d.name}
                  </th>
                  <td>{d.initiatives}</td>
                  <td>
                    <a
                      href={ui.href(`${base}/workbook/${d.id}/entry.xlsx`)}
                      aria-label={wt(ui, "downloadLabel", { department: d.name })}
                      download
                    >
                      {wt(ui, "download")}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>{wt(ui, "uploadHeading")}</h2>
      <form
        method="post"
        action={ui.href(`${base}/workbook/upload`)}
        enctype="multipart/form-data"
        class="form"
        novalidate
      >
        <CsrfField token={props.csrfToken ?? ""} />
        <div class={fileError ? "field field-invalid" : "field"}>
          <label for="file">
            {wt(ui, "file")} <RequiredTag ui={ui} required={true} />
          </label>
          <p class="hint" id="file-hint">
            {wt(ui, "fileHint")}
          </p>
          <InlineError ui={ui} id="file" message={fileError} />
          <input
            type="file"
            id="file"
            name="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
            aria-invalid={fileError ? "true" : undefined}
          />
        </div>
        <button type="submit">{wt(ui, "upload")}</button>
      </form>

      <h2>{wt(ui, "draftHeading")}</h2>
      <p>{wt(ui, "draftLead")}</p>
      <ul class="actions">
        <li>
          <a href={ui.href(`${base}/table.pdf`)}>{wt(ui, "draftPdf")}</a>
        </li>
        <li>
          <a href={ui.href(`${base}/table.xlsx`)}>{wt(ui, "draftXlsx")}</a>
        </li>
      </ul>
    </Layout>
  );
}

function Shown(props: { ui: RoundProps["ui"]; text: string }) {
  if (props.text === "") return <span class="muted">{wt(props.ui, "empty")}</span>;
  return (
    <span lang={sourceLang(props.ui)} style="white-space: pre-wrap">
      {props.text}
    </span>
  );
}

export function WorkbookPreviewPage(
  props: RoundProps & { preview: WorkbookPreview; payload: string; signature: string },
) {
  const { ui, organization, plan, round, preview } = props;
  const base = workbookBase(organization.slug, plan.id, round.fiscalYear);
  const fy = fiscalYearText(round.fiscalYear, ui.lang);
  const title = wt(ui, "previewTitle");
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={title}
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={manageCrumbs(ui, organization, `${plan.title} ${fy}`)}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <h1>{title}</h1>
      <p class="lead">
        {preview.reports.length === 0
          ? wt(ui, "previewNothing")
          : wt(ui, "previewLead", { department: preview.departmentName })}
      </p>
      {preview.reports.map((report) => (
        <section aria-labelledby={`report-${report.initiativeNumber}`}>
          <h2 id={`report-${report.initiativeNumber}`}>
            No.{report.initiativeNumber} <span lang={sourceLang(ui)}>{report.title}</span>
          </h2>
          <TableScroll labelledBy={`report-${report.initiativeNumber}`}>
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{wt(ui, "field")}</th>
                  <th scope="col">{wt(ui, "cell")}</th>
                  <th scope="col">{wt(ui, "before")}</th>
                  <th scope="col">{wt(ui, "after")}</th>
                </tr>
              </thead>
              <tbody>
                {report.changes.map((change) => (
                  <tr>
                    <th scope="row" lang={sourceLang(ui)}>
                      {change.label}
                    </th>
                    <td>{change.cell}</td>
                    <td>
                      {change.before === "" ? (
                        <Shown ui={ui} text="" />
                      ) : (
                        <del>
                          <Shown ui={ui} text={change.before} />
                        </del>
                      )}
                    </td>
                    <td>
                      <ins>
                        <Shown ui={ui} text={change.after} />
                      </ins>
                      {change.reading ? (
                        <p class="hint">
                          {wt(ui, "reading")}：<span lang={sourceLang(ui)}>{change.reading}</span>
                        </p>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
      {preview.unchanged.length > 0 ? (
        <p>{wt(ui, "unchanged", { numbers: preview.unchanged.join("、") })}</p>
      ) : null}
      {preview.reports.length > 0 ? (
        <form method="post" action={ui.href(`${base}/workbook/apply`)} class="action-form">
          <CsrfField token={props.csrfToken ?? ""} />
          <input type="hidden" name="payload" value={props.payload} />
          <input type="hidden" name="signature" value={props.signature} />
          <button type="submit">{wt(ui, "apply")}</button>
        </form>
      ) : null}
      <p>
        <a href={ui.href(`${base}/workbook`)}>{wt(ui, "back")}</a>
      </p>
    </Layout>
  );
}
