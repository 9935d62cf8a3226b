import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  type ColumnDataType,
  type ColumnDefinitionBuilder,
  type DatabaseConnection,
  type Driver,
  type Expression,
  Kysely,
  PostgresDialect,
  type RawBuilder,
  type SqlBool,
  SqliteDialect,
  SqliteDriver,
  sql,
} from "kysely";
import type { Database } from "./schema.ts";
import { openSqlite, type SqliteHandle } from "./sqlite-driver.ts";
import type { DatabaseTarget } from "./url.ts";

/**
 * Everything that differs between SQLite and PostgreSQL, in one place. Repositories and migrations ask
 * these capabilities instead of testing which database they run on.
 *
 * What both share needs no flag: RETURNING ids, INSERT … ON CONFLICT … DO UPDATE (upsert, with
 * `excluded.`), IS DISTINCT FROM and row-level CHECK/foreign keys work the same on PostgreSQL and on
 * SQLite ≥ 3.39 (better-sqlite3 12 bundles 3.5x), so repositories use them directly.
 *
 * Migrations use `columnTypes`, `idColumn` and `nowDefault`: once a migration has landed these must
 * keep producing the same DDL, so change them only by adding new members.
 */
export interface StoreDialect {
  readonly name: "sqlite" | "postgres";
  /**
   * How substring search over Japanese text is answered:
   * - "fts5-trigram": FTS5 tables `<table>_fts` (trigram tokenizer) kept in sync by triggers;
   * - "trigram-like": ILIKE on the columns themselves, accelerated by pg_trgm GIN indexes.
   * Both need at least `trigramLength` characters to use the index; shorter terms scan with LIKE.
   */
  readonly textSearch: "fts5-trigram" | "trigram-like";
  readonly trigramLength: number;
  readonly columnTypes: {
    json: ColumnDataType | Expression<unknown>;
    date: ColumnDataType;
    timestamp: ColumnDataType;
  };
  /** An integer primary key the database numbers itself. */
  idColumn(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Default value of a timestamp column: now, in the column's representation. */
  readonly nowDefault: RawBuilder<unknown>;
  /** A boolean as the driver can bind it. */
  bool(value: boolean): boolean | number;
  /** A JSON column's value as a JavaScript value. */
  readJson<T>(value: unknown): T;
  /** Schema that holds Kysely's migration bookkeeping (undefined: the connection's default). */
  migrationSchema(db: Kysely<Database>): Promise<string | undefined>;
  /**
   * True when any of `columns` of `table` contains `term` (case-insensitive for Latin letters;
   * `%` and `_` in the term are literal). `idColumn` is the reference to `table`'s id in the
   * enclosing query, e.g. "initiative.id".
   */
  textContains(
    table: string,
    idColumn: string,
    columns: readonly string[],
    term: string,
  ): RawBuilder<SqlBool>;
}

const LIKE_ESCAPE = "!";
const TRIGRAM_LENGTH = 3;

function likePattern(term: string): string {
  return `%${term.replace(/[!%_]/g, (c) => LIKE_ESCAPE + c)}%`;
}

function likeAny(operator: "like" | "ilike", columns: readonly string[], term: string): RawBuilder<SqlBool> {
  const pattern = likePattern(term);
  const tests = columns.map((column) => sql`${sql.ref(column)} ${sql.raw(operator)} ${pattern} escape '!'`);
  return sql<SqlBool>`(${sql.join(tests, sql` or `)})`;
}

/** Characters as the trigram tokenizers count them (code points, not UTF-16 units). */
function characterCount(term: string): number {
  return [...term].length;
}

export const sqliteDialect: StoreDialect = {
  name: "sqlite",
  textSearch: "fts5-trigram",
  trigramLength: TRIGRAM_LENGTH,
  columnTypes: { json: "text", date: "text", timestamp: "text" },
  idColumn: (column) => column.primaryKey().autoIncrement(),
  nowDefault: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  bool: (value) => (value ? 1 : 0),
  readJson: <T>(value: unknown) => (typeof value === "string" ? JSON.parse(value) : value) as T,
  migrationSchema: async () => undefined,
  textContains(table, idColumn, columns, term) {
    if (characterCount(term) < TRIGRAM_LENGTH) {
      return likeAny(
        "like",
        columns.map((c) => `${table}.${c}`),
        term,
      );
    }
    // A quoted FTS5 phrase of trigrams matches exactly the documents containing the term.
    const phrase = `"${term.replace(/"/g, '""')}"`;
    const fts = `${table}_fts`;
    return sql<SqlBool>`${sql.ref(idColumn)} in (select rowid from ${sql.table(fts)} where ${sql.table(fts)} match ${phrase})`;
  },
};

export const postgresDialect: StoreDialect = {
  name: "postgres",
  textSearch: "trigram-like",
  trigramLength: TRIGRAM_LENGTH,
  columnTypes: { json: "jsonb", date: "date", timestamp: "timestamptz" },
  idColumn: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
  nowDefault: sql`now()`,
  bool: (value) => value,
  readJson: <T>(value: unknown) => value as T,
  migrationSchema: async (db) => {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    return rows[0]?.schema;
  },
  textContains(table, _idColumn, columns, term) {
    return likeAny(
      "ilike",
      columns.map((c) => `${table}.${c}`),
      term,
    );
  },
};

export interface Connection {
  db: Kysely<Database>;
  dialect: StoreDialect;
  /** Opened read-only: the SQLite file is not writable by this process. */
  readOnly: boolean;
}

export async function connect(target: DatabaseTarget): Promise<Connection> {
  return target.kind === "sqlite" ? connectSqlite(target) : connectPostgres(target);
}

/** Whether this process may write the file (false when it does not exist). */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

async function connectSqlite(target: Extract<DatabaseTarget, { kind: "sqlite" }>): Promise<Connection> {
  // URI file names let a read-only database in a read-only folder be opened as `immutable` (below).
  // Every path reaching here is a plain path: parseDatabaseUrl refuses "file:" as a scheme.
  process.env.SQLITE_USE_URI ??= "1";
  const { path } = target;
  const inMemory = path === ":memory:";
  // A file that exists but cannot be written is opened read-only, so that it can still be exported
  // from and served; opening it for writing would fail on the first pragma.
  const readOnly = !inMemory && existsSync(path) && !writable(path);
  if (!inMemory && !readOnly) mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = readOnly
    ? await openReadOnly(path)
    : await openSqlite(path, { readOnly: false, fileMustExist: false });
  // WAL lets the server read while an import writes; it does not apply to a memory database.
  if (!inMemory && !readOnly) database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma(`busy_timeout = ${Math.trunc(target.busyTimeoutMs)}`);
  const dialect = new GuardedSqliteDialect({ database });
  return { db: new Kysely<Database>({ dialect }), dialect: sqliteDialect, readOnly };
}

/**
 * Reading a WAL database needs its -shm file, which SQLite creates beside it. In a folder this process
 * cannot write, and with no -wal file left by a writer (so nothing uncommitted to the main file), the
 * database is opened `immutable`: read as it is, without locks.
 */
function openReadOnly(path: string): Promise<SqliteHandle> {
  const folderWritable = writable(dirname(resolve(path)));
  if (folderWritable || existsSync(`${path}-wal`) || process.env.SQLITE_USE_URI !== "1") {
    return openSqlite(path, { readOnly: true, fileMustExist: true });
  }
  const uri = `file:${encodeURI(resolve(path)).replace(/[?#]/g, encodeURIComponent)}?immutable=1`;
  return openSqlite(uri, { readOnly: true, fileMustExist: true });
}

/**
 * SQLite rolls a transaction back by itself after some errors (a full disk, an I/O error); Kysely's
 * ROLLBACK then fails with "cannot rollback - no transaction is active", and that error replaces the
 * one that named the cause. The rollback is skipped when there is no transaction left to roll back.
 */
class GuardedSqliteDialect extends SqliteDialect {
  constructor(private readonly config: { database: SqliteHandle }) {
    super(config);
  }

  override createDriver(): Driver {
    const { database } = this.config;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (database.inTransaction) await super.rollbackTransaction(connection);
      }
    })(this.config);
  }
}

async function connectPostgres(target: Extract<DatabaseTarget, { kind: "postgres" }>): Promise<Connection> {
  const { default: pg } = await import("pg");
  // bigint counts and sums fit a JavaScript number here; dates stay ISO strings (the default parser
  // turns them into local-midnight Date objects, which shift with the server's time zone).
  const parsers: Record<number, (value: string) => unknown> = {
    20: Number,
    1700: Number,
    1082: (value) => value,
  };
  const getTypeParser = ((oid: number, format?: "text" | "binary") =>
    parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;
  const pool = new pg.Pool({
    connectionString: target.url,
    types: { getTypeParser },
    // A server that accepts the connection and never answers must not hang a command.
    connectionTimeoutMillis: target.connectTimeoutMs,
    statement_timeout: target.statementTimeoutMs,
    // statement_timeout is the server's own; a server that stops answering needs the client's too.
    query_timeout: target.statementTimeoutMs + 5_000,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on("error", () => {});
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    dialect: postgresDialect,
    readOnly: false,
  };
}
