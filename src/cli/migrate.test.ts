import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { openStore } from "../store/index.ts";
import { type CliIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from "./io.ts";
import { run } from "./migrate.ts";

function captureIo(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  return { io, out, err };
}

forEachDatabase((database) => {
  describe("shinchoku migrate", () => {
    it("applies the migrations, lists them, and applies nothing the second time", async () => {
      const url = await database.freshUrl();
      const first = captureIo();
      expect(await run(["--database", url], first.io)).toBe(EXIT_OK);
      expect(first.out).toContain("適用しました / applied: 2026_11_25_001_initial");
      expect(first.out).toContain("適用しました / applied: 2026_11_25_002_store_revision");
      expect(first.out).toContain("適用しました / applied: 2026_11_25_003_round_listing");
      expect(first.out).toContain("適用しました / applied: 2026_12_02_001_publications");
      expect(first.out).toContain("適用しました / applied: 2026_12_02_002_accounts");
      expect(first.out).toContain("適用しました / applied: 2026_12_02_003_round_workflow");
      expect(first.out).toContain("適用しました / applied: 2026_12_02_101_local_government_code");
      expect(first.out).toContain("適用しました / applied: 2026_12_02_102_grade_scales");
      expect(first.out).toContain("適用しました / applied: 2026_12_02_201_initiative_number_text");
      expect(first.out).toContain("適用しました / applied: 2026_12_02_202_department_changes");
      expect(first.out).toContain("適用しました / applied: 2026_12_02_203_plan_editor");
      expect(first.out).toContain("適用しました / applied: 2026_12_02_204_import_mappings");
      expect(first.out).toContain("適用しました / applied: 2026_12_02_205_retired_source");
      expect(first.out.at(-1)).toMatch(/^データベースの構造を最新にしました（変更13件）。/);

      const second = captureIo();
      expect(await run([`--database=${url}`], second.io)).toBe(EXIT_OK);
      expect(second.out.join("\n")).toContain("データベースの構造は最新です。変更はありません。");
      expect(second.out.join("\n")).not.toContain("適用しました");

      const store = await openStore(url);
      try {
        expect(await store.migrate()).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it("uses DATABASE_URL when --database is not given", async () => {
      const url = await database.freshUrl();
      const { io, out } = captureIo({ DATABASE_URL: url });
      expect(await run([], io)).toBe(EXIT_OK);
      expect(out).toContain("適用しました / applied: 2026_11_25_001_initial");
    });
  });
});

describe("shinchoku migrate, refused", () => {
  it("exits 2 on an unknown option or a missing value", async () => {
    for (const args of [["--bogus"], ["--database"], ["extra"], ["--database="]]) {
      const { io, err } = captureIo();
      expect(await run(args, io), args.join(" ")).toBe(EXIT_USAGE);
      expect(err.join("\n")).toContain("使い方 / usage: shinchoku migrate");
    }
  });

  it("exits 1 with a Japanese message when the database cannot be opened", async () => {
    const { io, err } = captureIo();
    // A folder cannot be created under a file.
    expect(await run(["--database", "sqlite:/dev/null/shinchoku.db"], io)).toBe(EXIT_FAILED);
    expect(err.join("\n")).toContain("データベースの構造を最新にできませんでした");
  });

  it("prints its usage with --help", async () => {
    const { io, out } = captureIo();
    expect(await run(["--help"], io)).toBe(EXIT_OK);
    expect(out.join("\n")).toContain("--database URL");
  });
});
