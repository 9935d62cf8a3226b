import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { openStore } from "../store/index.ts";
import type { OrganizationRecord, Store } from "../store/types.ts";
import { issueSetupToken, ONE_TIME_TOKEN_MS } from "../workflow/accounts.ts";
import { announceDeadlines } from "../workflow/deadlines.ts";
import { createApp } from "./app.ts";
import { setupLink } from "./auth/links.ts";
import { DEFAULT_SECURITY, type SecurityOptions } from "./auth/options.ts";
import { DEFAULT_HOST, listeningUrl } from "./config.ts";
import { type DemoAccount, loadDemo } from "./demo.ts";
import { gracefulCloser } from "./graceful-close.ts";
import { type NoticeMailer, startNoticeMail } from "./notices/mailer.ts";
import { DEFAULT_RENDER_QUEUE, defaultRenderThreads, RenderPool } from "./render/pool.ts";
import { loadSampleData } from "./sample.ts";

export interface StartOptions {
  port: number;
  host?: string;
  databaseUrl: string;
  /** Load the sample progress table when the database is empty. */
  sample: boolean;
  /** Worker threads that render downloads (default: defaultRenderThreads()). */
  renderThreads?: number;
  /** Sessions, the proxy in front, PUBLIC_URL (default: DEFAULT_SECURITY). */
  security?: Partial<SecurityOptions>;
  /** With the sample, a FY2020 round open for entry and demo accounts (serve --demo). */
  demo?: boolean;
  /** Send notices by e-mail through this SMTP server; without it nothing tries to send. */
  smtpUrl?: string;
  mailFrom?: string;
  /** How often the deadline notices are looked for (default hourly; they are also at start). */
  deadlineCheckMs?: number;
}

/** A one-time address on which an organization's first secretariat account is made. */
export interface SetupLink {
  organization: OrganizationRecord;
  url: string;
  /** ISO timestamp: the address stops working then (24 h), or once used. */
  expiresAt: string;
}

export interface RunningServer {
  /** "http://localhost:3000/" */
  url: string;
  port: number;
  store: Store;
  /** Whether the sample was loaded now. */
  sampleLoaded: boolean;
  /** The demo accounts made now (--demo on an empty database), each with its one-time URL's path. */
  demoAccounts: DemoAccount[];
  /** The database is a SQLite file this process cannot write: pages and downloads only. */
  readOnly: boolean;
  /**
   * One setup address for each organization without an enabled secretariat account (none once
   * every organization has one, and none on a read-only database). Each start makes new ones; the
   * ones printed before stop working.
   */
  setupLinks: SetupLink[];
  /**
   * Stops accepting connections, lets the requests in flight finish (those still running after
   * `timeoutMs` are cut off), then closes the store.
   */
  close(timeoutMs?: number): Promise<void>;
}

/** How long a shutdown waits for the requests in flight. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/** Opens and migrates the store, loads the sample into an empty database, and listens. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const store = await openStore(options.databaseUrl);
  let renderPool: RenderPool | undefined;
  let mailer: NoticeMailer | undefined;
  let deadlines: { stop(): Promise<void> } | undefined;
  try {
    if (store.readOnly) {
      // Nothing can be migrated or loaded; a schema that is not current cannot be served.
      const pending = await store.pendingMigrations();
      if (pending.length > 0) {
        throw new Error(
          `データベースが読み取り専用で、構造が最新ではありません（未適用の変更${pending.length}件）。書き込めるようにして shinchoku migrate を実行してください / the database is read-only and needs ${pending.length} migration(s)`,
        );
      }
    } else await store.migrate();
    const sampleLoaded =
      !store.readOnly && (options.sample || options.demo === true) && (await store.isEmpty());
    const sample = sampleLoaded ? await loadSampleData(store) : undefined;
    const demoAccounts = sample && options.demo ? await loadDemo(store, sample, new Date()) : [];

    // The server's own pool: its workers stop with it.
    renderPool = new RenderPool({
      threads: options.renderThreads ?? defaultRenderThreads(),
      queue: DEFAULT_RENDER_QUEUE,
    });
    const security = { ...DEFAULT_SECURITY, ...options.security };
    const app = createApp({ store, renderPool, security });
    const host = options.host ?? DEFAULT_HOST;
    let stopServer: ((timeoutMs: number) => Promise<void>) | undefined;
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => resolve(s));
      // serve() makes a plain HTTP/1 server unless asked for another kind.
      stopServer = gracefulCloser(s as Server);
      s.once("error", reject);
    });
    const port = (server.address() as AddressInfo).port;
    const url = listeningUrl(host, port);
    const publicUrl = security.publicUrl ?? url;
    if (options.smtpUrl && !store.readOnly)
      mailer = startNoticeMail(store, {
        smtpUrl: options.smtpUrl,
        publicUrl,
        ...(options.mailFrom ? { from: options.mailFrom } : {}),
      });
    if (!store.readOnly) deadlines = deadlineTicker(store, options.deadlineCheckMs ?? DEADLINE_CHECK_MS);
    let closing: Promise<void> | undefined;
    const setupLinks = store.readOnly
      ? []
      : await firstRunLinks(store, security.publicUrl ?? url, security.now()).catch(async (error) => {
          await stopServer?.(0);
          throw error;
        });
    return {
      url,
      port,
      store,
      sampleLoaded,
      demoAccounts,
      readOnly: store.readOnly,
      setupLinks,
      close(timeoutMs = SHUTDOWN_TIMEOUT_MS) {
        closing ??= (async () => {
          await deadlines?.stop();
          await stopServer?.(timeoutMs);
          await mailer?.close();
          await renderPool?.close();
          await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await deadlines?.stop();
    await mailer?.close();
    await renderPool?.close();
    await store.close();
    throw error;
  }
}

/**
 * First run: a setup address for every organization that has no enabled secretariat account, so that
 * nobody is ever given a default password. Organizations that have one get nothing (and the address
 * is never printed again once the first secretariat exists).
 */
export async function firstRunLinks(store: Store, base: string, now: Date): Promise<SetupLink[]> {
  const links: SetupLink[] = [];
  for (const organization of await store.organizations.list()) {
    const token = await issueSetupToken(
      store,
      { kind: "system", name: "shinchoku serve" },
      organization.id,
      now,
    );
    if (token === undefined) continue;
    links.push({
      organization,
      url: setupLink(base, token),
      expiresAt: new Date(now.getTime() + ONE_TIME_TOKEN_MS).toISOString(),
    });
  }
  return links;
}

/** The deadline notices are looked for this often (and once at start). */
export const DEADLINE_CHECK_MS = 60 * 60 * 1000;

/** Runs announceDeadlines now and every `everyMs`, one run at a time; a failure is logged. */
function deadlineTicker(store: Store, everyMs: number): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(() =>
      announceDeadlines(store, new Date()).then(
        () => undefined,
        (error: unknown) =>
          console.error(
            `提出期限のお知らせを作れませんでした / deadline notices failed: ${(error as Error).message}`,
          ),
      ),
    );
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
