import ExcelJS from "exceljs";
import type { Diagnostic } from "../../domain/diagnostic.ts";
import { fiscalYearOfDate, parseJapaneseDate } from "../../domain/era.ts";
import { type GradeScale, gradeScaleProblems, isDefaultGradeScale } from "../../domain/grade.ts";
import type { PlanDocument } from "../../domain/plan-document.ts";
import { DEFAULT_LIMITS, type ImportLimits, limitExceeded } from "../limits.ts";
import { importWithMapping } from "../mapping/apply.ts";
import type { ColumnIndexes, MappingField } from "../mapping/fields.ts";
import { excerpt, sheetDiagnostic } from "../mapping/messages.ts";
import { normalizeScaleKey, readPlanRows, type SheetImportResult, scaleWords } from "../mapping/read-rows.ts";
import type { ColumnMapping, MappingOrigin } from "../mapping/schema.ts";
import { cellLocation, type SheetRow, type SheetSource } from "../mapping/sheet.ts";
import type { ProgressColumnId } from "../progress-table-columns.ts";
import { parseHeader, parseSubheader } from "../table-text/header.ts";
import { parseTitle, type TitleInfo } from "../table-text/title.ts";
import { checkXlsxArchive } from "./archive-check.ts";
import "./fast-merges.ts";
import { AS_OF_SUFFIX, cellAddress, PROGRESS_SHEET, SUMMARY_FIRST_COLUMN, SUMMARY_LABEL } from "./layout.ts";
import { readWorksheet } from "./read-sheet.ts";

export interface XlsxImportOptions {
  /** Another city's workbook: how to read its columns (src/io/mapping/schema.ts). */
  mapping?: ColumnMapping;
  /** Where the mapping was made (default: a mapping file): findings about it say what to change there. */
  mappingOrigin?: MappingOrigin;
  organizationName?: string;
  /** How large the workbook may be (default: DEFAULT_LIMITS). */
  limits?: ImportLimits;
  /** Read a table without its 本部会評価 block, or with rows after it, with a warning instead of an error. */
  allowPartial?: boolean;
}

/**
 * The columns of the progress table as the exporter writes them (src/io/progress-table-columns.ts),
 * with the word each header must contain: a workbook whose headers say otherwise was rearranged and
 * is read with a warning.
 */
const OWN_COLUMNS: { id: ProgressColumnId; field: MappingField; header: string; subheader?: boolean }[] = [
  { id: "policy", field: "policy", header: "基本方針" },
  { id: "number", field: "number", header: "No" },
  { id: "title", field: "title", header: "取組項目" },
  { id: "departments", field: "departments", header: "関係課" },
  { id: "description", field: "description", header: "取組の方針と内容" },
  { id: "activities", field: "activities", header: "取組内容" },
  { id: "kpiName", field: "kpiName", header: "項目", subheader: true },
  { id: "kpiBaseline", field: "baseline", header: "当初", subheader: true },
  { id: "kpiTarget", field: "target", header: "目標", subheader: true },
  { id: "kpiCurrent", field: "current", header: "現状値", subheader: true },
  { id: "grade", field: "grade", header: "進捗状況" },
  { id: "committeeOpinion", field: "committeeOpinion", header: "本部会意見" },
  { id: "nextYearGoal", field: "nextYearGoal", header: "目標" },
];

const SEARCH_ROWS = 30;

function failure(diagnostics: Diagnostic[]): SheetImportResult {
  return { document: null, diagnostics, rows: [] };
}

/**
 * Imports a workbook: the project's own progress table (sheet 「進行管理集計表」 as the xlsx exporter
 * writes it) without a mapping, any other layout with one. Never throws.
 */
export async function importXlsx(
  bytes: Uint8Array,
  options: XlsxImportOptions = {},
): Promise<SheetImportResult> {
  if (bytes.length === 0) return failure([sheetDiagnostic("input.empty")]);
  const limits = options.limits ?? DEFAULT_LIMITS;
  if (bytes.length > limits.fileBytes)
    return failure([limitExceeded("fileBytes", limits.fileBytes, bytes.length)]);
  const archive = await checkXlsxArchive(bytes, limits);
  if (!archive.ok) {
    if ("limit" in archive) return failure([archive.limit]);
    return failure([sheetDiagnostic("input.not-xlsx", { reason: excerpt(archive.damaged, 80) })]);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failure([sheetDiagnostic("input.not-xlsx", { reason: excerpt(reason, 80) })]);
  }
  try {
    return options.mapping ? withMapping(workbook, options.mapping, options) : ownLayout(workbook, options);
  } catch (error) {
    // A bug must not take down an upload: report it as a finding about this input.
    const message = error instanceof Error ? error.message : String(error);
    return failure([
      {
        severity: "error",
        code: "internal",
        message: `取り込み中に予期しないエラーが起きました：${message}`,
        messageEn: `Unexpected error while importing: ${message}`,
      },
    ]);
  }
}

/**
 * A sheet whose extent (its last row and column, e.g. a stray cell at XFD1048576) is over the limits:
 * reading it row by row would build a million empty rows.
 */
function sheetTooLarge(sheet: ExcelJS.Worksheet, limits: ImportLimits): Diagnostic | undefined {
  const where = { sheet: sheet.name, cell: cellAddress(sheet.columnCount, sheet.rowCount) };
  if (sheet.rowCount > limits.rows) return limitExceeded("rows", limits.rows, sheet.rowCount, where);
  if (sheet.columnCount > limits.cellsPerRow)
    return limitExceeded("cellsPerRow", limits.cellsPerRow, sheet.columnCount, where);
  return undefined;
}

function sheetNames(workbook: ExcelJS.Workbook): string {
  return workbook.worksheets.map((s) => s.name).join("、") || "なし";
}

function withMapping(workbook: ExcelJS.Workbook, mapping: ColumnMapping, options: XlsxImportOptions) {
  const wanted = mapping.sheet;
  const sheet =
    wanted === undefined
      ? workbook.worksheets[0]
      : typeof wanted === "number"
        ? workbook.worksheets[wanted - 1]
        : workbook.getWorksheet(wanted);
  if (!sheet) {
    return failure([
      sheetDiagnostic(
        "sheet.missing",
        { sheet: String(wanted ?? 1), sheets: sheetNames(workbook) },
        { field: "sheet" },
      ),
    ]);
  }
  const tooLarge = sheetTooLarge(sheet, options.limits ?? DEFAULT_LIMITS);
  if (tooLarge) return failure([tooLarge]);
  const { source, diagnostics } = readWorksheet(sheet);
  const organizationName =
    options.organizationName ?? mapping.organization?.name ?? (workbook.company || undefined);
  return importWithMapping(source, mapping, {
    diagnostics,
    ...(options.mappingOrigin ? { mappingOrigin: options.mappingOrigin } : {}),
    ...(organizationName ? { organizationName } : {}),
  });
}

function isHeaderRow(row: SheetRow): boolean {
  return (
    normalizeScaleKey(row.cells[0] ?? "") === "基本方針" &&
    /^No\.?$/i.test(normalizeScaleKey(row.cells[1] ?? ""))
  );
}

function ownLayout(workbook: ExcelJS.Workbook, options: XlsxImportOptions): SheetImportResult {
  const sheet = workbook.getWorksheet(PROGRESS_SHEET) ?? workbook.worksheets[0];
  if (!sheet) return failure([sheetDiagnostic("sheet.missing", { sheet: PROGRESS_SHEET, sheets: "なし" })]);
  const tooLarge = sheetTooLarge(sheet, options.limits ?? DEFAULT_LIMITS);
  if (tooLarge) return failure([tooLarge]);
  const { source, diagnostics } = readWorksheet(sheet);
  const headerIndex = source.rows.slice(0, SEARCH_ROWS).findIndex(isHeaderRow);
  if (headerIndex === -1) {
    return failure([...diagnostics, sheetDiagnostic("sheet.layout-unknown", {}, { sheet: sheet.name })]);
  }
  const headerRow = source.rows[headerIndex] as SheetRow;
  const subheaderRow = source.rows[headerIndex + 1] ?? { number: headerRow.number + 1, cells: [] };

  const columns: ColumnIndexes = {};
  OWN_COLUMNS.forEach((column, index) => {
    columns[column.field] = index;
    const row = column.subheader ? subheaderRow : headerRow;
    const text = row.cells[index] ?? "";
    if (!normalizeScaleKey(text).includes(normalizeScaleKey(column.header))) {
      diagnostics.push(
        sheetDiagnostic(
          "header.unexpected",
          { text: excerpt(text) || "（空）", expected: column.header },
          cellLocation(source, row, index),
        ),
      );
    }
  });

  const header = parseHeader(headerRow.cells, headerRow.number);
  const subheader = parseSubheader(subheaderRow.cells, subheaderRow.number);
  const title = findTitle(source, headerIndex);
  const asOf = title?.asOf ?? findAsOfLine(source, headerIndex);
  const planTitle = title?.planTitle || workbook.title || "";
  const start = title?.period?.startFiscalYear;
  const end = title?.period?.endFiscalYear ?? subheader.target?.fiscalYear;
  const fiscalYear = asOf ? fiscalYearOfDate(asOf) : header.activitiesFiscalYear;

  const missing = [
    ...(planTitle ? [] : [["計画名", "plan title"]]),
    ...(start === undefined || end === undefined ? [["計画期間", "plan period"]] : []),
    ...(asOf ? [] : [["基準日（…現在）", "as-of date"]]),
  ] as [string, string][];
  if (missing.length > 0 || start === undefined || end === undefined || !asOf || fiscalYear === undefined) {
    const titleRow = source.rows[0];
    diagnostics.push(
      sheetDiagnostic(
        "title.unreadable",
        {
          text: excerpt(title?.text ?? "", 80),
          missing: missing.map(([ja]) => ja).join("・"),
          missingEn: missing.map(([, en]) => en).join(", "),
        },
        titleRow ? cellLocation(source, titleRow, 0) : { sheet: sheet.name },
      ),
    );
    return failure(diagnostics);
  }

  const plan: PlanDocument["plan"] = { title: planTitle, startFiscalYear: start, endFiscalYear: end };
  const baseline = subheader.baseline?.fiscalYear;
  if (baseline !== undefined) plan.baselineFiscalYear = baseline;
  const round: PlanDocument["round"] = { fiscalYear, asOf };
  if (title) round.title = title.text;
  const organizationName = options.organizationName ?? (workbook.company || undefined);
  const grades = summaryScale(source);

  return readPlanRows(source, {
    columns,
    dataStart: headerIndex + 2,
    plan,
    round,
    ...(grades ? { grades, gradeScale: scaleWords(grades) } : {}),
    ...(organizationName ? { organizationName } : {}),
    headerTexts: { number: headerRow.cells[1] ?? "No." },
    expectSummary: true,
    ...(options.allowPartial ? { allowPartial: true } : {}),
    diagnostics,
  });
}

/**
 * The plan's own grade scale, read from the 本部会評価 summary Shinchoku writes under the table (one
 * cell per level, 「◎ 達成」): its xlsx re-imports with the codes it printed. Undefined for the
 * default A–D, or when the summary is not there or does not read as a scale.
 */
function summaryScale(source: SheetSource): GradeScale | undefined {
  const labelIndex = SUMMARY_FIRST_COLUMN - 2;
  const row = source.rows.findLast((r) => normalizeScaleKey(r.cells[labelIndex] ?? "") === SUMMARY_LABEL);
  if (!row) return undefined;
  const scale: GradeScale = [];
  for (const text of row.cells.slice(labelIndex + 1)) {
    const cell = (text ?? "").trim();
    if (cell === "" || cell === "対象外") continue;
    const [code = "", ...label] = cell.split(/\s+/);
    scale.push({ code, label: label.join(" ") });
  }
  if (scale.length === 0 || gradeScaleProblems(scale).length > 0 || isDefaultGradeScale(scale))
    return undefined;
  return scale;
}

/** The first cell above the header that reads as a progress-table title. */
function findTitle(source: SheetSource, headerIndex: number): TitleInfo | undefined {
  let fallback: TitleInfo | undefined;
  for (const row of source.rows.slice(0, headerIndex)) {
    for (const cell of row.cells) {
      if (cell === "") continue;
      const title = parseTitle(cell);
      if (title.period && title.asOf) return title;
      if (!fallback && cell.includes("進行管理集計表")) fallback = title;
    }
  }
  return fallback;
}

/** 「令和2年3月31日現在」 written under the table. */
function findAsOfLine(source: SheetSource, headerIndex: number): string | undefined {
  for (const row of source.rows.slice(headerIndex + 2)) {
    const first = row.cells.find((c) => c !== "");
    if (first?.endsWith(AS_OF_SUFFIX)) {
      const iso = parseJapaneseDate(first.slice(0, -AS_OF_SUFFIX.length));
      if (iso) return iso;
    }
  }
  return undefined;
}
