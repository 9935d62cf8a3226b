import { existsSync } from "node:fs";
import {
  DEFAULT_DATABASE_URL,
  databaseUrlProblem,
  describeDatabaseError,
  openStore,
  parseDatabaseUrl,
  redactDatabaseUrl,
  type SqlStore,
} from "../store/index.ts";
import type { CliIo } from "./io.ts";

/**
 * The database a command uses: --database, else $DATABASE_URL, else ./data/shinchoku.db. Checked
 * while the arguments are read, so that a URL of an unknown kind is a usage error (exit 2) before
 * any file is read or any database created.
 */
export function chooseDatabaseUrl(
  option: string | undefined,
  env: Record<string, string | undefined>,
): { url: string } | { error: string } {
  if (option !== undefined && option.trim() === "")
    return { error: "--database が空です / --database is empty" };
  const url = option ?? (env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL);
  const problem = databaseUrlProblem(url);
  return problem ? { error: problem } : { url };
}

/** Whether the URL names a SQLite file that does not exist yet (opening it would create it). */
export function isMissingSqliteFile(url: string): boolean {
  const target = parseDatabaseUrl(url);
  return target.kind === "sqlite" && target.path !== ":memory:" && !existsSync(target.path);
}

/** Opens the store; on failure prints one line naming the cause and returns undefined. */
export async function openOrReport(url: string, io: CliIo, what: string): Promise<SqlStore | undefined> {
  try {
    return await openStore(url);
  } catch (error) {
    io.err(`データベースに接続できません${what}：${redactDatabaseUrl(url)}`);
    io.err(describeDatabaseError(error));
    return undefined;
  }
}
