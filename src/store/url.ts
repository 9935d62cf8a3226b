/**
 * Where the store lives. SQLite is the embedded default so that one process and one file are enough;
 * a postgres:// URL selects PostgreSQL for multi-user deployments.
 *
 * One rule for every command and the server: a URL whose scheme is not one of these is refused as a
 * usage error before anything is opened, so that `mysql://u:p@h/db` never becomes a SQLite file named
 * after it (with the password in a folder name).
 */
export const DEFAULT_DATABASE_URL = "sqlite:./data/shinchoku.db";

/** The spellings understood, for messages. */
export const DATABASE_URL_FORMS = "sqlite:<path>, sqlite::memory:, <path>, postgres://…, postgresql://…";

/** How long a connection attempt may take before the command gives up (PostgreSQL). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** How long one statement may run (PostgreSQL's statement_timeout). */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;
/** How long SQLite waits for another writer's lock before it reports the database as locked. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

export type DatabaseTarget =
  | {
      kind: "sqlite";
      /** ":memory:" or a file path */
      path: string;
      busyTimeoutMs: number;
    }
  | {
      kind: "postgres";
      /** The URL as the driver takes it (without the timeout parameters below). */
      url: string;
      connectTimeoutMs: number;
      statementTimeoutMs: number;
    };

/** A database URL that names no database this product can use: a usage error (exit 2). */
export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUrlError";
  }
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * "sqlite::memory:", "sqlite:./data/x.db", "./data/x.db", "postgres://…", "postgresql://…".
 * Timeouts may be given as URL parameters: PostgreSQL `connect_timeout` (seconds, as libpq reads it)
 * and `statement_timeout` (milliseconds, as the server setting); SQLite `?busy_timeout=` (ms).
 * Throws DatabaseUrlError for anything else that looks like a URL.
 */
export function parseDatabaseUrl(url: string = DEFAULT_DATABASE_URL): DatabaseTarget {
  const trimmed = url.trim();
  if (trimmed === "") throw new DatabaseUrlError(urlProblem("", "空です / is empty"));
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") {
    if (!trimmed.slice(scheme.length + 1).startsWith("//")) {
      throw new DatabaseUrlError(
        urlProblem(
          trimmed,
          `は ${scheme}://ホスト/データベース の形で書きます / must read ${scheme}://host/database`,
        ),
      );
    }
    return postgresTarget(trimmed);
  }
  if (scheme === "sqlite") {
    // "sqlite://relative" and "sqlite:///absolute" are common spellings of the same thing.
    let rest = trimmed
      .slice("sqlite:".length)
      .replace(/^\/\/(?=\/)/, "")
      .replace(/^\/\//, "");
    let busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS;
    const query = /\?busy_timeout=([^&]*)$/.exec(rest);
    if (query) {
      busyTimeoutMs = milliseconds(trimmed, "busy_timeout", query[1] as string, 1);
      rest = rest.slice(0, query.index);
    }
    return { kind: "sqlite", path: rest === "" || rest === ":memory:" ? ":memory:" : rest, busyTimeoutMs };
  }
  // One letter is a Windows drive (C:\data\x.db), not a scheme.
  if (scheme !== undefined && scheme.length > 1) {
    throw new DatabaseUrlError(
      urlProblem(trimmed, `の「${scheme}:」には対応していません / unsupported scheme`),
    );
  }
  if (trimmed === ":memory:")
    return { kind: "sqlite", path: ":memory:", busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS };
  return { kind: "sqlite", path: trimmed, busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS };
}

/** The problem with a database URL (one line, Japanese / English), or undefined when it can be used. */
export function databaseUrlProblem(url: string): string | undefined {
  try {
    parseDatabaseUrl(url);
    return undefined;
  } catch (error) {
    if (error instanceof DatabaseUrlError) return error.message;
    throw error;
  }
}

function urlProblem(url: string, what: string): string {
  return `データベースの URL「${redactDatabaseUrl(url)}」${what}（使えるもの / understood: ${DATABASE_URL_FORMS}）`;
}

function postgresTarget(url: string): DatabaseTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUrlError(urlProblem(url, "を URL として読み取れません / is not a valid URL"));
  }
  let connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;
  let statementTimeoutMs = DEFAULT_STATEMENT_TIMEOUT_MS;
  const connect = parsed.searchParams.get("connect_timeout");
  if (connect !== null) connectTimeoutMs = milliseconds(url, "connect_timeout", connect, 1000);
  const statement = parsed.searchParams.get("statement_timeout");
  if (statement !== null) statementTimeoutMs = milliseconds(url, "statement_timeout", statement, 1);
  if (connect === null && statement === null) {
    return { kind: "postgres", url, connectTimeoutMs, statementTimeoutMs };
  }
  // The driver would read these itself, and its readings would win over ours.
  parsed.searchParams.delete("connect_timeout");
  parsed.searchParams.delete("statement_timeout");
  return { kind: "postgres", url: parsed.toString(), connectTimeoutMs, statementTimeoutMs };
}

/** A positive number of `unit` milliseconds (seconds: 1000), as whole milliseconds. */
function milliseconds(url: string, name: string, text: string, unit: number): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) {
    throw new DatabaseUrlError(
      urlProblem(url, `の ${name}（${text}）は正の数で指定します / ${name} must be a positive number`),
    );
  }
  return Math.max(1, Math.round(value * unit));
}

/** The URL without its password, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]+:)[^@]*@/i, "$1***@");
}
