import { connect } from "./dialect.ts";
import { SqlStore } from "./sql-store.ts";
import { parseDatabaseUrl } from "./url.ts";

export { describeDatabaseError } from "./database-errors.ts";
export * from "./plan-structure-types.ts";
export { SqlStore } from "./sql-store.ts";
export * from "./types.ts";
export {
  DATABASE_URL_FORMS,
  DatabaseUrlError,
  DEFAULT_DATABASE_URL,
  databaseUrlProblem,
  parseDatabaseUrl,
  redactDatabaseUrl,
} from "./url.ts";

/**
 * Opens the store at `url` (default: the SQLite file ./data/shinchoku.db, its folder created).
 * "sqlite::memory:", "sqlite:<path>" or a bare path open SQLite; "postgres://…" or
 * "postgresql://…" open PostgreSQL. Migrations are not applied here: call `migrate()`. A SQLite file
 * this process cannot write is opened read-only (`store.readOnly`). Throws DatabaseUrlError for a URL
 * of any other kind, before anything is created.
 */
export async function openStore(url?: string): Promise<SqlStore> {
  const { db, dialect, readOnly } = await connect(parseDatabaseUrl(url));
  return new SqlStore(db, dialect, readOnly);
}
