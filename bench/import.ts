/**
 * Benchmark of the table-text importer: `npx tsx bench/import.ts`.
 *
 * For the seed and for synthetic tables (bench/generate-table.ts) it measures, each in a fresh child
 * process so that peak memory belongs to that input alone:
 * - floor: reading the file and decoding its bytes to a string — the least any importer must do;
 * - import: reading the file and importTableText on its bytes;
 * - peak RSS of the child (process.resourceUsage().maxRSS) and the heap held by the result.
 * Times are medians after warm-up. Targets: seed < 20 ms; 5,000 initiatives < 2 s and < 300 MB.
 */

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { importTableText } from "../src/io/table-text/index.ts";
import { generateTable } from "./generate-table.ts";
import { MB, median } from "./stats.ts";

interface Measurement {
  label: string;
  bytes: number;
  initiatives: number;
  kpis: number;
  diagnostics: number;
  runs: number;
  floorMs: number;
  importMs: number;
  rssBeforeMb: number;
  peakRssMb: number;
  heapHeldMb: number;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs in the child: one input, memory first (a clean process), then timings. */
function measure(label: string, path: string, warmup: number, runs: number): Measurement {
  gc();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  let result: ReturnType<typeof importTableText> | null = importTableText(new Uint8Array(readFileSync(path)));
  const peakRss = process.resourceUsage().maxRSS * 1024;
  gc();
  const heapHeld = process.memoryUsage().heapUsed - heapBefore;
  const initiatives = result.document?.policies.flatMap((p) => p.initiatives) ?? [];
  const kpis = initiatives.reduce((n, i) => n + i.kpis.length, 0);
  const diagnostics = result.diagnostics.length;
  result = null;
  gc();

  const floor = () => new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path)).length;
  const load = () => importTableText(new Uint8Array(readFileSync(path))).diagnostics.length;
  for (let i = 0; i < warmup; i++) {
    floor();
    load();
  }
  const floorTimes: number[] = [];
  const importTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    floor();
    floorTimes.push(performance.now() - t);
    t = performance.now();
    load();
    importTimes.push(performance.now() - t);
  }
  return {
    label,
    bytes: readFileSync(path).length,
    initiatives: initiatives.length,
    kpis,
    diagnostics,
    runs,
    floorMs: median(floorTimes),
    importMs: median(importTimes),
    rssBeforeMb: rssBefore / MB,
    peakRssMb: peakRss / MB,
    heapHeldMb: heapHeld / MB,
  };
}

function runChild(label: string, path: string, warmup: number, runs: number): Measurement {
  const self = fileURLToPath(import.meta.url);
  // process.execArgv carries tsx's loader, so the child runs this TypeScript file the same way.
  const output = execFileSync(
    process.execPath,
    [...process.execArgv, "--expose-gc", self, "--child", label, path, String(warmup), String(runs)],
    { encoding: "utf8", maxBuffer: 16 * MB },
  );
  return JSON.parse(output.trim().split("\n").at(-1) as string) as Measurement;
}

function table(rows: Measurement[]): string {
  const header = [
    "input",
    "size",
    "initiatives",
    "KPIs",
    "diag.",
    "runs",
    "floor (read+decode)",
    "import (read+import)",
    "ratio",
    "RSS before",
    "peak RSS",
    "heap held",
  ];
  const lines = rows.map((m) => [
    m.label,
    m.bytes >= MB ? `${(m.bytes / MB).toFixed(1)} MB` : `${(m.bytes / 1024).toFixed(1)} KB`,
    String(m.initiatives),
    String(m.kpis),
    String(m.diagnostics),
    String(m.runs),
    `${m.floorMs.toFixed(2)} ms`,
    `${m.importMs.toFixed(2)} ms`,
    `${(m.importMs / m.floorMs).toFixed(1)}×`,
    `${m.rssBeforeMb.toFixed(0)} MB`,
    `${m.peakRssMb.toFixed(0)} MB`,
    `${m.heapHeldMb.toFixed(1)} MB`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
  return [format(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...lines.map(format)].join(
    "\n",
  );
}

function main(): void {
  const [, , flag, label, path, warmup, runs] = process.argv;
  if (flag === "--child") {
    console.log(JSON.stringify(measure(label as string, path as string, Number(warmup), Number(runs))));
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "shinchoku-bench-"));
  try {
    const seed = fileURLToPath(new URL("../test/fixtures/sakado-fy2019.txt", import.meta.url));
    const inputs: [string, string, number, number][] = [["seed (24)", seed, 30, 100]];
    for (const [count, warm, n] of [
      [500, 5, 20],
      [5000, 1, 5],
    ] as const) {
      const file = join(dir, `generated-${count}.txt`);
      writeFileSync(file, generateTable(count));
      inputs.push([`generated ${count}`, file, warm, n]);
    }
    const rows = inputs.map(([l, p, w, r]) => runChild(l, p, w, r));
    console.log(`Node ${process.version}, ${process.platform}/${process.arch}; medians after warm-up\n`);
    console.log(table(rows));
    const seedRow = rows[0] as Measurement;
    const big = rows.at(-1) as Measurement;
    const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
    console.log(
      `\nseed import ${seedRow.importMs.toFixed(2)} ms (target < 20 ms): ${verdict(seedRow.importMs < 20)}` +
        `\n5,000 initiatives import ${big.importMs.toFixed(0)} ms (target < 2,000 ms): ${verdict(big.importMs < 2000)}` +
        `; peak RSS ${big.peakRssMb.toFixed(0)} MB (target < 300 MB): ${verdict(big.peakRssMb < 300)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
