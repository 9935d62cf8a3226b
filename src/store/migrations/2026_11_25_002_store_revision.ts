import { type Kysely, type Migration, sql } from "kysely";

/**
 * store_revision: one row holding a number that every write transaction changes (see
 * Store.revision()). Readers that keep derived copies of the data — the server's page cache — compare
 * it instead of guessing with timers, and it is seen across processes, so an import made by
 * `shinchoku import` reaches a running server's next request.
 *
 * The one table without organization_id: the revision belongs to the database, not to a tenant.
 *
 * It starts at the creation time in milliseconds rather than at 1, so that a database created anew
 * under a running server (a test deleting its file, a re-initialised instance) does not count
 * through the numbers the old one used and meet a page cached from it.
 *
 * Never edit this file once it has landed: add a new migration instead.
 */
export function storeRevisionMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("store_revision")
        .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn("revision", "bigint", (c) => c.notNull())
        .execute();
      await sql`insert into store_revision (id, revision) values (1, ${Date.now()})`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("store_revision").ifExists().execute();
    },
  };
}
