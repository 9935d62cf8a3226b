import { raw } from "hono/html";
import { type Grade, type GradeScale, gradeScaleOf, gradeWithLabel } from "../../../domain/grade.ts";
import type { DocumentGradeSummary } from "../../../domain/grade-summary.ts";
import { initiativeNumberLabel } from "../../../domain/initiative-number.ts";
import type { PlanDocument } from "../../../domain/plan-document.ts";
import type { ExpectedShare } from "../../../domain/plan-period.ts";
import { policyLabel } from "../../../io/progress-table-columns.ts";
import type { OrganizationRecord, PlanRecord, PublicationRecord } from "../../../store/types.ts";
import { formatPercent, sourceLang, type Ui } from "../../i18n.ts";
import { initiativePath, orgPath, planPath, tablePath } from "../../page-context.ts";
import { AsOf, fiscalYearText, planPeriodText } from "../../views/dates.tsx";
import { DownloadLinks } from "../../views/downloads.tsx";
import { GradeChartLabel, GradeSummaryTable, gradeTextHtml, summaryRows } from "../../views/grade.tsx";
import { GRADE_CHART_LABEL_ID, gradeChartSvg } from "../../views/grade-chart.ts";
import { attr, esc } from "../../views/html-string.ts";
import { Layout } from "../../views/layout.tsx";
import { SourceText } from "../../views/source-text.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { type ListedInitiative, NOT_ASSESSED_FILTER, policyKey } from "./filter.ts";

export interface FilterValues {
  policy?: string;
  department?: string;
  grades: Grade[];
  q?: string;
}

export interface PlanOverviewProps {
  ui: Ui;
  url: URL;
  organization: OrganizationRecord;
  plan: PlanRecord;
  rounds: PublicationRecord[];
  document: PlanDocument;
  summary: DocumentGradeSummary;
  expected: ExpectedShare;
  departments: string[];
  filter: FilterValues;
  initiatives: ListedInitiative[];
  totalInitiatives: number;
}

/** "計画期間5年のうち3年経過（60%）" */
export function expectedShareText(expected: ExpectedShare, ui: Ui): string {
  return ui.t("plan.expectedShare", {
    total: expected.totalYears,
    elapsed: expected.elapsedYears,
    percent: formatPercent(expected.share),
  });
}

export function YearSwitch(props: {
  ui: Ui;
  rounds: PublicationRecord[];
  current: number;
  href: (fy: number) => string;
}) {
  const { ui } = props;
  return (
    <nav class="year-switch" aria-label={ui.t("plan.fiscalYears")}>
      <p class="meta">{ui.t("plan.fiscalYears")}</p>
      <ul>
        {props.rounds.map((r) => (
          <li>
            <a
              href={props.href(r.fiscalYear)}
              aria-current={r.fiscalYear === props.current ? "page" : undefined}
            >
              {fiscalYearText(r.fiscalYear, ui.lang)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function PlanOverviewPage(props: PlanOverviewProps) {
  const { ui, organization, plan, document } = props;
  const fy = document.round.fiscalYear;
  const fyLabel = fiscalYearText(fy, ui.lang);
  const slug = organization.slug;
  const rows = summaryRows(props.summary, ui);
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={`${plan.title} ${fyLabel}`}
      organization={organization}
      breadcrumbs={[
        { label: ui.t("site.home"), href: ui.href("/") },
        { label: <SourceText ui={ui}>{organization.name}</SourceText>, href: ui.href(orgPath(slug)) },
        {
          label: (
            <>
              <SourceText ui={ui}>{plan.title}</SourceText> {fyLabel}
            </>
          ),
        },
      ]}
    >
      <h1 lang={sourceLang(ui)}>{plan.title}</h1>
      <p class="lead">
        {ui.t("plan.roundOf", { fy: fyLabel })}
        {ui.lang === "ja" ? "（" : ", "}
        <AsOf iso={document.round.asOf} ui={ui} western={false} />
        {ui.lang === "ja" ? "）" : ""}
      </p>
      <p class="meta">{ui.t("plan.periodLine", { period: planPeriodText(plan, ui.lang) })}</p>
      <p class="meta">{expectedShareText(props.expected, ui)}</p>
      <YearSwitch
        ui={ui}
        rounds={props.rounds}
        current={fy}
        // Another year keeps the reader's conditions: the same question, asked of that year.
        href={(y) =>
          ui.href(planPath(slug, plan.id, y), {
            policy: props.filter.policy,
            department: props.filter.department,
            grade: props.filter.grades,
            q: props.filter.q,
          })
        }
      />
      <ul class="actions">
        <li>
          <a class="button-link" href={ui.href(tablePath(slug, plan.id, fy))}>
            {ui.t("plan.toTable")}
          </a>
        </li>
      </ul>

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">{ui.t("summary.heading")}</h2>
        <div class="summary-layout">
          <GradeSummaryTable summary={props.summary} fiscalYearLabel={fyLabel} ui={ui} />
          <figure class="chart">
            {/* The SVG is produced by echarts on the server; its text is escaped there. */}
            <div dangerouslySetInnerHTML={{ __html: gradeChartSvg(rows, ui, props.summary.scale) }} />
            <GradeChartLabel
              id={GRADE_CHART_LABEL_ID}
              rows={rows}
              fiscalYearLabel={fyLabel}
              ui={ui}
              scale={props.summary.scale}
            />
          </figure>
        </div>
      </section>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{ui.t("list.heading")}</h2>
        <FilterForm {...props} />
        <p class="result-count" role="status">
          {ui.t("list.count", { total: props.totalInitiatives, shown: props.initiatives.length })}
        </p>
        {props.initiatives.length === 0 ? (
          <p>{ui.t("list.none")}</p>
        ) : (
          <InitiativeTable
            ui={ui}
            slug={slug}
            planId={plan.id}
            fiscalYear={fy}
            fyLabel={fyLabel}
            items={props.initiatives}
            scale={props.summary.scale}
          />
        )}
      </section>

      <DownloadLinks ui={ui} planId={plan.id} fiscalYear={fy} />
      <p>
        <a href={ui.href(`${planPath(slug, plan.id, fy)}/revisions`)}>{ui.t("revisions.link")}</a>
      </p>
    </Layout>
  );
}

function FilterForm(props: PlanOverviewProps) {
  const { ui, document, filter } = props;
  return (
    <form class="filters" method="get" action={props.url.pathname} aria-labelledby="filter-heading">
      <h3 id="filter-heading" class="visually-hidden">
        {ui.t("filter.heading")}
      </h3>
      {ui.lang === "en" ? <input type="hidden" name="lang" value="en" /> : null}
      <div class="fields">
        <div class="field">
          <label for="filter-policy">{ui.t("filter.policy")}</label>
          <select id="filter-policy" name="policy">
            <option value="">{ui.t("filter.all")}</option>
            {document.policies.map((p) => (
              <option value={policyKey(p)} selected={filter.policy === policyKey(p)} lang={sourceLang(ui)}>
                {policyLabel(p)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-department">{ui.t("filter.department")}</label>
          <select id="filter-department" name="department">
            <option value="">{ui.t("filter.all")}</option>
            {props.departments.map((d) => (
              <option value={d} selected={filter.department === d} lang={sourceLang(ui)}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <fieldset>
            <legend>{ui.t("filter.grade")}</legend>
            <div class="checkboxes">
              {gradeScaleOf(props.document.plan).map(({ code: g }) => (
                <label>
                  <input type="checkbox" name="grade" value={g} checked={filter.grades.includes(g)} />
                  {gradeWithLabel(gradeScaleOf(props.document.plan), g, ui.lang)}
                </label>
              ))}
              {/* 対象外 is offered where the table has such initiatives (the address takes it always). */}
              {props.document.policies.some((p) => p.initiatives.some((i) => i.notAssessed)) ||
              filter.grades.includes(NOT_ASSESSED_FILTER) ? (
                <label>
                  <input
                    type="checkbox"
                    name="grade"
                    value={NOT_ASSESSED_FILTER}
                    checked={filter.grades.includes(NOT_ASSESSED_FILTER)}
                  />
                  {ui.t("initiative.notAssessed")}
                </label>
              ) : null}
            </div>
          </fieldset>
        </div>
        <div class="field">
          <label for="filter-q">{ui.t("filter.q")}</label>
          <span class="hint" id="filter-q-hint">
            {ui.t("filter.qHint")}
          </span>
          <input
            type="search"
            id="filter-q"
            name="q"
            value={filter.q ?? ""}
            aria-describedby="filter-q-hint"
          />
        </div>
      </div>
      <div class="form-actions">
        <button type="submit">{ui.t("filter.submit")}</button>
        <a href={ui.href(props.url.pathname)}>{ui.t("filter.clear")}</a>
      </div>
    </form>
  );
}

function InitiativeTable(props: {
  ui: Ui;
  slug: string;
  planId: number;
  fiscalYear: number;
  fyLabel: string;
  items: ListedInitiative[];
  scale: GradeScale;
}) {
  const { ui } = props;
  // Rows built as strings (views/html-string.ts): a JSX node per cell was most of a large plan's render.
  const lang = attr("lang", sourceLang(ui));
  const gradeHtml = gradeTextHtml(ui, props.scale);
  return (
    <TableScroll labelledBy="list-caption">
      <table class="data initiatives">
        <caption id="list-caption">{ui.t("list.caption", { fy: props.fyLabel })}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              {ui.t("col.number")}
            </th>
            <th scope="col">{ui.t("col.initiative")}</th>
            <th scope="col">{ui.t("col.policy")}</th>
            <th scope="col">{ui.t("col.departments")}</th>
            <th scope="col">{ui.t("col.grade")}</th>
          </tr>
        </thead>
        <tbody>
          {raw(
            props.items
              .map(({ policy, initiative }) => {
                const href = ui.href(initiativePath(props.slug, props.planId, initiative.number), {
                  fy: String(props.fiscalYear),
                });
                return (
                  `<tr><td class="num">${esc(initiativeNumberLabel(initiative))}</td>` +
                  `<th scope="row"${lang}><a${attr("href", href)}>${esc(initiative.title)}</a></th>` +
                  `<td${lang}>${esc(policyLabel(policy))}</td>` +
                  `<td${lang}>${esc(initiative.departments.join("、"))}</td>` +
                  `<td>${gradeHtml(initiative.grade, initiative.notAssessed)}</td></tr>`
                );
              })
              .join(""),
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}
