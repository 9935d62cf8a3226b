import type { Diagnostic } from "../../domain/diagnostic.ts";
import type { Grade } from "../../domain/grade.ts";
import type { PlanDocument } from "../../domain/plan-document.ts";
import { parseTitle } from "../table-text/title.ts";
import { columnNumber } from "../xlsx/layout.ts";
import { type ColumnIndexes, MAPPING_FIELDS, type MappingField } from "./fields.ts";
import { sheetDiagnostic } from "./messages.ts";
import {
  NOT_ASSESSED_MARK,
  normalizeScaleKey,
  readPlanRows,
  type SheetImportResult,
  scaleWords,
} from "./read-rows.ts";
import { type ColumnMapping, type ColumnRef, NOT_ASSESSED_TARGET } from "./schema.ts";
import type { SheetSource } from "./sheet.ts";

export interface MappingImportOptions {
  /** The municipality, when the caller knows it (the mapping's organization otherwise). */
  organizationName?: string;
  /** Findings from reading the file (encoding, cell errors): they come first. */
  diagnostics?: Diagnostic[];
}

function refParts(ref: ColumnRef): { letter?: string; header?: string } {
  if (typeof ref === "string") return /^[A-Z]{1,3}$/.test(ref) ? { letter: ref } : { header: ref };
  return "letter" in ref ? { letter: ref.letter.toUpperCase() } : { header: ref.header };
}

interface Resolved {
  columns: ColumnIndexes;
  headerTexts: Partial<Record<MappingField, string>>;
  diagnostics: Diagnostic[];
}

/** Column letters and header names of the mapping → 0-based column indexes. */
export function resolveColumns(source: SheetSource, mapping: ColumnMapping): Resolved {
  const headerRows = source.rows.filter((row) => row.number <= mapping.headerRows);
  const columns: ColumnIndexes = {};
  const headerTexts: Partial<Record<MappingField, string>> = {};
  const diagnostics: Diagnostic[] = [];
  for (const field of MAPPING_FIELDS) {
    const ref = mapping.columns[field];
    if (ref === undefined) continue;
    const { letter, header } = refParts(ref);
    let index: number | undefined;
    if (letter !== undefined) index = (columnNumber(letter) ?? 0) - 1;
    else if (header !== undefined) {
      if (mapping.headerRows === 0) {
        diagnostics.push(
          sheetDiagnostic("mapping.header-rows-needed", { field, header }, { field: `columns.${field}` }),
        );
        continue;
      }
      const wanted = normalizeScaleKey(header);
      for (const row of headerRows) {
        const at = row.cells.findIndex((cell) => cell !== "" && normalizeScaleKey(cell) === wanted);
        if (at !== -1) {
          index = at;
          break;
        }
      }
      if (index === undefined) {
        diagnostics.push(
          sheetDiagnostic(
            "mapping.column-not-found",
            { field, header, headerRows: mapping.headerRows },
            { field: `columns.${field}` },
          ),
        );
        continue;
      }
    }
    if (index === undefined || index < 0) continue;
    columns[field] = index;
    // The lowest header row names the column (upper rows hold group headings such as 数値目標等).
    for (const row of headerRows) {
      const text = row.cells[index];
      if (text) headerTexts[field] = text;
    }
  }
  return { columns, headerTexts, diagnostics };
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

/** Reads a sheet with a column mapping into a plan document (see ./schema.ts for the mapping file). */
export function importWithMapping(
  source: SheetSource,
  mapping: ColumnMapping,
  options: MappingImportOptions = {},
): SheetImportResult {
  const resolved = resolveColumns(source, mapping);
  const before = [...(options.diagnostics ?? []), ...resolved.diagnostics];
  if (resolved.diagnostics.length > 0) return { document: null, diagnostics: before, rows: [] };

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
    diagnostics: before,
  });
}
