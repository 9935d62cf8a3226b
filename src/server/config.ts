import { parseArgs } from "node:util";
import { DEFAULT_DATABASE_URL, databaseUrlProblem, parseDatabaseUrl } from "../store/url.ts";

/**
 * The server's settings, read once at start from the command line and the environment (the command
 * line wins) and validated together: a bad setting stops start-up with the list of everything wrong.
 */
export interface ServeConfig {
  port: number;
  /** 127.0.0.1 by default: reachable from this machine only until an administrator opens it up. */
  host: string;
  databaseUrl: string;
  /**
   * Load the sample progress table into an empty database: by default into the embedded SQLite
   * database only, so that a new PostgreSQL production database stays empty unless asked (--sample).
   */
  sample: boolean;
  /** Worker threads that render downloads (PDF, Excel); undefined: src/server/render/pool.ts decides. */
  renderThreads?: number;
  /** Where people reach the server (PUBLIC_URL), for the links of one-time URLs and e-mail. */
  publicUrl?: string;
  /** Notices by e-mail through this server (SMTP_URL); undefined: nothing tries to send. */
  smtpUrl?: string;
  /** The sender of notice e-mail (MAIL_FROM). */
  mailFrom?: string;
  /**
   * --demo: into an empty database, besides the sample, a FY2020 round open for entry and demo
   * accounts whose one-time password-setting URLs are printed. Never by default.
   */
  demo: boolean;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = "127.0.0.1";

export type ConfigResult =
  | { ok: true; config: ServeConfig }
  | { ok: true; help: true }
  | { ok: false; errors: string[] };

export function serveUsage(): string {
  return [
    "使い方 / usage: shinchoku serve [--port N] [--host ADDRESS] [--database URL] [--sample | --no-sample] [--render-threads N]",
    "",
    `  --port N            待ち受けるポート（既定 ${DEFAULT_PORT}、環境変数 PORT） / port to listen on`,
    `  --host ADDRESS      待ち受けるアドレス（既定 ${DEFAULT_HOST}、環境変数 HOST。外部に公開するときは 0.0.0.0）`,
    "                      address to listen on (0.0.0.0 to accept other machines)",
    `  --database URL      データベース（既定 ${DEFAULT_DATABASE_URL}、環境変数 DATABASE_URL）`,
    "                      sqlite:<path> or postgres://…",
    "  --sample            空の PostgreSQL データベースにもサンプル（坂戸市 令和元年度）を入れる",
    "                      load the sample into an empty PostgreSQL database too",
    "  --no-sample         空の SQLite データベースにもサンプルを入れない（既定では SQLite にだけ入れる）",
    "                      do not load the sample (by default it goes into an empty SQLite database only)",
    "  --render-threads N  PDF・Excel を作るスレッド数（既定 CPU 数 − 1、1～4。環境変数 RENDER_THREADS）",
    "                      threads that render downloads (default: CPUs − 1, 1 to 4)",
    "  --demo              空のデータベースに、サンプルに加えて令和2年度の入力中の進行管理と体験用の",
    "                      アカウント（パスワード設定URLを表示）を作る / also open a FY2020 round and demo accounts",
    "  -h, --help          この説明 / this help",
    "",
    "  環境変数 / environment: PUBLIC_URL（利用者がアクセスするURL / the address people use）,",
    "  SMTP_URL（お知らせをメールでも送る smtp://… / send notices by e-mail too）, MAIL_FROM（差出人 / sender）",
  ].join("\n");
}

export function readServeConfig(args: string[], env: Record<string, string | undefined>): ConfigResult {
  let values: {
    port?: string;
    host?: string;
    database?: string;
    sample?: boolean;
    "no-sample"?: boolean;
    "render-threads"?: string;
    demo?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        database: { type: "string" },
        sample: { type: "boolean" },
        "no-sample": { type: "boolean" },
        "render-threads": { type: "string" },
        demo: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, errors: [`引数が正しくありません / invalid arguments: ${(error as Error).message}`] };
  }
  if (values.help) return { ok: true, help: true };

  const errors: string[] = [];
  const portText = values.port ?? env.PORT;
  let port = DEFAULT_PORT;
  if (portText !== undefined && portText !== "") {
    port = Number(portText);
    if (!/^\d+$/.test(portText.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
      errors.push(
        `PORT（--port）は 0～65535 の整数で指定してください（指定値: ${portText}） / PORT must be an integer 0–65535`,
      );
    }
  }
  const host = (values.host ?? env.HOST ?? DEFAULT_HOST).trim();
  if (host === "" || /[\s/]/.test(host)) {
    errors.push(
      `HOST（--host）はアドレスまたはホスト名で指定してください（指定値: ${host}） / HOST must be an address or host name`,
    );
  }
  const databaseUrl = (values.database ?? env.DATABASE_URL ?? DEFAULT_DATABASE_URL).trim();
  // The same rule as every other command's --database (src/store/url.ts).
  const problem = databaseUrlProblem(databaseUrl);
  if (problem) errors.push(`DATABASE_URL（--database）: ${problem}`);
  if (values.sample && values["no-sample"]) {
    errors.push(
      "--sample と --no-sample は同時に指定できません / --sample and --no-sample contradict each other",
    );
  }
  const threadsText = values["render-threads"] ?? env.RENDER_THREADS;
  let renderThreads: number | undefined;
  if (threadsText !== undefined && threadsText !== "") {
    renderThreads = Number(threadsText);
    if (!/^\d+$/.test(threadsText.trim()) || renderThreads < 1 || renderThreads > 64) {
      errors.push(
        `RENDER_THREADS（--render-threads）は 1～64 の整数で指定してください（指定値: ${threadsText}） / RENDER_THREADS must be an integer 1–64`,
      );
    }
  }
  const publicUrl = optionalUrl(env.PUBLIC_URL, ["http:", "https:"], "PUBLIC_URL", errors);
  const smtpUrl = optionalUrl(env.SMTP_URL, ["smtp:", "smtps:"], "SMTP_URL", errors);
  const mailFrom = env.MAIL_FROM?.trim() || undefined;
  if (values.demo && values["no-sample"])
    errors.push("--demo と --no-sample は同時に指定できません / --demo needs the sample");
  if (errors.length > 0) return { ok: false, errors };
  const sample =
    values.sample ?? (values["no-sample"] ? false : parseDatabaseUrl(databaseUrl).kind === "sqlite");
  return {
    ok: true,
    config: {
      port,
      host,
      databaseUrl,
      sample: sample || values.demo === true,
      demo: values.demo === true,
      ...(renderThreads === undefined ? {} : { renderThreads }),
      ...(publicUrl ? { publicUrl } : {}),
      ...(smtpUrl ? { smtpUrl } : {}),
      ...(mailFrom ? { mailFrom } : {}),
    },
  };
}

/** An optional URL setting; a wrong one is named without echoing it (it may hold a password). */
function optionalUrl(
  text: string | undefined,
  protocols: string[],
  name: string,
  errors: string[],
): string | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !protocols.includes(url.protocol)) {
    errors.push(
      `${name} は ${protocols.map((p) => `${p}//…`).join(" か ")} の形で指定してください / ${name} must be a ${protocols.join(" or ")} URL`,
    );
    return undefined;
  }
  return value;
}
