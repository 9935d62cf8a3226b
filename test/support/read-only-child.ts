/**
 * Run as a user who cannot write the database files (src/cli/process-faults.test.ts): exports a round
 * with `shinchoku export`, serves a page, and tries to serve a database that needs migrating. Prints
 * one JSON line with what happened.
 */
import { run as runExport } from "../../src/cli/export.ts";
import { startServer } from "../../src/server/start.ts";

const [current, outdated] = process.argv.slice(2) as [string, string];
const bytes: Uint8Array[] = [];
const errors: string[] = [];
const exportCode = await runExport(
  ["--plan", "1", "--year", "2019", "--format", "csv", "-o", "-", "--database", `sqlite:${current}`],
  { out: () => {}, err: (t) => errors.push(t), stdout: (b) => bytes.push(b), env: {} },
);

const server = await startServer({ port: 0, databaseUrl: `sqlite:${current}`, sample: true });
const response = await fetch(`${server.url}o/sakado/plans/1/2019/table`);
const page = await response.text();
await server.close();

let refusal = "";
try {
  const started = await startServer({ port: 0, databaseUrl: `sqlite:${outdated}`, sample: true });
  await started.close();
} catch (error) {
  refusal = error instanceof Error ? error.message : String(error);
}

console.log(
  JSON.stringify({
    exportCode,
    errors,
    csv: Buffer.concat(bytes).toString("utf8"),
    readOnly: server.readOnly,
    sampleLoaded: server.sampleLoaded,
    status: response.status,
    page,
    refusal,
  }),
);
