import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument } from "../../test/store.ts";
import { openStore, type SqlStore } from "../store/index.ts";
import { type RemoveIo, run } from "./remove.ts";

let out: string[];
let err: string[];
let asked: string[];
/** No terminal: like a script or a pipe. */
let io: RemoveIo;
/** A terminal that answers `answer`. */
const terminal = (answer: string): RemoveIo => ({
  ...io,
  ask: async (question) => {
    asked.push(question);
    return answer;
  },
});

beforeEach(() => {
  out = [];
  err = [];
  asked = [];
  io = { out: (t) => out.push(t), err: (t) => err.push(t), env: {} };
});

/** FY2019 and FY2020 of the factory's plan (published by their import), in a database at `url`. */
async function seeded(url: string): Promise<{ planId: number }> {
  const store = await openStore(url);
  try {
    await store.migrate();
    const { planId } = await importDocument(store, buildPlanDocument(), {
      organization: FACTORY_ORGANIZATION,
    });
    await importDocument(store, buildPlanDocument({ fiscalYear: 2020, extraInitiatives: 2 }), {
      organization: FACTORY_ORGANIZATION,
    });
    return { planId };
  } finally {
    await store.close();
  }
}

async function inspect<T>(url: string, look: (store: SqlStore) => Promise<T>): Promise<T> {
  const store = await openStore(url);
  try {
    return await look(store);
  } finally {
    await store.close();
  }
}

const years = (url: string, planId: number) =>
  inspect(url, async (s) => (await s.rounds.list(planId)).map((r) => r.fiscalYear));

describe("shinchoku remove: usage", () => {
  it("--help: exit 0 with every form and the exit codes", async () => {
    expect(await run(["--help"], io)).toBe(0);
    const help = out.join("\n");
    expect(help).toContain("shinchoku remove round --plan ID --year 年度");
    expect(help).toContain("shinchoku remove organization --slug URL名");
    expect(help).toContain("--force");
    expect(help).toContain("監査記録");
  });

  it.each([
    [[], "削除するもの（round、plan、organization のいずれか）を指定してください"],
    [["everything"], "「everything」は削除できるものではありません"],
    [["round", "--plan", "1"], "--year 年度 を指定してください"],
    [["round", "--year", "2019"], "--plan 計画番号 を指定してください"],
    [["plan", "--plan", "x"], "--plan には計画番号（1以上の整数）を指定してください"],
    [["plan", "--plan", "1", "--year", "2019"], "--year は remove plan には使いません"],
    [["organization"], "--slug URL名 を指定してください"],
    [["organization", "--slug", "sakado", "--plan", "1"], "--plan は remove organization には使いません"],
    [["round", "--plan", "1", "--year", "来年"], "--year を年度として読み取れません"],
    [["round", "--bogus"], "--bogus というオプションはありません"],
  ])("%j is a usage error (exit 2) that names what is wrong", async (args, message) => {
    expect(await run(args, io)).toBe(2);
    expect(err.join("\n")).toContain(message);
    expect(out).toEqual([]);
  });
});

describe("shinchoku remove: no database", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "shinchoku-remove-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("says where it looked and creates nothing (exit 1)", async () => {
    const path = join(dir, "none.db");
    expect(await run(["plan", "--plan", "1", "--yes", "--database", `sqlite:${path}`], io)).toBe(1);
    expect(err.join("\n")).toContain(`データベースが見つかりません：${path}`);
    expect(existsSync(path)).toBe(false);
  });
});

forEachDatabase((database) => {
  describe("shinchoku remove", () => {
    it("without a terminal and without --yes: shows what would go, refuses (exit 2) and names --yes", async () => {
      const url = await database.freshUrl();
      const { planId } = await seeded(url);
      const args = ["round", "--plan", String(planId), "--year", "2020", "--force", "--database", url];
      expect(await run(args, io)).toBe(2);
      expect(out[0]).toBe(
        `削除するもの / to remove: 坂戸市 行政改革後期アクションプラン（計画番号${planId}）の令和2年度（2020年度） / FY2020 of plan ${planId}`,
      );
      expect(out).toContain("  取組項目 2件 / initiatives: 2");
      expect(out).toContain("  公表版 1件 / published revisions: 1");
      expect(err.join("\n")).toContain("--yes を付けて実行してください");
      expect(await years(url, planId)).toEqual([2019, 2020]);
    });

    it("refuses a published round without --force (exit 1), even with --yes", async () => {
      const url = await database.freshUrl();
      const { planId } = await seeded(url);
      expect(
        await run(["round", "--plan", String(planId), "--year", "R2", "--yes", "--database", url], io),
      ).toBe(1);
      expect(err.join("\n")).toContain("公表版が1件あります");
      expect(err.join("\n")).toContain("--force");
      expect(await years(url, planId)).toEqual([2019, 2020]);
    });

    it("asks on a terminal: anything but y keeps everything (exit 1); y removes (exit 0)", async () => {
      const url = await database.freshUrl();
      const { planId } = await seeded(url);
      const args = ["round", "--plan", String(planId), "--year", "2020", "--force", "--database", url];
      expect(await run(args, terminal(""))).toBe(1);
      expect(asked).toEqual(["削除しますか？ / Remove? [y/N] "]);
      expect(err.join("\n")).toContain("中止しました");
      expect(await years(url, planId)).toEqual([2019, 2020]);

      expect(await run(args, terminal("y"))).toBe(0);
      expect(await years(url, planId)).toEqual([2019]);
      expect(out).toContain("監査記録に残しました（shinchoku remove） / recorded in the audit log");
      const entry = await inspect(url, async (s) => {
        const plan = await s.plans.find(planId);
        return (await s.audit.list(plan?.organizationId ?? 0, { entity: "reporting_round", limit: 1 }))[0];
      });
      expect(entry).toMatchObject({
        action: "round.remove",
        actorName: "shinchoku remove",
        after: { forced: true },
      });
    });

    it("--yes --force removes a published round; the publications stay immutable afterwards", async () => {
      const url = await database.freshUrl();
      const { planId } = await seeded(url);
      const args = [
        "round",
        "--plan",
        String(planId),
        "--year",
        "2019",
        "--yes",
        "--force",
        "--database",
        url,
      ];
      expect(await run(args, io)).toBe(0);
      expect(err).toEqual([]);
      expect(await years(url, planId)).toEqual([2020]);
      await inspect(url, async (s) => {
        await expect(sql`delete from publication`.execute(s.db)).rejects.toThrow(/immutable/);
        await expect(sql`delete from audit_log`.execute(s.db)).rejects.toThrow(/append-only/);
      });
      // The last round: the plan is empty, and the command says how to remove it.
      expect(
        await run(
          ["round", "--plan", String(planId), "--year", "2020", "-y", "--force", "--database", url],
          io,
        ),
      ).toBe(0);
      expect(out.at(-1)).toContain(`shinchoku remove plan --plan ${planId}`);
    });

    it("removes a plan, then an organization with its audit log", async () => {
      const url = await database.freshUrl();
      const { planId } = await seeded(url);
      expect(await run(["plan", "--plan", String(planId), "--yes", "--force", "--database", url], io)).toBe(
        0,
      );
      expect(out).toContain("  年度 2件 / fiscal-year rounds: 2");
      expect(await inspect(url, (s) => s.plans.find(planId))).toBeUndefined();

      out = [];
      expect(await run(["organization", "--slug", "sakado", "--yes", "--database", url], io)).toBe(0);
      expect(out[0]).toContain("自治体 坂戸市（sakado）とそのすべて");
      expect(out.some((l) => l.startsWith("  監査記録 "))).toBe(true);
      expect(out.at(-1)).toContain("監査記録も削除しました");
      expect(await inspect(url, (s) => s.organizations.list())).toEqual([]);
      const audit = await inspect(url, (s) => s.db.selectFrom("audit_log").select("id").execute());
      expect(audit).toEqual([]);
    });

    it("an unknown plan, year or URL name is a clear message (exit 1), nothing removed", async () => {
      const url = await database.freshUrl();
      const { planId } = await seeded(url);
      expect(await run(["plan", "--plan", "999", "--yes", "--database", url], io)).toBe(1);
      expect(err.at(-1)).toBe("計画番号999の計画はありません / no plan number 999");
      expect(
        await run(["round", "--plan", String(planId), "--year", "2018", "--yes", "--database", url], io),
      ).toBe(1);
      expect(err.at(-1)).toContain(
        "平成30年度（2018年度）の進行管理はありません。ある年度：令和元年度（2019年度）、令和2年度（2020年度）",
      );
      expect(await run(["organization", "--slug", "kawagoe", "--yes", "--database", url], io)).toBe(1);
      expect(err.at(-1)).toContain("URL名「kawagoe」の自治体はありません（登録されている自治体：sakado）");
      expect(out).toEqual([]);
      expect(await years(url, planId)).toEqual([2019, 2020]);
    });
  });
});
