import type { ColumnMapping } from "../io/mapping/schema.ts";
import type { Actor, ImportMappingRecord, Store } from "../store/types.ts";

/**
 * Keeps the column mapping the secretariat built for another city's layout as its organization's,
 * so next year's file of the same layout starts from it (one transaction, audited).
 */
export function saveImportMapping(
  store: Store,
  actor: Actor,
  input: { organizationId: number; mapping: ColumnMapping },
): Promise<ImportMappingRecord> {
  return store.transaction({ actor }, (tx) => tx.importMappings.save(input.organizationId, input.mapping));
}
