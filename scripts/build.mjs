#!/usr/bin/env node
/**
 * `npm run build`: bundles src/cli.ts and the render worker with esbuild into dist/ (ES modules for
 * Node 20+, one chunk per lazily loaded command, node_modules left out) and copies the files the program reads at run time
 * (every file of src/ that is not TypeScript) to the same place under dist/ (see src/runtime-files.ts).
 * `--if-stale` builds only when dist/ is missing or older than a source (npm start). Types are not
 * checked here: `npm run typecheck` does that, in CI and before every commit.
 *
 * The bundle is written to a folder of its own and then put in place of dist/ in one rename, so a
 * command started meanwhile sees the old dist/ or the new one, never half of one.
 */
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { buildInputs, DIST, distState, inputsDigest, ROOT, SRC, STAMP } from "./dist-state.mjs";

const CODE = new Set([".ts", ".tsx"]);

export async function build() {
  const builtAt = Date.now();
  const inputs = buildInputs();
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    throw new Error(
      "esbuild がありません。開発用の依存関係も入れてください（npm install） / esbuild is missing: install the dev dependencies (npm install)",
    );
  }
  const staging = join(ROOT, `.dist-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    await esbuild.build({
      // The render pool's worker is an entry of its own: worker threads load it by file name
      // (dist/server/render/export-worker.js, see src/server/render/pool.ts).
      entryPoints: [join(SRC, "cli.ts"), join(SRC, "server/render/export-worker.ts")],
      outdir: staging,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      tsconfig: join(ROOT, "tsconfig.json"),
      sourcemap: "linked",
      logLevel: "warning",
    });
    for (const file of inputs) {
      if (!file.startsWith(SRC) || CODE.has(extname(file))) continue;
      const target = join(staging, relative(SRC, file));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(file, target);
    }
    writeFileSync(
      join(staging, relative(DIST, STAMP)),
      `${JSON.stringify({ builtAt, inputs: inputsDigest(inputs) })}\n`,
    );
    rmSync(DIST, { recursive: true, force: true });
    renameSync(staging, DIST);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Builds when dist/ is missing or older than the sources. Without esbuild (an install without dev
 * dependencies) an existing dist/ is kept, with a warning; false when there is nothing to run.
 */
export async function buildIfStale() {
  const state = distState();
  if (state.fresh) return true;
  const started = performance.now();
  try {
    await build();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    if (!state.built) return false;
    console.error("注意: 古い dist/ で起動します / note: running the older dist/");
    return true;
  }
  console.error(`dist/ を作りました / built dist/ (${Math.round(performance.now() - started)} ms)`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--if-stale")) {
    process.exitCode = (await buildIfStale()) ? 0 : 1;
  } else {
    const started = performance.now();
    try {
      await build();
      console.error(`dist/ を作りました / built dist/ (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    }
  }
}
