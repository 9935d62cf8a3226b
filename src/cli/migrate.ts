import { parseArgs } from "node:util";
import { DEFAULT_DATABASE_URL, openStore, redactDatabaseUrl } from "../store/index.ts";
import { argsErrorMessage } from "./args.ts";
import { type CliIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE, processIo } from "./io.ts";

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
    "  -h, --help       この説明 / this help",
    "",
    "終了コード / exit code: 0 成功 / 1 失敗 / 2 使い方の誤り",
  ].join("\n");
}

export async function run(args: string[], io: CliIo = processIo): Promise<number> {
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
  const url = values.database || (io.env ?? processIo.env).DATABASE_URL || DEFAULT_DATABASE_URL;
  if (values.database === "") {
    io.err(`--database が空です / --database is empty\n\n${usage()}`);
    return EXIT_USAGE;
  }

  io.out(`データベース / database: ${redactDatabaseUrl(url)}`);
  let store: Awaited<ReturnType<typeof openStore>> | undefined;
  try {
    store = await openStore(url);
    const applied = await store.migrate();
    if (applied.length === 0) {
      io.out(
        "適用する移行はありません。データベースは最新です。 / Nothing to apply: the database is up to date.",
      );
    } else {
      for (const name of applied) io.out(`適用しました / applied: ${name}`);
      io.out(`${applied.length}件の移行を適用しました。 / ${applied.length} migration(s) applied.`);
    }
    return EXIT_OK;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    io.err(`データベースの移行に失敗しました。何も変更していません。 / Migration failed: ${detail}`);
    return EXIT_FAILED;
  } finally {
    await store?.close().catch(() => {});
  }
}
