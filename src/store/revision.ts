import { CompiledQuery, type Kysely, sql } from "kysely";
import type { Database } from "./schema.ts";
import type { PublicRevisions } from "./types.ts";

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

/**
 * Sets an organization's public revision to the store revision this transaction took (bumped
 * first, so the number is new and larger than any before): its public pages are rendered anew.
 */
export async function touchPublicRevision(db: Kysely<Database>, organizationId: number): Promise<void> {
  await db
    .updateTable("organization")
    .set({ public_revision: sql`(select revision from store_revision where id = 1)` })
    .where("id", "=", organizationId)
    .execute();
}

/** Each organization's public revision; the directory's changes with any of them or their number. */
export async function readPublicRevisions(db: Kysely<Database>): Promise<PublicRevisions> {
  const rows = await db.selectFrom("organization").select(["id", "public_revision"]).execute();
  const byOrganization = new Map<number, number>();
  let max = 0;
  for (const row of rows) {
    const revision = Number(row.public_revision);
    byOrganization.set(row.id, revision);
    if (revision > max) max = revision;
  }
  return { directory: `${rows.length}:${max}`, byOrganization };
}
