import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countRows, forEachDatabase } from "../../test/db.ts";
import { seedDocument } from "../../test/factories/test-documents.ts";
import { loadDraft } from "../../test/store.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { exportJson } from "../io/export/json.ts";
import { openStore } from "../store/index.ts";
import { run } from "./import.ts";
import type { CliIo } from "./io.ts";

const SEED = new URL("../../test/fixtures/sakado-fy2019.txt", import.meta.url).pathname;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "shinchoku-hostile-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {} };
  return { io, out, err };
}

async function jsonFile(name: string, edit: (doc: PlanDocument) => void): Promise<string> {
  const doc = seedDocument();
  edit(doc);
  const path = join(dir, name);
  await writeFile(path, exportJson(doc));
  return path;
}

describe("limits on the command line", () => {
  it("a refusal is one line naming the limit (Japanese / English), exit 1; --limit raises it", async () => {
    const target = join(dir, "out.json");
    const small = capture();
    expect(await run([SEED, "--json", target, "--limit", "file-size=40KB"], small.io)).toBe(1);
    expect(small.err[0]).toBe(
      "エラー：ファイルの大きさ（43.6 KB）が上限（40 KB）を超えています。上限を上げるには --limit file-size=… を指定してください / The file size (43.6 KB) exceeds the limit (40 KB); raise it with --limit file-size=…",
    );
    expect(existsSync(target)).toBe(false);
    const raised = capture();
    expect(
      await run([SEED, "--json", target, "--limit", "file-size=40KB", "--limit", "file-size=1MB"], raised.io),
    ).toBe(0);
  });

  it("an unknown limit is a usage error", async () => {
    const c = capture();
    expect(await run([SEED, "--json", join(dir, "o.json"), "--limit", "size=1"], c.io)).toBe(2);
    expect(c.err[0]).toContain("--limit の名前「size」が分かりません");
  });
});

describe("--allow-partial", () => {
  it("a cut table is refused, and read with warnings when the operator says so", async () => {
    const cut = join(dir, "cut.txt");
    const bytes = await readFile(SEED);
    await writeFile(cut, bytes.subarray(0, bytes.indexOf(Buffer.from("効率的な自治体運営")) + 1));
    const target = join(dir, "out.json");
    const refused = capture();
    expect(await run([cut, "--json", target], refused.io)).toBe(1);
    expect(refused.err.join("\n")).toContain("ファイルが文字の途中（UTF-8）で終わっています");
    const allowed = capture();
    expect(await run([cut, "--json", target, "--allow-partial"], allowed.io)).toBe(0);
    expect(allowed.err.join("\n")).toContain("警告：ファイルが文字の途中（UTF-8）で終わっています");
  });
});

describe("terminal escape sequences in imported text", () => {
  it("are shown escaped, never written raw to the terminal", async () => {
    const path = await jsonFile("escape.json", (doc) => {
      doc.plan.title = "\u001b]0;pwned\u0007\u001b[2J計画\u202e";
    });
    const c = capture();
    expect(await run([path, "--json", join(dir, "out.json")], c.io)).toBe(0);
    const shown = [...c.out, ...c.err].join("\n");
    for (const raw of ["\u001b", "\u0007", "\u202e"]) expect(shown).not.toContain(raw);
    expect(c.out[0]).toBe("\\x1b]0;pwned\\x07\\x1b[2J計画\\u202e");
  });
});

forEachDatabase((database) => {
  describe("the conversion and the database import refuse the same documents", () => {
    const refused: [string, (doc: PlanDocument) => void, string][] = [
      [
        "an embedded error diagnostic",
        (doc) => {
          doc.diagnostics = [{ severity: "error", code: "x", message: "見出し行が見つかりません", line: 12 }];
        },
        "エラー：計画データにエラーが1件あります。1件目は12行目の「見出し行が見つかりません」。エラーを直してから取り込んでください。",
      ],
      [
        "a fiscal year outside the plan period",
        (doc) => {
          doc.round.fiscalYear = 2025;
          doc.round.asOf = "2026-03-31";
        },
        "エラー：報告の年度（2025年度）が計画期間（2017～2021年度）の外にあります。",
      ],
    ];

    it.each(refused)(
      "%s: exit 1 for --json and for the database, with the same line",
      async (_, edit, line) => {
        const path = await jsonFile("doc.json", edit);
        const target = join(dir, "out.json");
        const converted = capture();
        expect(await run([path, "--json", target], converted.io)).toBe(1);
        expect(converted.err).toContain(line);
        expect(existsSync(target)).toBe(false);

        const url = await database.freshUrl();
        const stored = capture();
        expect(
          await run([path, "--organization", "坂戸市", "--slug", "sakado", "--database", url], stored.io),
        ).toBe(1);
        expect(stored.err).toContain(line);
        // One line says what happened to each: the conversion wrote nothing, the database is unchanged.
        expect(converted.err.at(-1)).toBe(
          "エラー1件・警告0件・情報0件。変換を中止しました。ファイルは書き出していません。 / Conversion cancelled; nothing was written.",
        );
        expect(stored.err.at(-1)).toBe(
          "エラー1件・警告0件・情報0件。取り込みを中止しました。データベースは変更していません。 / Import cancelled; the database was not changed.",
        );
      },
    );
  });

  describe("--replace that would remove initiatives or KPIs", () => {
    it("says which and needs --allow-removals; nothing changes until then", async () => {
      const url = await database.freshUrl();
      const first = capture();
      expect(
        await run([SEED, "--organization", "坂戸市", "--slug", "sakado", "--database", url], first.io),
      ).toBe(0);
      const smaller = await jsonFile("smaller.json", (doc) => {
        const last = doc.policies[2];
        if (last) last.initiatives = last.initiatives.filter((i) => i.number !== 24);
        const sixteen = doc.policies.flatMap((p) => p.initiatives).find((i) => i.number === 16);
        if (sixteen) sixteen.kpis = sixteen.kpis.slice(0, 1);
        doc.gradeSummary = { A: 8, B: 10, C: 4, D: 1 };
        doc.declaredGradeSummary = { A: 8, B: 10, C: 4, D: 1 };
      });
      const store = await openStore(url);
      const before = await countRows(store);
      await store.close();

      const refused = capture();
      expect(await run([smaller, "--replace", "--database", url], refused.io)).toBe(1);
      expect(refused.err[0]).toBe(
        "置き換えると次の取組項目 1件・数値目標 2件が削除されます。何も取り込んでいません / replacing would remove:",
      );
      // No.16 keeps 市税徴収率 and loses 国税徴収率 and 自動音声電話催告の導入 (the seed's three).
      expect(refused.err.slice(1, 4)).toEqual([
        "  取組項目 No.24「権限移譲事務の受入れ推進」 / initiative No. 24",
        "  取組項目 No.16 の数値目標「国税徴収率」 / KPI of No. 16",
        "  取組項目 No.16 の数値目標「自動音声電話催告の導入」 / KPI of No. 16",
      ]);
      expect(refused.err.at(-1)).toContain("--allow-removals");
      const unchanged = await openStore(url);
      try {
        expect(await countRows(unchanged)).toEqual(before);
      } finally {
        await unchanged.close();
      }

      const allowed = capture();
      expect(await run([smaller, "--replace", "--allow-removals", "--database", url], allowed.io)).toBe(0);
      expect(allowed.out.at(-1)).toMatch(/^置き換えました：坂戸市 行政改革後期アクションプラン 令和元年度/);
      const after = await openStore(url);
      try {
        const round = await loadDraft(after, 1, 2019);
        expect(round?.policies.flatMap((p) => p.initiatives).map((i) => i.number)).not.toContain(24);
      } finally {
        await after.close();
      }
    });

    it("a replacement that removes nothing needs no --allow-removals", async () => {
      const url = await database.freshUrl();
      expect(
        await run([SEED, "--organization", "坂戸市", "--slug", "sakado", "--database", url], capture().io),
      ).toBe(0);
      const again = capture();
      expect(await run([SEED, "--replace", "--database", url], again.io)).toBe(0);
      expect(again.out.at(-1)).toMatch(/^置き換えました/);
    });
  });
});
