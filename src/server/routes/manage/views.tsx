import type { Child } from "hono/jsx";
import type { PlanDocument } from "../../../domain/plan-document.ts";
import { ROUND_STATE_LABELS } from "../../../domain/workflow-states.ts";
import { progressTableTitle } from "../../../io/progress-table-columns.ts";
import type { OrganizationRecord, PlanRecord, RoundRecord, SignedInAccount } from "../../../store/types.ts";
import { sourceLang, type Ui } from "../../i18n.ts";
import { orgPath, planPath } from "../../page-context.ts";
import { AccountBar, rolesText } from "../../views/account-bar.tsx";
import { fiscalYearText, planPeriodText } from "../../views/dates.tsx";
import { Layout } from "../../views/layout.tsx";
import { SourceText } from "../../views/source-text.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { departmentsText } from "../departments/messages.ts";
import { entryText } from "../entry/messages.ts";
import { importLinkText } from "../import/text.ts";
import { importBase } from "../import/views.tsx";
import { planEditorText } from "../plan-editor/messages.ts";
import { ProgressTable } from "../progress-table/views.tsx";
import { DraftPaperLinks } from "../workbook/views.tsx";

export interface ManagePageProps {
  ui: Ui;
  url: URL;
  organization: OrganizationRecord;
  account: SignedInAccount;
  csrfToken: string | undefined;
}

export function manageCrumbs(ui: Ui, organization: OrganizationRecord, current?: string) {
  const base = orgPath(organization.slug);
  return [
    { label: <SourceText ui={ui}>{organization.name}</SourceText>, href: ui.href(base) },
    current === undefined
      ? { label: ui.t("manage.title") }
      : { label: ui.t("manage.title"), href: ui.href(`${base}/manage`) },
    ...(current === undefined ? [] : [{ label: current }]),
  ];
}

export function ManageLayoutBar(props: ManagePageProps) {
  return (
    <AccountBar
      ui={props.ui}
      organization={props.organization}
      account={props.account}
      csrfToken={props.csrfToken}
    />
  );
}

export function ManageHomePage(
  props: ManagePageProps & {
    plans: { plan: PlanRecord; rounds: RoundRecord[] }[];
    canManageAccounts: boolean;
    /** The round's pages (src/server/routes/round/): the dashboard, or grading for the committee. */
    canManageRounds?: boolean;
    /** The plan editor (src/server/routes/plan-editor/). */
    canManagePlans?: boolean;
    canGrade?: boolean;
    /** The import pages (src/server/routes/import/): the secretariat's. */
    canImport?: boolean;
    /** The person's notices (src/server/notices). */
    notices?: Child;
  },
) {
  const { ui, organization, account } = props;
  const base = orgPath(organization.slug);
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={ui.t("manage.title")}
      organization={organization}
      stylesheets={["forms.css"]}
      breadcrumbs={manageCrumbs(ui, organization)}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <h1>{ui.t("manage.title")}</h1>
      <p class="lead">{ui.t("manage.lead", { name: account.displayName, roles: rolesText(ui, account) })}</p>
      <ul class="actions">
        {props.canManageAccounts ? (
          <li>
            <a href={ui.href(`${base}/manage/accounts`)}>{ui.t("manage.accounts")}</a>
          </li>
        ) : null}
        {props.canManagePlans ? (
          <>
            <li>
              <a href={ui.href(`${base}/manage/plan-editor`)}>{planEditorText(ui.lang)("edit.link")}</a>
            </li>
            <li>
              <a href={ui.href(`${base}/manage/departments`)}>
                {departmentsText(ui.lang)("departments.link")}
              </a>
            </li>
          </>
        ) : null}
        {props.canImport ? (
          <li>
            <a href={ui.href(importBase(organization.slug))}>{importLinkText(ui)}</a>
          </li>
        ) : null}
        <li>
          <a href={ui.href(`${base}/manage/account`)}>{ui.t("manage.account")}</a>
        </li>
        <li>
          <a href={ui.href(`${base}/manage/my-work`)}>{entryText(ui.lang)("myWork.link")}</a>
        </li>
      </ul>
      {props.notices}
      <h2>{ui.t("manage.plans")}</h2>
      {props.plans.length === 0 ? (
        <p>{ui.t("manage.noPlans")}</p>
      ) : (
        <TableScroll labelledBy="manage-plans-caption">
          <table class="data">
            <caption id="manage-plans-caption">{ui.t("manage.plansCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{ui.t("col.plan")}</th>
                <th scope="col">{ui.t("col.period")}</th>
                <th scope="col">{ui.t("col.fiscalYear")}</th>
                <th scope="col">{ui.t("manage.state")}</th>
                <th scope="col">{ui.t("manage.draftTable")}</th>
                <th scope="col">{ui.t("manage.publicPage")}</th>
                <th scope="col">{ui.t("round.manageLink")}</th>
              </tr>
            </thead>
            <tbody>
              {props.plans.flatMap(({ plan, rounds }) =>
                rounds.map((round) => (
                  <tr>
                    <th scope="row" lang={sourceLang(ui)}>
                      {plan.title}
                    </th>
                    <td>{planPeriodText(plan, ui.lang)}</td>
                    <td>{fiscalYearText(round.fiscalYear, ui.lang)}</td>
                    <td>{ROUND_STATE_LABELS[round.state][ui.lang]}</td>
                    <td>
                      {round.state === "published" ? (
                        "—"
                      ) : (
                        <a href={ui.href(`${base}/manage/plans/${plan.id}/${round.fiscalYear}/table`)}>
                          {ui.t("manage.draftTable")}
                        </a>
                      )}
                    </td>
                    <td>
                      {round.state === "published" ? (
                        <a href={ui.href(planPath(organization.slug, plan.id, round.fiscalYear))}>
                          {ui.t("manage.publicPage")}
                        </a>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>
                      {props.canManageRounds || props.canGrade ? (
                        <a
                          href={ui.href(
                            `${base}/manage/plans/${plan.id}/${round.fiscalYear}${props.canManageRounds ? "" : "/grading"}`,
                          )}
                        >
                          {ui.t(props.canManageRounds ? "round.toDashboard" : "round.toGrading")}
                        </a>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </TableScroll>
      )}
      {props.canManageRounds && props.plans.length > 0 ? (
        <ul class="actions">
          {props.plans.map(({ plan }) => (
            <li>
              <a href={ui.href(`${base}/manage/plans/${plan.id}/rounds/new`)}>
                {ui.t("round.openNext")}
                <span lang={sourceLang(ui)}>（{plan.title}）</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </Layout>
  );
}

export function DraftTablePage(props: ManagePageProps & { plan: PlanRecord; document: PlanDocument }) {
  const { ui, organization, plan, document } = props;
  const fyLabel = fiscalYearText(document.round.fiscalYear, ui.lang);
  const title = ui.t("manage.draftTitle", { title: progressTableTitle(document) });
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={title}
      organization={organization}
      wide={true}
      stylesheets={["progress-table.css", "forms.css"]}
      breadcrumbs={manageCrumbs(ui, organization, `${plan.title} ${fyLabel}`)}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <p class="draft-banner">{ui.t("manage.draftBanner")}</p>
      <h1 class="progress-heading" lang={sourceLang(ui)}>
        {title}
      </h1>
      <DraftPaperLinks
        ui={ui}
        slug={organization.slug}
        planId={plan.id}
        fiscalYear={document.round.fiscalYear}
      />
      <TableScroll labelledBy="progress-caption">
        <ProgressTable
          ui={ui}
          document={document}
          slug={organization.slug}
          planId={plan.id}
          fyLabel={fyLabel}
          lasting={false}
        />
      </TableScroll>
    </Layout>
  );
}
