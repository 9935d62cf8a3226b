import type { Diagnostic } from "../domain/diagnostic.ts";
import type { SourcePlace } from "../domain/import-departments.ts";
import type { PlanDocument } from "../domain/plan-document.ts";

/**
 * What every importer (table text, xlsx, csv) returns, so that one preview page and one CLI can show
 * any of them. Importers never throw on bad input: they report it here.
 */
export interface ImportResult {
  /**
   * The plan document read from the input, or null when the input cannot be read as a progress table
   * at all (a binary file, no header row, no initiative). Its `diagnostics` repeat the ones below.
   */
  document: PlanDocument | null;
  /** Every finding, document-wide ones (without a line) first, then in line order. */
  diagnostics: Diagnostic[];
  /**
   * Where some of the document's fields were read in the file, by field path
   * ("policies[0].initiatives[3].departments"): for findings made later, against the store.
   */
  places?: Record<string, SourcePlace>;
}

/** The table-text importer also says which character encoding it read the bytes in. */
export interface TableImportResult extends ImportResult {
  /** "UTF-8", "Shift_JIS", "UTF-16LE" …; null for string input or unreadable bytes. */
  encoding: string | null;
}
