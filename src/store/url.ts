/**
 * Where the store lives. SQLite is the embedded default so that one process and one file are enough;
 * a postgres:// URL selects PostgreSQL for multi-user deployments.
 */
export const DEFAULT_DATABASE_URL = "sqlite:./data/shinchoku.db";

export type DatabaseTarget =
  | { kind: "sqlite" /** ":memory:" or a file path */; path: string }
  | { kind: "postgres"; url: string };

/** "sqlite::memory:", "sqlite:./data/x.db", "./data/x.db", "postgres://…", "postgresql://…". */
export function parseDatabaseUrl(url: string = DEFAULT_DATABASE_URL): DatabaseTarget {
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { kind: "postgres", url: trimmed };
  if (/^sqlite:/i.test(trimmed)) {
    // "sqlite://relative" and "sqlite:///absolute" are common spellings of the same thing.
    const rest = trimmed
      .slice("sqlite:".length)
      .replace(/^\/\/(?=\/)/, "")
      .replace(/^\/\//, "");
    return { kind: "sqlite", path: rest === "" || rest === ":memory:" ? ":memory:" : rest };
  }
  if (trimmed === ":memory:") return { kind: "sqlite", path: ":memory:" };
  return { kind: "sqlite", path: trimmed };
}

/** The URL without its password, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, "$1***@");
}
