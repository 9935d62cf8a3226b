import type { Diagnostic } from "../../domain/diagnostic.ts";
import type { ImportResult } from "../import-result.ts";
import { kpiRows } from "../kpi-rows.ts";
import { FIELD_LABELS, MAPPING_FIELDS, type MappingField } from "./fields.ts";
import type { MappedRow } from "./read-rows.ts";

/**
 * What an import page (or `--dry-run`) shows before anything is saved: the first rows as the mapping
 * read them, every diagnostic, and what the document would hold. Works on any importer's result:
 * the spreadsheet importers keep the rows they read; for others (table text, JSON) the rows are
 * taken from the document.
 */
export interface ImportPreview {
  /** The fields shown, in column order, with their Japanese and English headers. */
  columns: { field: MappingField; header: string; headerEn: string }[];
  rows: MappedRow[];
  /** Rows read in all (the preview shows the first few). */
  totalRows: number;
  diagnostics: Diagnostic[];
  counts: { errors: number; warnings: number; policies: number; initiatives: number; kpis: number };
  /** A document was read and no diagnostic is an error: it can be saved. */
  importable: boolean;
}

function rowsFromDocument(result: ImportResult): MappedRow[] {
  if (!result.document) return [];
  let previous: number | string | null = null;
  // Every mapping field is also a column of the flat rows, under the same id.
  return kpiRows(result.document).map((row, i) => {
    const values: Partial<Record<MappingField, string>> = {};
    for (const field of MAPPING_FIELDS) {
      const value = row[field];
      if (value !== null && value !== "") values[field] = String(value);
    }
    const kind = row.number === previous ? "continuation" : "initiative";
    previous = row.number;
    return { location: String(i + 1), number: i + 1, kind, values };
  });
}

export function previewImport(result: ImportResult & { rows?: MappedRow[] }, rows = 5): ImportPreview {
  const all = result.rows ?? rowsFromDocument(result);
  const shown = all.slice(0, Math.max(0, rows));
  const used = MAPPING_FIELDS.filter((f) => all.some((row) => row.values[f] !== undefined));
  const initiatives = result.document?.policies.flatMap((p) => p.initiatives) ?? [];
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  return {
    columns: used.map((field) => ({
      field,
      header: FIELD_LABELS[field].ja,
      headerEn: FIELD_LABELS[field].en,
    })),
    rows: shown,
    totalRows: all.length,
    diagnostics: result.diagnostics,
    counts: {
      errors,
      warnings: result.diagnostics.filter((d) => d.severity === "warning").length,
      policies: result.document?.policies.length ?? 0,
      initiatives: initiatives.length,
      kpis: initiatives.reduce((n, i) => n + i.kpis.length, 0),
    },
    importable: result.document !== null && errors === 0,
  };
}
