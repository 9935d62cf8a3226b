/**
 * Whether dist/ is up to date with the sources: shared by the build (which records what it built
 * from), `npm start` (which builds when it is not) and bin/shinchoku.js (which then runs the sources).
 * Plain JavaScript, so that it runs before anything is built and without the dev dependencies.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SRC = join(ROOT, "src");
export const DIST = join(ROOT, "dist");
/** Written last by the build: when it started and which inputs it saw. */
export const STAMP = join(DIST, "build-stamp.json");

const TEST_FILE = /\.test\.tsx?$/;

/** Every file the build reads: src/ without tests, the TypeScript settings, the build itself. */
export function buildInputs() {
  const files = existsSync(SRC) ? walk(SRC).filter((file) => !TEST_FILE.test(file)) : [];
  if (files.length === 0) return [];
  for (const name of ["tsconfig.json", "package.json", "scripts/build.mjs", "scripts/dist-state.mjs"]) {
    files.push(join(ROOT, name));
  }
  return files.sort();
}

/** A digest of the input list, so that a deleted or renamed source also makes dist/ stale. */
export function inputsDigest(files) {
  const names = files.map((file) => relative(ROOT, file).split("\\").join("/"));
  return createHash("sha256").update(names.join("\n")).digest("hex").slice(0, 16);
}

/**
 * { fresh: true } when dist/ was built after the last change to any input; otherwise
 * { fresh: false, built: whether a dist/ exists at all }. Without sources (a copy that ships dist/
 * only) a built dist/ counts as fresh.
 */
export function distState() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, "utf8"));
  } catch {
    return { fresh: false, built: existsSync(join(DIST, "cli.js")) };
  }
  const files = buildInputs();
  if (files.length === 0) return { fresh: true, built: true };
  const fresh =
    stamp.inputs === inputsDigest(files) && files.every((file) => statSync(file).mtimeMs < stamp.builtAt);
  return { fresh, built: true };
}

function walk(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}
