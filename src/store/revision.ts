import { CompiledQuery, type Kysely, sql } from "kysely";
import type { Database } from "./schema.ts";

/**
 * The store revision (Store.revision()): one row, changed inside every write transaction, so that it
 * moves exactly when the transaction's changes become visible — never before, and not at all when
 * the transaction rolls back.
 *
 * Writers bump it FIRST in their transaction: on PostgreSQL that takes the row's lock at once, so
 * concurrent writers queue up behind each other instead of meeting half-way (readers are never
 * blocked); on SQLite it takes the write lock before anything is read, which avoids the busy error a
 * deferred transaction gets when it upgrades from reading to writing after another commit.
 */
export async function bumpRevision(db: Kysely<Database>): Promise<void> {
  await db.updateTable("store_revision").set({ revision: sql`revision + 1` }).where("id", "=", 1).execute();
}

/** Built once: the page cache reads the revision on every request. */
const SELECT_REVISION = CompiledQuery.raw(
  "select revision from store_revision where id = 1",
) as CompiledQuery<{
  revision: number | string;
}>;

export async function readRevision(db: Kysely<Database>): Promise<number> {
  const { rows } = await db.executeQuery(SELECT_REVISION);
  const row = rows[0];
  if (!row) throw new Error("store_revision has no row: the store is not migrated");
  return Number(row.revision);
}
