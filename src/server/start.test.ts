import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "./start.ts";

describe("startServer", () => {
  const folder = mkdtempSync(join(tmpdir(), "shinchoku-start-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const databaseUrl = `sqlite:${join(folder, "shinchoku.db")}`;

  it("loads the sample into an empty database, serves the progress table, and closes", async () => {
    const server = await startServer({ port: 0, host: "127.0.0.1", databaseUrl, sample: true });
    try {
      expect(server.sampleLoaded).toBe(true);
      expect(server.url).toBe(`http://localhost:${server.port}/`);
      const res = await fetch(`http://127.0.0.1:${server.port}/o/sakado/plans/1/2019/table`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("本部会評価");
    } finally {
      await server.close();
    }
    await expect(fetch(`http://127.0.0.1:${server.port}/`)).rejects.toThrow();
  });

  it("does not load the sample again into a database that has data, nor with sample off", async () => {
    const again = await startServer({ port: 0, databaseUrl, sample: true });
    expect(again.sampleLoaded).toBe(false);
    expect((await again.store.organizations.list()).map((o) => o.slug)).toEqual(["sakado"]);
    await again.close();
    const empty = await startServer({ port: 0, databaseUrl: "sqlite::memory:", sample: false });
    expect(empty.sampleLoaded).toBe(false);
    expect(await empty.store.isEmpty()).toBe(true);
    await empty.close();
  });
});
