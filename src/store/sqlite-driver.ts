import type { SqliteDatabase, SqliteStatement } from "kysely";

/**
 * The embedded database's driver. Two implement SQLite here:
 *
 * - better-sqlite3 12, a native module compiled at install, on Node 20 and 22 (its major 13, on
 *   Node-API, needs Node ≥ 22, and 12 is what runs on 20);
 * - Node's built-in `node:sqlite` on Node 24 and later: nothing to compile, and it is stable there.
 *   better-sqlite3 12 compiled against Node 24.19's headers or later aborts when the garbage
 *   collector finalizes a statement (nodejs/node#65446), so it is not used on 24.
 *
 * SHINCHOKU_SQLITE=node or =better-sqlite3 chooses explicitly (node:sqlite on 22 prints Node's
 * experimental warning). Both offer Kysely what its SqliteDialect needs, plus a pragma call and
 * whether a transaction is open; node:sqlite's errors are given better-sqlite3's `code` names
 * (SQLITE_BUSY, …) so that one table of causes explains both (database-errors.ts).
 */
export interface SqliteHandle extends SqliteDatabase {
  readonly inTransaction: boolean;
  pragma(statement: string): void;
}

export type SqliteDriverName = "better-sqlite3" | "node:sqlite";

export function chosenSqliteDriver(env: Record<string, string | undefined> = process.env): SqliteDriverName {
  const asked = env.SHINCHOKU_SQLITE?.trim().toLowerCase();
  if (asked === "node" || asked === "node:sqlite") return "node:sqlite";
  if (asked === "better-sqlite3") return "better-sqlite3";
  return Number(process.versions.node.split(".")[0]) >= 24 ? "node:sqlite" : "better-sqlite3";
}

export async function openSqlite(
  path: string,
  options: { readOnly: boolean; fileMustExist: boolean },
): Promise<SqliteHandle> {
  if (chosenSqliteDriver() === "node:sqlite") {
    const { DatabaseSync } = await import("node:sqlite");
    try {
      return new NodeSqlite(new DatabaseSync(path, { readOnly: options.readOnly, open: true }));
    } catch (error) {
      throw withSqliteCode(error);
    }
  }
  const { default: SQLite } = await import("better-sqlite3");
  return new SQLite(path, { readonly: options.readOnly, fileMustExist: options.fileMustExist });
}

type NodeDatabase = InstanceType<typeof import("node:sqlite").DatabaseSync>;
type NodeStatement = ReturnType<NodeDatabase["prepare"]>;
type Bindable = null | number | bigint | string | Uint8Array;

class NodeSqlite implements SqliteHandle {
  constructor(private readonly db: NodeDatabase) {}

  get inTransaction(): boolean {
    return this.db.isTransaction;
  }

  pragma(statement: string): void {
    guard(() => this.db.exec(`PRAGMA ${statement}`));
  }

  close(): void {
    this.db.close();
  }

  prepare(sql: string): SqliteStatement {
    const statement = guard(() => this.db.prepare(sql));
    return new NodeStatementAdapter(statement);
  }
}

class NodeStatementAdapter implements SqliteStatement {
  readonly reader: boolean;

  constructor(private readonly statement: NodeStatement) {
    this.reader = statement.columns().length > 0;
  }

  all(parameters: readonly unknown[]): unknown[] {
    // Rows come with a null prototype; the rest of the product expects plain objects.
    return guard(() => this.statement.all(...bindings(parameters))).map((row) => ({ ...row }));
  }

  run(parameters: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint } {
    const result = guard(() => this.statement.run(...bindings(parameters)));
    return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
  }

  *iterate(parameters: readonly unknown[]): IterableIterator<unknown> {
    for (const row of guard(() => this.statement.iterate(...bindings(parameters)))) yield { ...row };
  }
}

/** better-sqlite3 binds booleans as 1/0; node:sqlite refuses them. */
function bindings(parameters: readonly unknown[]): Bindable[] {
  return parameters.map((value) => {
    if (typeof value === "boolean") return value ? 1 : 0;
    if (value === undefined) return null;
    return value as Bindable;
  });
}

function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw withSqliteCode(error);
  }
}

/** SQLite's primary result codes, as better-sqlite3 names them. */
const PRIMARY_CODES: Record<number, string> = {
  1: "SQLITE_ERROR",
  5: "SQLITE_BUSY",
  6: "SQLITE_LOCKED",
  7: "SQLITE_NOMEM",
  8: "SQLITE_READONLY",
  10: "SQLITE_IOERR",
  11: "SQLITE_CORRUPT",
  13: "SQLITE_FULL",
  14: "SQLITE_CANTOPEN",
  19: "SQLITE_CONSTRAINT",
  26: "SQLITE_NOTADB",
};

function withSqliteCode(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const errcode = (error as { errcode?: unknown }).errcode;
  if (typeof errcode === "number") {
    const name = PRIMARY_CODES[errcode & 0xff];
    if (name) Object.defineProperty(error, "code", { value: name, configurable: true, writable: true });
  }
  return error;
}
