/**
 * Flood benchmark (issue 9): `npm run bench:flood` (`npx tsx bench/flood.ts`).
 *
 * Does a flood of download requests stall the server for everyone else? A SQLite database gets the
 * seed and two generated plans (200 and 1,000 initiatives, each its own city); the server runs in a
 * process of its own (`bin/shinchoku.js serve`, the bundle in dist/, built when stale), as in
 * production. Then, in the same run:
 *
 * 1. baseline: a second client asks `/api/v1/organizations` one request after another (10 ms apart)
 *    for DURATION seconds, with nothing else going on;
 * 2. flood: 30 clients (in a worker thread of this process, so that their traffic does not delay
 *    the second client's timing) ask without pause for the downloads of all three plans — every
 *    format, both CSV encodings — and, as the attack of the issue did, for downloads with distinct
 *    junk query strings (`export.pdf?nocache=17`, each one new), while the second client measures
 *    again for DURATION seconds.
 *
 * Prints the second client's latencies in both phases and their ratio, its failures (a request that
 * is not 200 within 5 s), and what the flood got until it stopped (answers by status, bytes; the
 * downloads of the first seconds wait for their one render each). Target: the second
 * client's median under flood < 50 ms, no failure.
 *
 * `--server-root DIR` runs the server of another checkout (e.g. the version before the change, with
 * the same database schema) to measure it under the same flood. `--duration S`, `--clients N`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { importTableText } from "../src/io/table-text/index.ts";
import { loadSampleData } from "../src/server/sample.ts";
import { openStore } from "../src/store/index.ts";
import { importRound } from "../src/workflow/import-round.ts";
import { generateTable } from "./generate-table.ts";
import { median } from "./stats.ts";

const { values: args } = parseArgs({
  options: {
    "server-root": { type: "string" },
    duration: { type: "string", default: "15" },
    clients: { type: "string", default: "30" },
  },
});
const ROOT = resolve(args["server-root"] ?? new URL("..", import.meta.url).pathname);
const DURATION_MS = Number(args.duration) * 1000;
const CLIENTS = Number(args.clients);
const PROBE_TIMEOUT_MS = 5000;
const PROBE_PAUSE_MS = 10;
const TARGET_MEDIAN_MS = 50;

async function prepare(file: string): Promise<number[]> {
  const store = await openStore(`sqlite:${file}`);
  try {
    await store.migrate();
    const seed = await loadSampleData(store);
    const plans = [seed.planId];
    for (const [count, slug] of [
      [200, "bench200"],
      [1000, "bench1000"],
    ] as const) {
      const { document } = importTableText(generateTable(count));
      if (!document) throw new Error(`the generated table of ${count} did not import`);
      const outcome = await importRound(
        store,
        { kind: "system", name: "bench" },
        { document, organization: { slug, name: `ベンチ市${count}` } },
      );
      plans.push(outcome.planId);
    }
    return plans;
  } finally {
    await store.close();
  }
}

function startServer(database: string): Promise<{ url: string; child: ChildProcess }> {
  // The bundle, as production runs it (built first when the sources are newer).
  execFileSync(process.execPath, ["scripts/build.mjs", "--if-stale"], { cwd: ROOT, stdio: "inherit" });
  const child = spawn(
    process.execPath,
    ["bin/shinchoku.js", "serve", "--port", "0", "--database", `sqlite:${database}`, "--no-sample"],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolvePromise, reject) => {
    let log = "";
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /(http:\/\/localhost:\d+)\//.exec(log);
      if (match?.[1]) resolvePromise({ url: match[1].replace("localhost", "127.0.0.1"), child });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
  });
}

interface Probe {
  latencies: number[];
  failures: number;
  statuses: Map<string, number>;
}

/** The second client: one request at a time, PROBE_PAUSE_MS apart, for `ms`. */
async function probe(url: string, ms: number): Promise<Probe> {
  const result: Probe = { latencies: [], failures: 0, statuses: new Map() };
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const started = performance.now();
    let status = "error";
    try {
      const res = await fetch(`${url}/api/v1/organizations`, {
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      status = String(res.status);
    } catch (error) {
      status = (error as Error).name === "TimeoutError" ? "timeout" : "error";
    }
    result.latencies.push(performance.now() - started);
    result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
    if (status !== "200") result.failures += 1;
    await new Promise((r) => setTimeout(r, PROBE_PAUSE_MS));
  }
  return result;
}

/**
 * The flood, in a worker thread: CLIENTS loops asking for the next address, without pause. Half
 * the requests are the real downloads (15 addresses), half carry a query string never seen before.
 * Plain JavaScript (eval), so it needs no TypeScript loader in the thread.
 */
const FLOOD = `
const { parentPort, workerData } = require("node:worker_threads");
const { base, plans, clients } = workerData;
const real = [];
for (const plan of plans)
  for (const file of ["export.xlsx", "export.pdf", "export.csv", "export.csv?encoding=shift_jis", "export.json"])
    real.push(base + "/api/v1/plans/" + plan + "/rounds/2019/" + file);
const formats = ["xlsx", "pdf", "csv", "json"];
let next = 0, junk = 0, stop = false;
const statuses = {};
let bytes = 0, requests = 0;
const t0 = performance.now();
// What the flood got until it was told to stop; requests still waiting then are not counted.
parentPort.on("message", () => {
  stop = true;
  parentPort.postMessage({ statuses, bytes, requests, seconds: (performance.now() - t0) / 1000 });
});
async function client() {
  while (!stop) {
    const n = next++;
    const url = n % 2 === 0
      ? real[(n / 2) % real.length]
      : base + "/api/v1/plans/" + plans[junk % plans.length] + "/rounds/2019/export." + formats[junk % formats.length] + "?nocache=" + junk++;
    let status;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(60000) });
      bytes += (await res.arrayBuffer()).byteLength;
      status = String(res.status);
    } catch (e) { status = e.name === "TimeoutError" ? "timeout" : "error"; }
    statuses[status] = (statuses[status] || 0) + 1;
    requests++;
  }
}
for (let i = 0; i < clients; i++) client();
`;

interface FloodResult {
  statuses: Record<string, number>;
  bytes: number;
  requests: number;
  seconds: number;
}

function startFlood(base: string, plans: number[]): { stop: () => Promise<FloodResult> } {
  const worker = new Worker(FLOOD, { eval: true, workerData: { base, plans, clients: CLIENTS } });
  const done = new Promise<FloodResult>((resolvePromise, reject) => {
    worker.once("message", resolvePromise);
    worker.once("error", reject);
  });
  return {
    stop: async () => {
      worker.postMessage("stop");
      const result = await done;
      // Requests in flight are dropped with the thread: the server finishes or abandons them.
      await worker.terminate();
      return result;
    },
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "shinchoku-flood-"));
  let server: ChildProcess | undefined;
  try {
    const database = join(dir, "flood.db");
    const plans = await prepare(database);
    const started = await startServer(database);
    server = started.child;
    const base = started.url;
    // Warm the API path (JIT, statement caches) before either phase.
    await probe(base, 1000);

    const baseline = await probe(base, DURATION_MS);
    const flood = startFlood(base, plans);
    // Let the flood build up before measuring.
    await new Promise((r) => setTimeout(r, 1000));
    const during = await probe(base, DURATION_MS);
    const flooded = await flood.stop();

    const row = (label: string, p: Probe) =>
      `${label.padEnd(14)} ${String(p.latencies.length).padStart(6)}  ${ms(median(p.latencies)).padStart(10)}  ${ms(percentile(p.latencies, 95)).padStart(10)}  ${ms(Math.max(...p.latencies)).padStart(10)}  ${String(p.failures).padStart(8)}`;
    console.log(
      `\nShinchoku flood — server ${ROOT}, ${CLIENTS} flood clients, ${DURATION_MS / 1000} s per phase, Node ${process.version}`,
    );
    console.log(`plans: ${plans.join(", ")} (seed, 200 and 1,000 initiatives)\n`);
    console.log("/api/v1/organizations  requests      median         p95         max  failures");
    console.log(row("alone", baseline));
    console.log(row("under flood", during));
    const ratio = median(during.latencies) / median(baseline.latencies);
    console.log(`\nmedian under flood / alone: ${ratio.toFixed(2)}×`);
    const statuses = Object.entries(flooded.statuses)
      .sort()
      .map(([status, n]) => `${status}: ${n}`)
      .join(", ");
    console.log(
      `flood: ${flooded.requests} requests in ${flooded.seconds.toFixed(1)} s (${(flooded.requests / flooded.seconds).toFixed(1)}/s), ${(flooded.bytes / 1024 / 1024).toFixed(1)} MB; ${statuses}`,
    );
    const medianOk = median(during.latencies) < TARGET_MEDIAN_MS;
    const failuresOk = during.failures === 0;
    console.log(
      `\n${medianOk ? "OK  " : "MISS"} second client's median under flood ${ms(median(during.latencies))} (target < ${TARGET_MEDIAN_MS} ms)`,
    );
    console.log(`${failuresOk ? "OK  " : "MISS"} second client's failures under flood: ${during.failures}`);
    return medianOk && failuresOk ? 0 : 1;
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
