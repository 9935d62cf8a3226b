import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../dialect.ts";

/**
 * import_mapping: the column mapping an organization last used to import another city's layout
 * (its own xlsx or CSV) in the browser, kept for next year's import: the JSON a mapping file holds
 * (docs/MAPPING.md), as text so that it comes back exactly as written. One per organization.
 *
 * Never edit this file once it has landed: add a new migration instead.
 */
export function importMappingsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const { timestamp } = dialect.columnTypes;
      await db.schema
        .createTable("import_mapping")
        .addColumn("id", "integer", (c) => dialect.idColumn(c))
        .addColumn("organization_id", "integer", (c) =>
          c.notNull().unique().references("organization.id").onDelete("cascade"),
        )
        .addColumn("mapping", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("updated_at", timestamp, (c) => c.notNull().defaultTo(dialect.nowDefault))
        .addColumn("updated_by_account_id", "integer")
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("import_mapping").execute();
    },
  };
}
