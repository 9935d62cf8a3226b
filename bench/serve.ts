/**
 * Benchmark of the web server: `npx tsx bench/serve.ts`.
 *
 * Starts the app in this process on 127.0.0.1 (SQLite in a temporary file; PostgreSQL too when
 * DATABASE_URL or TEST_DATABASE_URL names one: a schema of its own, dropped at the end), loads the
 * seed and a generated plan of 1,000 initiatives, and measures with autocannon (10 connections, 5 s,
 * the load generator in a worker thread) the plan overview and the progress table of both plans,
 * each beside a static file of the same bytes served by the same process. Requests accept gzip, as
 * browsers do: the page cache keeps a compressed copy, the static twin has a precompressed .gz. The ratio to the
 * static rate is the figure that travels between machines.
 *
 * "loop max" is the longest the server's event loop was blocked during a page's run (renders and
 * queries); the rest of a large page's latency is the transfer and the load generator itself, as its
 * static twin shows.
 *
 * The real workload: while pages are measured, reports of random initiatives (of both plans) are
 * saved as drafts at 5 per second, through the same workflow command the forms use (in this
 * process, so the saves share the server's event loop). `--no-saves` leaves them out.
 *
 * Targets: the seed progress table at least 50% of the static rate, the 1,000-initiative progress
 * table p99 under 150 ms, while the saves go on, SQLite and PostgreSQL. `--no-cache` measures with
 * the page cache off (every request renders).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import autocannon from "autocannon";
import { Hono } from "hono";
import pg from "pg";
import { importTableText } from "../src/io/table-text/index.ts";
import { createApp } from "../src/server/app.ts";
import { loadSampleData } from "../src/server/sample.ts";
import { openStore } from "../src/store/index.ts";
import type { Store } from "../src/store/types.ts";
import { importRound } from "../src/workflow/import-round.ts";
import { saveReport } from "../src/workflow/save-report.ts";
import { generateTable } from "./generate-table.ts";

const CONNECTIONS = 10;
const DURATION_S = 5;
const LARGE = 1000;

interface Row {
  database: string;
  /** Drafts saved while the page was measured, and saves that failed. */
  saves: number;
  saveErrors: number;
  target: string;
  bytes: number;
  /** Bytes sent for one page asking for gzip. */
  wire: number;
  rps: number;
  p50: number;
  p99: number;
  staticRps: number;
  staticP99: number;
  /** Longest the server's event loop was blocked while the page was measured. */
  loopMaxMs: number;
}

/** As a browser asks: compressed bodies welcome. */
const HEADERS = { "accept-encoding": "gzip" };

async function load(url: string): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, workers: 1, headers: HEADERS });
}

/** Bytes on the wire for one request asking for gzip (the server's cache compresses once stored). */
async function wireBytes(url: string): Promise<number> {
  const res = await fetch(url, { headers: HEADERS });
  return Number(res.headers.get("content-length") ?? 0) || (await res.arrayBuffer()).byteLength;
}

const SAVES_PER_SECOND = process.argv.includes("--no-saves") ? 0 : 5;

/**
 * Saves the report of a random initiative of a random plan as a draft, SAVES_PER_SECOND times a
 * second, each from the version just read (one writer: no conflicts).
 */
function startSaves(store: Store, plans: number[]): () => { saves: number; errors: number } {
  let saves = 0;
  let errors = 0;
  if (SAVES_PER_SECOND === 0) return () => ({ saves, errors });
  let n = 0;
  const saveOne = async () => {
    const planId = plans[Math.floor(Math.random() * plans.length)] as number;
    const round = await store.rounds.find(planId, 2019);
    const reports = round ? await store.reports.list(round.id) : [];
    const report = reports[Math.floor(Math.random() * reports.length)];
    if (!report) throw new Error("no report to save");
    n += 1;
    await saveReport(
      store,
      { kind: "system", name: "bench" },
      {
        planId,
        fiscalYear: 2019,
        initiativeNumber: report.initiativeNumber,
        expectedVersion: report.version,
        changes: { activities: `${report.activities.replace(/（下書き\d+）$/, "")}（下書き${n}）` },
      },
    );
  };
  const timer = setInterval(() => {
    saveOne().then(
      () => {
        saves += 1;
      },
      () => {
        errors += 1;
      },
    );
  }, 1000 / SAVES_PER_SECOND);
  return () => {
    clearInterval(timer);
    return { saves, errors };
  };
}

async function prepare(store: Store): Promise<{ seedPlan: number; largePlan: number }> {
  await store.migrate();
  const seed = await loadSampleData(store);
  const { document } = importTableText(generateTable(LARGE));
  if (!document) throw new Error("the generated table did not import");
  const large = await importRound(
    store,
    { kind: "system", name: "bench" },
    {
      document,
      organization: { slug: "bench", name: "ベンチ市" },
    },
  );
  return { seedPlan: seed.planId, largePlan: large.planId };
}

/** `--no-cache`: every request renders (the page cache off), to see the cost the cache hides. */
const NO_CACHE = process.argv.includes("--no-cache");

async function measure(database: string, store: Store, dir: string): Promise<Row[]> {
  const { seedPlan, largePlan } = await prepare(store);
  const app = createApp({ store, ...(NO_CACHE ? { pageCache: false as const } : {}) });
  const root = new Hono();
  root.use(
    "/bench-static/*",
    serveStatic({
      root: dir,
      precompressed: true,
      rewriteRequestPath: (p) => p.replace(/^\/bench-static/, ""),
    }),
  );
  root.all("*", (c) => app.fetch(c.req.raw));
  const server = serve({ fetch: root.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const targets: [string, string][] = [
    ["seed overview", `/o/sakado/plans/${seedPlan}/2019`],
    ["seed progress table", `/o/sakado/plans/${seedPlan}/2019/table`],
    [`${LARGE} overview`, `/o/bench/plans/${largePlan}/2019`],
    [`${LARGE} progress table`, `/o/bench/plans/${largePlan}/2019/table`],
  ];
  const rows: Row[] = [];
  try {
    for (const [index, [target, path]] of targets.entries()) {
      const res = await fetch(base + path);
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      // The static twin holds the page's own bytes: the load generator's cost depends on the content
      // (multi-byte text is slower for it than ASCII), so only the same bytes compare fairly.
      const body = Buffer.from(await res.arrayBuffer());
      const bytes = body.byteLength;
      const name = `page-${index}.html`;
      writeFileSync(join(dir, name), body);
      // …and, like a static server with precompressed files, its gzip twin.
      writeFileSync(join(dir, `${name}.gz`), gzipSync(body));
      // Warm both paths (JIT, caches) before measuring.
      await autocannon({ url: base + path, connections: CONNECTIONS, amount: 200, headers: HEADERS });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const wire = await wireBytes(base + path);
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const stopSaves = startSaves(store, [seedPlan, largePlan]);
      const page = await load(base + path);
      const saved = stopSaves();
      loop.disable();
      const file = await load(`${base}/bench-static/${name}`);
      if (page.non2xx > 0 || file.non2xx > 0) throw new Error(`${target}: non-2xx responses`);
      rows.push({
        database,
        saves: saved.saves,
        saveErrors: saved.errors,
        target,
        bytes,
        wire,
        rps: page.requests.average,
        p50: page.latency.p50,
        p99: page.latency.p99,
        staticRps: file.requests.average,
        staticP99: file.latency.p99,
        loopMaxMs: loop.max / 1e6,
      });
      console.error(`  measured ${database} ${target}`);
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return rows;
}

/** A PostgreSQL schema of the benchmark's own, so that the given database is left as it was. */
async function postgresUrl(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Pool({ connectionString: baseUrl, max: 1 });
  await admin.query("create extension if not exists pg_trgm with schema public");
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  await admin.query(`create schema ${schema}`);
  const url = new URL(baseUrl);
  url.searchParams.set("options", `-c search_path=${schema},public`);
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}

function printTable(rows: Row[]): void {
  const header = [
    "database",
    "target",
    "bytes",
    "gzip bytes",
    "req/s",
    "p50 ms",
    "p99 ms",
    "static req/s",
    "static p99",
    "ratio",
    "loop max ms",
    "saves",
  ];
  const lines = rows.map((r) => [
    r.database,
    r.target,
    String(r.bytes),
    String(r.wire),
    r.rps.toFixed(0),
    String(r.p50),
    String(r.p99),
    r.staticRps.toFixed(0),
    String(r.staticP99),
    `${((r.rps / r.staticRps) * 100).toFixed(0)}%`,
    r.loopMaxMs.toFixed(0),
    r.saveErrors > 0 ? `${r.saves} (${r.saveErrors} failed)` : String(r.saves),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of lines) console.log(format(line));
}

function verdicts(rows: Row[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    if (r.target === "seed progress table") {
      const ratio = r.rps / r.staticRps;
      out.push(
        `${ratio >= 0.5 ? "OK  " : "MISS"} ${r.database} ${r.target}: ${(ratio * 100).toFixed(0)}% of the static rate (target ≥ 50%)`,
      );
    }
    if (r.target === `${LARGE} progress table`) {
      out.push(
        `${r.p99 < 150 ? "OK  " : "MISS"} ${r.database} ${r.target}: p99 ${r.p99} ms (target < 150 ms)`,
      );
    }
    if (r.saveErrors > 0) out.push(`MISS ${r.database} ${r.target}: ${r.saveErrors} saves failed`);
  }
  return out;
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "shinchoku-bench-"));
  const rows: Row[] = [];
  try {
    const sqlite = await openStore(`sqlite:${join(dir, "bench.db")}`);
    try {
      rows.push(...(await measure("sqlite", sqlite, dir)));
    } finally {
      await sqlite.close();
    }
    const pgBase = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (pgBase && /^postgres(ql)?:\/\//.test(pgBase)) {
      const target = await postgresUrl(pgBase);
      const store = await openStore(target.url);
      try {
        rows.push(...(await measure("postgres", store, dir)));
      } finally {
        await store.close();
        await target.drop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `\nShinchoku web server — ${CONNECTIONS} connections, ${DURATION_S} s per target, page cache ${NO_CACHE ? "off" : "on"}, drafts saved ${SAVES_PER_SECOND}/s, Node ${process.version}\n`,
  );
  printTable(rows);
  const results = verdicts(rows);
  console.log(`\n${results.join("\n")}`);
  return results.some((line) => line.startsWith("MISS")) ? 1 : 0;
}

process.exitCode = await main();
