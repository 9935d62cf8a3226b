import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { stringify } from "csv-stringify/sync";
import type { Context } from "hono";
import {
  isReportState,
  isRoundState,
  REPORT_STATE_LABELS,
  ROUND_STATE_LABELS,
} from "../../../domain/workflow-states.ts";
import { encodeCsv, escapeFormulaText } from "../../../io/export/csv.ts";
import { contentDisposition, contentType } from "../../../io/export/file-name.ts";
import type { AuditEntryRecord, PlanRecord, RoundRecord } from "../../../store/types.ts";
import { route } from "../../auth/rules.ts";
import { signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import { colon, hasMessage, sourceLang, type Ui } from "../../i18n.ts";
import { parseOrThrow, queryObject } from "../../params.ts";
import { Layout } from "../../views/layout.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { ManageLayoutBar } from "../manage/views.tsx";
import {
  findInitiative,
  initiativeNumberOfPath,
  MANAGE_ROUND,
  type PageProps,
  pageProps,
  roundOfPath,
  snapshotOf,
} from "./context.ts";
import { changeText, timeText } from "./dashboard.tsx";
import { roundCrumbs } from "./views-common.tsx";

/** One changed field of an audit entry: before → after, as text. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

function valueText(ui: Ui, field: string, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (field === "state" && typeof value === "string" && isReportState(value))
    return REPORT_STATE_LABELS[value][ui.lang];
  if (field === "state" && typeof value === "string" && isRoundState(value))
    return ROUND_STATE_LABELS[value][ui.lang];
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The fields an entry changed (or set), in its own order. */
export function fieldChanges(ui: Ui, entry: AuditEntryRecord): FieldChange[] {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !["kpiId", "fiscalYear", "planId", "fromRoundId", "roundId"].includes(k),
  );
  return keys.map((key) => ({
    field: key,
    before: valueText(ui, key, before[key]),
    after: valueText(ui, key, after[key]),
  }));
}

export function fieldLabel(ui: Ui, field: string, kpiLabel?: string): string {
  // The field comes from the audit log: one the catalogue does not name is shown as stored.
  const key = `field.${field}`;
  const label = hasMessage(key) ? ui.t(key) : field;
  return field === "text" && kpiLabel ? `${label}${colon(ui.lang)}${kpiLabel}` : label;
}

/**
 * The entries about one round: the round itself, its reports (with their comments), their KPI
 * values and its publications; with, for each, the initiative it concerns.
 */
async function roundAudit(c: Context<AppEnv>, plan: PlanRecord, round: RoundRecord, onlyNumber?: number) {
  const store = c.get("store");
  const { organization } = signedIn(c);
  const [snapshot, reports, values, revisions] = await Promise.all([
    snapshotOf(c, round),
    store.reports.list(round.id),
    store.kpiValues.list(round.id),
    store.publications.revisions(plan.id, round.fiscalYear),
  ]);
  const numberOfKpi = new Map<number, { number: number; label: string }>();
  for (const policy of snapshot.document.policies)
    for (const initiative of policy.initiatives)
      for (const kpi of initiative.kpis) {
        const id = snapshot.links.kpis[kpi.key];
        if (id !== undefined && !kpi.relisted)
          numberOfKpi.set(id, { number: initiative.number, label: kpi.label });
      }
  const reportNumber = new Map(reports.map((r) => [r.id, r.initiativeNumber]));
  const valueKpi = new Map(values.map((v) => [v.id, numberOfKpi.get(v.kpiId)]));
  const wanted = (n: number | undefined) => onlyNumber === undefined || n === onlyNumber;
  const entries = await store.audit.listFor(organization.id, [
    ...(onlyNumber === undefined
      ? [
          { entity: "reporting_round", ids: [round.id] },
          { entity: "publication", ids: revisions.filter((p) => p.roundId === round.id).map((p) => p.id) },
        ]
      : []),
    { entity: "report", ids: reports.filter((r) => wanted(r.initiativeNumber)).map((r) => r.id) },
    { entity: "kpi_value", ids: values.filter((v) => wanted(valueKpi.get(v.id)?.number)).map((v) => v.id) },
  ]);
  return entries.map((entry) => {
    const kpi =
      entry.entity === "kpi_value" && entry.entityId !== null ? valueKpi.get(entry.entityId) : undefined;
    const number =
      entry.entity === "report" && entry.entityId !== null ? reportNumber.get(entry.entityId) : kpi?.number;
    return { entry, number, kpiLabel: kpi?.label };
  });
}

/** The CSV's header, one row per changed field. */
const CSV_HEADER = {
  ja: ["日時", "変更した人", "操作", "対象", "対象ID", "取組項目No.", "項目", "変更前", "変更後"],
  en: ["When", "Who", "Action", "Entity", "Entity ID", "Initiative No.", "Field", "Before", "After"],
};

export function registerHistory(app: OpenAPIHono<AppEnv>): void {
  const base = "/o/:org/manage/plans/:planId/:fy";

  route(app, "get", `${base}/history/:number`, MANAGE_ROUND, async (c) => {
    const { plan, round } = await roundOfPath(c);
    const number = initiativeNumberOfPath(c);
    const snapshot = await snapshotOf(c, round);
    const found = findInitiative(snapshot.document, number);
    if (!found) throw new AppError("page.not-found", { path: c.req.path });
    const entries = await roundAudit(c, plan, round, number);
    return renderPage(
      c,
      <HistoryPage
        {...pageProps(c)}
        plan={plan}
        round={round}
        number={number}
        title={found.initiative.title}
        entries={entries}
      />,
    );
  });

  route(app, "get", `${base}/audit.csv`, MANAGE_ROUND, { query: auditCsvQuery }, async (c) => {
    const { encoding } = parseOrThrow(auditCsvQuery, queryObject(new URL(c.req.url)), "query");
    const { plan, round } = await roundOfPath(c);
    const { ui } = pageProps(c);
    const entries = await roundAudit(c, plan, round);
    const records: string[][] = [];
    // Oldest first: a log is read in the order things happened.
    for (const { entry, number, kpiLabel } of [...entries].reverse()) {
      const changes = fieldChanges(ui, entry);
      const common = [
        `${entry.at}`,
        entry.actorName ?? "",
        entry.action,
        entry.entity,
        entry.entityId === null ? "" : String(entry.entityId),
        number === undefined ? "" : String(number),
      ];
      if (changes.length === 0) records.push([...common, "", "", ""]);
      for (const change of changes)
        records.push([...common, fieldLabel(ui, change.field, kpiLabel), change.before, change.after]);
    }
    const text = stringify(
      [CSV_HEADER[ui.lang], ...records.map((r) => r.map((cell) => escapeFormulaText(cell)))],
      { record_delimiter: "\r\n", quoted_match: /[\r\n]/ },
    );
    const suffix = encoding === "shift_jis" ? "-sjis" : "";
    const name = `${ui.t("audit.csvName")}-${plan.id}-${round.fiscalYear}${suffix}.csv`;
    return c.body(new Uint8Array(encodeCsv(text, { encoding })), 200, {
      "Content-Type": contentType("csv", { encoding }),
      "Content-Disposition": contentDisposition(
        name,
        `audit-log-${plan.id}-${round.fiscalYear}${suffix}.csv`,
      ),
    });
  });
}

/** UTF-8 with a BOM as before; Shift_JIS (CP932, no BOM) for Excel on Japanese Windows. */
const auditCsvQuery = z.object({ encoding: z.enum(["utf-8", "shift_jis"]).default("utf-8") });

function HistoryPage(
  props: PageProps & {
    plan: PlanRecord;
    round: RoundRecord;
    number: number;
    title: string;
    entries: { entry: AuditEntryRecord; kpiLabel: string | undefined }[];
  },
) {
  const { ui, organization, plan, round } = props;
  const title = ui.t("history.title", { number: props.number, title: props.title });
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={title}
      organization={organization}
      wide={true}
      stylesheets={["forms.css", "review.css"]}
      breadcrumbs={roundCrumbs(props, plan, round.fiscalYear, `No.${props.number}`)}
      accountBar={<ManageLayoutBar {...props} />}
    >
      <h1 lang={sourceLang(ui)}>{title}</h1>
      {props.entries.length === 0 ? (
        <p>{ui.t("history.none")}</p>
      ) : (
        <TableScroll labelledBy="history-caption">
          <table class="data diff-table">
            <caption id="history-caption">{ui.t("history.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{ui.t("history.when")}</th>
                <th scope="col">{ui.t("history.who")}</th>
                <th scope="col">{ui.t("history.what")}</th>
                <th scope="col">{ui.t("history.field")}</th>
                <th scope="col">{ui.t("history.before")}</th>
                <th scope="col">{ui.t("history.after")}</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.flatMap(({ entry, kpiLabel }) => {
                const changes = fieldChanges(ui, entry);
                const rows = changes.length > 0 ? changes : [{ field: "", before: "", after: "" }];
                return rows.map((change) => (
                  <tr>
                    <td>{timeText(entry.at, ui.lang)}</td>
                    <td>{entry.actorName ?? ui.t("history.system")}</td>
                    <td>{changeText(ui, entry)}</td>
                    <td>{change.field ? fieldLabel(ui, change.field, kpiLabel) : ""}</td>
                    <td lang={sourceLang(ui)}>
                      {change.before ? <del class="diff">{change.before}</del> : "—"}
                    </td>
                    <td lang={sourceLang(ui)}>
                      {change.after ? <ins class="diff">{change.after}</ins> : "—"}
                    </td>
                  </tr>
                ));
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}
