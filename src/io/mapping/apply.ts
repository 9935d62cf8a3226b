import type { Diagnostic } from "../../domain/diagnostic.ts";
import { type EraContext, formatFiscalYear } from "../../domain/era.ts";
import type { Grade } from "../../domain/grade.ts";
import { kpiParseContext } from "../../domain/kpi-context.ts";
import type { PlanDocument } from "../../domain/plan-document.ts";
import { parseTitle } from "../table-text/title.ts";
import { columnLetter, columnNumber } from "../xlsx/layout.ts";
import {
  type ColumnIndexes,
  KPI_VALUE_FIELDS,
  type KpiValueField,
  MAPPING_FIELDS,
  type MappingField,
} from "./fields.ts";
import { headerYearOf, type YearColumn } from "./header-years.ts";
import { sheetDiagnostic } from "./messages.ts";
import {
  NOT_ASSESSED_MARK,
  normalizeScaleKey,
  readPlanRows,
  type SheetImportResult,
  scaleWords,
} from "./read-rows.ts";
import { type ColumnMapping, type ColumnRef, type MappingOrigin, NOT_ASSESSED_TARGET } from "./schema.ts";
import type { SheetRow, SheetSource } from "./sheet.ts";

export interface MappingImportOptions {
  /** The municipality, when the caller knows it (the mapping's organization otherwise). */
  organizationName?: string;
  /** Findings from reading the file (encoding, cell errors): they come first. */
  diagnostics?: Diagnostic[];
  /** Where the mapping was made (default: a mapping file): findings about it say what to change there. */
  mappingOrigin?: MappingOrigin;
}

function refParts(ref: ColumnRef): { letter?: string; header?: string } {
  if (typeof ref === "string") return /^[A-Z]{1,3}$/.test(ref) ? { letter: ref } : { header: ref };
  return "letter" in ref ? { letter: ref.letter.toUpperCase() } : { header: ref.header };
}

interface Resolved {
  columns: ColumnIndexes;
  headerTexts: Partial<Record<MappingField, string>>;
  /** The fiscal years the headers of the 当初, 目標 and 現状値 columns name (基準値（H27） → 2015). */
  headerYears: Partial<Record<KpiValueField, YearColumn>>;
  /** 現状値 in one column per year: the columns and the years their headers name. */
  currentByYear?: YearColumn[];
  diagnostics: Diagnostic[];
}

/** Column letters and header names of the mapping → 0-based column indexes. */
export function resolveColumns(
  source: SheetSource,
  mapping: ColumnMapping,
  ctx?: EraContext,
  origin: MappingOrigin = "file",
): Resolved {
  const from = originParam(origin);
  const headerRows = source.rows.filter((row) => row.number <= mapping.headerRows);
  const columns: ColumnIndexes = {};
  const headerTexts: Partial<Record<MappingField, string>> = {};
  const headerYears: Partial<Record<KpiValueField, YearColumn>> = {};
  const diagnostics: Diagnostic[] = [];
  const indexOf = (ref: ColumnRef, field: string): number | undefined => {
    const { letter, header } = refParts(ref);
    if (letter !== undefined) {
      const index = (columnNumber(letter) ?? 0) - 1;
      return index < 0 ? undefined : index;
    }
    if (header === undefined) return undefined;
    if (mapping.headerRows === 0) {
      diagnostics.push(
        sheetDiagnostic("mapping.header-rows-needed", { field, header }, { field: `columns.${field}` }),
      );
      return undefined;
    }
    const wanted = normalizeScaleKey(header);
    for (const row of headerRows) {
      const at = row.cells.findIndex((cell) => cell !== "" && normalizeScaleKey(cell) === wanted);
      if (at !== -1) return at;
    }
    diagnostics.push(
      sheetDiagnostic(
        "mapping.column-not-found",
        { field, header, headerRows: mapping.headerRows },
        { field: `columns.${field}` },
      ),
    );
    return undefined;
  };
  let currentByYear: YearColumn[] | undefined;
  for (const field of MAPPING_FIELDS) {
    const ref = mapping.columns[field];
    if (ref === undefined) continue;
    if (typeof ref === "object" && "eachYear" in ref) {
      // The columns per year are told apart by the years in their headers: no header, no year.
      if (mapping.headerRows === 0)
        diagnostics.push(
          sheetDiagnostic(
            "mapping.header-rows-needed",
            { field: `${field}.eachYear`, ...from },
            { field: `columns.${field}.eachYear` },
          ),
        );
      else currentByYear = yearColumnsOf(ref.eachYear, indexOf, headerRows, diagnostics, ctx, from);
      continue;
    }
    const index = indexOf(ref, field);
    if (index === undefined) continue;
    columns[field] = index;
    // The lowest header row names the column (upper rows hold group headings such as 数値目標等).
    for (const row of headerRows) {
      const text = row.cells[index];
      if (text) headerTexts[field] = text;
    }
    if ((KPI_VALUE_FIELDS as readonly string[]).includes(field)) {
      const year = headerYearOf(headerRows, index, ctx);
      if (year) headerYears[field as KpiValueField] = year;
    }
  }
  return { columns, headerTexts, headerYears, ...(currentByYear ? { currentByYear } : {}), diagnostics };
}

/** The message parameter that words a finding for the builder's page; none for a mapping file. */
function originParam(origin: MappingOrigin | undefined): { origin?: MappingOrigin } {
  return origin === "builder" ? { origin } : {};
}

/** The columns of 現状値 per year, each with the year its header names; no year twice. */
function yearColumnsOf(
  refs: readonly ColumnRef[],
  indexOf: (ref: ColumnRef, field: string) => number | undefined,
  headerRows: SheetSource["rows"],
  diagnostics: Diagnostic[],
  ctx: EraContext | undefined,
  from: { origin?: MappingOrigin },
): YearColumn[] {
  const found: YearColumn[] = [];
  refs.forEach((ref, i) => {
    const field = `current.eachYear[${i}]`;
    const index = indexOf(ref, field);
    if (index === undefined) return;
    const year = headerYearOf(headerRows, index, ctx);
    const letter = columnLetter(index + 1);
    if (!year) {
      const header = [...headerRows].reverse().find((row) => row.cells[index])?.cells[index] ?? "";
      diagnostics.push(
        sheetDiagnostic(
          "mapping.header-year-missing",
          { field, letter, header, ...from },
          { field: `columns.${field}` },
        ),
      );
      return;
    }
    const twice = found.find((y) => y.fiscalYear === year.fiscalYear);
    if (twice) {
      diagnostics.push(
        sheetDiagnostic(
          "mapping.header-year-duplicate",
          {
            field,
            fy: formatFiscalYear(year.fiscalYear),
            fyEn: `FY${year.fiscalYear}`,
            first: twice.header,
            second: year.header,
            ...from,
          },
          { field: `columns.${field}` },
        ),
      );
      return;
    }
    found.push(year);
  });
  return found;
}

/**
 * Cell text → grade: the `grades` scale's codes and labels (when the mapping names one), then the
 * words the mapping lists. A city's S stays S on its own scale; only a mapping without `grades`
 * folds its words into A–D.
 */
function gradeScaleOf(mapping: ColumnMapping): Map<string, Grade> | undefined {
  if (!mapping.gradeScale && !mapping.grades) return undefined;
  const scale = mapping.grades ? scaleWords(mapping.grades) : new Map<string, Grade>();
  const codes = new Set((mapping.grades ?? []).map((g) => g.code));
  // 「対象外」 as a word's target: not graded this year (unless the city's scale has such a code).
  for (const [text, grade] of Object.entries(mapping.gradeScale ?? {}))
    scale.set(
      normalizeScaleKey(text),
      grade === NOT_ASSESSED_TARGET && !codes.has(grade) ? NOT_ASSESSED_MARK : grade,
    );
  return scale;
}

/** A progress-table title above the header ("…（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）"). */
function titleAbove(source: SheetSource, headerRows: number) {
  for (const row of source.rows) {
    if (row.number > headerRows) break;
    for (const cell of row.cells) {
      if (cell === "") continue;
      const title = parseTitle(cell);
      if (title.period && title.planTitle) return title;
    }
  }
  return undefined;
}

/**
 * The plan a sheet's title row names (title and period), as importWithMapping reads it when the
 * mapping names no plan: the column-mapping builder finds the target plan by it.
 */
export function planOfTitleRow(
  rows: readonly SheetRow[],
  headerRows: number,
): { title: string; startFiscalYear: number; endFiscalYear: number } | undefined {
  const title = titleAbove({ rows: [...rows] }, headerRows);
  return title?.period ? { title: title.planTitle, ...title.period } : undefined;
}

/** Reads a sheet with a column mapping into a plan document (see ./schema.ts for the mapping file). */
export function importWithMapping(
  source: SheetSource,
  mapping: ColumnMapping,
  options: MappingImportOptions = {},
): SheetImportResult {
  let plan: PlanDocument["plan"] | undefined;
  let round: Partial<PlanDocument["round"]> | undefined = mapping.round;
  if (mapping.plan) {
    plan = {
      title: mapping.plan.title,
      startFiscalYear: mapping.plan.startFiscalYear,
      endFiscalYear: mapping.plan.endFiscalYear,
    };
    if (mapping.plan.baselineFiscalYear !== undefined)
      plan.baselineFiscalYear = mapping.plan.baselineFiscalYear;
  } else {
    const title = titleAbove(source, mapping.headerRows);
    if (title?.period) {
      plan = { title: title.planTitle, ...title.period };
      if (!round && title.asOf) round = { asOf: title.asOf, title: title.text };
    }
  }

  // Headers are read with the plan's eras when it is known (an era-less 27年度実績).
  const resolved = resolveColumns(
    source,
    mapping,
    plan ? kpiParseContext(plan) : undefined,
    options.mappingOrigin,
  );
  const before = [...(options.diagnostics ?? []), ...resolved.diagnostics];
  if (resolved.diagnostics.length > 0) return { document: null, diagnostics: before, rows: [] };
  // 基準値（H27）: the header names the baseline's time when the mapping does not.
  const baselineYear = resolved.headerYears.baseline?.fiscalYear;
  if (plan && plan.baselineFiscalYear === undefined && baselineYear !== undefined)
    plan = { ...plan, baselineFiscalYear: baselineYear };

  const dataStart = source.rows.findIndex((row) => row.number > mapping.headerRows);
  const organizationName = options.organizationName ?? mapping.organization?.name;
  return readPlanRows(source, {
    columns: resolved.columns,
    dataStart: dataStart === -1 ? source.rows.length : dataStart,
    ...(plan ? { plan } : {}),
    ...(round ? { round } : {}),
    ...(organizationName ? { organizationName } : {}),
    ...(mapping.departmentSeparator ? { departmentSeparator: mapping.departmentSeparator } : {}),
    ...(gradeScaleOf(mapping) ? { gradeScale: gradeScaleOf(mapping) } : {}),
    ...(mapping.grades ? { grades: mapping.grades } : {}),
    headerTexts: resolved.headerTexts,
    headerYears: resolved.headerYears,
    ...(resolved.currentByYear ? { currentByYear: resolved.currentByYear } : {}),
    ...(options.mappingOrigin ? { mappingOrigin: options.mappingOrigin } : {}),
    diagnostics: before,
  });
}
