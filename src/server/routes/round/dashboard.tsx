import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { initiativeNumberLabel, withNumberSign } from "../../../domain/initiative-number.ts";
import {
  REPORT_STATE_LABELS,
  REPORT_STATES,
  type ReportState,
  ROUND_STATE_LABELS,
} from "../../../domain/workflow-states.ts";
import type {
  AuditEntryRecord,
  DepartmentRecord,
  PlanRecord,
  ReportRecord,
  RoundRecord,
} from "../../../store/types.ts";
import { route } from "../../auth/rules.ts";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../html.ts";
import type { MessageKey, Ui } from "../../i18n.ts";
import { sourceLang } from "../../i18n.ts";
import { dateText, fiscalYearText } from "../../views/dates.tsx";
import { Layout } from "../../views/layout.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { ManageLayoutBar } from "../manage/views.tsx";
import {
  MANAGE_ROUND,
  manageRoundPath,
  type PageProps,
  pageProps,
  roundOfPath,
  snapshotOf,
  todayInJapan,
} from "./context.ts";
import { RoundNav, roundCrumbs } from "./views-common.tsx";

/** ?department=<id>&policy=<1-based position>: both optional, empty means all. */
export const dashboardQuery = z.object({
  department: z
    .string()
    .regex(/^\d{1,9}$/)
    .optional()
    .or(z.literal("")),
  policy: z
    .string()
    .regex(/^\d{1,4}$/)
    .optional()
    .or(z.literal("")),
});

/** States in which a report is still the department's to hand in. */
const NOT_SUBMITTED: readonly ReportState[] = ["notStarted", "inProgress", "returned"];

export interface DashboardRow {
  number: number;
  /** The No. as written (initiativeNumberLabel). */
  label: string;
  title: string;
  policyIndex: number;
  departments: string[];
  report: ReportRecord;
  overdue: boolean;
  last: AuditEntryRecord | undefined;
}

/**
 * The secretariat's dashboard of a round: each initiative's report state, filterable by department
 * and 基本方針 (a GET form, no script), the count per state, the last change to each report (who,
 * what, when) and what is past the entry deadline and not yet submitted.
 */
export function registerDashboard(app: OpenAPIHono<AppEnv>): void {
  route(
    app,
    "get",
    "/o/:org/manage/plans/:planId/:fy",
    MANAGE_ROUND,
    { query: dashboardQuery },
    async (c) => {
      const { plan, round } = await roundOfPath(c);
      const props = pageProps(c);
      const store = c.get("store");
      const query = dashboardQuery.safeParse(c.req.query());
      const filter = query.success ? query.data : {};
      const [snapshot, reports, departments] = await Promise.all([
        snapshotOf(c, round),
        store.reports.list(round.id),
        store.departments.list(props.organization.id),
      ]);
      const audit = await store.audit.listFor(
        props.organization.id,
        [{ entity: "report", ids: reports.map((r) => r.id) }],
        20_000,
      );
      const lastByReport = new Map<number, AuditEntryRecord>();
      for (const entry of audit)
        if (entry.entityId !== null && !lastByReport.has(entry.entityId))
          lastByReport.set(entry.entityId, entry);
      const byNumber = new Map(reports.map((r) => [r.initiativeNumber, r]));
      const today = todayInJapan(c.get("security").now());
      const pastDeadline = round.entryDeadline !== null && today > round.entryDeadline;
      const rows: DashboardRow[] = [];
      snapshot.document.policies.forEach((policy, index) => {
        for (const initiative of policy.initiatives) {
          const report = byNumber.get(initiative.number);
          if (!report) continue;
          rows.push({
            number: initiative.number,
            label: initiativeNumberLabel(initiative),
            title: initiative.title,
            policyIndex: index + 1,
            departments: initiative.departments,
            report,
            overdue: pastDeadline && NOT_SUBMITTED.includes(report.state),
            last: lastByReport.get(report.id),
          });
        }
      });
      const department = departments.find((d) => String(d.id) === filter.department);
      const shown = rows.filter(
        (row) =>
          (!department || row.departments.includes(department.name)) &&
          (!filter.policy || String(row.policyIndex) === filter.policy),
      );
      return renderPage(
        c,
        <DashboardPage
          {...props}
          plan={plan}
          round={round}
          rows={shown}
          departments={departments}
          policies={snapshot.document.policies.map((p) => `${p.code}${p.title}`)}
          selected={{ department: department ? String(department.id) : "", policy: filter.policy ?? "" }}
        />,
      );
    },
  );
}

export function countByState(rows: readonly DashboardRow[]): Record<ReportState, number> {
  const counts = Object.fromEntries(REPORT_STATES.map((s) => [s, 0])) as Record<ReportState, number>;
  for (const row of rows) counts[row.report.state] += 1;
  return counts;
}

/** What an audit entry did, in words: 「報告を更新（(D) 取組内容、状態）」. */
export function changeText(ui: Ui, entry: AuditEntryRecord): string {
  const key = `change.${entry.action}` as MessageKey;
  const label = ui.t(key) === key ? entry.action : ui.t(key);
  return label;
}

function timeText(iso: string, lang: "ja" | "en"): string {
  const japan = new Date(Date.parse(iso) + 9 * 3600 * 1000).toISOString();
  return `${dateText(japan.slice(0, 10), lang)} ${japan.slice(11, 16)}`;
}

export { timeText };

function DashboardPage(
  props: PageProps & {
    plan: PlanRecord;
    round: RoundRecord;
    rows: DashboardRow[];
    departments: DepartmentRecord[];
    policies: string[];
    selected: { department: string; policy: string };
  },
) {
  const { ui, organization, plan, round, rows } = props;
  const fy = fiscalYearText(round.fiscalYear, ui.lang);
  const title = ui.t("dashboard.title", { fy, plan: plan.title });
  const counts = countByState(rows);
  const overdue = rows.filter((r) => r.overdue).length;
  const base = manageRoundPath(organization.slug, plan.id, round.fiscalYear);
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={title}
      organization={organization}
      wide={true}
      stylesheets={["forms.css", "review.css"]}
      breadcrumbs={roundCrumbs(props, plan, round.fiscalYear)}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <h1 lang={sourceLang(ui)}>{title}</h1>
      <RoundNav
        ui={ui}
        slug={organization.slug}
        plan={plan}
        round={round}
        secretariat={true}
        current="dashboard"
      />
      <p>
        {ui.t("round.currentState", { state: ROUND_STATE_LABELS[round.state][ui.lang] })}
        {" ／ "}
        {round.entryDeadline
          ? ui.t("dashboard.deadline", { date: dateText(round.entryDeadline, ui.lang) })
          : ui.t("dashboard.noDeadline")}
      </p>
      <form method="get" class="form filters" aria-label={ui.t("dashboard.filters")}>
        {ui.lang === "en" ? <input type="hidden" name="lang" value="en" /> : null}
        <div class="field">
          <label for="department">{ui.t("dashboard.department")}</label>
          <select id="department" name="department">
            <option value="">{ui.t("dashboard.all")}</option>
            {props.departments.map((d) => (
              <option
                value={String(d.id)}
                selected={props.selected.department === String(d.id)}
                lang={sourceLang(ui)}
              >
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="policy">{ui.t("dashboard.policy")}</label>
          <select id="policy" name="policy">
            <option value="">{ui.t("dashboard.all")}</option>
            {props.policies.map((p, i) => (
              <option
                value={String(i + 1)}
                selected={props.selected.policy === String(i + 1)}
                lang={sourceLang(ui)}
              >
                {p}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button-secondary">
          {ui.t("dashboard.apply")}
        </button>
      </form>
      <h2 id="counts-heading">{ui.t("dashboard.counts")}</h2>
      <TableScroll labelledBy="counts-caption">
        <table class="data counts">
          <caption id="counts-caption">{ui.t("dashboard.countsCaption")}</caption>
          <thead>
            <tr>
              {REPORT_STATES.map((s) => (
                <th scope="col">{REPORT_STATE_LABELS[s][ui.lang]}</th>
              ))}
              <th scope="col">{ui.t("dashboard.total")}</th>
              <th scope="col">{ui.t("dashboard.overdue")}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              {REPORT_STATES.map((s) => (
                <td data-state={s}>{String(counts[s])}</td>
              ))}
              <td data-state="total">{String(rows.length)}</td>
              <td data-state="overdue">{String(overdue)}</td>
            </tr>
          </tbody>
        </table>
      </TableScroll>
      {overdue > 0 ? <p class="state-overdue">{ui.t("dashboard.overdueCount", { count: overdue })}</p> : null}
      {rows.length === 0 ? (
        <p>{ui.t("dashboard.none")}</p>
      ) : (
        <TableScroll labelledBy="dashboard-caption">
          <table class="data">
            <caption id="dashboard-caption">{ui.t("dashboard.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{ui.t("dashboard.number")}</th>
                <th scope="col">{ui.t("dashboard.initiative")}</th>
                <th scope="col">{ui.t("dashboard.department")}</th>
                <th scope="col">{ui.t("dashboard.reportState")}</th>
                <th scope="col">{ui.t("dashboard.lastChange")}</th>
                <th scope="col">{ui.t("dashboard.history")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr data-number={String(row.number)}>
                  <td>{row.label}</td>
                  <th scope="row" lang={sourceLang(ui)}>
                    <a href={ui.href(`${base}/review/${row.number}`)}>{row.title}</a>
                  </th>
                  <td lang={sourceLang(ui)}>{row.departments.join("、")}</td>
                  <td>
                    {REPORT_STATE_LABELS[row.report.state][ui.lang]}
                    {row.overdue ? <span class="state-overdue"> {ui.t("dashboard.overdue")}</span> : null}
                  </td>
                  <td>
                    {row.last
                      ? ui.t("dashboard.lastChangeText", {
                          who: row.last.actorName ?? ui.t("history.system"),
                          when: timeText(row.last.at, ui.lang),
                          what: changeText(ui, row.last),
                        })
                      : ui.t("dashboard.never")}
                  </td>
                  <td>
                    <a href={ui.href(`${base}/history/${row.number}`)}>
                      {ui.t("dashboard.history")}
                      <span class="visually-hidden"> {withNumberSign(row.label)}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}
