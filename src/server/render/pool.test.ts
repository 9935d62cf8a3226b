import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import yauzl from "yauzl";
import { forEachDatabase } from "../../../test/db.ts";
import { seededApp } from "../../../test/server-support.ts";
import { TEST_ACTOR } from "../../../test/store.ts";
import { importTableText } from "../../io/table-text/index.ts";
import { createApp } from "../app.ts";
import { ExportCache } from "../export-cache.ts";
import { PageCache } from "../page-cache.ts";
import { type ExportJob, renderExport } from "./export-job.ts";
import { RenderPool } from "./pool.ts";

const ROUND = "/api/v1/plans/1/rounds/2019";
const BLOCKING_WORKER = new URL("../../../test/support/blocking-render-worker.ts", import.meta.url);

/** Opens the blocking worker's gate: every job waiting, and every later one, goes through. */
function openGate(buffer: SharedArrayBuffer): void {
  const flags = new Int32Array(buffer);
  Atomics.store(flags, 0, 1);
  Atomics.notify(flags, 0);
}

/** Every entry of a zip file (an xlsx) by name: the workbook's parts, without the zip's own timestamps. */
function zipEntries(bytes: Uint8Array): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, string>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks).toString("base64"));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

describe("the render pool", () => {
  const pool = new RenderPool({ threads: 1, queue: 8 });
  afterAll(() => pool.close());

  it("renders in a worker exactly what the exporters render in process", async () => {
    const { document } = importTableText(readFileSync("test/fixtures/sakado-fy2019.txt"));
    if (!document) throw new Error("the seed did not import");
    const created = "2020-04-01T09:00:00.000Z";
    const jobs: ExportJob[] = [
      { format: "csv", document, encoding: "utf-8", created },
      { format: "csv", document, encoding: "shift_jis", created },
      { format: "json", document, encoding: "utf-8", created },
      { format: "pdf", document, encoding: "utf-8", created },
      { format: "xlsx", document, encoding: "utf-8", created },
    ];
    for (const job of jobs) {
      const [inPool, inProcess] = await Promise.all([pool.render(job), renderExport(job)]);
      const label = `${job.format} ${job.encoding}`;
      if (job.format === "xlsx") {
        // exceljs stamps each zip entry with the time it was written: the parts must be the same.
        expect(await zipEntries(inPool.body), label).toEqual(await zipEntries(inProcess));
      } else {
        expect(Buffer.from(inPool.body).equals(Buffer.from(inProcess)), label).toBe(true);
      }
      if (job.format === "csv" || job.format === "json") {
        expect(gunzipSync(inPool.gzip ?? new Uint8Array()).equals(Buffer.from(inProcess)), label).toBe(true);
      } else {
        expect(inPool.gzip, label).toBeUndefined();
      }
    }
  });
});

forEachDatabase((database) => {
  describe("downloads through the pool", () => {
    const pool = new RenderPool({ threads: 1, queue: 8 });
    afterAll(() => pool.close());
    let app: ReturnType<typeof createApp>;
    let store: Awaited<ReturnType<typeof seededApp>>["store"];
    beforeAll(async () => {
      ({ store } = await seededApp(database));
      app = createApp({
        store,
        renderPool: pool,
        exports: new ExportCache(),
        pageCache: new PageCache({ maxBytes: 1 << 24, maxEntries: 100 }),
      });
    });

    it("a kept export is not rendered twice; a new publication of the round is", async () => {
      const before = pool.started;
      const [a, b, c] = await Promise.all([
        app.request(`${ROUND}/export.csv`),
        app.request(`${ROUND}/export.csv?encoding=utf-8`),
        app.request(`${ROUND}/export.csv?lang=en`),
      ]);
      const body = Buffer.from(await a.arrayBuffer());
      expect(Buffer.from(await b.arrayBuffer()).equals(body)).toBe(true);
      expect(Buffer.from(await c.arrayBuffer()).equals(body)).toBe(true);
      expect(pool.started - before).toBe(1);

      // The compressed copy was made with it.
      const zipped = await app.request(`${ROUND}/export.csv`, { headers: { "Accept-Encoding": "gzip" } });
      expect(zipped.headers.get("content-encoding")).toBe("gzip");
      expect(zipped.headers.get("etag")).toBe(`${a.headers.get("etag")?.slice(0, -1)}-gz"`);
      expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).equals(body)).toBe(true);
      expect(pool.started - before).toBe(1);

      // Another format or encoding is another rendering, once.
      await app.request(`${ROUND}/export.csv?encoding=shift_jis`);
      await app.request(`${ROUND}/export.csv?encoding=shift_jis`);
      expect(pool.started - before).toBe(2);

      // The round published anew (第2版) is another publication: rendered anew, under another tag.
      await store.transaction({ actor: TEST_ACTOR }, async (tx) => {
        const round = await tx.rounds.find(1, 2019);
        await tx.publications.publish(round?.id ?? 0, { source: "published", reason: "テスト" });
      });
      const republished = await app.request(`${ROUND}/export.csv`);
      expect(republished.status).toBe(200);
      expect(republished.headers.get("etag")).not.toBe(a.headers.get("etag"));
      expect(pool.started - before).toBe(3);
    });
  });

  describe("a full pool", () => {
    it("answers 503 with Retry-After beyond its threads and queue, and serves again once they drain", async () => {
      const gate = new SharedArrayBuffer(4);
      const pool = new RenderPool({ threads: 1, queue: 1, module: BLOCKING_WORKER, data: { gate } });
      try {
        const { store } = await seededApp(database);
        const app = createApp({ store, renderPool: pool, pageCache: false });
        const running = app.request(`${ROUND}/export.pdf`);
        const waiting = app.request(`${ROUND}/export.xlsx`);
        await vi.waitFor(() => expect(pool.pending).toBe(2), { timeout: 20_000, interval: 10 });

        const refused = await app.request(`${ROUND}/export.json`);
        expect(refused.status).toBe(503);
        expect(refused.headers.get("retry-after")).toMatch(/^[1-9][0-9]*$/);
        expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        const problem = (await refused.json()) as { type: string; detail: string };
        expect(problem.type).toBe("/api/docs#problem-server.busy");
        expect(problem.detail).toContain(`${refused.headers.get("retry-after")}秒ほど待ってから`);
        // Nothing else waits for the renders.
        expect((await app.request("/api/v1/organizations")).status).toBe(200);
        expect(pool.pending).toBe(2);

        openGate(gate);
        expect((await running).status).toBe(200);
        expect((await waiting).status).toBe(200);
        expect(pool.pending).toBe(0);
        expect((await app.request(`${ROUND}/export.json`)).status).toBe(200);
      } finally {
        openGate(gate);
        await pool.close();
      }
    });
  });
});
