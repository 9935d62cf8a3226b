/**
 * Benchmark of signing in and of being signed in: `npm run bench:auth`.
 *
 * Starts the app in this process on 127.0.0.1 (SQLite in a temporary file, the seed loaded) with one
 * secretariat account per concurrent client, then measures over real HTTP:
 *
 * 1. Sign-in latency (POST /o/sakado/login: throttle counts, argon2id verify at 19 MiB, t=2, p=1,
 *    the session written) with 10 clients signing in at once, beside two baselines of the same run:
 *    one client alone (the cost of one verify without queueing) and the same form refused before
 *    the verify (an empty password: everything but the hash). Target: p99 < 500 ms at 10 at once.
 * 2. An authenticated page's overhead: the same page (the seed plan overview) asked anonymously and
 *    with a session cookie, alternately, one at a time, with the page cache off so that both render
 *    (a signed-in page is never cached; with the cache on the public page would be a memory copy and
 *    the difference the render). The median difference is the session lookup (one indexed query)
 *    and the private headers. Target: < 2 ms.
 *
 * `--logins N` sign-ins per client (default 10), `--pages N` page pairs (default 300).
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../src/server/app.ts";
import { loadSampleData } from "../src/server/sample.ts";
import { openStore } from "../src/store/index.ts";
import { inviteAccount, setPasswordWithToken } from "../src/workflow/accounts.ts";
import { median } from "./stats.ts";

const CLIENTS = 10;
const PASSWORD = "bench-Sakado-kaikaku-2026";
const PAGE = "/o/sakado/plans/1/2019";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
const LOGINS_PER_CLIENT = option("logins", 10);
const PAGE_PAIRS = option("pages", 300);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "shinchoku-bench-auth-"));
  const store = await openStore(`sqlite:${join(folder, "bench.db")}`);
  await store.migrate();
  await loadSampleData(store);
  const sakado = await store.organizations.findBySlug("sakado");
  if (!sakado) throw new Error("the seed has no sakado");
  const now = new Date();
  const logins: string[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const loginId = `bench${i}`;
    const invited = await inviteAccount(
      store,
      { kind: "system", name: "bench" },
      {
        organizationId: sakado.id,
        account: { loginId, displayName: loginId, email: "", roles: ["secretariat"], departmentIds: [] },
        now,
      },
    );
    if ("kind" in invited) throw new Error(JSON.stringify(invited.problems));
    const set = await setPasswordWithToken(store, {
      token: invited.token,
      password: PASSWORD,
      passwordConfirm: PASSWORD,
      now,
      address: null,
      userAgent: null,
    });
    if ("kind" in set) throw new Error("password not set");
    logins.push(loginId);
  }

  const app = createApp({ store, pageCache: false });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** The login form's token and the cookie it must match, as a browser gets them. */
  const form = async () => {
    const page = await fetch(`${origin}/o/sakado/login`);
    const cookie = (page.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
    return { cookie, csrf };
  };
  const login = async (loginId: string, password: string, expect: number) => {
    const { cookie, csrf } = await form();
    const started = performance.now();
    const res = await fetch(`${origin}/o/sakado/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, Cookie: cookie },
      body: new URLSearchParams({ _csrf: csrf, loginId, password }).toString(),
    });
    await res.arrayBuffer();
    const elapsed = performance.now() - started;
    if (res.status !== expect) throw new Error(`login answered ${res.status}, expected ${expect}`);
    return { elapsed, session: res.headers.getSetCookie().find((c) => c.includes("session=")) };
  };
  const concurrent = async (password: string, expect: number) => {
    const times: number[] = [];
    await Promise.all(
      logins.map(async (loginId) => {
        for (let i = 0; i < LOGINS_PER_CLIENT; i++)
          times.push((await login(loginId, password, expect)).elapsed);
      }),
    );
    return times;
  };

  // Warm up (JIT, the argon2 threads, SQLite's cache).
  for (const loginId of logins.slice(0, 3)) await login(loginId, PASSWORD, 303);

  const alone: number[] = [];
  for (let i = 0; i < Math.max(10, LOGINS_PER_CLIENT); i++)
    alone.push((await login(logins[i % CLIENTS] as string, PASSWORD, 303)).elapsed);
  const refused = await concurrent("", 400);
  const together = await concurrent(PASSWORD, 303);

  // The page anonymously and signed in, alternately.
  const { session } = await login(logins[0] as string, PASSWORD, 303);
  const sessionCookie = (session ?? "").split(";")[0] ?? "";
  const get = async (cookie?: string) => {
    const started = performance.now();
    const res = await fetch(`${origin}${PAGE}`, cookie ? { headers: { Cookie: cookie } } : {});
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${PAGE} answered ${res.status}`);
    if (cookie && !(res.headers.get("Cache-Control") ?? "").includes("no-store"))
      throw new Error("the signed-in page was not private");
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) {
    await get();
    await get(sessionCookie);
  }
  const anonymous: number[] = [];
  const signedIn: number[] = [];
  const differences: number[] = [];
  for (let i = 0; i < PAGE_PAIRS; i++) {
    // Alternate which goes first, so that neither always meets a warmer cache.
    let anon: number;
    let auth: number;
    if (i % 2 === 0) {
      anon = await get();
      auth = await get(sessionCookie);
    } else {
      auth = await get(sessionCookie);
      anon = await get();
    }
    anonymous.push(anon);
    signedIn.push(auth);
    differences.push(auth - anon);
  }

  server.close();
  await store.close();
  rmSync(folder, { recursive: true, force: true });

  console.log(
    `bench:auth — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? "?"})`,
  );
  console.log("");
  console.log(`Sign-in (POST /o/sakado/login), ${CLIENTS} clients × ${LOGINS_PER_CLIENT}:`);
  console.log("| measure | n | p50 | p99 |");
  console.log("|---|---|---|---|");
  const row = (name: string, values: number[]) =>
    console.log(
      `| ${name} | ${values.length} | ${ms(percentile(values, 50))} | ${ms(percentile(values, 99))} |`,
    );
  row(`${CLIENTS} at once (target p99 < 500 ms)`, together);
  row("baseline: one at a time", alone);
  row(`baseline: ${CLIENTS} at once, refused before the verify`, refused);
  console.log("");
  console.log(
    `Authenticated page overhead (GET ${PAGE}, page cache off, ${PAGE_PAIRS} pairs, one at a time):`,
  );
  console.log("| measure | median | p99 |");
  console.log("|---|---|---|");
  console.log(`| baseline: anonymous | ${ms(median(anonymous))} | ${ms(percentile(anonymous, 99))} |`);
  console.log(`| signed in | ${ms(median(signedIn))} | ${ms(percentile(signedIn, 99))} |`);
  console.log(`| difference (target median < 2 ms) | ${ms(median(differences))} | — |`);
}

await main();
