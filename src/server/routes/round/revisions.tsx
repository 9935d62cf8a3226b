import { createHash } from "node:crypto";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type DocumentChange, diffDocuments } from "../../../domain/document-diff.ts";
import { withNumberSign } from "../../../domain/initiative-number.ts";
import {
  contentDisposition,
  contentType,
  type ExportFormat,
  exportFileName,
} from "../../../io/export/file-name.ts";
import type { OrganizationRecord, PublicationRecord } from "../../../store/types.ts";
import { PUBLIC, route } from "../../auth/rules.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import { type MessageKey, sourceLang, type Ui } from "../../i18n.ts";
import { loadOrganization, loadPlanOf, loadPublication, type PublishedPlan } from "../../load.ts";
import { orgPath, pageContext, planPath } from "../../page-context.ts";
import { parseOrThrow } from "../../params.ts";
import { dateText, fiscalYearText } from "../../views/dates.tsx";
import { Layout } from "../../views/layout.tsx";
import { SourceText } from "../../views/source-text.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { roundParams } from "../plans/schema.ts";

const revisionNumber = z.preprocess(
  (v) => (typeof v === "string" && !/^[0-9]{1,6}$/.test(v) ? Number.NaN : v),
  z.coerce.number().int().min(1),
);

export const compareQuery = z.object({ from: revisionNumber, to: revisionNumber });
const csvQuery = z.object({ encoding: z.enum(["utf-8", "shift_jis"]).optional() });
const FORMATS = ["xlsx", "pdf", "csv", "json"] as const;

interface Loaded {
  organization: OrganizationRecord;
  plan: PublishedPlan;
  fiscalYear: number;
  revisions: PublicationRecord[];
}

async function loadRevisions(c: Context<AppEnv>): Promise<Loaded> {
  const params = parseOrThrow(roundParams, c.req.param(), "path");
  const organization = await loadOrganization(c, params.org);
  const plan = await loadPlanOf(c, organization, params.planId);
  const revisions = await c.get("store").publications.revisions(plan.id, params.fy);
  if (revisions.length === 0) throw new AppError("round.not-found", { fiscalYear: String(params.fy) });
  return { organization, plan, fiscalYear: params.fy, revisions };
}

function revisionOf(loaded: Loaded, n: number): PublicationRecord {
  const found = loaded.revisions.find((r) => r.revision === n);
  if (!found) throw new AppError("round.not-found", { fiscalYear: `${loaded.fiscalYear} (${n})` });
  return found;
}

export function revisionsPath(slug: string, planId: number, fiscalYear: number): string {
  return `${planPath(slug, planId, fiscalYear)}/revisions`;
}

/**
 * The public list of a round's published revisions (第n版), each still downloadable, and what
 * changed between two of them, field by field. Publications never change, so these pages are
 * public and kept by the page cache like the others.
 */
export function registerRevisionPages(app: OpenAPIHono<AppEnv>): void {
  const base = "/o/:org/plans/:planId/:fy/revisions";

  route(app, "get", base, PUBLIC, async (c) => {
    const loaded = await loadRevisions(c);
    return renderPage(c, <RevisionsPage {...pageContext(c)} loaded={loaded} />);
  });

  route(app, "get", `${base}/compare`, PUBLIC, { query: compareQuery }, async (c) => {
    const loaded = await loadRevisions(c);
    const query = parseOrThrow(compareQuery, c.req.query(), "query");
    const [from, to] = await Promise.all([
      loadPublication(c, revisionOf(loaded, query.from)),
      loadPublication(c, revisionOf(loaded, query.to)),
    ]);
    const changes = diffDocuments(from.document, to.document);
    return renderPage(
      c,
      <DiffPage {...pageContext(c)} loaded={loaded} from={query.from} to={query.to} changes={changes} />,
    );
  });

  route(app, "get", `${base}/:revision/:format`, PUBLIC, { query: csvQuery }, async (c) => {
    const loaded = await loadRevisions(c);
    const n = parseOrThrow(
      z.object({ revision: revisionNumber }),
      { revision: c.req.param("revision") },
      "path",
    );
    const format = c.req.param("format") as ExportFormat;
    if (!(FORMATS as readonly string[]).includes(format))
      throw new AppError("page.not-found", { path: c.req.path });
    const encoding = format === "csv" ? (csvQuery.parse(c.req.query()).encoding ?? "utf-8") : "utf-8";
    c.set("keptElsewhere", true);
    const publication = await loadPublication(c, revisionOf(loaded, n.revision));
    const stored = publication.document;
    const publisher = format === "csv" && !stored.organization ? loaded.organization.name : undefined;
    const document = publisher ? { ...stored, organization: { name: publisher } } : stored;
    // The same key as the latest-revision downloads (src/server/routes/plans/export.ts): one render each.
    const tag = [
      `p${publication.record.id}-${format}`,
      ...(format === "csv" ? [encoding] : []),
      ...(publisher ? [createHash("sha256").update(publisher).digest("base64url").slice(0, 8)] : []),
    ].join("-");
    const rendered = await c
      .get("exports")
      .get(tag, () =>
        c.get("renderPool").render({ format, document, encoding, created: publication.record.publishedAt }),
      );
    const suffix = `plan-${loaded.plan.id}-fy${loaded.fiscalYear}-r${n.revision}`;
    return c.body(rendered.body, 200, {
      ETag: `"${tag}"`,
      "Cache-Control": "public, max-age=31536000, immutable",
      "Content-Type": contentType(format, { encoding }),
      "Content-Disposition": contentDisposition(
        exportFileName(document, format, { encoding }).replace(/(\.[a-z]+)$/, `_第${n.revision}版$1`),
        format === "csv" ? `${suffix}-${encoding}.csv` : `${suffix}.${format}`,
      ),
    });
  });
}

function crumbs(ui: Ui, loaded: Loaded, current: string, compare?: boolean) {
  const { organization, plan, fiscalYear } = loaded;
  const fy = fiscalYearText(fiscalYear, ui.lang);
  return [
    { label: ui.t("site.home"), href: ui.href("/") },
    {
      label: <SourceText ui={ui}>{organization.name}</SourceText>,
      href: ui.href(orgPath(organization.slug)),
    },
    {
      label: (
        <>
          <SourceText ui={ui}>{plan.title}</SourceText> {fy}
        </>
      ),
      href: ui.href(planPath(organization.slug, plan.id, fiscalYear)),
    },
    ...(compare
      ? [
          {
            label: ui.t("revisions.title", { fy }),
            href: ui.href(revisionsPath(organization.slug, plan.id, fiscalYear)),
          },
        ]
      : []),
    { label: current },
  ];
}

function RevisionsPage(props: { ui: Ui; url: URL; loaded: Loaded }) {
  const { ui, loaded } = props;
  const { organization, plan, fiscalYear, revisions } = loaded;
  const fy = fiscalYearText(fiscalYear, ui.lang);
  const title = ui.t("revisions.title", { fy });
  const base = revisionsPath(organization.slug, plan.id, fiscalYear);
  const latest = revisions.at(-1)?.revision ?? 1;
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={title}
      organization={organization}
      stylesheets={["forms.css", "review.css"]}
      breadcrumbs={crumbs(ui, loaded, title)}
    >
      <h1>{title}</h1>
      <p>{ui.t("revisions.lead")}</p>
      <TableScroll labelledBy="revisions-caption">
        <table class="data">
          <caption id="revisions-caption">{ui.t("revisions.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{ui.t("revisions.revision")}</th>
              <th scope="col">{ui.t("revisions.publishedAt")}</th>
              <th scope="col">{ui.t("revisions.source")}</th>
              <th scope="col">{ui.t("revisions.reason")}</th>
              <th scope="col">{ui.t("revisions.downloads")}</th>
            </tr>
          </thead>
          <tbody>
            {[...revisions].reverse().map((r) => (
              <tr data-revision={String(r.revision)}>
                <th scope="row">
                  {ui.t("revisions.revisionN", { n: r.revision })}
                  {r.revision === latest ? `（${ui.t("revisions.latest")}）` : ""}
                </th>
                <td>
                  {dateText(
                    new Date(Date.parse(r.publishedAt) + 9 * 3600 * 1000).toISOString().slice(0, 10),
                    ui.lang,
                  )}
                </td>
                <td>{ui.t(`revisions.source.${r.source}` as MessageKey)}</td>
                <td lang={sourceLang(ui)}>{r.reason ?? "—"}</td>
                <td>
                  {FORMATS.map((f, i) => (
                    <>
                      {i > 0 ? " · " : ""}
                      <a href={`${base}/${r.revision}/${f}`} download>
                        {f.toUpperCase()}
                        <span class="visually-hidden"> {ui.t("revisions.revisionN", { n: r.revision })}</span>
                      </a>
                    </>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>{ui.t("revisions.compare")}</h2>
      {revisions.length < 2 ? (
        <p>{ui.t("revisions.only")}</p>
      ) : (
        <form method="get" action={`${base}/compare`} class="form filters">
          {ui.lang === "en" ? <input type="hidden" name="lang" value="en" /> : null}
          <RevisionSelect
            ui={ui}
            id="from"
            label={ui.t("revisions.from")}
            revisions={revisions}
            selected={latest - 1}
          />
          <RevisionSelect
            ui={ui}
            id="to"
            label={ui.t("revisions.to")}
            revisions={revisions}
            selected={latest}
          />
          <button type="submit" class="button-secondary">
            {ui.t("revisions.compareSubmit")}
          </button>
        </form>
      )}
    </Layout>
  );
}

function RevisionSelect(props: {
  ui: Ui;
  id: string;
  label: string;
  revisions: PublicationRecord[];
  selected: number;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id}>
        {props.revisions.map((r) => (
          <option value={String(r.revision)} selected={r.revision === props.selected}>
            {props.ui.t("revisions.revisionN", { n: r.revision })}
          </option>
        ))}
      </select>
    </div>
  );
}

export function changeWhere(change: DocumentChange): string {
  const parts = [
    ...(change.initiativeNumber !== undefined
      ? [withNumberSign(change.initiativeNumberText ?? change.initiativeNumber)]
      : []),
    ...(change.kpiLabel !== undefined ? [change.kpiLabel] : []),
  ];
  return parts.join(" ");
}

function DiffPage(props: {
  ui: Ui;
  url: URL;
  loaded: Loaded;
  from: number;
  to: number;
  changes: DocumentChange[];
}) {
  const { ui, loaded, changes } = props;
  const fy = fiscalYearText(loaded.fiscalYear, ui.lang);
  const title = ui.t("revisions.diffTitle", { fy, from: props.from, to: props.to });
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={title}
      organization={loaded.organization}
      wide={true}
      stylesheets={["forms.css", "review.css"]}
      breadcrumbs={crumbs(ui, loaded, title, true)}
    >
      <h1>{title}</h1>
      {changes.length === 0 ? (
        <p>{ui.t("revisions.noDiff")}</p>
      ) : (
        <>
          <p>{ui.t("revisions.diffCount", { count: changes.length })}</p>
          <TableScroll labelledBy="diff-caption">
            <table class="data diff-table">
              <caption id="diff-caption">{ui.t("revisions.diffCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{ui.t("revisions.diffWhere")}</th>
                  <th scope="col">{ui.t("history.field")}</th>
                  <th scope="col">{ui.t("revisions.revisionN", { n: props.from })}</th>
                  <th scope="col">{ui.t("revisions.revisionN", { n: props.to })}</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((change) => (
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
        </>
      )}
    </Layout>
  );
}
