import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialect.ts";

/**
 * Departments change with the city's yearly 機構改革 (issue 8): the secretariat renames, merges and
 * retires them in the browser.
 *
 * - department.version: a department is an editable record (optimistic version check).
 * - department.retired_at: no longer offered for new rounds or new accounts; kept, because past
 *   rounds' audit entries and accounts may still name it.
 * - department.merged_into_id: the department it was merged into (統合先), when it went by a merge.
 *   No foreign key: SQLite cannot drop a column that one names, and the store checks that both
 *   belong to the same organization.
 *
 * No rename history is needed: each round keeps the 関係課 names it printed (report.departments,
 * migration 2026_11_25_003), and the store fills in that copy for older rows before any change.
 *
 * Never edit this file once it has landed: add a new migration instead.
 */
export function departmentChangesMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("department")
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .alterTable("department")
        .addColumn("retired_at", dialect.columnTypes.timestamp)
        .execute();
      await db.schema.alterTable("department").addColumn("merged_into_id", "integer").execute();
      // What every page of the department list asks: which of an organization's are still in use.
      await sql`create index department_active_idx on department (organization_id, retired_at)`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`drop index if exists department_active_idx`.execute(db);
      await db.schema.alterTable("department").dropColumn("merged_into_id").execute();
      await db.schema.alterTable("department").dropColumn("retired_at").execute();
      await db.schema.alterTable("department").dropColumn("version").execute();
    },
  };
}
