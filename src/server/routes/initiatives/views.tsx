import { assessKpi } from "../../../domain/achievement.ts";
import { methodLabel, paceLabel, percentText, statusLabel } from "../../../domain/achievement-words.ts";
import { formatFiscalYear } from "../../../domain/era.ts";
import {
  initiativeNumberLabel,
  withNumberSign,
  withoutNumberSign,
} from "../../../domain/initiative-number.ts";
import { expectedShare } from "../../../domain/plan-period.ts";
import { policyLabel } from "../../../io/progress-table-columns.ts";
import type { InitiativeHistory, KpiHistory, OrganizationRecord } from "../../../store/types.ts";
import { formatPercent, sourceLang, type Ui } from "../../i18n.ts";
import { initiativePath, orgPath, planPath } from "../../page-context.ts";
import { fiscalYearEndText, fiscalYearText } from "../../views/dates.tsx";
import { GradeText } from "../../views/grade.tsx";
import { Layout } from "../../views/layout.tsx";
import { SourceText, WithQuotedSource } from "../../views/source-text.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";

export interface InitiativePageProps {
  ui: Ui;
  url: URL;
  organization: OrganizationRecord;
  history: InitiativeHistory;
  /** The fiscal year to highlight (?fy=), when asked for. */
  selectedFiscalYear: number | undefined;
}

/** "令和元年度末（2019年度末）" / "End of FY2019 (R1)". */
function yearEndText(fy: number, ui: Ui): string {
  if (ui.lang === "ja") return `${formatFiscalYear(fy)}末（${fy}年度末）`;
  const text = fiscalYearEndText(fy, "en");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * "平成27年度末" for Shinchoku's own row labels: the table's other rows write the era in full, and
 * "H27末" can read as the end of a calendar year (the city's abbreviations stay in its own texts).
 */
function labelYearEnd(fy: number, ui: Ui): string {
  return fiscalYearEndText(fy, ui.lang);
}

export function InitiativePage(props: InitiativePageProps) {
  const { ui, organization, history } = props;
  const plan = history.plan;
  const slug = organization.slug;
  const overviewFy = props.selectedFiscalYear ?? history.reports.at(-1)?.fiscalYear;
  const number = withoutNumberSign(initiativeNumberLabel(history));
  const heading = ui.t("initiative.heading", { number, title: history.title });
  const headingParts = ui.tParts("initiative.heading", {
    number,
    title: <SourceText ui={ui}>{history.title}</SourceText>,
  });
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={heading}
      organization={organization}
      breadcrumbs={[
        { label: ui.t("site.home"), href: ui.href("/") },
        { label: <SourceText ui={ui}>{organization.name}</SourceText>, href: ui.href(orgPath(slug)) },
        {
          label: (
            <>
              <SourceText ui={ui}>{plan.title}</SourceText>
              {overviewFy === undefined ? "" : ` ${fiscalYearText(overviewFy, ui.lang)}`}
            </>
          ),
          href: ui.href(planPath(slug, plan.id, overviewFy)),
        },
        { label: <>{headingParts}</> },
      ]}
    >
      <p class="meta" lang={sourceLang(ui)}>
        {plan.title}
      </p>
      <h1>{headingParts}</h1>
      <dl class="facts">
        <dt>{ui.t("col.policy")}</dt>
        <dd lang={sourceLang(ui)}>{policyLabel(history.policy)}</dd>
        <dt>{ui.t("col.departments")}</dt>
        <dd>
          <ul class="departments">
            {history.departments.map((d, i) => (
              <li>
                <SourceText ui={ui}>{d}</SourceText>
                {i === 0
                  ? ui.lang === "ja"
                    ? `（${ui.t("initiative.lead")}）`
                    : ` (${ui.t("initiative.lead")})`
                  : ""}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{ui.t("initiative.description")}</dt>
        <dd lang={sourceLang(ui)}>{history.description}</dd>
      </dl>

      <section aria-labelledby="kpis-heading">
        <h2 id="kpis-heading">{ui.t("initiative.kpis")}</h2>
        {history.kpis.length === 0 ? (
          <p>{ui.t("initiative.noKpis")}</p>
        ) : (
          <>
            <p class="note">{ui.t("initiative.achievementNote")}</p>
            {history.kpis.map((kpi) => (
              <KpiTable {...props} kpi={kpi} />
            ))}
          </>
        )}
      </section>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{ui.t("initiative.reports")}</h2>
        {history.reports.length === 0 ? <p>{ui.t("initiative.noReports")}</p> : null}
        {[...history.reports].reverse().map((report) => {
          const selected = report.fiscalYear === props.selectedFiscalYear;
          return (
            <section
              class={selected ? "report is-selected" : "report"}
              aria-labelledby={`report-${report.fiscalYear}`}
            >
              <h3 id={`report-${report.fiscalYear}`}>
                {fiscalYearText(report.fiscalYear, ui.lang)}
                {selected ? <span class="visually-hidden">{ui.t("initiative.selectedYear")}</span> : null}
              </h3>
              <dl class="facts">
                <dt>{ui.t("initiative.activities")}</dt>
                <dd lang={sourceLang(ui)}>{report.activities}</dd>
                <dt>{ui.t("col.grade")}</dt>
                <dd>
                  <GradeText
                    grade={report.grade}
                    ui={ui}
                    scale={report.gradeScale}
                    notAssessed={report.notAssessed}
                  />
                </dd>
                <dt>{ui.t("initiative.committeeOpinion")}</dt>
                <dd lang={sourceLang(ui)}>{report.committeeOpinion}</dd>
                <dt>
                  {ui.t("initiative.nextYearGoal", {
                    fy:
                      ui.lang === "ja"
                        ? formatFiscalYear(report.fiscalYear + 1)
                        : `FY${report.fiscalYear + 1}`,
                  })}
                </dt>
                <dd lang={sourceLang(ui)}>{report.nextYearGoal}</dd>
              </dl>
            </section>
          );
        })}
      </section>
    </Layout>
  );
}

function KpiTable(props: InitiativePageProps & { kpi: KpiHistory }) {
  const { ui, kpi, history } = props;
  const plan = history.plan;
  const baselineFy = plan.baselineFiscalYear ?? plan.startFiscalYear - 1;
  const dash = "—";
  return (
    <div class="kpi">
      <TableScroll labelledBy={`kpi-${kpi.id}-caption`}>
        <table class="data kpi-values">
          <caption id={`kpi-${kpi.id}-caption`}>
            <SourceText ui={ui}>{kpi.label}</SourceText>
            {/* The city often writes (再掲) in the name itself: never say it twice. */}
            {kpi.relisted && !kpi.label.includes(ui.t("initiative.relistedMark")) ? (
              <span class="visually-hidden">
                {ui.lang === "ja"
                  ? `（${ui.t("initiative.relistedMark")}）`
                  : ` (${ui.t("initiative.relistedMark")})`}
              </span>
            ) : null}
          </caption>
          <thead>
            <tr>
              <th scope="col">{ui.t("initiative.point")}</th>
              <th scope="col" class="num">
                {ui.t("initiative.value")}
              </th>
              <th scope="col">{ui.t("initiative.status")}</th>
              <th scope="col" class="num">
                {ui.t("initiative.achievement")}
              </th>
              <th scope="col">{ui.t("initiative.method")}</th>
              <th scope="col" class="num">
                {ui.t("initiative.expected")}
              </th>
              <th scope="col">{ui.t("initiative.pace")}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{ui.t("initiative.baseline", { when: labelYearEnd(baselineFy, ui) })}</th>
              <td class="num" lang={sourceLang(ui)}>
                {kpi.baseline.text}
              </td>
              <td>{dash}</td>
              <td class="num">{dash}</td>
              <td>{dash}</td>
              <td class="num">{dash}</td>
              <td>{dash}</td>
            </tr>
            {kpi.values.map(({ fiscalYear, value }) => {
              const expected = expectedShare(plan, fiscalYear);
              const assessment = assessKpi(
                { baseline: kpi.baseline, target: kpi.target, current: value },
                expected.share,
              );
              const selected = fiscalYear === props.selectedFiscalYear;
              return (
                <tr class={selected ? "is-selected" : undefined}>
                  <th scope="row">
                    {yearEndText(fiscalYear, ui)}
                    {selected ? <span class="visually-hidden">{ui.t("initiative.selectedYear")}</span> : null}
                  </th>
                  <td class="num" lang={sourceLang(ui)}>
                    {value.text}
                  </td>
                  {/* A reason reads as a sentence: left-aligned, wrapped. */}
                  <td class={`status status-${assessment.status}`}>
                    <WithQuotedSource ui={ui} text={statusLabel(assessment, ui.lang)} />
                  </td>
                  <td class="num">{assessment.percent === null ? dash : percentText(assessment.percent)}</td>
                  <td>{methodLabel(assessment, ui.lang) || dash}</td>
                  <td class="num">
                    {ui.t("initiative.expectedCell", {
                      total: expected.totalYears,
                      elapsed: expected.elapsedYears,
                      percent: formatPercent(expected.share),
                    })}
                  </td>
                  <td>{paceLabel(assessment, ui.lang) || dash}</td>
                </tr>
              );
            })}
            <tr>
              <th scope="row">{ui.t("initiative.target", { when: labelYearEnd(plan.endFiscalYear, ui) })}</th>
              <td class="num" lang={sourceLang(ui)}>
                {kpi.target.text}
              </td>
              <td>{dash}</td>
              <td class="num">{dash}</td>
              <td>{dash}</td>
              <td class="num">{formatPercent(1)}</td>
              <td>{dash}</td>
            </tr>
          </tbody>
        </table>
      </TableScroll>
      <RelistedNote {...props} />
    </div>
  );
}

/**
 * Where else a KPI is listed, as a sentence that does not read as part of a title: the initiative it
 * is listed again from (再掲), and the initiatives that list it again.
 */
function RelistedNote(props: InitiativePageProps & { kpi: KpiHistory }) {
  const { ui, kpi, history, organization } = props;
  const links = (others: KpiHistory["alsoListedIn"]) =>
    others.map((other, i) => (
      <>
        {i > 0 ? (ui.lang === "ja" ? "、" : ", ") : null}
        <a
          href={ui.href(initiativePath(organization.slug, history.plan.id, other.initiativeNumber), {
            fy: props.selectedFiscalYear === undefined ? undefined : String(props.selectedFiscalYear),
          })}
        >
          {withNumberSign(other.numberText ?? other.initiativeNumber)}{" "}
          <SourceText ui={ui}>{other.title}</SourceText>
        </a>
      </>
    ));
  // A relisted KPI comes from the one listing that is not itself a relist.
  const source = kpi.relisted ? kpi.alsoListedIn.filter((other) => !other.relisted) : [];
  const elsewhere = kpi.alsoListedIn.filter((other) => !source.includes(other));
  return (
    <>
      {source.length > 0 ? (
        <p class="relisted">{ui.tParts("initiative.relistedFrom", { initiatives: <>{links(source)}</> })}</p>
      ) : null}
      {elsewhere.length > 0 ? (
        <p class="relisted">
          {ui.tParts("initiative.alsoListedIn", { initiatives: <>{links(elsewhere)}</> })}
        </p>
      ) : null}
    </>
  );
}
