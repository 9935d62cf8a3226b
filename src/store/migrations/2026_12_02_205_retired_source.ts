import { type Kysely, type Migration, sql } from "kysely";

/**
 * Who last set an initiative's or a KPI's 廃止 (issue 8): `retired_source` is 'editor' when the plan
 * editor did (it added the item, retired it or restored it), 'import' when an import did (the latest
 * year's table lists what is current and retires the rest). Removing the latest round recomputes the
 * flags an import set from the round that is latest after it; the plan editor's stay as it left them
 * (src/store/removals.ts).
 *
 * Backfilled from the audit log: an item is 'editor' when the plan editor's last action on it (add,
 * retire, restore) left the flag as it is now; when an import changed it since, it is 'import'.
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
        const row = sql.ref(`${table}.id`);
        // The editor's last word stands only if no import changed the flag since: its retire left
        // the item retired, its create or restore left it current.
        await sql`update ${sql.table(table)} set retired_source = 'editor'
          where exists (select 1 from audit_log a where a.entity = ${table} and a.entity_id = ${row}
            and a.id = (select max(b.id) from audit_log b where b.entity = ${table} and b.entity_id = ${row}
              and b.action in (${sql.join(actions)}))
            and (case when a.action = ${`${table}.retire`} then 1 else 0 end)
              = (case when ${sql.ref(`${table}.retired`)} then 1 else 0 end))`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("kpi").dropColumn("retired_source").execute();
      await db.schema.alterTable("initiative").dropColumn("retired_source").execute();
    },
  };
}
