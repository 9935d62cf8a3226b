import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { readServeConfig } from "./config.ts";
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

describe("the sample at start-up, as `shinchoku serve` configures it", () => {
  forEachDatabase((database) => {
    const startWith = async (args: string[]) => {
      const result = readServeConfig(["--port", "0", "--database", await database.freshUrl(), ...args], {});
      if (!result.ok || !("config" in result)) throw new Error(JSON.stringify(result));
      return startServer(result.config);
    };

    if (database.name === "sqlite") {
      it("goes into an empty embedded database by default, and not with --no-sample", async () => {
        const server = await startWith([]);
        const plain = await startWith(["--no-sample"]);
        try {
          expect(server.sampleLoaded).toBe(true);
          expect((await server.store.organizations.list()).map((o) => o.slug)).toEqual(["sakado"]);
          expect(plain.sampleLoaded).toBe(false);
          expect(await plain.store.isEmpty()).toBe(true);
        } finally {
          await server.close();
          await plain.close();
        }
      });
    } else {
      it("never goes into an empty PostgreSQL database unless --sample is given", async () => {
        const server = await startWith([]);
        const asked = await startWith(["--sample"]);
        try {
          expect(server.sampleLoaded).toBe(false);
          expect(await server.store.isEmpty()).toBe(true);
          expect(asked.sampleLoaded).toBe(true);
          expect((await asked.store.organizations.list()).map((o) => o.slug)).toEqual(["sakado"]);
        } finally {
          await server.close();
          await asked.close();
        }
      });
    }
  });
});
