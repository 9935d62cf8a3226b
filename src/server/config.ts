import { parseArgs } from "node:util";
import { argsErrorMessage } from "../cli/args.ts";
import { DEFAULT_DATABASE_URL, databaseUrlProblem, parseDatabaseUrl } from "../store/url.ts";
import { DEFAULT_SECURITY } from "./auth/options.ts";

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
  /** Sessions, the proxy in front and the address the server is reached at (environment only). */
  security: ServeSecurity;
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

/** The settings of src/server/auth/options.ts that come from the environment. */
export interface ServeSecurity {
  /** TRUST_PROXY: believe X-Forwarded-Proto / -Host / -For (only behind a reverse proxy). */
  trustProxy: boolean;
  /** SESSION_IDLE_MINUTES (default 120), in milliseconds. */
  sessionIdleMs: number;
  /** SESSION_ABSOLUTE_HOURS (default 12), in milliseconds. */
  sessionAbsoluteMs: number;
  /** PUBLIC_URL: the origin people reach the server at (no trailing slash), for printed one-time URLs. */
  publicUrl?: string;
  /** UPLOAD_MAX_MB (default 20), in bytes: the largest file the import pages take. */
  uploadMaxBytes: number;
}

export const DEFAULT_UPLOAD_MAX_MB = DEFAULT_SECURITY.uploadMaxBytes / (1024 * 1024);
const MAX_UPLOAD_MAX_MB = 1024;

export const DEFAULT_SESSION_IDLE_MINUTES = DEFAULT_SECURITY.sessionIdleMs / 60_000;
export const DEFAULT_SESSION_ABSOLUTE_HOURS = DEFAULT_SECURITY.sessionAbsoluteMs / 3_600_000;
const MAX_SESSION_IDLE_MINUTES = 7 * 24 * 60;
const MAX_SESSION_ABSOLUTE_HOURS = 30 * 24;

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = "127.0.0.1";

/** The address a server listening on `host`:`port` is opened at from this machine ("http://localhost:3000/"). */
export function listeningUrl(host: string, port: number): string {
  const shown = host === "127.0.0.1" || host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}/`;
}

export type ConfigResult =
  | { ok: true; config: ServeConfig }
  | { ok: true; help: true }
  | { ok: false; errors: string[] };

export function serveUsage(): string {
  return [
    "使い方 / usage: shinchoku serve [--port N] [--host ADDRESS] [--database URL] [--sample | --no-sample] [--render-threads N]",
    "",
    `  --port N            待ち受けるポート（既定 ${DEFAULT_PORT}、環境変数 PORT） / port to listen on`,
    `  --host ADDRESS      待ち受けるアドレス（既定 ${DEFAULT_HOST}、環境変数 HOST。ほかのコンピューターから接続できるようにするときは 0.0.0.0）`,
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
    "環境変数だけで指定する設定 / settings read from the environment only:",
    `  SESSION_IDLE_MINUTES    操作がないままこの分数でログインを終える（既定 ${DEFAULT_SESSION_IDLE_MINUTES}、1～${MAX_SESSION_IDLE_MINUTES}）`,
    "                          a session unused this many minutes ends",
    `  SESSION_ABSOLUTE_HOURS  ログインからこの時間数で必ずログインを終える（既定 ${DEFAULT_SESSION_ABSOLUTE_HOURS}、1～${MAX_SESSION_ABSOLUTE_HOURS}）`,
    "                          a session ends this many hours after sign-in, however it is used",
    "  TRUST_PROXY             1にすると、HTTPS を終端するリバースプロキシの X-Forwarded-Proto/-Host/-For を信じる",
    "                          （プロキシ経由でしか届かないときだけ。既定 0） / 1: believe the reverse proxy's headers",
    "  PUBLIC_URL              利用者が開くアドレス（例 https://shinchoku.example.lg.jp）。表示する URL の基点",
    "                          the address people reach the server at, the base of printed one-time URLs",
    `  UPLOAD_MAX_MB           取り込みの画面でアップロードできるファイルの大きさの上限（MB。既定 ${DEFAULT_UPLOAD_MAX_MB}、1～${MAX_UPLOAD_MAX_MB}）`,
    "                          the largest file the import pages take, in MB",
    "  SMTP_URL                お知らせをメールでも送る SMTP サーバー（smtp://… または smtps://…）",
    "                          send notices by e-mail too, through this server",
    "  MAIL_FROM               お知らせメールの差出人 / the sender of notice e-mail",
  ].join("\n");
}

/** TRUST_PROXY's words: 1/true/yes/on and 0/false/no/off (or empty), any case. */
function readFlag(text: string | undefined): boolean | undefined {
  const value = (text ?? "").trim().toLowerCase();
  if (["", "0", "false", "no", "off"].includes(value)) return false;
  if (["1", "true", "yes", "on"].includes(value)) return true;
  return undefined;
}

/** A whole number within bounds, or undefined when the text is not one. */
function readWhole(text: string, min: number, max: number): number | undefined {
  const value = Number(text.trim());
  return /^\d+$/.test(text.trim()) && value >= min && value <= max ? value : undefined;
}

/**
 * PUBLIC_URL as an origin without the trailing slash, or a problem: http or https, with no path
 * (the server answers at the root of its address), query, fragment or user name.
 */
export function readPublicUrl(text: string): { url: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { problem: "URL の形になっていません / not a URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { problem: "http:// か https:// で始めてください / must start with http:// or https://" };
  if (
    url.pathname !== "/" ||
    url.search !== "" ||
    url.hash !== "" ||
    url.username !== "" ||
    url.password !== ""
  )
    return {
      problem:
        "パス・クエリ・# ・ユーザー名を含めないでください（Shinchoku はアドレスの最上位で動きます） / no path, query, fragment or user: the server answers at the root",
    };
  return { url: url.origin };
}

/** The security settings from the environment, with a line for each bad one. */
export function readSecuritySettings(env: Record<string, string | undefined>): {
  security: ServeSecurity;
  errors: string[];
} {
  const errors: string[] = [];
  const security: ServeSecurity = {
    trustProxy: false,
    sessionIdleMs: DEFAULT_SECURITY.sessionIdleMs,
    sessionAbsoluteMs: DEFAULT_SECURITY.sessionAbsoluteMs,
    uploadMaxBytes: DEFAULT_SECURITY.uploadMaxBytes,
  };
  const uploadText = env.UPLOAD_MAX_MB;
  if (uploadText !== undefined && uploadText.trim() !== "") {
    const mb = readWhole(uploadText, 1, MAX_UPLOAD_MAX_MB);
    if (mb === undefined)
      errors.push(
        `UPLOAD_MAX_MB は 1～${MAX_UPLOAD_MAX_MB} の整数（MB）で指定してください（指定値：${uploadText}） / UPLOAD_MAX_MB must be whole megabytes, 1–${MAX_UPLOAD_MAX_MB}`,
      );
    else security.uploadMaxBytes = mb * 1024 * 1024;
  }
  const trust = readFlag(env.TRUST_PROXY);
  if (trust === undefined)
    errors.push(
      `TRUST_PROXY は1（プロキシを信じる）か0で指定してください（指定値：${env.TRUST_PROXY}） / TRUST_PROXY must be 1 or 0`,
    );
  else security.trustProxy = trust;

  const idleText = env.SESSION_IDLE_MINUTES;
  let idleOk = true;
  if (idleText !== undefined && idleText.trim() !== "") {
    const minutes = readWhole(idleText, 1, MAX_SESSION_IDLE_MINUTES);
    if (minutes === undefined) {
      idleOk = false;
      errors.push(
        `SESSION_IDLE_MINUTES は 1～${MAX_SESSION_IDLE_MINUTES} の整数（分）で指定してください（指定値：${idleText}） / SESSION_IDLE_MINUTES must be whole minutes, 1–${MAX_SESSION_IDLE_MINUTES}`,
      );
    } else security.sessionIdleMs = minutes * 60_000;
  }
  const absoluteText = env.SESSION_ABSOLUTE_HOURS;
  let absoluteOk = true;
  if (absoluteText !== undefined && absoluteText.trim() !== "") {
    const hours = readWhole(absoluteText, 1, MAX_SESSION_ABSOLUTE_HOURS);
    if (hours === undefined) {
      absoluteOk = false;
      errors.push(
        `SESSION_ABSOLUTE_HOURS は 1～${MAX_SESSION_ABSOLUTE_HOURS} の整数（時間）で指定してください（指定値：${absoluteText}） / SESSION_ABSOLUTE_HOURS must be whole hours, 1–${MAX_SESSION_ABSOLUTE_HOURS}`,
      );
    } else security.sessionAbsoluteMs = hours * 3_600_000;
  }
  if (idleOk && absoluteOk && security.sessionIdleMs > security.sessionAbsoluteMs)
    errors.push(
      `SESSION_IDLE_MINUTES（${security.sessionIdleMs / 60_000}分）が SESSION_ABSOLUTE_HOURS（${security.sessionAbsoluteMs / 3_600_000}時間）より長くなっています。無操作の時間は全体の時間以下にしてください / the idle limit is longer than the absolute one`,
    );

  const publicText = env.PUBLIC_URL;
  if (publicText !== undefined && publicText.trim() !== "") {
    const read = readPublicUrl(publicText);
    if ("problem" in read) errors.push(`PUBLIC_URL（指定値：${publicText}）：${read.problem}`);
    else security.publicUrl = read.url;
  }
  return { security, errors };
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
    return { ok: false, errors: [argsErrorMessage(error, "serve")] };
  }
  if (values.help) return { ok: true, help: true };

  const errors: string[] = [];
  const portText = values.port ?? env.PORT;
  let port = DEFAULT_PORT;
  if (portText !== undefined && portText !== "") {
    port = Number(portText);
    if (!/^\d+$/.test(portText.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
      errors.push(
        `PORT（--port）は0～65535の整数で指定してください（指定値：${portText}） / PORT must be an integer 0–65535`,
      );
    }
  }
  const host = (values.host ?? env.HOST ?? DEFAULT_HOST).trim();
  if (host === "" || /[\s/]/.test(host)) {
    errors.push(
      `HOST（--host）はアドレスまたはホスト名で指定してください（指定値：${host}） / HOST must be an address or host name`,
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
        `RENDER_THREADS（--render-threads）は1～64の整数で指定してください（指定値：${threadsText}） / RENDER_THREADS must be an integer 1–64`,
      );
    }
  }
  const settings = readSecuritySettings(env);
  errors.push(...settings.errors);
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
      security: settings.security,
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
