import { gradeScaleOf } from "../../../domain/grade.ts";
import { summaryCodes } from "../../../domain/grade-summary.ts";
import type { PlanDocument } from "../../../domain/plan-document.ts";
import {
  initiativeCellText,
  kpiCellText,
  type ProgressColumn,
  progressTableBlocks,
} from "../../progress-table-columns.ts";
import { drawnText } from "./measure.ts";
import { nest, type Tag, tag } from "./tags.ts";

/**
 * The structure tree of the PDF progress table, built before anything is drawn: a screen reader reads
 * the title (H1), the as-of date, the note and legend (P), then the table as the HTML page has it —
 * two header rows (TH, scope Column; 数値目標等 spans four columns), then one row per KPI sub-row,
 * where the policy, No. and title are row headers (TH, scope Row) and the initiative's cells span its
 * sub-rows (RowSpan) — and last the 本部会評価 summary. Drawing adds each cell's text to its element,
 * page by page; a cell cut by a page break is one element with content on both pages.
 */
export interface ProgressTableTags {
  root: Tag;
  title: Tag;
  asOf: Tag;
  note: Tag;
  legend: Tag;
  /** Per column of the model, in order (the KPI columns in the second header row). */
  headers: Tag[];
  kpiGroup: Tag;
  /** Per policy. */
  policies: Tag[];
  /** Per initiative, per non-KPI cell other than the policy (in column order). */
  cells: Tag[][];
  /** Per initiative, per KPI sub-row (at least one), per KPI column. */
  kpis: Tag[][][];
  /** 本部会評価, then one per grade of the scale (A–D by default). */
  summary: Tag[];
}

export function progressTableTags(
  pdf: PDFKit.PDFDocument,
  doc: PlanDocument,
  columns: ProgressColumn[],
): ProgressTableTags {
  const kpiColumns = columns.filter((c) => c.kpi);
  const headerRow1: Tag[] = [];
  const headers: Tag[] = columns.map((c) =>
    tag(pdf, "TH", c.kpi ? { scope: "Column" } : { scope: "Column", rowSpan: 2 }),
  );
  const kpiGroup = tag(pdf, "TH", { scope: "Column", colSpan: kpiColumns.length });
  columns.forEach((c, i) => {
    if (!c.kpi) headerRow1.push(headers[i] as Tag);
    else if (c === kpiColumns[0]) headerRow1.push(kpiGroup);
  });
  const headerRow2 = columns.flatMap((c, i) => (c.kpi ? [headers[i] as Tag] : []));
  const thead = nest(tag(pdf, "THead"), [nest(tag(pdf, "TR"), headerRow1), nest(tag(pdf, "TR"), headerRow2)]);

  const policies: Tag[] = [];
  const cells: Tag[][] = [];
  const kpis: Tag[][][] = [];
  const rows: Tag[] = [];
  for (const block of progressTableBlocks(doc)) {
    const policy = tag(pdf, "TH", { scope: "Row", rowSpan: block.rowSpan });
    policies.push(policy);
    block.initiatives.forEach(({ initiative, rowSpan }, index) => {
      const own: Tag[] = [];
      const subRows = Array.from({ length: rowSpan }, (_, k) => {
        const kpi = initiative.kpis[k];
        return kpiColumns.map((c) =>
          tag(pdf, "TD", {}, kpi ? actualText(kpiCellText(c.id, kpi)) : undefined),
        );
      });
      const first: Tag[] = [];
      for (const c of columns) {
        if (c.kpi) {
          if (c === kpiColumns[0]) first.push(...(subRows[0] ?? []));
          continue;
        }
        if (c.id === "policy") {
          if (index === 0) first.push(policy);
          continue;
        }
        const header = c.id === "number" || c.id === "title";
        const actual = actualText(initiativeCellText(c.id, block.policy, initiative));
        const cell = tag(pdf, header ? "TH" : "TD", header ? { scope: "Row", rowSpan } : { rowSpan }, actual);
        own.push(cell);
        first.push(cell);
      }
      cells.push(own);
      kpis.push(subRows);
      rows.push(nest(tag(pdf, "TR"), first));
      for (const sub of subRows.slice(1)) rows.push(nest(tag(pdf, "TR"), sub));
    });
  }
  const tbody = nest(tag(pdf, "TBody"), rows);
  const table = nest(tag(pdf, "Table"), [thead, tbody]);

  const summary = [
    tag(pdf, "TH", { scope: "Row" }),
    ...summaryCodes(doc.gradeSummary, gradeScaleOf(doc.plan)).map(() => tag(pdf, "TD")),
  ];
  const summaryTable = nest(tag(pdf, "Table"), [nest(tag(pdf, "TR"), summary)]);

  const title = tag(pdf, "H1");
  const asOf = tag(pdf, "P");
  const note = tag(pdf, "P");
  const legend = tag(pdf, "P");
  const root = nest(tag(pdf, "Document"), [title, asOf, note, legend, table, summaryTable]);
  pdf.addStructure(root.element);
  return { root, title, asOf, note, legend, headers, kpiGroup, policies, cells, kpis, summary };
}

/** The cell's own text, when what is drawn differs from it (an ASCII "~" drawn as an en dash). */
function actualText(text: string): string | undefined {
  return drawnText(text) === text ? undefined : text;
}
