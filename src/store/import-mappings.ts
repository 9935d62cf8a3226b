import { sql } from "kysely";
import { accountIdOf, isoTimestamp, type Scope, writerOf } from "./scope.ts";
import type { ImportMappingRecord, ImportMappingWrites } from "./types.ts";

/**
 * The column mapping an organization last imported another city's layout with, kept for next
 * year: the mapping file's JSON as written (docs/MAPPING.md). One per organization; a save replaces
 * it and is audited with the mapping before and after.
 */
export class ImportMappings implements ImportMappingWrites {
  constructor(private readonly scope: Scope) {}

  async find(organizationId: number): Promise<ImportMappingRecord | undefined> {
    const row = await this.scope.db
      .selectFrom("import_mapping")
      .select(["organization_id", "mapping", "version", "updated_at"])
      .where("organization_id", "=", organizationId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      organizationId: row.organization_id,
      mapping: JSON.parse(row.mapping) as unknown,
      version: row.version,
      updatedAt: isoTimestamp(row.updated_at),
    };
  }

  async save(organizationId: number, mapping: unknown): Promise<ImportMappingRecord> {
    const writer = writerOf(this.scope);
    const before = await this.find(organizationId);
    const text = JSON.stringify(mapping);
    const accountId = accountIdOf(writer.actor);
    if (before) {
      await this.scope.db
        .updateTable("import_mapping")
        .set({
          mapping: text,
          version: sql`version + 1`,
          updated_at: new Date().toISOString(),
          updated_by_account_id: accountId,
        })
        .where("organization_id", "=", organizationId)
        .execute();
    } else {
      await this.scope.db
        .insertInto("import_mapping")
        .values({ organization_id: organizationId, mapping: text, updated_by_account_id: accountId })
        .execute();
    }
    await writer.audit({
      organizationId,
      action: "import-mapping.save",
      entity: "organization",
      entityId: organizationId,
      before: before?.mapping ?? null,
      after: mapping,
    });
    const saved = await this.find(organizationId);
    if (!saved) throw new Error("import_mapping: the row just saved is not there");
    return saved;
  }
}
