#!/usr/bin/env node
// The command runs the TypeScript sources through tsx, so `npm install` is the only build step.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

// tsx looks for tsconfig.json in the working directory; run from elsewhere it would miss the
// project's (JSX through hono/jsx among others) and every page would fail with "React is not defined".
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
