import { type Kysely, Migrator } from "kysely";
import type { StoreDialect } from "./dialect.ts";
import { migrationProvider } from "./migrations/index.ts";
import { bumpRevision } from "./revision.ts";
import type { Database } from "./schema.ts";

async function migrator(db: Kysely<Database>, dialect: StoreDialect): Promise<Migrator> {
  return new Migrator({
    db,
    provider: migrationProvider(dialect),
    // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
    migrationTableSchema: await dialect.migrationSchema(db),
  });
}

/** The migrations not applied yet, oldest first; reads only (a read-only database can answer). */
export async function pendingMigrations(db: Kysely<Database>, dialect: StoreDialect): Promise<string[]> {
  const migrations = await (await migrator(db, dialect)).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** Applies the pending migrations in one go; returns the names applied now, oldest first. */
export async function migrateToLatest(db: Kysely<Database>, dialect: StoreDialect): Promise<string[]> {
  const { error, results = [] } = await (await migrator(db, dialect)).migrateToLatest();
  if (error) throw error;
  const applied = results.filter((r) => r.status === "Success").map((r) => r.migrationName);
  // A migration may change what the store returns (a backfilled column, a corrected row).
  if (applied.length > 0) await bumpRevision(db);
  return applied;
}
