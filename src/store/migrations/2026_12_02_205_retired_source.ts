import { type Kysely, type Migration, sql } from "kysely";

/**
 * Who last set an initiative's or a KPI's 廃止 (issue 8): `retired_source` is 'editor' when the plan
 * editor did (it added the item, retired it or restored it), 'import' when an import did (the latest
 * year's table lists what is current and retires the rest). Removing the latest round recomputes the
 * flags an import set from the round that is latest after it; the plan editor's stay as it left them
 * (src/store/removals.ts).
 *
 * Backfilled from the audit log: an item the plan editor added, retired or restored is 'editor'.
 *
 * Never edit this file once it has landed: add a new migration instead.
 */
export function retiredSourceMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const table of ["initiative", "kpi"] as const) {
        await db.schema
          .alterTable(table)
          .addColumn("retired_source", "text", (c) => c.notNull().defaultTo("import"))
          .execute();
        const actions = [`${table}.create`, `${table}.retire`, `${table}.restore`];
        await sql`update ${sql.table(table)} set retired_source = 'editor'
          where exists (select 1 from audit_log a where a.entity = ${table}
            and a.entity_id = ${sql.table(table)}.id and a.action in (${sql.join(actions)}))`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("kpi").dropColumn("retired_source").execute();
      await db.schema.alterTable("initiative").dropColumn("retired_source").execute();
    },
  };
}
