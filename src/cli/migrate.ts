import { parseArgs } from "node:util";
import { describeDatabaseError, openStore, redactDatabaseUrl } from "../store/index.ts";
import { argsErrorMessage } from "./args.ts";
import { chooseDatabaseUrl } from "./database.ts";
import { type CliIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE, guarded, processIo } from "./io.ts";

/**
 * `shinchoku migrate [--database URL]`: brings the database schema up to date and lists what was
 * applied. The database is --database, else $DATABASE_URL, else the SQLite file ./data/shinchoku.db.
 */

export function usage(): string {
  return [
    "使い方 / usage: shinchoku migrate [--database URL]",
    "",
    "  --database URL   データベース（省略時は環境変数 DATABASE_URL、それもなければ ./data/shinchoku.db）",
    "                   sqlite:./data/x.db, sqlite::memory:, postgres://user@host/db",
    "                   PostgreSQL：?connect_timeout=秒（既定は10）&statement_timeout=ミリ秒（既定は60000）",
    "  -h, --help       この説明 / this help",
    "",
    "終了コード / exit code: 0（成功）、1（失敗）、2（使い方の誤り）",
  ].join("\n");
}

async function migrate(args: string[], io: CliIo): Promise<number> {
  let values: { database?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { database: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    io.err(`${argsErrorMessage(error, "migrate")}\n\n${usage()}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.out(usage());
    return EXIT_OK;
  }
  const chosen = chooseDatabaseUrl(values.database, io.env ?? processIo.env);
  if ("error" in chosen) {
    io.err(`${chosen.error}\n\n${usage()}`);
    return EXIT_USAGE;
  }
  const { url } = chosen;

  io.out(`データベース / database: ${redactDatabaseUrl(url)}`);
  let store: Awaited<ReturnType<typeof openStore>> | undefined;
  try {
    store = await openStore(url);
    if (store.readOnly) {
      const pending = await store.pendingMigrations();
      if (pending.length === 0) {
        io.out("データベースは読み取り専用ですが、最新です。 / The database is read-only and up to date.");
        return EXIT_OK;
      }
      io.err(
        `データベースが読み取り専用のため、構造を最新にできません（未適用の変更${pending.length}件）。書き込めるようにしてからやり直してください。 / The database is read-only; ${pending.length} migration(s) cannot be applied.`,
      );
      return EXIT_FAILED;
    }
    const applied = await store.migrate();
    if (applied.length === 0) {
      io.out(
        "データベースの構造は最新です。変更はありません。 / Nothing to apply: the database is up to date.",
      );
    } else {
      for (const name of applied) io.out(`適用しました / applied: ${name}`);
      io.out(
        `データベースの構造を最新にしました（変更${applied.length}件）。 / ${applied.length} migration(s) applied.`,
      );
    }
    return EXIT_OK;
  } catch (error) {
    io.err(
      `データベースの構造を最新にできませんでした。何も変更していません。 / Migration failed: ${describeDatabaseError(error)}`,
    );
    return EXIT_FAILED;
  } finally {
    await store?.close().catch(() => {});
  }
}

export const run = guarded(migrate);
