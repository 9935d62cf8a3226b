import { GRADES, gradeCount, isDefaultGradeScale } from "../../../domain/grade.ts";
import { formatGradeSummary } from "../../../domain/grade-summary.ts";
import type { OrganizationRecord, PlanRecord, PublicationRecord } from "../../../store/types.ts";
import { sourceLang, type Ui } from "../../i18n.ts";
import { orgPath, planPath } from "../../page-context.ts";
import { fiscalYearText, JapaneseDate, planPeriodText } from "../../views/dates.tsx";
import { gradeHeader } from "../../views/grade.tsx";
import { Layout } from "../../views/layout.tsx";
import { SourceText } from "../../views/source-text.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";

export function OrganizationListPage(props: { ui: Ui; url: URL; organizations: OrganizationRecord[] }) {
  const { ui } = props;
  return (
    <Layout ui={ui} url={props.url} title={ui.t("home.title")} breadcrumbs={[]}>
      <h1>{ui.t("home.title")}</h1>
      <p class="lead">{ui.t("home.lead")}</p>
      {props.organizations.length === 0 ? (
        <p>{ui.t("home.empty")}</p>
      ) : (
        <ul class="organization-list">
          {props.organizations.map((o) => (
            <li>
              <a href={ui.href(orgPath(o.slug))} lang={sourceLang(ui)}>
                {o.name}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export interface PlanSummary {
  plan: PlanRecord;
  /** The most recent reporting round, when the plan has one. */
  latest: PublicationRecord | undefined;
}

export function OrganizationPage(props: {
  ui: Ui;
  url: URL;
  organization: OrganizationRecord;
  plans: PlanSummary[];
}) {
  const { ui, organization } = props;
  // One column per grade while every plan grades on the default scale; else a summary per plan.
  const sharedScale = props.plans.every(({ latest }) => !latest || isDefaultGradeScale(latest.gradeScale));
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={ui.t("org.plans")}
      organization={organization}
      breadcrumbs={[
        { label: ui.t("site.home"), href: ui.href("/") },
        { label: <SourceText ui={ui}>{organization.name}</SourceText> },
      ]}
    >
      <h1 lang={sourceLang(ui)}>{organization.name}</h1>
      <h2>{ui.t("org.plans")}</h2>
      {props.plans.length === 0 ? (
        <p>{ui.t("org.noPlans")}</p>
      ) : (
        <TableScroll labelledBy="plans-caption">
          <table class="data">
            <caption id="plans-caption">
              {ui.tParts("org.plansCaption", { org: <SourceText ui={ui}>{organization.name}</SourceText> })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{ui.t("col.plan")}</th>
                <th scope="col">{ui.t("col.period")}</th>
                <th scope="col">{ui.t("col.latestRound")}</th>
                <th scope="col">{ui.t("col.asOf")}</th>
                {sharedScale ? (
                  GRADES.map((g) => (
                    <th scope="col" class="num">
                      {gradeHeader(g, ui)}
                    </th>
                  ))
                ) : (
                  <th scope="col">{ui.t("summary.heading")}</th>
                )}
              </tr>
            </thead>
            <tbody>
              {props.plans.map(({ plan, latest }) => (
                <tr>
                  <th scope="row" lang={sourceLang(ui)}>
                    <a
                      href={ui.href(
                        latest
                          ? planPath(organization.slug, plan.id, latest.fiscalYear)
                          : planPath(organization.slug, plan.id),
                      )}
                    >
                      {plan.title}
                    </a>
                  </th>
                  <td>{planPeriodText(plan, ui.lang)}</td>
                  <td>{latest ? fiscalYearText(latest.fiscalYear, ui.lang) : ui.t("org.noRounds")}</td>
                  <td>{latest ? <JapaneseDate iso={latest.asOf} ui={ui} /> : "—"}</td>
                  {sharedScale ? (
                    GRADES.map((g) => (
                      <td class="num">{latest ? gradeCount(latest.gradeSummary, g) : "—"}</td>
                    ))
                  ) : (
                    <td>
                      {latest ? formatGradeSummary(latest.gradeSummary, ui.lang, latest.gradeScale) : "—"}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}
