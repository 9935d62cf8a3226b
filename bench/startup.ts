/**
 * Benchmark of start-up: `npm run bench:startup` (Linux: it reads /proc).
 *
 * Spawns the server and measures until its first 200 answer (the seed's progress table): the wall
 * time from spawning, the CPU time the processes have used by then (user + system, the whole process
 * tree, so npm and its shell count for npm start) and the peak RSS of the largest of them. Variants,
 * run in turns so that a busy machine weighs on all alike, medians of several runs:
 *
 *   tsx     src/cli.ts's main("serve") run with node --import tsx — the sources compiled at every
 *           start, as bin/shinchoku.js did before the build
 *   dist    node bin/shinchoku.js serve — the bundle in dist/ (built first by this benchmark)
 *   npm     npm start — the bundle, through npm, its shell and the freshness check of dist/
 *   npm-before (with --before DIR) npm start in a checkout of the version before the build, e.g.
 *           `git archive 893ee94 | tar -x -C DIR` with node_modules linked in
 *
 * Ratios dist/tsx and npm/npm-before are the figures that travel between machines. `--runs N` (7).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { median } from "./stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PAGE = "o/sakado/plans/1/2019/table";

const { values } = parseArgs({ options: { runs: { type: "string" }, before: { type: "string" } } });
const RUNS = Number(values.runs ?? 7);

interface Variant {
  name: string;
  command: string[];
  cwd: string;
}
interface Sample {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
}

/** What bin/shinchoku.js did before the build: src/cli.ts through tsx (-e: cli.ts only exports main). */
const RUN_SOURCES = [
  "--input-type=module",
  "-e",
  'const { main } = await import("./src/cli.ts"); process.exitCode = await main(process.argv.slice(1));',
];

const clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
const npm = process.env.npm_execpath?.endsWith(".js")
  ? [process.execPath, process.env.npm_execpath]
  : ["npm"];

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "shinchoku-bench-startup-"));
  try {
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "inherit" });
    const database = `sqlite:${join(folder, "seed.db")}`;
    // The database with the seed, made once; every start then finds it migrated and not empty.
    execFileSync(process.execPath, ["bin/shinchoku.js", "migrate", "--database", database], { cwd: ROOT });
    execFileSync(
      process.execPath,
      ["bin/shinchoku.js", "import", "test/fixtures/sakado-fy2019.txt", "--organization", "坂戸市"].concat([
        "--slug",
        "sakado",
        "--database",
        database,
      ]),
      { cwd: ROOT },
    );
    const serveArgs = ["--port", "0", "--database", database, "--no-sample"];
    const variants: Variant[] = [
      {
        name: "tsx",
        command: [process.execPath, "--import", "tsx", ...RUN_SOURCES, "serve", ...serveArgs],
        cwd: ROOT,
      },
      { name: "dist", command: [process.execPath, "bin/shinchoku.js", "serve", ...serveArgs], cwd: ROOT },
      { name: "npm", command: [...npm, "start", "--", ...serveArgs], cwd: ROOT },
    ];
    if (values.before) {
      variants.push({
        name: "npm-before",
        command: [...npm, "start", "--", ...serveArgs],
        cwd: values.before,
      });
    }
    const samples = new Map<string, Sample[]>(variants.map((v) => [v.name, []]));
    await measure(variants[1] as Variant); // warm the file cache once, not counted
    for (let run = 0; run < RUNS; run++) {
      for (const variant of variants) samples.get(variant.name)?.push(await measure(variant));
      process.stderr.write(".");
    }
    process.stderr.write("\n");
    report(variants, samples);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function measure(variant: Variant): Promise<Sample> {
  const [file, ...args] = variant.command as [string, ...string[]];
  const started = performance.now();
  const child = spawn(file, args, { cwd: variant.cwd, env: benchEnv(), stdio: ["ignore", "pipe", "pipe"] });
  try {
    const url = await listeningUrl(child);
    const response = await fetch(new URL(PAGE, url));
    await response.arrayBuffer();
    const wallMs = performance.now() - started;
    if (response.status !== 200) throw new Error(`${variant.name}: ${PAGE} answered ${response.status}`);
    const tree = processTree(child.pid as number);
    const cpuMs = tree.reduce((sum, pid) => sum + cpuTicks(pid), 0) * (1000 / clockTicks);
    const rssMb = Math.max(...tree.map(peakRssKb)) / 1024;
    return { wallMs, cpuMs, rssMb };
  } finally {
    await stop(child);
  }
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /(http:\/\/localhost:\d+\/)/.exec(output);
      if (match?.[1]) resolve(match[1].replace("localhost", "127.0.0.1"));
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

/**
 * SIGTERM to every process of the tree (npm before the build left its server running when only npm
 * was signalled), then wait until all have gone.
 */
async function stop(child: ChildProcess): Promise<void> {
  const tree = child.pid ? processTree(child.pid) : [];
  for (const pid of tree.reverse()) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // gone already
    }
  }
  for (const pid of tree) {
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // gone already
  }
  return [pid, ...children.flatMap(processTree)];
}

function cpuTicks(pid: number): number {
  // Fields after the command name (which may contain spaces), from the 3rd on: utime is the 14th.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

function peakRssKb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0);
}

function alive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

function benchEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _d, PORT: _p, HOST: _h, ...rest } = process.env;
  return rest;
}

function report(variants: Variant[], samples: Map<string, Sample[]>): void {
  const med = (name: string, key: keyof Sample) => median((samples.get(name) ?? []).map((s) => s[key]));
  console.log(`\nStart-up to the first 200 (${PAGE}), medians of ${RUNS} runs, Node ${process.version}\n`);
  console.log("| variant | wall | CPU | peak RSS |");
  console.log("|---|---|---|---|");
  for (const { name } of variants) {
    console.log(
      `| ${name} | ${med(name, "wallMs").toFixed(0)} ms | ${med(name, "cpuMs").toFixed(0)} ms | ${med(name, "rssMb").toFixed(0)} MB |`,
    );
  }
  const ratio = (a: string, b: string) =>
    (["wallMs", "cpuMs", "rssMb"] as const).map(
      (key) => `${key.replace(/Ms|Mb/, "")} ${(med(a, key) / med(b, key)).toFixed(2)}`,
    );
  console.log(`\ndist / tsx: ${ratio("dist", "tsx").join(", ")}`);
  if (samples.has("npm-before")) console.log(`npm / npm-before: ${ratio("npm", "npm-before").join(", ")}`);
}

await main();
