/**
 * `shinchoku <command>`: a thin dispatcher. Each command lives in src/cli/<command>.ts and exports
 * `run(args): Promise<number>` (the exit code). Commands load lazily so that one command does not pay
 * for another's dependencies (the HTTP server, the PDF renderer).
 */
import { EXIT_USAGE } from "./cli/io.ts";

type Command = { summary: string; load: () => Promise<{ run: (args: string[]) => Promise<number> }> };

const commands: Record<string, Command> = {
  serve: { summary: "サーバーを起動する / start the server", load: () => import("./cli/serve.ts") },
  import: { summary: "集計表を取り込む / import a progress table", load: () => import("./cli/import.ts") },
  export: { summary: "集計表を書き出す / export a progress table", load: () => import("./cli/export.ts") },
  migrate: {
    summary: "データベースの構造を最新にする / run database migrations",
    load: () => import("./cli/migrate.ts"),
  },
  remove: {
    summary: "年度・計画・自治体を削除する / remove a round, a plan or an organization",
    load: () => import("./cli/remove.ts"),
  },
  organization: {
    summary: "自治体を登録する / add an organization",
    load: () => import("./cli/organization.ts"),
  },
  user: {
    summary: "利用者を作成・一覧・無効化・再設定する / add, list, disable, reset accounts",
    load: () => import("./cli/user.ts"),
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)} ${c.summary}`);
  return [
    "使い方 / usage: shinchoku <command> [options]",
    "",
    ...lines,
    "",
    "shinchoku <command> --help",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name ? 0 : EXIT_USAGE;
  }
  const command = commands[name];
  if (!command) {
    console.error(`不明なコマンドです / unknown command: ${name}\n\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    const module = await command.load();
    return await module.run(rest);
  } catch (error) {
    // Whatever happens, the exit code is 0, 1 or 2 and the reason one line, not a stack trace.
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`予期しないエラーで終了しました / unexpected error: ${reason.split("\n", 1)[0]}`);
    return 1;
  }
}
