import ExcelJS from "exceljs";
import { type Diagnostic, type MessageCatalog, makeDiagnostic } from "../../domain/diagnostic.ts";
import { formatFiscalYear } from "../../domain/era.ts";
import { gradeCount, gradeScaleOf, gradeWithLabel } from "../../domain/grade.ts";
import { summaryCodes } from "../../domain/grade-summary.ts";
import type { PlanDocument } from "../../domain/plan-document.ts";
import { CELL_TYPE_NAMES, type KpiRowColumn, kpiRowColumns, kpiRows } from "../kpi-rows.ts";
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
  CELL_NOTES_SHEET,
  cellAddress,
  FIRST_DATA_ROW,
  HEADER_ROW,
  KPI_SHEET,
  LEGEND_ROW,
  NOTE_ROW,
  PROGRESS_SHEET,
  SECTION_LINE,
  SECTION_ROW,
  SUBHEADER_ROW,
  SUMMARY_FIRST_COLUMN,
  SUMMARY_LABEL,
  TITLE_ROW,
  XLSX_CELL_LIMIT,
} from "../xlsx/layout.ts";
import "../xlsx/fast-merges.ts";
import { pageBreakRows, type RowBlock } from "../xlsx/page-breaks.ts";
import { heightForLines, MAX_ROW_HEIGHT, textHeight } from "../xlsx/text-lines.ts";
import { FONT_BOLD, FONT_REGULAR } from "./pdf/fonts.ts";
import { sharedMeasurer, type TextMeasurer } from "./pdf/measure.ts";

/**
 * The progress table as an Excel workbook:
 * - 「進行管理集計表」 laid out like the published table (title, note, legend, two header rows with the
 *   letters (A)–(H), one sub-row per KPI with the policy and initiative cells merged over their rows,
 *   the 本部会評価 summary and the as-of date), printed on A3 landscape, one page wide, with the note,
 *   legend and headers repeated on every page;
 * - 「数値目標一覧」 the flat initiative × KPI rows (src/io/kpi-rows.ts) with parsed numbers as number
 *   cells, an autofilter and a frozen header, for analysis.
 * - 「列の説明」 what each column of 「数値目標一覧」 (and of the open-data CSV) holds.
 *
 * Text is written verbatim as string cells: "=1+1" stays the text "=1+1", never a formula. Three
 * things the xlsx format forces on text, each handled here on purpose:
 * - a cell holds at most 32,767 characters: longer text is cut there, ending in a marker, and a
 *   warning with the cell is returned (renderXlsx);
 * - line breaks are stored as LF (CRLF and CR become LF: Excel's own line break);
 * - control characters other than TAB and LF cannot be stored in XML and are removed.
 */

const FONT_NAME = "BIZ UDPゴシック";
/** OOXML paper size 8 = A3 (exceljs's enum lists only some sizes). */
const A3_PAPER_SIZE = 8 as ExcelJS.PaperSize;
const BODY_SIZE = 9;
const TITLE_SIZE = 14;
const HEADER_FILL = "FFD9D9D9";
const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Page margins in inches. */
const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
/** Height Excel gives a row with no height of its own (default font Calibri 11). */
const DEFAULT_ROW_HEIGHT = 15;

const TRUNCATION_MARK = "…（Excel のセルの上限32,767文字を超えるため、以下を省略しました）";

type XlsxCode = "xlsx.cell-truncated";

export const XLSX_EXPORT_MESSAGES: MessageCatalog<XlsxCode> = {
  "xlsx.cell-truncated": {
    severity: "warning",
    ja: (p) =>
      `セル ${p.sheet}!${p.cell} の文字数（${p.length}文字）が Excel の上限32,767文字を超えるため、末尾を省略しました。全文は CSV か計画データ（JSON形式）で確認してください`,
    en: (p) =>
      `Cell ${p.sheet}!${p.cell} holds ${p.length} characters, more than Excel's limit of 32,767; the end was cut`,
  },
};

export interface XlsxExportOptions {
  /** Creation time written in the workbook properties (tests pin it). */
  now?: Date;
  /** A draft's mark, in the printed header of every page of every sheet (「案（令和8年12月2日印刷）」). */
  draftMark?: string;
}

export interface XlsxExportResult {
  buffer: Buffer;
  /** Warnings about text the format could not hold (cut cells), with sheet and cell. */
  diagnostics: Diagnostic[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML cannot hold
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text ready for a cell: LF line breaks, no XML-illegal characters, at most 32,767 characters. */
class CellText {
  readonly diagnostics: Diagnostic[] = [];

  text(value: string, sheet: string, address: string): string {
    const clean = value.replace(/\r\n?/g, "\n").replace(XML_ILLEGAL, "");
    if (clean.length <= XLSX_CELL_LIMIT) return clean;
    this.diagnostics.push(
      makeDiagnostic(
        XLSX_EXPORT_MESSAGES,
        "xlsx.cell-truncated",
        { sheet, cell: address, length: clean.length },
        { sheet, cell: address },
      ),
    );
    let cut = XLSX_CELL_LIMIT - TRUNCATION_MARK.length;
    // Never split a surrogate pair (an emoji) in two.
    const code = clean.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    return clean.slice(0, cut) + TRUNCATION_MARK;
  }
}

function font(size: number, bold = false): Partial<ExcelJS.Font> {
  return { name: FONT_NAME, size, bold, charset: 128 };
}

function headerStyle(cell: ExcelJS.Cell): void {
  cell.font = font(BODY_SIZE, true);
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
  cell.border = BORDER;
}

function bodyStyle(cell: ExcelJS.Cell, column: ProgressColumn): void {
  cell.font = font(BODY_SIZE);
  cell.alignment = { horizontal: column.align, vertical: "top", wrapText: true };
  cell.border = BORDER;
}

/** Height in points a cell's text needs in its column (bold for headers). */
type HeightOf = (text: string, column: ProgressColumn, bold?: boolean) => number;

function writeProgressSheet(
  workbook: ExcelJS.Workbook,
  doc: PlanDocument,
  texts: CellText,
  measurer: TextMeasurer,
): void {
  const sheet = workbook.addWorksheet(PROGRESS_SHEET, {
    pageSetup: {
      paperSize: A3_PAPER_SIZE,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: MARGINS,
      // The seed repeats the note, the legend and both header rows on every printed page.
      printTitlesRow: `${NOTE_ROW}:${SUBHEADER_ROW}`,
    },
    headerFooter: { oddFooter: "&C&P / &N", evenFooter: "&C&P / &N" },
    views: [{ state: "frozen", xSplit: 3, ySplit: SUBHEADER_ROW, topLeftCell: "D7", activeCell: "A7" }],
  });
  const { columns, kpiGroup } = progressTableHeadings(doc);
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const put = (row: number, col: number, value: string | number) => {
    const cell = sheet.getCell(row, col);
    cell.value = typeof value === "string" ? texts.text(value, PROGRESS_SHEET, cellAddress(col, row)) : value;
    return cell;
  };

  put(TITLE_ROW, 1, progressTableTitle(doc)).font = font(TITLE_SIZE, true);
  sheet.getRow(TITLE_ROW).height = heightForLines(1, TITLE_SIZE);
  put(NOTE_ROW, 1, TRANSCRIBED_NOTE).font = font(BODY_SIZE);
  put(SECTION_ROW, 1, SECTION_LINE).font = font(BODY_SIZE);
  put(LEGEND_ROW, 1, progressLegend(doc)).font = font(BODY_SIZE);

  const heightOf: HeightOf = (text, column, bold = false) =>
    textHeight(measurer, {
      text,
      width: column.width,
      size: BODY_SIZE,
      font: bold ? FONT_BOLD : FONT_REGULAR,
      // Headers break between phrases: 「当初」 / 「(H27末)」.
      breaks: bold ? "prose" : column.breaks,
    });
  writeHeaders(sheet, columns, `${kpiGroup.header} ${kpiGroup.letter}`, put, heightOf);
  const { lastRow, blocks } = writeBody(sheet, doc, columns, put, heightOf);
  writeSummary(sheet, doc, lastRow + 2, put);
  // The summary block: the gap row, 本部会評価 (two rows), a gap and the as-of line.
  blocks.push({ first: lastRow + 1, last: lastRow + 5 });
  const height = (row: number) => sheet.getRow(row).height ?? DEFAULT_ROW_HEIGHT;
  let repeatedHeight = 0;
  for (let r = NOTE_ROW; r <= SUBHEADER_ROW; r++) repeatedHeight += height(r);
  const breaks = pageBreakRows(blocks, height, {
    columnWidths: columns.map((c) => c.width),
    margins: MARGINS,
    repeatedHeight,
    firstPageHeight: height(TITLE_ROW),
  });
  for (const row of breaks) sheet.getRow(row).addPageBreak();
}

type Put = (row: number, col: number, value: string | number) => ExcelJS.Cell;

function writeHeaders(
  sheet: ExcelJS.Worksheet,
  columns: ProgressColumn[],
  kpiGroupLabel: string,
  put: Put,
  heightOf: HeightOf,
): void {
  const kpiColumns = columns.map((c, i) => ({ c, col: i + 1 })).filter(({ c }) => c.kpi);
  const firstKpi = kpiColumns[0]?.col ?? 0;
  const lastKpi = kpiColumns[kpiColumns.length - 1]?.col ?? 0;
  let subHeight = heightForLines(1, BODY_SIZE);
  let fullHeight = 0;
  columns.forEach((column, i) => {
    const col = i + 1;
    const label = columnLabel(column);
    if (column.kpi) {
      headerStyle(put(SUBHEADER_ROW, col, label));
      subHeight = Math.max(subHeight, heightOf(label, column, true));
      return;
    }
    headerStyle(put(HEADER_ROW, col, label));
    headerStyle(sheet.getCell(SUBHEADER_ROW, col));
    sheet.mergeCells(HEADER_ROW, col, SUBHEADER_ROW, col);
    fullHeight = Math.max(fullHeight, heightOf(label, column, true));
  });
  if (firstKpi > 0) {
    headerStyle(put(HEADER_ROW, firstKpi, kpiGroupLabel));
    for (let col = firstKpi + 1; col <= lastKpi; col++) headerStyle(sheet.getCell(HEADER_ROW, col));
    sheet.mergeCells(HEADER_ROW, firstKpi, HEADER_ROW, lastKpi);
  }
  sheet.getRow(SUBHEADER_ROW).height = subHeight;
  sheet.getRow(HEADER_ROW).height = Math.max(heightForLines(1, BODY_SIZE), fullHeight - subHeight);
}

/** Writes the table body from FIRST_DATA_ROW; returns the last row written and each initiative's rows. */
function writeBody(
  sheet: ExcelJS.Worksheet,
  doc: PlanDocument,
  columns: ProgressColumn[],
  put: Put,
  heightOf: HeightOf,
): { lastRow: number; blocks: RowBlock[] } {
  const heights: number[] = [];
  const blocks: RowBlock[] = [];
  let row = FIRST_DATA_ROW;
  const policyCol = columns.findIndex((c) => c.id === "policy") + 1;
  for (const block of progressTableBlocks(doc)) {
    const blockStart = row;
    for (const { initiative, rowSpan } of block.initiatives) {
      const start = row;
      for (let k = 0; k < rowSpan; k++) {
        const kpi = initiative.kpis[k];
        let own = heightForLines(1, BODY_SIZE);
        columns.forEach((column, i) => {
          const col = i + 1;
          if (column.kpi) {
            const text = kpi ? kpiCellText(column.id, kpi) : "";
            bodyStyle(put(row + k, col, text), column);
            own = Math.max(own, heightOf(text, column));
          } else if (k === 0) {
            const value =
              column.id === "number"
                ? (initiative.numberText ?? initiative.number)
                : initiativeCellText(column.id, block.policy, initiative);
            if (column.id !== "policy" || row === blockStart) bodyStyle(put(row, col, value), column);
            else bodyStyle(sheet.getCell(row, col), column);
          } else {
            bodyStyle(sheet.getCell(row + k, col), column);
          }
        });
        heights[row + k] = own;
      }
      let needed = 0;
      columns.forEach((column, i) => {
        if (column.kpi || column.id === "policy") return;
        const text = initiativeCellText(column.id, block.policy, initiative);
        needed = Math.max(needed, heightOf(text, column));
        if (rowSpan > 1) sheet.mergeCells(start, i + 1, start + rowSpan - 1, i + 1);
      });
      spread(heights, start, rowSpan, needed);
      blocks.push({ first: start, last: start + rowSpan - 1 });
      row += rowSpan;
    }
    if (policyCol > 0 && block.rowSpan > 0) {
      const policyColumn = columns[policyCol - 1] as ProgressColumn;
      if (block.rowSpan > 1)
        sheet.mergeCells(blockStart, policyCol, blockStart + block.rowSpan - 1, policyCol);
      spread(heights, blockStart, block.rowSpan, heightOf(policyLabel(block.policy), policyColumn));
    }
  }
  for (let r = FIRST_DATA_ROW; r < row; r++) {
    sheet.getRow(r).height = Math.min(MAX_ROW_HEIGHT, Math.ceil(heights[r] ?? heightForLines(1, BODY_SIZE)));
  }
  return { lastRow: row - 1, blocks };
}

/** Grows rows start…start+span-1 evenly until together they are `needed` points tall. */
function spread(heights: number[], start: number, span: number, needed: number): void {
  let total = 0;
  for (let r = start; r < start + span; r++) total += heights[r] ?? 0;
  if (needed <= total) return;
  const extra = (needed - total) / span;
  for (let r = start; r < start + span; r++) heights[r] = (heights[r] ?? 0) + extra;
}

/** 本部会評価 A 8 B 10 C 5 D 1: the label over two rows, then a label and a count per grade. */
function writeSummary(sheet: ExcelJS.Worksheet, doc: PlanDocument, row: number, put: Put): void {
  const labelColumn = SUMMARY_FIRST_COLUMN - 1;
  headerStyle(put(row, labelColumn, SUMMARY_LABEL));
  headerStyle(sheet.getCell(row + 1, labelColumn));
  sheet.mergeCells(row, labelColumn, row + 1, labelColumn);
  const scale = gradeScaleOf(doc.plan);
  summaryCodes(doc.gradeSummary, scale).forEach((grade, i) => {
    const col = SUMMARY_FIRST_COLUMN + i;
    headerStyle(put(row, col, gradeWithLabel(scale, grade)));
    const count = put(row + 1, col, gradeCount(doc.gradeSummary, grade));
    count.font = font(BODY_SIZE);
    count.alignment = { horizontal: "center", vertical: "middle" };
    count.border = BORDER;
  });
  put(row + 3, 1, asOfText(doc)).font = font(BODY_SIZE);
}

function numberFormat(column: KpiRowColumn, value: number): string {
  // Percentages are numbers of percent (75.5), as in the CSV, printed with one decimal.
  if (column.type === "percent") return "0.0";
  if (column.type === "integer") return "0";
  return Number.isInteger(value) ? "#,##0" : "#,##0.0##";
}

function writeKpiSheet(workbook: ExcelJS.Workbook, doc: PlanDocument, texts: CellText): void {
  const sheet = workbook.addWorksheet(KPI_SHEET, {
    views: [{ state: "frozen", xSplit: 0, ySplit: 1, activeCell: "A2" }],
    pageSetup: {
      paperSize: A3_PAPER_SIZE,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const columns = kpiRowColumns(doc);
  sheet.columns = columns.map((c) => ({ width: c.width }));
  columns.forEach((column, i) => {
    const cell = sheet.getCell(1, i + 1);
    cell.value = column.header;
    headerStyle(cell);
  });
  const rows = kpiRows(doc);
  rows.forEach((row, r) => {
    columns.forEach((column, i) => {
      const value = row[column.id];
      if (value === null || value === "") return;
      const cell = sheet.getCell(r + 2, i + 1);
      if (typeof value === "number") {
        cell.value = value;
        cell.numFmt = numberFormat(column, value);
      } else {
        cell.value = texts.text(value, KPI_SHEET, cellAddress(i + 1, r + 2));
      }
      cell.font = font(BODY_SIZE);
    });
  });
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, rows.length + 1), column: columns.length },
  };
}

/** 「列の説明」: what each column of the analysis sheet (and of the CSV) holds (docs/open-data.md). */
function writeColumnNotesSheet(workbook: ExcelJS.Workbook, doc: PlanDocument, measurer: TextMeasurer): void {
  const widths = [24, 10, 90];
  const sheet = workbook.addWorksheet(CELL_NOTES_SHEET, {
    views: [{ state: "frozen", xSplit: 0, ySplit: 1, activeCell: "A2" }],
    // One page wide, as many tall as the descriptions need.
    pageSetup: {
      paperSize: A3_PAPER_SIZE,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  sheet.columns = widths.map((width) => ({ width }));
  ["列名", "型", "説明"].forEach((text, i) => {
    const cell = sheet.getCell(1, i + 1);
    cell.value = text;
    headerStyle(cell);
  });
  kpiRowColumns(doc).forEach((column, r) => {
    const texts = [column.header, CELL_TYPE_NAMES[column.type], column.description];
    texts.forEach((text, i) => {
      const cell = sheet.getCell(r + 2, i + 1);
      cell.value = text;
      cell.font = font(BODY_SIZE);
      cell.alignment = { vertical: "top", wrapText: true };
    });
    // Wrapped text gets no height of its own in every spreadsheet: give the row the tallest cell's.
    sheet.getRow(r + 2).height = Math.max(
      ...texts.map((text, i) =>
        textHeight(measurer, {
          text,
          width: widths[i] ?? 10,
          size: BODY_SIZE,
          font: FONT_REGULAR,
          breaks: "prose",
        }),
      ),
    );
  });
}

/** Every sheet's printed pages carry the mark at the top left, bold and large. */
function markDraft(workbook: ExcelJS.Workbook, mark: string): void {
  workbook.subject = `${workbook.subject} ${mark}`;
  const header = `&L&"${FONT_NAME},Bold"&14${mark.replace(/&/g, "&&")}`;
  for (const sheet of workbook.worksheets) {
    sheet.headerFooter.oddHeader = header;
    sheet.headerFooter.evenHeader = header;
  }
}

export async function renderXlsx(
  doc: PlanDocument,
  options: XlsxExportOptions = {},
): Promise<XlsxExportResult> {
  const workbook = new ExcelJS.Workbook();
  const now = options.now ?? new Date();
  workbook.creator = "Shinchoku";
  workbook.lastModifiedBy = "Shinchoku";
  workbook.created = now;
  workbook.modified = now;
  workbook.title = doc.plan.title;
  workbook.subject = `${PROGRESS_SHEET} ${formatFiscalYear(doc.round.fiscalYear)}`;
  if (doc.organization?.name) workbook.company = doc.organization.name;
  const texts = new CellText();
  const measurer = await sharedMeasurer();
  writeProgressSheet(workbook, doc, texts, measurer);
  writeKpiSheet(workbook, doc, texts);
  writeColumnNotesSheet(workbook, doc, measurer);
  if (options.draftMark) markDraft(workbook, options.draftMark);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, diagnostics: texts.diagnostics };
}

export async function exportXlsx(doc: PlanDocument, options: XlsxExportOptions = {}): Promise<Buffer> {
  return (await renderXlsx(doc, options)).buffer;
}
