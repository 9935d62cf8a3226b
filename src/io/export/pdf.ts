import PDFDocument from "pdfkit";
import { type Grade, type GradeScale, gradeCount, gradeLabel, gradeScaleOf } from "../../domain/grade.ts";
import { summaryCodes } from "../../domain/grade-summary.ts";
import type { PlanDocument } from "../../domain/plan-document.ts";
import {
  asOfText,
  columnLabel,
  initiativeCellText,
  kpiCellText,
  type ProgressColumn,
  policyLabel,
  progressLegend,
  progressTableBlocks,
  progressTableHeadings,
  progressTableTitle,
  TRANSCRIBED_NOTE,
} from "../progress-table-columns.ts";
import {
  type Box,
  drawCellBox,
  drawCellText,
  drawLines,
  type HorizontalAlign,
  linesHeight,
  type VerticalAlign,
} from "./pdf/draw.ts";
import { FONT_BOLD, FONT_REGULAR, loadFonts } from "./pdf/fonts.ts";
import { TextMeasurer } from "./pdf/measure.ts";
import {
  type ContinuationMode,
  type MeasuredInitiative,
  type PlanMetrics,
  type PlannedPage,
  planPages,
  type StyledLine,
} from "./pdf/page-plan.ts";
import { type ProgressTableTags, progressTableTags } from "./pdf/structure.ts";
import { CONTINUED, PAGE, STYLES } from "./pdf/styles.ts";
import { artifact, type Tag, tagged } from "./pdf/tags.ts";

export interface ExportPdfOptions {
  /** Creation date written into the PDF (tests pin it); defaults to the current time. */
  now?: Date;
  /**
   * A draft's mark, printed at the top left of every page (「案（令和8年12月2日印刷）」): the
   * committee's papers of a round not yet published.
   */
  draftMark?: string;
}

/** Printed with the legend, as the city's table does. */
const LEGEND_CAPTION = "【項目進捗】 アクションプラン計画期間中の取組項目進捗状況";
const SUMMARY_CAPTION = "本部会評価";
/** Column (F) of an initiative not graded this year. */
const NOT_ASSESSED = "対象外";

/** Room between a draft's mark and its box. */
const DRAFT_MARK_PADDING = 3;

/**
 * The progress table (進行管理集計表) of one reporting round as a printable PDF: A3 landscape, the
 * column model of progress-table-columns.ts, BIZ UDPGothic embedded as a subset, real (selectable,
 * searchable) text, header rows and "n / N" on every page.
 */
export async function exportPdf(doc: PlanDocument, options: ExportPdfOptions = {}): Promise<Buffer> {
  const fonts = await loadFonts();
  const title = progressTableTitle(doc);
  const pdf = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    bufferPages: true,
    autoFirstPage: false,
    // Tagged (structure tree, reading order, artifacts), in Japanese, titled: read aloud as a table.
    pdfVersion: "1.7",
    tagged: true,
    lang: "ja",
    displayTitle: true,
    info: {
      Title: title,
      ...(doc.organization?.name ? { Author: doc.organization.name } : {}),
      Subject: options.draftMark ? `進行管理集計表 ${options.draftMark}` : "進行管理集計表",
      Creator: "Shinchoku",
      CreationDate: options.now ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on("end", resolve);
    pdf.on("error", reject);
  });
  pdf.registerFont(FONT_REGULAR, fonts[FONT_REGULAR]);
  pdf.registerFont(FONT_BOLD, fonts[FONT_BOLD]);

  const measurer = new TextMeasurer(pdf);
  const table = tableLayout(doc, title, measurer, options.draftMark);
  const pages = planPages(table.policyLines, table.initiatives, table.metrics);
  const tags = progressTableTags(pdf, doc, table.columns);
  const tagging: Tagging = { tags, drawnPolicies: new Set() };
  pages.forEach((page, n) => {
    pdf.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    drawFrame(pdf, table, n === 0 ? tags : undefined);
    drawBody(pdf, table, page, tagging);
  });
  drawFooters(pdf, measurer);
  tags.root.element.end();
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

export interface PlacedColumn extends ProgressColumn {
  x: number;
  width: number;
  /** Room for text inside the padding. */
  textWidth: number;
}

interface TableLayout {
  /** 「案（…印刷）」 on every page of a draft. */
  draftMark: StyledLine | undefined;
  columns: PlacedColumn[];
  /** Initiative cells other than the policy, in order. */
  cellColumns: PlacedColumn[];
  kpiColumns: PlacedColumn[];
  titleLines: StyledLine[];
  asOf: StyledLine;
  note: StyledLine;
  legend: StyledLine;
  headerTop: number;
  headerLines: StyledLine[][];
  groupLines: StyledLine[];
  headerRow1: number;
  headerRow2: number;
  bodyTop: number;
  policyLines: StyledLine[][];
  initiatives: MeasuredInitiative[];
  metrics: PlanMetrics;
  summary: { cells: StyledLine[]; widths: number[] };
}

/** The columns of the model across the usable page width, in proportion to their model widths. */
export function placeColumns(doc: Parameters<typeof progressTableHeadings>[0]): PlacedColumn[] {
  const headings = progressTableHeadings(doc);
  const usable = PAGE.width - 2 * PAGE.marginX;
  const totalWeight = headings.columns.reduce((sum, c) => sum + c.width, 0);
  let x = PAGE.marginX;
  return headings.columns.map((column) => {
    const width = (column.width / totalWeight) * usable;
    const placed = { ...column, x, width, textWidth: width - 2 * PAGE.cellPaddingX };
    x += width;
    return placed;
  });
}

function tableLayout(
  doc: PlanDocument,
  title: string,
  measurer: TextMeasurer,
  draftMark?: string,
): TableLayout {
  const scale = gradeScaleOf(doc.plan);
  const headings = progressTableHeadings(doc);
  const usable = PAGE.width - 2 * PAGE.marginX;
  const columns = placeColumns(doc);
  const cellColumns = columns.filter((c) => !c.kpi && c.id !== "policy");
  const kpiColumns = columns.filter((c) => c.kpi);
  const box = (lines: StyledLine[]) => linesHeight(lines) + 2 * PAGE.cellPaddingY;

  const asOf = measurer.line(asOfText(doc), "asOf");
  const mark = draftMark ? measurer.line(draftMark, "draftMark") : undefined;
  // The title is centred; it may use the width left free by the as-of date (and a draft's mark) on both sides.
  const side = Math.max(asOf.width, (mark?.width ?? 0) + 2 * DRAFT_MARK_PADDING);
  const titleLines = measurer.lines(title, "title", usable - 2 * (side + 12));
  const headerTop = PAGE.marginTop + linesHeight(titleLines) + 4 + STYLES.note.lineHeight + 4;

  const headerLines = columns.map((c) => headerCellLines(columnLabel(c), c.textWidth, measurer));
  const kpiWidth = kpiColumns.reduce((sum, c) => sum + c.width, 0);
  const groupLines = measurer.lines(
    `${headings.kpiGroup.header} ${headings.kpiGroup.letter}`,
    "header",
    kpiWidth - 2 * PAGE.cellPaddingX,
  );
  const headerRow2 = Math.max(...columns.map((c, i) => (c.kpi ? box(headerLines[i] ?? []) : 0)));
  const headerRow1 = Math.max(
    box(groupLines),
    ...columns.map((c, i) => (c.kpi ? 0 : box(headerLines[i] ?? []) - headerRow2)),
  );
  const bodyTop = headerTop + headerRow1 + headerRow2;

  const blocks = progressTableBlocks(doc);
  const policyColumn = columns.find((c) => c.id === "policy");
  const policyLines = blocks.map((block) =>
    measurer.lines(policyLabel(block.policy), "body", policyColumn?.textWidth ?? 0),
  );
  const initiatives: MeasuredInitiative[] = blocks.flatMap((block, policyIndex) =>
    block.initiatives.map(({ initiative }) => ({
      policy: policyIndex,
      cells: cellColumns.map((c) =>
        c.id === "grade"
          ? gradeLines(initiative, scale, c.textWidth, measurer)
          : measurer.lines(initiativeCellText(c.id, block.policy, initiative), "body", c.textWidth, c.breaks),
      ),
      kpiRows: (initiative.kpis.length > 0 ? initiative.kpis : [undefined]).map((kpi) =>
        kpiColumns.map((c) => (kpi ? kpiLines(kpiCellText(c.id, kpi), c, measurer) : [])),
      ),
    })),
  );

  const summaryCells = [
    measurer.line(SUMMARY_CAPTION, "summaryBold"),
    ...summaryCodes(doc.gradeSummary, scale).map((g) =>
      measurer.line(`${g} ${gradeCount(doc.gradeSummary, g)}`, "summary"),
    ),
  ];
  const summaryWidths = summaryCells.map((line, i) => (i === 0 ? line.width + 16 : 56));
  const continuation: ContinuationMode[] = cellColumns.map((c) =>
    c.id === "number" || c.id === "grade" ? "repeat" : c.id === "title" ? "repeatMarked" : "continue",
  );
  const metrics: PlanMetrics = {
    bodyHeight: PAGE.height - PAGE.marginBottom - PAGE.footerHeight - bodyTop,
    paddingY: PAGE.cellPaddingY,
    lineHeight: (line) => STYLES[line.style as keyof typeof STYLES]?.lineHeight ?? STYLES.body.lineHeight,
    minContentHeight: STYLES.body.lineHeight,
    continued: measurer.line(CONTINUED, "continued"),
    continuation,
    minSplitStart: 120,
    summaryHeight: STYLES.summary.lineHeight + 2 * PAGE.cellPaddingY,
    summaryGap: 8,
  };
  return {
    draftMark: mark,
    columns,
    cellColumns,
    kpiColumns,
    titleLines,
    asOf,
    note: measurer.line(TRANSCRIBED_NOTE, "note"),
    legend: measurer.line(`${LEGEND_CAPTION}　${progressLegend(doc)}`, "note"),
    headerTop,
    headerLines,
    groupLines,
    headerRow1,
    headerRow2,
    bodyTop,
    policyLines,
    initiatives,
    metrics,
    summary: { cells: summaryCells, widths: summaryWidths },
  };
}

/**
 * A header that does not fit on one line breaks at its space first ("当初" / "(H27末)"), so that the
 * bracketed part stays whole.
 */
function headerCellLines(label: string, width: number, measurer: TextMeasurer): StyledLine[] {
  if (measurer.width(label, "header") <= width) return [measurer.line(label, "header")];
  const space = label.lastIndexOf(" ");
  const broken = space > 0 ? `${label.slice(0, space)}\n${label.slice(space + 1)}` : label;
  return measurer.lines(broken, "header", width);
}

/**
 * One rule for every KPI cell, so that a column reads evenly: the body size, broken between phrases
 * (the indicator's name) or between the tokens of a value (`93.2%` / `(90.6%H26.3末)`). A value is
 * never set smaller than its neighbours.
 */
export function kpiLines(text: string, column: PlacedColumn, measurer: TextMeasurer): StyledLine[] {
  return measurer.lines(text, "body", column.textWidth, column.breaks);
}

/** "B" large, "ほぼ順調" under it: the grade is text, not a colour. */
function gradeLines(
  initiative: { grade: Grade | null; notAssessed?: true },
  scale: GradeScale,
  width: number,
  measurer: TextMeasurer,
): StyledLine[] {
  const { grade } = initiative;
  if (!grade) return initiative.notAssessed ? measurer.lines(NOT_ASSESSED, "gradeLabel", width, "value") : [];
  const label = gradeLabel(scale, grade);
  return [
    measurer.line(grade, "gradeLetter"),
    // One word of the table's vocabulary, never 「やや／遅れ」: broken (as a value) only if wider than the cell.
    ...(label === "" ? [] : measurer.lines(label, "gradeLabel", width, "value")),
  ];
}

/** What is drawn where in the structure tree (src/io/export/pdf/structure.ts). */
interface Tagging {
  tags: ProgressTableTags;
  /** Policies whose text has been drawn as content; a policy repeated on a later page is an artifact. */
  drawnPolicies: Set<number>;
}

/**
 * Lines of a cell as the content of `target`, the （続き） markers as artifacts; nothing as content when
 * `target` is undefined (a repeat).
 */
function drawTaggedCellText(
  pdf: PDFKit.PDFDocument,
  target: Tag | undefined,
  lines: StyledLine[],
  box: Box,
  align: HorizontalAlign,
  valign: VerticalAlign,
): void {
  if (lines.length === 0) return;
  const marker = (line: StyledLine) => line.style === "continued";
  if (!target) {
    artifact(pdf, () => drawCellText(pdf, lines, box, align, valign), "Pagination");
    return;
  }
  if (lines.some(marker))
    artifact(pdf, () => drawCellText(pdf, lines, box, align, valign, marker), "Pagination");
  tagged(pdf, target, () => drawCellText(pdf, lines, box, align, valign, (line) => !marker(line)));
}

function drawBox(pdf: PDFKit.PDFDocument, box: Box, fill?: string): void {
  artifact(pdf, () => drawCellBox(pdf, box, fill), "Layout");
}

/**
 * Title, as-of date, note, legend and the two header rows: the same on every page; content on the
 * first page (`tags` given), a running artifact on the others.
 */
function drawFrame(pdf: PDFKit.PDFDocument, t: TableLayout, tags: ProgressTableTags | undefined): void {
  const usable = PAGE.width - 2 * PAGE.marginX;
  const text = (target: Tag | undefined, draw: () => void) =>
    target ? tagged(pdf, target, draw) : artifact(pdf, draw, "Pagination");
  const top = { x: PAGE.marginX, y: PAGE.marginTop, width: usable, height: 0 };
  text(tags?.title, () => drawLines(pdf, t.titleLines, top, "center", "top"));
  text(tags?.asOf, () => drawLines(pdf, [t.asOf], top, "right", "top"));
  const mark = t.draftMark;
  if (mark) {
    // Page furniture like the page number: the same words on every page, boxed so it reads at a glance.
    const box = {
      x: PAGE.marginX,
      y: PAGE.marginTop - DRAFT_MARK_PADDING,
      width: mark.width + 2 * DRAFT_MARK_PADDING,
      height: STYLES.draftMark.lineHeight + 2 * DRAFT_MARK_PADDING,
    };
    artifact(
      pdf,
      () => {
        drawCellBox(pdf, box);
        drawLines(
          pdf,
          [mark],
          { ...box, x: box.x + DRAFT_MARK_PADDING, y: box.y + DRAFT_MARK_PADDING },
          "left",
          "top",
        );
      },
      "Pagination",
    );
  }
  const noteTop = PAGE.marginTop + linesHeight(t.titleLines) + 4;
  const noteBox = { x: PAGE.marginX, y: noteTop, width: usable, height: 0 };
  text(tags?.note, () => drawLines(pdf, [t.note], noteBox, "left", "top"));
  text(tags?.legend, () => drawLines(pdf, [t.legend], noteBox, "right", "top"));

  const fullHeight = t.headerRow1 + t.headerRow2;
  t.columns.forEach((c, i) => {
    const lines = t.headerLines[i] ?? [];
    const box = c.kpi
      ? { x: c.x, y: t.headerTop + t.headerRow1, width: c.width, height: t.headerRow2 }
      : { x: c.x, y: t.headerTop, width: c.width, height: fullHeight };
    drawBox(pdf, box, PAGE.headerFill);
    drawTaggedCellText(pdf, tags?.headers[i], lines, box, "center", "middle");
  });
  const first = t.kpiColumns[0];
  const last = t.kpiColumns[t.kpiColumns.length - 1];
  if (first && last) {
    const group = { x: first.x, y: t.headerTop, width: last.x + last.width - first.x, height: t.headerRow1 };
    drawBox(pdf, group, PAGE.headerFill);
    drawTaggedCellText(pdf, tags?.kpiGroup, t.groupLines, group, "center", "middle");
  }
}

function drawBody(pdf: PDFKit.PDFDocument, t: TableLayout, page: PlannedPage, tagging: Tagging): void {
  const { tags, drawnPolicies } = tagging;
  const policyColumn = t.columns.find((c) => c.id === "policy");
  if (policyColumn) {
    for (const placed of page.policies) {
      const box = {
        x: policyColumn.x,
        y: t.bodyTop + placed.y,
        width: policyColumn.width,
        height: placed.height,
      };
      drawBox(pdf, box, PAGE.policyFill);
      const first = !drawnPolicies.has(placed.policy);
      drawnPolicies.add(placed.policy);
      drawTaggedCellText(
        pdf,
        first ? tags.policies[placed.policy] : undefined,
        placed.lines,
        box,
        "left",
        "top",
      );
    }
  }
  for (const row of page.rows) {
    const top = t.bodyTop + row.y;
    t.cellColumns.forEach((c, i) => {
      const box = { x: c.x, y: top, width: c.width, height: row.height };
      drawBox(pdf, box);
      const target = row.repeated[i] ? undefined : tags.cells[row.initiative]?.[i];
      drawTaggedCellText(pdf, target, row.cells[i] ?? [], box, c.align, valignOf(c));
    });
    for (const kpiRow of row.kpiRows) {
      t.kpiColumns.forEach((c, k) => {
        const box = { x: c.x, y: top + kpiRow.y, width: c.width, height: kpiRow.height };
        drawBox(pdf, box);
        const target = tags.kpis[row.initiative]?.[kpiRow.index]?.[k];
        drawTaggedCellText(pdf, target, kpiRow.cells[k] ?? [], box, c.align, "middle");
      });
    }
    const kpiBottom = row.kpiRows.reduce((h, r) => Math.max(h, r.y + r.height), 0);
    const first = t.kpiColumns[0];
    const last = t.kpiColumns[t.kpiColumns.length - 1];
    if (first && last && kpiBottom < row.height) {
      // KPI sub-rows continued on the next page leave the rest of this part empty: close the grid.
      for (const c of t.kpiColumns) {
        drawBox(pdf, { x: c.x, y: top + kpiBottom, width: c.width, height: row.height - kpiBottom });
      }
    }
  }
  if (page.summaryY !== undefined) drawSummary(pdf, t, t.bodyTop + page.summaryY, tags);
}

function valignOf(column: ProgressColumn): VerticalAlign {
  return column.id === "number" || column.id === "grade" ? "middle" : "top";
}

/** 本部会評価 A 8 B 10 C 5 D 1 */
function drawSummary(pdf: PDFKit.PDFDocument, t: TableLayout, y: number, tags: ProgressTableTags): void {
  let x = PAGE.marginX;
  t.summary.cells.forEach((line, i) => {
    const width = t.summary.widths[i] ?? 0;
    const box: Box = { x, y, width, height: t.metrics.summaryHeight };
    drawBox(pdf, box, i === 0 ? PAGE.headerFill : undefined);
    drawTaggedCellText(pdf, tags.summary[i], [line], box, "center", "middle");
    x += width;
  });
}

/** "n / N" on every page, written once the page count is known. */
function drawFooters(pdf: PDFKit.PDFDocument, measurer: TextMeasurer): void {
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    const line = measurer.line(`${i + 1} / ${range.count}`, "footer");
    const y = PAGE.height - PAGE.marginBottom - STYLES.footer.lineHeight;
    const box = { x: PAGE.marginX, y, width: PAGE.width - 2 * PAGE.marginX, height: 0 };
    artifact(pdf, () => drawLines(pdf, [line], box, "center", "top"), "Pagination");
  }
}
