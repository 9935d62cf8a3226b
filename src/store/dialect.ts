import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  type ColumnDataType,
  type ColumnDefinitionBuilder,
  type Expression,
  Kysely,
  PostgresDialect,
  type RawBuilder,
  type SqlBool,
  SqliteDialect,
  sql,
} from "kysely";
import type { Database } from "./schema.ts";
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
}

export async function connect(target: DatabaseTarget): Promise<Connection> {
  return target.kind === "sqlite" ? connectSqlite(target.path) : connectPostgres(target.url);
}

async function connectSqlite(path: string): Promise<Connection> {
  const { default: SQLite } = await import("better-sqlite3");
  const inMemory = path === ":memory:";
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = new SQLite(path);
  // WAL lets the server read while an import writes; it does not apply to a memory database.
  if (!inMemory) database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), dialect: sqliteDialect };
}

async function connectPostgres(url: string): Promise<Connection> {
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
  const pool = new pg.Pool({ connectionString: url, types: { getTypeParser } });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on("error", () => {});
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: postgresDialect };
}
