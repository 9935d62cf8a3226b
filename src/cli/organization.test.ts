import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { openStore } from "../store/index.ts";
import { type CliIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from "./io.ts";
import { run } from "./organization.ts";

function captureIo(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  return { io, out, err };
}

forEachDatabase((database) => {
  describe("shinchoku organization add", () => {
    it("registers the municipality in a new database, audited with the command as the actor", async () => {
      const url = await database.freshUrl();
      const { io, out, err } = captureIo();
      expect(await run(["add", "坂戸市", "--slug", "sakado", "--database", url], io)).toBe(EXIT_OK);
      expect(err).toEqual([]);
      expect(out[0]).toBe("自治体を登録しました：坂戸市（sakado） / organization added: 坂戸市 (sakado)");
      expect(out.join("\n")).toContain(
        "shinchoku user add --organization sakado --role secretariat --login ログインID --name 氏名",
      );
      const store = await openStore(url);
      try {
        const organization = await store.organizations.findBySlug("sakado");
        expect(organization?.name).toBe("坂戸市");
        const audit = await store.audit.list(organization?.id ?? 0);
        expect(audit.map((a) => [a.action, a.actorName, a.actorAccountId])).toContainEqual([
          "organization.create",
          "shinchoku organization add",
          null,
        ]);
      } finally {
        await store.close();
      }
    });

    it("refuses a slug in use (exit 1) and changes nothing, not even the name", async () => {
      const url = await database.freshUrl();
      expect(await run(["add", "坂戸市", "--slug", "sakado", "--database", url], captureIo().io)).toBe(
        EXIT_OK,
      );
      const { io, out, err } = captureIo({ DATABASE_URL: url });
      expect(await run(["add", "鶴ヶ島市", "--slug", "sakado"], io)).toBe(EXIT_FAILED);
      expect(out).toEqual([]);
      expect(err).toEqual([
        "URL名「sakado」はすでに「坂戸市」が使っています。別の --slug を指定してください。何も変更していません。" +
          ' / The slug "sakado" is already used by 坂戸市: choose another one. Nothing was changed.',
      ]);
      const store = await openStore(url);
      try {
        expect((await store.organizations.list()).map((o) => [o.slug, o.name])).toEqual([
          ["sakado", "坂戸市"],
        ]);
      } finally {
        await store.close();
      }
    });
  });
});

describe("shinchoku organization, refused", () => {
  it("exits 2 with its usage for what it cannot take", async () => {
    const cases: [string[], string][] = [
      [["add", "--slug", "sakado"], "自治体名を指定してください"],
      [["add", "坂戸市"], "--slug URL名 を指定してください"],
      [["add", "坂戸市", "--slug", "Sakado"], "--slug は半角英小文字・数字・ハイフン"],
      [["add", "坂戸市", "--slug", "-x"], "--slug には値が必要です"],
      [["add", "坂戸", "市", "--slug", "sakado"], "自治体名は1つだけ"],
      [["add", "坂戸市", "--slug", "sakado", "--bogus"], "--bogus というオプションはありません"],
      [["remove", "sakado"], "不明な操作です：remove"],
      [[], "使い方 / usage: shinchoku organization add"],
    ];
    for (const [args, said] of cases) {
      const { io, err } = captureIo();
      expect(await run(args, io), args.join(" ")).toBe(EXIT_USAGE);
      expect(err.join("\n"), args.join(" ")).toContain(said);
      expect(err.join("\n")).toContain("使い方 / usage: shinchoku organization add");
    }
  });

  it("prints its usage with --help", async () => {
    for (const args of [["--help"], ["add", "--help"]]) {
      const { io, out } = captureIo();
      expect(await run(args, io)).toBe(EXIT_OK);
      expect(out.join("\n")).toContain("--slug URL名");
    }
  });
});
