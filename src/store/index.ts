import { connect } from "./dialect.ts";
import { SqlStore } from "./sql-store.ts";
import { parseDatabaseUrl } from "./url.ts";

export { SqlStore } from "./sql-store.ts";
export * from "./types.ts";
export { DEFAULT_DATABASE_URL, parseDatabaseUrl, redactDatabaseUrl } from "./url.ts";

/**
 * Opens the store at `url` (default: the SQLite file ./data/shinchoku.db, its folder created).
 * "sqlite::memory:", "sqlite:<path>" or a bare path open SQLite; "postgres://…" or
 * "postgresql://…" open PostgreSQL. Migrations are not applied here: call `migrate()`.
 */
export async function openStore(url?: string): Promise<SqlStore> {
  const { db, dialect } = await connect(parseDatabaseUrl(url));
  return new SqlStore(db, dialect);
}
