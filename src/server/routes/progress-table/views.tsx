import { raw } from "hono/html";
import { type Grade, gradeCount, gradeScaleOf, gradeWithLabel } from "../../../domain/grade.ts";
import { summaryCodes } from "../../../domain/grade-summary.ts";
import { initiativeNumberLabel } from "../../../domain/initiative-number.ts";
import type { Initiative, Kpi, PlanDocument, Policy } from "../../../domain/plan-document.ts";
import {
  columnLabel,
  initiativeCellText,
  kpiCellText,
  type ProgressColumn,
  type ProgressColumnId,
  policyLabel,
  progressLegend,
  progressTableBlocks,
  progressTableHeadings,
  progressTableTitle,
} from "../../../io/progress-table-columns.ts";
import type { OrganizationRecord, PlanRecord, PublicationRecord } from "../../../store/types.ts";
import { sourceLang, type Ui } from "../../i18n.ts";
import { initiativePath, orgPath, planPath, tablePath } from "../../page-context.ts";
import { AsOf, fiscalYearText } from "../../views/dates.tsx";
import { DownloadLinks, DownloadLinksInline } from "../../views/downloads.tsx";
import { gradeTextHtml } from "../../views/grade.tsx";
import { attr, esc } from "../../views/html-string.ts";
import { Layout } from "../../views/layout.tsx";
import { phraseHtml } from "../../views/phrase-html.ts";
import { SourceText } from "../../views/source-text.tsx";
import { TableScroll } from "../../views/table-scroll.tsx";
import { YearSwitch } from "../plans/views.tsx";
import { cachedRows } from "./row-cache.ts";

/**
 * The progress table (進行管理集計表) as the city publishes it: the same title, note, legend, the two
 * header rows with their letters (A)–(H), one sub-row per KPI, the committee's grade summary and the
 * as-of date. Columns come from the shared column model, so the page matches the xlsx and the PDF.
 */

export interface ProgressTablePageProps {
  ui: Ui;
  url: URL;
  organization: OrganizationRecord;
  plan: PlanRecord;
  rounds: PublicationRecord[];
  document: PlanDocument;
}

export function ProgressTablePage(props: ProgressTablePageProps) {
  const { ui, organization, plan, document } = props;
  const fy = document.round.fiscalYear;
  const fyLabel = fiscalYearText(fy, ui.lang);
  const slug = organization.slug;
  const title = progressTableTitle(document);
  return (
    <Layout
      ui={ui}
      url={props.url}
      title={title}
      organization={organization}
      wide={true}
      stylesheets={["progress-table.css"]}
      breadcrumbs={[
        { label: ui.t("site.home"), href: ui.href("/") },
        { label: <SourceText ui={ui}>{organization.name}</SourceText>, href: ui.href(orgPath(slug)) },
        {
          label: (
            <>
              <SourceText ui={ui}>{plan.title}</SourceText> {fyLabel}
            </>
          ),
          href: ui.href(planPath(slug, plan.id, fy)),
        },
        { label: ui.lang === "ja" ? "進行管理集計表" : "Progress table" },
      ]}
    >
      <h1 class="progress-heading" lang={sourceLang(ui)}>
        {title}
      </h1>
      <div class="no-print">
        <YearSwitch
          ui={ui}
          rounds={props.rounds}
          current={fy}
          href={(y) => ui.href(tablePath(slug, plan.id, y))}
        />
        <ul class="actions">
          <li>
            <a href={ui.href(planPath(slug, plan.id, fy))}>{ui.t("plan.toOverview")}</a>
          </li>
        </ul>
        <DownloadLinksInline ui={ui} planId={plan.id} fiscalYear={fy} />
      </div>
      <div class="progress-notes">
        <ProgressNotes ui={ui} document={document} />
      </div>
      <TableScroll labelledBy="progress-caption" hint={ui.t("table.scrollHint")} class="progress-scroll">
        <ProgressTable ui={ui} document={document} slug={slug} planId={plan.id} fyLabel={fyLabel} />
      </TableScroll>
      <GradeSummaryFooter ui={ui} document={document} />
      <p class="progress-asof">
        <AsOf iso={document.round.asOf} ui={ui} />
      </p>
      <DownloadLinks ui={ui} planId={plan.id} fiscalYear={fy} />
    </Layout>
  );
}

/** Japanese headers break between phrases (「当初」 / 「(H27末)」), as the cells do. */
/** The note and the A–D legend: above the table, and on paper above it on every page. */
function ProgressNotes(props: { ui: Ui; document: PlanDocument }) {
  const { ui } = props;
  return (
    <>
      <p>{ui.t("table.transcribedNote")}</p>
      <p>
        {ui.t("table.sectionLabel")} {ui.t("table.sectionTitle")}
      </p>
      <p class="progress-legend">{progressLegend(props.document, ui.lang)}</p>
    </>
  );
}

function headerText(column: ProgressColumn, ui: Ui) {
  if (ui.lang === "ja") return raw(phraseHtml(columnLabel(column)));
  return column.letter ? `${column.headerEn} ${column.letter}` : column.headerEn;
}

/**
 * The least share (in the column model's units) of a column whose English header holds a word too long
 * for it: English headers wrap between words only (progress-table.css), so "Departments" and
 * "Progress" need room that their Japanese headers (関係課, 進捗状況), which wrap anywhere, do not.
 */
const MIN_WIDTH_EN: Partial<Record<ProgressColumnId, number>> = { departments: 15, grade: 11 };

function columnWidth(column: ProgressColumn, ui: Ui): number {
  return ui.lang === "en" ? Math.max(column.width, MIN_WIDTH_EN[column.id] ?? 0) : column.width;
}

/**
 * On screen the No. and 取組項目 columns stay in view while the table scrolls sideways: their header
 * cells are named here; their body cells are the rows' own header cells (th scope="row").
 */
const STICKY_HEADER: Partial<Record<ProgressColumnId, string>> = {
  number: "sticky-number",
  title: "sticky-title",
};

/**
 * "r" / "c" for right / centred cells, nothing for left. Class names are kept to a letter: a large
 * plan's table has tens of thousands of cells, and long names were a quarter of its bytes.
 */
function alignClass(column: ProgressColumn): string | undefined {
  return column.align === "right" ? "r" : column.align === "center" ? "c" : undefined;
}

/** The alignment letter, and "p" for a paragraph (which breaks between characters, not phrases). */
function cellClass(column: ProgressColumn): string | undefined {
  const align = alignClass(column);
  if (column.breaks !== "paragraph") return align;
  return align ? `${align} p` : "p";
}

export function ProgressTable(props: {
  ui: Ui;
  document: PlanDocument;
  slug: string;
  planId: number;
  fyLabel: string;
  /**
   * The document is kept and never changes (a publication's, the default): its rows are also kept
   * by object. A draft read for one request is not (its rows are still found by their content).
   */
  lasting?: boolean;
}) {
  const { ui, document } = props;
  const lasting = props.lasting ?? true;
  const headings = progressTableHeadings(document);
  const columns = headings.columns;
  const totalWidth = columns.reduce((sum, c) => sum + columnWidth(c, ui), 0);
  const number = columns.find((c) => c.id === "number");
  const numberWidth = number ? columnWidth(number, ui) : 0;
  const kpiColumns = columns.filter((c) => c.kpi);
  const firstKpi = columns.findIndex((c) => c.kpi);
  const group = headings.kpiGroup;
  const gradeScale = gradeScaleOf(document.plan);
  const gradeHtml = gradeTextHtml(ui, gradeScale);
  // What every row is rendered with besides its own initiative, language, link and place.
  const surroundings = JSON.stringify([
    ui.lang,
    gradeScale,
    columns.map((c) => [c.id, c.kpi, c.align, c.breaks]),
  ]);
  return (
    // The No. column's share of the table places the sticky 取組項目 column beside it (progress-table.css).
    <table class="progress" style={`--number-share:${(numberWidth / totalWidth).toFixed(4)}`}>
      <caption id="progress-caption">
        {ui.lang === "ja" ? `${props.fyLabel}の進行管理集計表` : `Progress table for ${props.fyLabel}`}
      </caption>
      <colgroup>
        {columns.map((c) => (
          <col
            class={`col-${c.id}`}
            style={`width:${((columnWidth(c, ui) / totalWidth) * 100).toFixed(2)}%`}
          />
        ))}
      </colgroup>
      <thead>
        {/* Printed only (hidden on screen): the header group repeats on every page, as these do in the original. */}
        <tr class="print-notes">
          <td colspan={columns.length}>
            <ProgressNotes ui={ui} document={document} />
          </td>
        </tr>
        <tr>
          {columns.map((c, i) => {
            if (c.kpi) {
              return i === firstKpi ? (
                <th scope="colgroup" colspan={kpiColumns.length}>
                  {ui.lang === "ja" ? `${group.header} ${group.letter}` : `${group.headerEn} ${group.letter}`}
                </th>
              ) : null;
            }
            return (
              <th scope="col" rowspan={2} class={STICKY_HEADER[c.id]}>
                {headerText(c, ui)}
              </th>
            );
          })}
        </tr>
        <tr>
          {kpiColumns.map((c) => (
            <th scope="col">{headerText(c, ui)}</th>
          ))}
        </tr>
      </thead>
      {chunks(
        progressTableBlocks(document).flatMap((block) => {
          const policy = policyLabel(block.policy);
          return block.initiatives.map(({ initiative, rowSpan }, index) => ({
            block,
            policy,
            initiative,
            rowSpan,
            first: index === 0,
          }));
        }),
        ROWS_PER_CHUNK,
      ).map((chunk) => (
        <RowChunk
          rows={() =>
            chunk
              .map(({ block, policy, initiative, rowSpan, first }) => {
                const href = ui.href(initiativePath(props.slug, props.planId, initiative.number), {
                  fy: String(document.round.fiscalYear),
                });
                const layout = `${surroundings},${first ? 1 : 0},${rowSpan},${JSON.stringify([href, policy])}`;
                return cachedRows(initiative, layout, lasting, () =>
                  initiativeRowsHtml({
                    ui,
                    columns,
                    policy: block.policy,
                    firstOfPolicy: first,
                    initiative,
                    rowSpan,
                    href,
                    gradeHtml,
                  }),
                );
              })
              .join("")
          }
        />
      ))}
      {/* Printed only (hidden on screen): repeated at the foot of every page, it closes the 基本方針 cell a page cuts. */}
      <tfoot class="page-rule">
        <tr>
          <td colspan={columns.length} />
        </tr>
      </tfoot>
    </table>
  );
}

/** Initiatives rendered between two yields to the event loop. */
const ROWS_PER_CHUNK = 50;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Renders its rows after letting the event loop run: a plan of a thousand initiatives takes tens of
 * milliseconds to render when its rows are new, and other requests (a department's save) should not
 * wait behind all of it at once. The rows are made here, after the yield, not when the table is.
 */
async function RowChunk(props: { rows: () => string }) {
  await new Promise((resolve) => setImmediate(resolve));
  return raw(props.rows());
}

/**
 * One initiative: its own <tbody> so that print keeps it on one page, its cells spanning one sub-row
 * per KPI. A row group cannot be spanned across, so the policy cell sits in the policy's first
 * initiative and later initiatives continue it with a borderless cell, as the printed original does.
 *
 * Built as a string, not JSX: a large plan's table has tens of thousands of cells, and a JSX node per
 * cell made rendering the most expensive part of the request (garbage included). The markup is the
 * same as the JSX it replaces, byte for byte.
 */
function initiativeRowsHtml(props: {
  ui: Ui;
  columns: ProgressColumn[];
  policy: Policy;
  firstOfPolicy: boolean;
  initiative: Initiative;
  rowSpan: number;
  href: string;
  gradeHtml: (grade: Grade | null, notAssessed?: boolean) => string;
}): string {
  const { ui, columns, policy, initiative, rowSpan } = props;
  const kpis: (Kpi | undefined)[] = initiative.kpis.length > 0 ? initiative.kpis : [undefined];
  const kpiColumns = columns.filter((c) => c.kpi);
  const firstKpi = columns.findIndex((c) => c.kpi);
  const kpiCells = (kpi: Kpi | undefined) => {
    let out = "";
    for (const c of kpiColumns)
      out += `<td${attr("class", alignClass(c))}>${kpi ? phraseHtml(kpiCellText(c.id, kpi), c.breaks) : ""}</td>`;
    return out;
  };
  const span = rowSpan > 1 ? rowSpan : undefined;
  const spanAttr = attr("rowspan", span);

  let firstRow = "";
  columns.forEach((c, i) => {
    if (c.kpi) {
      if (i === firstKpi) firstRow += kpiCells(kpis[0]);
      return;
    }
    const cls = attr("class", alignClass(c));
    switch (c.id) {
      case "policy":
        firstRow += props.firstOfPolicy
          ? `<th scope="rowgroup"${spanAttr}${cls}>${phraseHtml(policyLabel(policy))}</th>`
          : `<td${spanAttr} class="cont"><span class="visually-hidden">${esc(policyLabel(policy))}</span></td>`;
        return;
      case "number":
        firstRow += `<th scope="row"${spanAttr}${cls}>${esc(initiativeNumberLabel(initiative))}</th>`;
        return;
      case "title":
        firstRow += `<th scope="row"${spanAttr}${cls}><a${attr("href", props.href)}>${phraseHtml(initiative.title)}</a></th>`;
        return;
      case "grade":
        firstRow += `<td${spanAttr}${cls}>${props.gradeHtml(initiative.grade, initiative.notAssessed)}</td>`;
        return;
      default:
        firstRow += `<td${spanAttr}${attr("class", cellClass(c))}>${phraseHtml(initiativeCellText(c.id, policy, initiative), c.breaks)}</td>`;
    }
  });

  let rest = "";
  for (const kpi of kpis.slice(1)) rest += `<tr>${kpiCells(kpi)}</tr>`;
  // Joined, not concatenated: join makes one flat string, where `+` makes a tree of pieces that every
  // later copy of a kept row (each page's join, its encoding to bytes) would walk again.
  return [
    `<tbody${attr("id", `initiative-${initiative.number}`)}${attr("lang", sourceLang(ui))}><tr>`,
    firstRow,
    "</tr>",
    rest,
    "</tbody>",
  ].join("");
}

/** 本部会評価 8 10 5 1 — under the legend, as the original's last lines. */
function GradeSummaryFooter(props: { ui: Ui; document: PlanDocument }) {
  const { ui, document } = props;
  const summary = document.gradeSummary;
  const scale = gradeScaleOf(document.plan);
  const codes = summaryCodes(summary, scale);
  return (
    <div class="grade-summary-line">
      <table class="data">
        <caption>
          {ui.t("table.sectionLabel")}
          {ui.t("table.sectionTitle")}
        </caption>
        <thead>
          <tr>
            <td />
            {codes.map((g) => (
              <th scope="col" class="center">
                {gradeWithLabel(scale, g, ui.lang)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{ui.t("table.summary")}</th>
            {codes.map((g) => (
              <td class="num">{gradeCount(summary, g)}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
