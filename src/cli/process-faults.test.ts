import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows } from "../../test/db.ts";
import { importDocument } from "../../test/store.ts";
import { importTableText } from "../io/table-text/index.ts";
import { sqliteDialect } from "../store/dialect.ts";
import { openStore } from "../store/index.ts";
import { migrationsFor } from "../store/migrations/index.ts";

/**
 * Faults that only a separate process shows: a file size limit (a full disk without tmpfs), a
 * database file this process cannot write, a reader that closes the pipe. Each runs bin/shinchoku.js.
 */
const BIN = fileURLToPath(new URL("../../bin/shinchoku.js", import.meta.url));
const SEED = fileURLToPath(new URL("../../test/fixtures/sakado-fy2019.txt", import.meta.url));
const NOBODY = 65534;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const READ_ONLY_CHILD = fileURLToPath(new URL("../../test/support/read-only-child.ts", import.meta.url));

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function finished(child: ChildProcess): Promise<Finished> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function environment(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _d, PORT: _p, HOST: _h, ...rest } = process.env;
  return rest;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "shinchoku-process-"));
  // The read-only tests run as another user when this one is root (root may write any file).
  chmodSync(dir, 0o755);
});
afterAll(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

async function seededDatabase(name: string): Promise<string> {
  const path = join(dir, name);
  const store = await openStore(`sqlite:${path}`);
  try {
    await store.migrate();
    const { document } = importTableText(new Uint8Array(readFileSync(SEED)));
    if (!document) throw new Error("the seed must read");
    await importDocument(store, document, { organization: { slug: "sakado", name: "坂戸市" } });
  } finally {
    await store.close();
  }
  return path;
}

describe("a full disk (a file size limit in a child process)", () => {
  it("exit 1 with one line naming the cause; nothing written", async () => {
    const path = join(dir, "full.db");
    const store = await openStore(`sqlite:${path}`);
    await store.migrate();
    const before = await countRows(store);
    await store.close();
    // Every file is capped at 48 KB: the migrated database can be read, but the import's writes
    // (the seed's rows and their publication, far more than that) cannot all land in the WAL.
    const blocks = Math.max(48, Math.ceil(statSync(path).size / 1024) - 8);
    const args = [
      BIN,
      "import",
      SEED,
      "--organization",
      "坂戸市",
      "--slug",
      "sakado",
      "--database",
      `sqlite:${path}`,
    ];
    const command = `ulimit -f ${blocks}; exec "${process.execPath}" ${args.map((a) => `"${a}"`).join(" ")}`;
    const result = await finished(spawn("bash", ["-c", command], { env: environment() }));
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain("何も取り込んでいません");
    expect(result.stderr).toMatch(/書き込めません|ディスク/);
    expect(result.stderr).not.toContain("cannot rollback");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const after = await openStore(`sqlite:${path}`);
    try {
      expect(await countRows(after)).toEqual(before);
    } finally {
      await after.close();
    }
  });
});

describe("a read-only SQLite file", () => {
  let readOnlyDir: string;
  let current: string;
  let outdated: string;
  const asReader = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};

  beforeAll(async () => {
    readOnlyDir = join(dir, "read-only");
    mkdirSync(readOnlyDir);
    current = await seededDatabase("read-only/current.db");
    outdated = join(readOnlyDir, "outdated.db");
    // A SQLite file with no table at all: every migration is pending.
    new Database(outdated).close();
    chmodSync(current, 0o444);
    chmodSync(outdated, 0o444);
    // Nothing may be created beside them either (no -wal, no -shm).
    chmodSync(readOnlyDir, 0o555);
  });

  it("exports (exit 0) and serves its pages; a database that needs migrating is refused with the reason", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", READ_ONLY_CHILD, current, outdated], {
      env: environment(),
      cwd: ROOT,
      ...asReader,
    });
    const result = await finished(child);
    expect(result.code, result.stderr).toBe(0);
    const seen = JSON.parse(result.stdout.trim().split("\n").at(-1) as string) as {
      exportCode: number;
      errors: string[];
      csv: string;
      readOnly: boolean;
      sampleLoaded: boolean;
      status: number;
      page: string;
      refusal: string;
    };
    expect(seen.exportCode, seen.errors.join("\n")).toBe(0);
    // Imported without --local-government-code: the code's column leads, empty, then the name.
    expect(seen.csv.startsWith("\uFEFF全国地方公共団体コード,地方公共団体名,")).toBe(true);
    expect(seen.csv.split("\r\n")[1]?.startsWith(",坂戸市,")).toBe(true);
    expect(seen.csv).toContain("産・学・官連携体制の推進");
    expect(seen.readOnly).toBe(true);
    expect(seen.sampleLoaded).toBe(false);
    expect(seen.status).toBe(200);
    expect(seen.page).toContain("産・学・官連携体制の推進");
    expect(seen.refusal).toContain(
      `データベースが読み取り専用で、構造が最新ではありません（未適用の変更${Object.keys(migrationsFor(sqliteDialect)).length}件）`,
    );
    expect(seen.refusal).not.toContain("attempt to write a readonly database");
  });
});

describe("a reader that closes the pipe (export -o - | head)", () => {
  it("ends the command quietly with exit 0", async () => {
    const child = spawn(process.execPath, [BIN, "export", "--input", SEED, "--format", "csv", "-o", "-"], {
      env: environment(),
    });
    // Closed before the first byte arrives: every write meets EPIPE.
    child.stdout.destroy();
    const result = await finished(child);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
