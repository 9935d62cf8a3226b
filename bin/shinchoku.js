#!/usr/bin/env node
// Runs the built program in dist/ when it is up to date with the sources. When it is not (a
// development checkout after an edit, or before the first build) it runs the sources through tsx if
// tsx is installed, so a command never writes into the package and an edit needs no build to try;
// `npm start` and `npm run build` build. Without tsx (an install without dev dependencies) it runs
// the dist/ it has, saying that the sources are newer.
import { fileURLToPath } from "node:url";
import { distState } from "../scripts/dist-state.mjs";

const { main } = await load();
process.exitCode = await main(process.argv.slice(2));

async function load() {
  const state = distState();
  if (state.fresh) return import("../dist/cli.js");
  let register;
  try {
    ({ register } = await import("tsx/esm/api"));
  } catch {
    if (!state.built) {
      console.error(
        "dist/ がありません。npm install の後 npm run build を実行してください / dist/ is missing: run npm install, then npm run build",
      );
      process.exit(1);
    }
    console.error(
      "注意: dist/ はソースより古いままです / note: dist/ is older than the sources (npm run build)",
    );
    return import("../dist/cli.js");
  }
  // tsx looks for tsconfig.json in the working directory; run from elsewhere it would miss the
  // project's (JSX through hono/jsx among others) and every page would fail with "React is not defined".
  register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
  return import("../src/cli.ts");
}
