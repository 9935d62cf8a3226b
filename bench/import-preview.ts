/**
 * Benchmark of the import pages' preview (issue 8): `npx tsx bench/import-preview.ts [--runs N]`.
 *
 * Server time, in process (app.request: routing, session, CSRF, multipart, the pending file, the
 * importer, the comparison with the store and the page), of the secretariat's upload of a file and
 * the preview it is sent to (POST /o/:org/manage/import, then GET …/import/:id), for:
 * - the seed (坂戸市's published table text, 44 KB), into a database that holds it already, so the
 *   preview compares all 24 initiatives field by field (target < 200 ms);
 * - a 1,000-initiative workbook in Shinchoku's own xlsx layout (bench/generate-table.ts, exported by
 *   exportXlsx), into an empty plan (target < 3 s).
 * Baseline, measured in the same run on the same bytes: importFile alone (what `shinchoku import
 * --dry-run` does), so the ratio says what the page adds to reading the file. Medians after warm-up.
 */

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { exportXlsx } from "../src/io/export/xlsx.ts";
import { importFile } from "../src/io/import-file.ts";
import { importTableText } from "../src/io/table-text/index.ts";
import { createApp } from "../src/server/app.ts";
import { PendingUploads } from "../src/server/routes/import/pending.ts";
import { signIn, TEST_SYSTEM } from "../src/server/routes/round/test-support.ts";
import { openStore } from "../src/store/index.ts";
import { importRound } from "../src/workflow/import-round.ts";
import { generateTable } from "./generate-table.ts";
import { median } from "./stats.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "10" } } });
const RUNS = Number(values.runs);
const ORIGIN = "http://localhost";

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "shinchoku-bench-preview-"));
  const store = await openStore(`sqlite:${join(dir, "bench.db")}`);
  await store.migrate();
  const seed = new Uint8Array(readFileSync(new URL("../test/fixtures/sakado-fy2019.txt", import.meta.url)));
  const seedDocument = importTableText(seed).document;
  if (!seedDocument) throw new Error("the seed does not read");
  await importRound(store, TEST_SYSTEM, {
    document: seedDocument,
    organization: { slug: "sakado", name: "坂戸市" },
  });
  const organization = await store.organizations.findBySlug("sakado");
  if (!organization) throw new Error("no organization");
  const session = await signIn(store, organization.id, "bench", ["secretariat"]);
  const app = createApp({
    store,
    pageCache: false,
    security: { uploadMaxBytes: 64 * 1024 * 1024 },
    uploads: new PendingUploads(join(dir, "uploads")),
  });

  const large = importTableText(generateTable(1000)).document;
  if (!large) throw new Error("the generated table does not read");
  large.plan.title = "ベンチマーク計画";
  const workbook = new Uint8Array(await exportXlsx(large));

  async function preview(bytes: Uint8Array, name: string): Promise<number> {
    const form = new FormData();
    form.set("_csrf", session.csrf);
    form.set("file", new File([new Uint8Array(bytes)], name));
    const start = performance.now();
    const posted = await app.request(`${ORIGIN}/o/sakado/manage/import`, {
      method: "POST",
      headers: { Cookie: session.cookie, Origin: ORIGIN },
      body: form,
    });
    const location = posted.headers.get("Location");
    if (posted.status !== 303 || !location) throw new Error(`upload: ${posted.status}`);
    const page = await app.request(`${ORIGIN}${location}`, { headers: { Cookie: session.cookie } });
    const html = await page.text();
    const elapsed = performance.now() - start;
    if (page.status !== 200 || !html.includes('name="fingerprint"'))
      throw new Error(`preview: ${page.status}`);
    return elapsed;
  }

  async function baseline(bytes: Uint8Array, name: string): Promise<number> {
    const start = performance.now();
    const result = await importFile(bytes, { fileName: name });
    const elapsed = performance.now() - start;
    if (!result.document) throw new Error("baseline: not read");
    return elapsed;
  }

  const cases = [
    {
      label: "seed (24 initiatives, text, against the stored round)",
      bytes: seed,
      name: "sakado.txt",
      target: 200,
    },
    {
      label: "1,000 initiatives (xlsx, new plan)",
      bytes: workbook,
      name: "bench-1000.xlsx",
      target: 3000,
    },
  ];
  console.log(`runs per case: ${RUNS} (after 2 warm-up), median ms`);
  for (const c of cases) {
    const runs = c.target > 1000 ? Math.max(3, Math.ceil(RUNS / 3)) : RUNS;
    for (let i = 0; i < 2; i++) {
      await baseline(c.bytes, c.name);
      await preview(c.bytes, c.name);
    }
    const base: number[] = [];
    const page: number[] = [];
    for (let i = 0; i < runs; i++) {
      base.push(await baseline(c.bytes, c.name));
      page.push(await preview(c.bytes, c.name));
    }
    const b = median(base);
    const p = median(page);
    console.log(
      `${c.label}: ${(c.bytes.length / 1024).toFixed(0)} KB; baseline importFile ${b.toFixed(1)} ms; ` +
        `upload + preview ${p.toFixed(1)} ms (${(p / b).toFixed(2)}× baseline); target < ${c.target} ms: ${
          p < c.target ? "met" : "NOT met"
        }`,
    );
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
