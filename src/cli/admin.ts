import { resolve } from "node:path";
import type { Problem } from "../domain/account-rules.ts";
import { DEFAULT_HOST, DEFAULT_PORT, listeningUrl, readPublicUrl } from "../server/config.ts";
import { type MessageKey, translate } from "../server/i18n.ts";
import { parseDatabaseUrl, redactDatabaseUrl, type SqlStore } from "../store/index.ts";
import type { Actor } from "../store/types.ts";
import { isMissingSqliteFile, openOrReport } from "./database.ts";
import type { CliIo } from "./io.ts";

/**
 * What `shinchoku organization` and `shinchoku user` share: the system administrator's actor in the
 * audit log, the database they change, the base of the one-time URLs they print, and their tables.
 */

/** The audit log names the command: the system administrator works from the command line. */
export function adminActor(command: string): Actor {
  return { kind: "system", name: `shinchoku ${command}` };
}

/**
 * The base of printed URLs: PUBLIC_URL when set, else where `shinchoku serve` listens with the same
 * environment (http://localhost:PORT). A bad PUBLIC_URL or PORT is a usage error.
 */
export function linkBase(env: Record<string, string | undefined>): { base: string } | { error: string } {
  const publicUrl = env.PUBLIC_URL?.trim();
  if (publicUrl) {
    const read = readPublicUrl(publicUrl);
    return "url" in read
      ? { base: read.url }
      : { error: `PUBLIC_URL（指定値：${publicUrl}）：${read.problem}` };
  }
  const portText = env.PORT?.trim();
  const port = portText ? Number(portText) : DEFAULT_PORT;
  if (portText && (!/^\d+$/.test(portText) || port < 1 || port > 65535))
    return {
      error: `PORT は1～65535の整数で指定してください（指定値：${portText}） / PORT must be 1–65535`,
    };
  const host = env.HOST?.trim() || DEFAULT_HOST;
  return { base: listeningUrl(host, port).replace(/\/$/, "") };
}

/**
 * The database to change: it must exist already unless `create` (a missing SQLite file is not made
 * where the command happens to run), be writable, and is brought up to date.
 */
export async function openForChanges(
  url: string,
  io: CliIo,
  options: { create: boolean },
): Promise<SqlStore | undefined> {
  if (!options.create && isMissingSqliteFile(url)) {
    const target = parseDatabaseUrl(url);
    const path = target.kind === "sqlite" ? resolve(target.path) : redactDatabaseUrl(url);
    io.err(
      `データベースが見つかりません：${path}\n` +
        "サーバーと同じデータベースを --database（または DATABASE_URL）で指定してください。何も作成していません。" +
        ` / No database at ${path}: name the server's database with --database (or DATABASE_URL). Nothing was created.`,
    );
    return undefined;
  }
  const store = await openOrReport(url, io, "。何も変更していません");
  if (!store) return undefined;
  if (store.readOnly) {
    io.err("データベースが読み取り専用のため変更できません / the database is read-only");
    await store.close();
    return undefined;
  }
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** A problem of the account rules in the words of the pages, Japanese then English. */
export function problemText(problem: Problem): string {
  const key = problem.key as MessageKey;
  return `${translate("ja", key, problem.params)} / ${translate("en", key, problem.params)}`;
}

/** "2026-12-02 14:05" in Japan time, as a municipal PC's clock shows it. */
export function japanTime(iso: string): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Asia/Tokyo",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/** Columns a terminal gives a character: two for the wide and full-width forms Japanese uses. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000
        ? 2
        : 1;
  }
  return width;
}

/** Rows as aligned columns separated by two spaces, the first row the header; trailing spaces cut. */
export function formatTable(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell));
    });
  return rows.map((row) =>
    row
      .map((cell, i) => cell + " ".repeat((widths[i] ?? 0) - displayWidth(cell)))
      .join("  ")
      .trimEnd(),
  );
}
