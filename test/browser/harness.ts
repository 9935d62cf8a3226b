import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { createApp } from "../../src/server/app.ts";
import { loadSampleData } from "../../src/server/sample.ts";
import { openStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/types.ts";

/**
 * The real app on 127.0.0.1 (a random port) with the seed loaded, and Debian's Chromium driven by
 * playwright-core. No network beyond the loopback: Chromium's own background traffic is switched off.
 */
export const CHROMIUM = "/usr/bin/chromium";
export const SCREENS = ".out/screens";

export interface Harness {
  base: string;
  browser: Browser;
  store: Store;
  /** A new page (its own context; CSP bypassed so that axe can be injected). */
  open(path: string, options?: { width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * `store`: a migrated, empty store to serve (e.g. PostgreSQL from test/db.ts, which also closes it);
 * without it, an in-memory SQLite the harness opens and closes.
 */
export async function startHarness(options: { store?: Store } = {}): Promise<Harness> {
  const own = options.store === undefined;
  const store = options.store ?? (await openStore("sqlite::memory:"));
  if (own) await store.migrate();
  await loadSampleData(store);
  const app = createApp({ store });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  mkdirSync(SCREENS, { recursive: true });
  return {
    base,
    browser,
    store,
    async open(path, options = {}) {
      const context = await browser.newContext({
        bypassCSP: true,
        viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
        locale: "ja-JP",
      });
      const page = await context.newPage();
      const response = await page.goto(base + path);
      if (!response) throw new Error(`no response for ${path}`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (own) await store.close();
    },
  };
}

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core with the WCAG 2.0/2.1 A and AA rules; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time.
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations as AxeViolation[];
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Readable list of violations for a failing assertion. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")} ${n.failureSummary ?? ""}`).join("\n")}`,
    )
    .join("\n");
}
