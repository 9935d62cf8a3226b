// The entry of a render worker when the program runs from its TypeScript sources (tests, benches,
// bin/shinchoku.js without a fresh dist/). A loader registered in the main thread does not reach
// worker threads on Node 20, so this thread registers tsx itself (with the project's tsconfig, as
// bin/shinchoku.js does) and then loads the worker module named by workerData. The bundle in dist/
// has the worker as JavaScript and does not use this file.
import { fileURLToPath } from "node:url";
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../../tsconfig.json", import.meta.url)) });
const module = await import(workerData.module);
export default module.default;
