import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe } from "vitest";
import { openStore, type SqlStore } from "../src/store/index.ts";
import type { Database } from "../src/store/schema.ts";

/**
 * The databases every store test runs on: SQLite always, PostgreSQL too when TEST_DATABASE_URL is set
 * (as in CI). An unreachable PostgreSQL then fails the tests: it is never skipped.
 *
 *   forEachDatabase((database) => {
 *     it("…", async () => {
 *       const store = await database.open();   // fresh and migrated, closed by cleanup
 *     });
 *   });
 *
 * On PostgreSQL each store gets a schema of its own (t_<random>, dropped at cleanup), so test files
 * running in parallel never see each other's rows.
 */
export interface TestDatabase {
  readonly name: "sqlite" | "postgres";
  /** The URL of a new, empty database (not migrated), e.g. for CLI tests. */
  freshUrl(): Promise<string>;
  /** A store on a new database, migrated. */
  open(): Promise<SqlStore>;
  /** Closes the stores opened here and removes every database created. */
  cleanup(): Promise<void>;
}

export function testDatabases(): TestDatabase[] {
  const postgresUrl = process.env.TEST_DATABASE_URL;
  return postgresUrl ? [sqliteDatabase(), postgresDatabase(postgresUrl)] : [sqliteDatabase()];
}

/**
 * One `describe` per database, cleaned up after its tests. Without TEST_DATABASE_URL the PostgreSQL
 * tests are still declared, as skipped, so the run counts them (test/global-setup.ts says why once).
 */
export function forEachDatabase(body: (database: TestDatabase) => void): void {
  for (const database of testDatabases()) {
    describe(database.name, () => {
      afterAll(() => database.cleanup());
      body(database);
    });
  }
  if (!process.env.TEST_DATABASE_URL) describe.skip("postgres", () => body(unreachablePostgres));
}

/** Stands in for PostgreSQL in skipped suites: declaring tests never touches it. */
const unreachablePostgres: TestDatabase = {
  name: "postgres",
  freshUrl: () => Promise.reject(new Error("TEST_DATABASE_URL is not set")),
  open: () => Promise.reject(new Error("TEST_DATABASE_URL is not set")),
  cleanup: () => Promise.resolve(),
};

function sqliteDatabase(): TestDatabase {
  const stores: SqlStore[] = [];
  const folders: string[] = [];
  const opened = async (url: string) => {
    const store = await openStore(url);
    stores.push(store);
    await store.migrate();
    return store;
  };
  return {
    name: "sqlite",
    async freshUrl() {
      const folder = mkdtempSync(join(tmpdir(), "shinchoku-test-"));
      folders.push(folder);
      return `sqlite:${join(folder, "test.db")}`;
    },
    open: () => opened("sqlite::memory:"),
    async cleanup() {
      await Promise.all(stores.splice(0).map((s) => s.close()));
      for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
    },
  };
}

function postgresDatabase(baseUrl: string): TestDatabase {
  const admin = new pg.Pool({ connectionString: baseUrl, max: 2 });
  const stores: SqlStore[] = [];
  const schemas: string[] = [];
  let extensionReady: Promise<void> | undefined;

  // pg_trgm must live in public: created by a migration while search_path starts with a test schema,
  // it would land there and vanish (with every test's trigram indexes) when that schema is dropped.
  const ensureExtension = async () => {
    const client = await admin.connect();
    try {
      await client.query("select pg_advisory_lock(724301)");
      await client.query("create extension if not exists pg_trgm with schema public");
    } finally {
      await client.query("select pg_advisory_unlock(724301)").catch(() => {});
      client.release();
    }
  };

  const freshUrl = async () => {
    extensionReady ??= ensureExtension();
    await extensionReady;
    const schema = `t_${randomBytes(6).toString("hex")}`;
    await admin.query(`create schema ${schema}`);
    schemas.push(schema);
    const url = new URL(baseUrl);
    url.searchParams.set("options", `-c search_path=${schema},public`);
    return url.toString();
  };

  return {
    name: "postgres",
    freshUrl,
    async open() {
      const store = await openStore(await freshUrl());
      stores.push(store);
      await store.migrate();
      return store;
    },
    async cleanup() {
      await Promise.all(stores.splice(0).map((s) => s.close()));
      for (const schema of schemas.splice(0)) await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}

export const TABLES: readonly (keyof Database)[] = [
  "organization",
  "plan",
  "policy",
  "initiative",
  "department",
  "initiative_department",
  "kpi",
  "initiative_kpi",
  "reporting_round",
  "kpi_value",
  "report",
  "round_kpi",
  "account",
  "account_role",
  "audit_log",
  "publication",
];

/** Rows per table, to check that a refused or failed import left nothing behind. */
export async function countRows(store: SqlStore): Promise<Record<keyof Database, number>> {
  const counts = {} as Record<keyof Database, number>;
  for (const table of TABLES) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
