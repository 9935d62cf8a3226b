import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { countRows, forEachDatabase, type TestDatabase, testDatabases } from "../../test/db.ts";
import { readServeConfig } from "../server/config.ts";
import { startServer } from "../server/start.ts";
import { openStore } from "../store/index.ts";
import { migrationsFor } from "../store/migrations/index.ts";
import { run as runExport } from "./export.ts";
import { run as runImport } from "./import.ts";
import type { CliIo } from "./io.ts";
import { run as runMigrate } from "./migrate.ts";

const seed = new URL("../../test/fixtures/sakado-fy2019.txt", import.meta.url).pathname;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), stdout: () => {}, env: {} };
  return { io, out, err, text: () => [...out, ...err].join("\n") };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "shinchoku-faults-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a PostgreSQL that accepts the connection and never answers", () => {
  let server: Server;
  const sockets: Socket[] = [];
  let url: string;
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    url = `postgres://shinchoku:secret@127.0.0.1:${port}/db?connect_timeout=0.3`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const silent = /時間内に応答しません.*did not answer in time/;

  it("import gives up after the connect timeout: exit 1, one line naming the cause, no password", async () => {
    const c = capture();
    const code = await runImport(
      [seed, "--organization", "坂戸市", "--slug", "sakado", "--database", url],
      c.io,
    );
    expect(code).toBe(1);
    expect(c.err.join("\n")).toMatch(silent);
    expect(c.text()).not.toContain("secret");
    expect(c.text()).not.toMatch(/\n\s+at /);
  });

  it("migrate and export give up too", async () => {
    const m = capture();
    expect(await runMigrate(["--database", url], m.io)).toBe(1);
    expect(m.err.join("\n")).toMatch(silent);
    const e = capture();
    expect(
      await runExport(["--plan", "1", "--year", "2019", "--format", "csv", "--database", url], e.io),
    ).toBe(1);
    expect(e.err.join("\n")).toMatch(silent);
  });

  it("serve does not start (its start-up rejects instead of hanging)", async () => {
    await expect(startServer({ port: 0, databaseUrl: url, sample: true })).rejects.toThrow(
      /connection timeout|timeout expired/i,
    );
  });
});

describe("one database URL rule for every command", () => {
  const bad = ["mysql://u:secret@h/db", "postgres:/127.0.0.1:5432/db", "postgress://u@h/db"];
  const understood = "sqlite:<path>, sqlite::memory:, <path>, postgres://…, postgresql://…";

  it.each(bad)(
    "%s is a usage error (exit 2) naming the schemes understood, and creates nothing",
    async (url) => {
      const runs: [string, (args: string[], io: CliIo) => Promise<number>, string[]][] = [
        ["import", runImport, [seed, "--organization", "坂戸市", "--slug", "sakado", "--database", url]],
        ["migrate", runMigrate, ["--database", url]],
        ["export", runExport, ["--plan", "1", "--year", "2019", "--format", "csv", "--database", url]],
      ];
      for (const [name, run, args] of runs) {
        const c = capture();
        expect(await run(args, c.io), name).toBe(2);
        expect(c.err.join("\n"), name).toContain(understood);
        expect(c.text(), name).not.toContain("secret");
      }
      // The same through DATABASE_URL.
      const c = capture();
      expect(await runMigrate([], { ...c.io, env: { DATABASE_URL: url } })).toBe(2);
      const serve = readServeConfig(["--database", url], {});
      expect(serve.ok).toBe(false);
      if (!serve.ok) expect(serve.errors.join("\n")).toContain(understood);
      // What today's code would have created, relative to the working directory.
      const scheme = url.slice(0, url.indexOf(":") + 1);
      expect(existsSync(resolve(scheme))).toBe(false);
    },
  );
});

forEachDatabase((database) => {
  describe("a usage error creates and migrates nothing", () => {
    it("import without a municipality into a new database: exit 2 and the database stays untouched", async () => {
      const url = database.name === "sqlite" ? `sqlite:${join(dir, "new.db")}` : await database.freshUrl();
      const c = capture();
      expect(await runImport([seed, "--database", url], c.io)).toBe(2);
      expect(c.err.join("\n")).toContain("取り込み先の自治体が分かりません");
      if (database.name === "sqlite") {
        expect(existsSync(join(dir, "new.db"))).toBe(false);
      } else {
        const store = await openStore(url);
        try {
          expect(await store.pendingMigrations()).toHaveLength(
            Object.keys(migrationsFor(store.capabilities)).length,
          );
        } finally {
          await store.close();
        }
      }
    });

    it("an existing database that was never migrated is not migrated by a usage error", async () => {
      const url = await database.freshUrl();
      if (database.name === "sqlite") new Database(url.slice("sqlite:".length)).close();
      const c = capture();
      expect(await runImport([seed, "--database", url], c.io)).toBe(2);
      const store = await openStore(url);
      try {
        expect(await store.pendingMigrations()).toHaveLength(
          Object.keys(migrationsFor(store.capabilities)).length,
        );
      } finally {
        await store.close();
      }
    });
  });
});

describe("reading commands create no database", () => {
  it("export from a SQLite file that does not exist: exit 1, and no file left behind", async () => {
    const path = join(dir, "none.db");
    const c = capture();
    expect(
      await runExport(
        ["--plan", "1", "--year", "2019", "--format", "csv", "--database", `sqlite:${path}`],
        c.io,
      ),
    ).toBe(1);
    expect(c.err[0]).toContain(`データベースが見つかりません：${path}`);
    expect(existsSync(path)).toBe(false);
  });
});

describe("a locked SQLite database", () => {
  it("exit 1 with one line naming the lock, and nothing written", async () => {
    const path = join(dir, "locked.db");
    const store = await openStore(`sqlite:${path}`);
    await store.migrate();
    const before = await countRows(store);
    await store.close();

    const holder = new Database(path);
    holder.prepare("begin immediate").run();
    try {
      const c = capture();
      const code = await runImport(
        [
          seed,
          "--organization",
          "坂戸市",
          "--slug",
          "sakado",
          "--database",
          `sqlite:${path}?busy_timeout=50`,
        ],
        c.io,
      );
      expect(code).toBe(1);
      expect(c.err.join("\n")).toMatch(/ロックされています.*locked.*SQLITE_BUSY/);
      expect(c.text()).not.toMatch(/\n\s+at /);
    } finally {
      holder.prepare("rollback").run();
      holder.close();
    }
    const after = await openStore(`sqlite:${path}`);
    try {
      expect(await countRows(after)).toEqual(before);
    } finally {
      await after.close();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("PostgreSQL errors", () => {
  const base = process.env.TEST_DATABASE_URL as string;

  it("a database that does not exist: exit 1, one line naming it", async () => {
    const url = new URL(base);
    url.pathname = "/shinchoku_no_such_database";
    const c = capture();
    expect(await runMigrate(["--database", url.toString()], c.io)).toBe(1);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(/指定したデータベースがありません.*3D000/);
  });

  const database = testDatabases().find((d) => d.name === "postgres") as TestDatabase;
  afterAll(() => database?.cleanup());

  it("a statement held up by a lock ends at statement_timeout: exit 1, nothing written", async () => {
    const url = await database.freshUrl();
    const store = await openStore(url);
    await store.migrate();
    const before = await countRows(store);
    await store.close();

    const schema = /search_path=([^,&]+)/.exec(decodeURIComponent(url))?.[1] as string;
    const holder = new pg.Client({ connectionString: base });
    await holder.connect();
    try {
      await holder.query("begin");
      await holder.query(`lock table ${schema}.organization in access exclusive mode`);
      const c = capture();
      const code = await runImport(
        [seed, "--organization", "坂戸市", "--slug", "sakado", "--database", `${url}&statement_timeout=300`],
        c.io,
      );
      expect(code).toBe(1);
      expect(c.err.join("\n")).toMatch(/時間の上限（データベースの URL の「statement_timeout」）.*57014/);
    } finally {
      await holder.query("rollback");
      await holder.end();
    }
    const after = await openStore(url);
    try {
      expect(await countRows(after)).toEqual(before);
    } finally {
      await after.close();
    }
  });
});
