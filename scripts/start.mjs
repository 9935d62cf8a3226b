#!/usr/bin/env node
/**
 * `npm start`: builds dist/ when it is missing or older than the sources, then runs `shinchoku serve`
 * from it in this same process (the arguments after `npm start --` go to serve).
 */
import { buildIfStale } from "./build.mjs";

if (!(await buildIfStale())) process.exit(1);
const { main } = await import("../dist/cli.js");
process.exitCode = await main(["serve", ...process.argv.slice(2)]);
