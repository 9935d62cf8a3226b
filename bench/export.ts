/**
 * Benchmark of the exporters: `npx tsx bench/export.ts`.
 *
 * For the seed and for a generated 1,000-initiative table (bench/generate-table.ts, read by the
 * table-text importer), each format runs in a fresh child process that loads the plan document from
 * JSON, so that the peak memory belongs to that export alone:
 * - baseline: JSON.stringify of the same document — the least any export must do;
 * - json, csv (UTF-8 and Shift_JIS), xlsx, pdf: the exporters as the CLI and the server call them;
 * - peak RSS of the child (process.resourceUsage().maxRSS) beside its RSS before exporting.
 * Times are medians after warm-up. Targets: seed xlsx < 500 ms, seed PDF < 1.5 s; every format of
 * 1,000 initiatives < 10 s.
 */

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PlanDocument } from "../src/domain/plan-document.ts";
import { exportCsv } from "../src/io/export/csv.ts";
import { exportJson } from "../src/io/export/json.ts";
import { exportPdf } from "../src/io/export/pdf.ts";
import { exportXlsx } from "../src/io/export/xlsx.ts";
import { importTableText } from "../src/io/table-text/index.ts";
import { generateTable } from "./generate-table.ts";
import { MB, median } from "./stats.ts";

const FORMATS = {
  baseline: async (doc: PlanDocument) => Buffer.byteLength(JSON.stringify(doc)),
  json: async (doc: PlanDocument) => Buffer.byteLength(exportJson(doc)),
  csv: async (doc: PlanDocument) => exportCsv(doc).length,
  "csv sjis": async (doc: PlanDocument) => exportCsv(doc, { encoding: "shift_jis" }).length,
  xlsx: async (doc: PlanDocument) => (await exportXlsx(doc)).length,
  pdf: async (doc: PlanDocument) => (await exportPdf(doc)).length,
} satisfies Record<string, (doc: PlanDocument) => Promise<number>>;

type Format = keyof typeof FORMATS;

interface Measurement {
  input: string;
  format: Format;
  outputBytes: number;
  runs: number;
  ms: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

/** Runs in the child: the first export for memory (a clean process), then timings. */
async function measure(input: string, format: Format, path: string, warmup: number, runs: number) {
  const doc = JSON.parse(readFileSync(path, "utf8")) as PlanDocument;
  const run = FORMATS[format];
  const rssBefore = process.memoryUsage().rss;
  const outputBytes = await run(doc);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  for (let i = 0; i < warmup; i++) await run(doc);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run(doc);
    times.push(performance.now() - t);
  }
  const m: Measurement = {
    input,
    format,
    outputBytes,
    runs,
    ms: median(times),
    rssBeforeMb: rssBefore / MB,
    peakRssMb: peakRss / MB,
  };
  return m;
}

function runChild(input: string, format: Format, path: string, warmup: number, runs: number): Measurement {
  const self = fileURLToPath(import.meta.url);
  // process.execArgv carries tsx's loader, so the child runs this TypeScript file the same way.
  const output = execFileSync(
    process.execPath,
    [...process.execArgv, self, "--child", input, format, path, String(warmup), String(runs)],
    { encoding: "utf8", maxBuffer: 16 * MB },
  );
  return JSON.parse(output.trim().split("\n").at(-1) as string) as Measurement;
}

function size(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function table(rows: Measurement[]): string {
  const header = ["input", "format", "output", "runs", "median", "× baseline", "RSS before", "peak RSS"];
  const baselines = new Map(rows.filter((r) => r.format === "baseline").map((r) => [r.input, r.ms]));
  const lines = rows.map((m) => [
    m.input,
    m.format,
    size(m.outputBytes),
    String(m.runs),
    m.ms >= 100 ? `${m.ms.toFixed(0)} ms` : `${m.ms.toFixed(2)} ms`,
    m.format === "baseline" ? "1" : `${(m.ms / (baselines.get(m.input) ?? m.ms)).toFixed(0)}×`,
    `${m.rssBeforeMb.toFixed(0)} MB`,
    `${m.peakRssMb.toFixed(0)} MB`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
  return [format(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...lines.map(format)].join(
    "\n",
  );
}

function documentOf(text: string): PlanDocument {
  const { document } = importTableText(text);
  if (!document) throw new Error("the table did not import");
  return document;
}

async function main(): Promise<void> {
  const [, , flag, input, format, path, warmup, runs] = process.argv;
  if (flag === "--child") {
    const m = await measure(input as string, format as Format, path as string, Number(warmup), Number(runs));
    console.log(JSON.stringify(m));
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "shinchoku-bench-export-"));
  try {
    const seedText = readFileSync(new URL("../test/fixtures/sakado-fy2019.txt", import.meta.url), "utf8");
    const inputs: { label: string; doc: PlanDocument; warmup: number; runs: number }[] = [
      { label: "seed (24)", doc: documentOf(seedText), warmup: 3, runs: 10 },
      { label: "generated 1000", doc: documentOf(generateTable(1000)), warmup: 1, runs: 3 },
    ];
    const rows: Measurement[] = [];
    for (const { label, doc, warmup, runs } of inputs) {
      const file = join(dir, `${label.replace(/\W+/g, "-")}.json`);
      writeFileSync(file, JSON.stringify(doc));
      for (const format of Object.keys(FORMATS) as Format[])
        rows.push(runChild(label, format, file, warmup, runs));
    }
    console.log(`Node ${process.version}, ${process.platform}/${process.arch}; medians after warm-up\n`);
    console.log(table(rows));
    const at = (input: string, format: Format) => rows.find((r) => r.input === input && r.format === format);
    const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
    const seedXlsx = at("seed (24)", "xlsx")?.ms ?? Number.NaN;
    const seedPdf = at("seed (24)", "pdf")?.ms ?? Number.NaN;
    const slowest = rows.filter((r) => r.input === "generated 1000").reduce((a, b) => (b.ms > a.ms ? b : a));
    console.log(
      `\nseed xlsx ${seedXlsx.toFixed(0)} ms (target < 500 ms): ${verdict(seedXlsx < 500)}` +
        `\nseed pdf ${seedPdf.toFixed(0)} ms (target < 1,500 ms): ${verdict(seedPdf < 1500)}` +
        `\n1,000 initiatives, slowest format ${slowest.format} ${slowest.ms.toFixed(0)} ms (target < 10,000 ms): ${verdict(slowest.ms < 10_000)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
