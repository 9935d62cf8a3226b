import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument } from "../../test/factories/plan-document.ts";
import { publishedRounds } from "../../test/store.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { exportXlsx } from "../io/export/xlsx.ts";
import { openStore } from "../store/index.ts";
import { missingOrganizationMessage, run } from "./import.ts";
import type { CliIo } from "./io.ts";

const fixture = (path: string) => new URL(`../../test/fixtures/${path}`, import.meta.url).pathname;

let dir: string;
let out: string[];
let err: string[];
const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t) };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "shinchoku-import-"));
  out = [];
  err = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("shinchoku import", () => {
  it("exit 0: writes the plan document as pretty UTF-8 JSON with a final newline and prints a summary", async () => {
    const target = join(dir, "plan.json");
    const code = await run([fixture("sakado-fy2019.txt"), "--json", target, "--organization", "坂戸市"], io);
    expect(code).toBe(0);
    const text = await readFile(target, "utf8");
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n  "format": "shinchoku.plan/v2"');
    const doc = JSON.parse(text) as PlanDocument;
    expect(doc.organization).toEqual({ name: "坂戸市" });
    expect(doc.policies.flatMap((p) => p.initiatives)).toHaveLength(24);
    expect(out).toEqual([
      "坂戸市 行政改革後期アクションプラン",
      "文字コード UTF-8",
      "基本方針 3件",
      "取組項目 24件",
      "数値目標 62件（うち再掲 5件）",
      "進捗状況 A 8 / B 10 / C 5 / D 1（本部会評価 A 8 / B 10 / C 5 / D 1）",
      "基準日 令和2年3月31日現在（2020-03-31）",
      `書き出しました：${target}`,
    ]);
    expect(err).toEqual([]);
    // Only the target is left in the directory (no temporary file).
    expect(await readdir(dir)).toEqual(["plan.json"]);
  });

  it("exit 1: an error-severity finding prints it with its line and writes nothing, not even over an old file", async () => {
    const target = join(dir, "plan.json");
    await writeFile(target, "old\n");
    const code = await run([fixture("invalid/grade-e.txt"), "--json", target], io);
    expect(code).toBe(1);
    expect(await readFile(target, "utf8")).toBe("old\n");
    expect(err.some((line) => line.startsWith("エラー（41行目）") && line.includes("「E」"))).toBe(true);
    expect(err.some((line) => line.startsWith("エラー（95行目）"))).toBe(true);
    expect(err.at(-1)).toContain("変換を中止しました。ファイルは書き出していません。");
  });

  it("exit 1: a binary file writes nothing", async () => {
    const target = join(dir, "plan.json");
    expect(await run([fixture("invalid/binary.bin"), "--json", target], io)).toBe(1);
    expect(existsSync(target)).toBe(false);
    expect(err[0]).toMatch(
      /^エラー：集計表のテキストとして読み取れません（文字ではないデータを含んでいます）。取り込めるのは、/,
    );
    expect(out).toEqual([]);
  });

  it("exit 1: a file that cannot be read", async () => {
    const target = join(dir, "plan.json");
    expect(await run([join(dir, "missing.txt"), "--json", target], io)).toBe(1);
    expect(existsSync(target)).toBe(false);
    expect(err[0]).toMatch(
      /^エラー：ファイル「.*missing\.txt」が見つかりません。ファイル名と保存場所を確認してください。$/,
    );
  });

  it("exit 2: usage errors print the usage", async () => {
    expect(await run([], io)).toBe(2);
    expect(err.join("\n")).toContain("FILE がありません");
    expect(err.join("\n")).toContain("使い方 / usage: shinchoku import FILE");
    err = [];
    expect(await run([fixture("sakado-fy2019.txt"), "--bogus"], io)).toBe(2);
    expect(err.join("\n")).toContain(
      "--bogus というオプションはありません。shinchoku import --help で確認してください。 / There is no option --bogus. See shinchoku import --help.",
    );
    expect(err.join("\n")).not.toContain("Unknown option");
    expect(await run([fixture("sakado-fy2019.txt"), "--json"], io)).toBe(2);
    expect(await run(["a.txt", "b.txt"], io)).toBe(2);
    expect(await readdir(dir)).toEqual([]);
  });

  it("--help prints the usage and exits 0", async () => {
    expect(await run(["--help"], io)).toBe(0);
    expect(out.join("\n")).toContain("--organization");
  });
});

describe("shinchoku import: other formats, --mapping, --dry-run", () => {
  const cityCsv = () => fixture("csv/city-marks-sjis.csv");
  const cityMapping = () => fixture("mapping/city-marks.json");

  it("--dry-run previews the first rows and every finding and writes nothing", async () => {
    const code = await run([cityCsv(), "--mapping", cityMapping(), "--dry-run"], io);
    expect(code).toBe(0);
    expect(out[0]).toBe("プレビュー（保存していません）：基本方針2件・取組項目4件・数値目標5件・行6件");
    expect(out[2]).toContain("No.=1 | 取組項目 (A)=協働事業の推進");
    expect(out[3]).toBe("  [4] 項目=協働事業の参加者数 | 当初=1,200人 | 目標=2,000人 | 現状値=1,650人");
    expect(out.at(-1)).toBe(
      "エラー0件・警告0件：ファイルは取り込める形です（登録済みの計画の評価の区分・関係課との照合は、取り込むときに行います）",
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it("--mapping converts another city's Shift_JIS CSV, ◎○△× mapped onto A–D", async () => {
    const target = join(dir, "city.json");
    expect(await run([cityCsv(), "--mapping", cityMapping(), "--json", target], io)).toBe(0);
    const doc = JSON.parse(await readFile(target, "utf8")) as PlanDocument;
    expect(doc.plan).toMatchObject({ title: "第3次みどり市行財政改革大綱実施計画", startFiscalYear: 2020 });
    const initiatives = doc.policies.flatMap((p) => p.initiatives);
    expect(initiatives.map((i) => [i.number, i.grade])).toEqual([
      [1, "B"],
      [2, "A"],
      [3, "C"],
      [4, "D"],
    ]);
  });

  it("a bad mapping file is refused with its JSON path; a dry run of a broken table exits 1", async () => {
    expect(await run([cityCsv(), "--mapping", fixture("mapping/bad.json"), "--dry-run"], io)).toBe(1);
    expect(err.join("\n")).toMatch(
      /^列の対応表「.*bad\.json」のエラー（2行目）：列の対応表の項目「headerRows」：/m,
    );
    err = [];
    expect(await run([fixture("invalid/grade-e.txt"), "--dry-run"], io)).toBe(1);
    expect(out.at(-1)).toContain("エラーがあるため取り込めません");
    expect(err.some((line) => line.startsWith("エラー（41行目）"))).toBe(true);
  });

  it("reads the product's own xlsx and plan-document JSON back", async () => {
    const json = join(dir, "seed.json");
    expect(await run([fixture("sakado-fy2019.txt"), "--json", json], io)).toBe(0);
    const again = join(dir, "again.json");
    expect(await run([json, "--json", again], io)).toBe(0);
    const first = JSON.parse(await readFile(json, "utf8")) as PlanDocument;
    const second = JSON.parse(await readFile(again, "utf8")) as PlanDocument;
    expect(second.policies).toEqual(first.policies);

    const xlsx = join(dir, "seed.xlsx");
    await writeFile(xlsx, await exportXlsx(first));
    const fromXlsx = join(dir, "from-xlsx.json");
    expect(await run([xlsx, "--json", fromXlsx], io)).toBe(0);
    const third = JSON.parse(await readFile(fromXlsx, "utf8")) as PlanDocument;
    expect(third.policies).toEqual(first.policies);
  });
});

forEachDatabase((database) => {
  it("a department retired since: the latest year's import stops at the line naming it, writing nothing", async () => {
    const url = await database.freshUrl();
    const seed = fixture("sakado-fy2019.txt");
    expect(await run([seed, "--organization", "坂戸市", "--slug", "sakado", "--database", url], io)).toBe(0);
    const store = await openStore(url);
    let revisions: number[];
    try {
      const [organization] = await store.organizations.list();
      if (!organization) throw new Error("the imported organization");
      const retired = (await store.departments.list(organization.id)).find((d) => d.name === "情報政策課");
      if (!retired) throw new Error("the seed's 情報政策課");
      await store.transaction({ actor: { kind: "system", name: "test" } }, (tx) =>
        tx.departments.retire(organization.id, retired.id, retired.version),
      );
      revisions = (await store.publications.listLatest(organization.id)).map((p) => p.revision);
    } finally {
      await store.close();
    }
    err = [];
    expect(await run([seed, "--replace", "--database", url], io)).toBe(1);
    expect(err).toContain(
      "エラー（15行目）：取組項目 No.3の関係課「情報政策課」は廃止した課です。最新の年度の集計表の関係課は計画の関係課になるため、廃止した課は使えません。課の管理で「情報政策課」を元に戻すか、ファイルの関係課を今ある課に直してから、もう一度取り込んでください。",
    );
    expect(err.at(-1)).toMatch(/取り込みを中止しました。データベースは変更していません。/);
    const after = await openStore(url);
    try {
      const [organization] = await after.organizations.list();
      expect((await after.publications.listLatest(organization?.id ?? 0)).map((p) => p.revision)).toEqual(
        revisions,
      );
    } finally {
      await after.close();
    }
  });

  it("a stored plan's grade scale and 対象外 setting stay as they are: a file off them stops at its cells, writing nothing", async () => {
    const url = await database.freshUrl();
    const csv = fixture("csv/city-marks-sjis.csv");
    const base = JSON.parse(await readFile(fixture("mapping/city-marks.json"), "utf8"));
    const marks = [
      { code: "◎", label: "順調" },
      { code: "○", label: "概ね順調" },
      { code: "△", label: "遅れ" },
      { code: "×", label: "停止" },
    ];
    const mappingFile = async (name: string, changes: Record<string, unknown>) => {
      const path = join(dir, name);
      const mapping: Record<string, unknown> = { ...base, ...changes };
      for (const [key, value] of Object.entries(changes)) if (value === undefined) delete mapping[key];
      await writeFile(path, JSON.stringify(mapping));
      return path;
    };
    const own = await mappingFile("own.json", { grades: marks, gradeScale: undefined });
    expect(await run([csv, "--mapping", own, "--slug", "midori", "--database", url], io)).toBe(0);
    const state = async () => {
      const store = await openStore(url);
      try {
        const [organization] = await store.organizations.list();
        const [plan] = await store.plans.list(organization?.id ?? 0);
        const rounds = await publishedRounds(store, plan?.id ?? 0);
        return { plan, revisions: rounds.map((r) => [r.fiscalYear, r.revision]) };
      } finally {
        await store.close();
      }
    };
    const before = await state();
    expect(before.plan?.gradeScale).toEqual(marks);

    // The mapping onto A–D names no scale: its B, A, C, D are not the plan's ◎○△×.
    err = [];
    expect(
      await run([csv, "--mapping", fixture("mapping/city-marks.json"), "--replace", "--database", url], io),
    ).toBe(1);
    expect(err[0]).toBe(
      "エラー（K3）：取組項目 No.1の進捗状況「B」は、計画「第3次みどり市行財政改革大綱実施計画」の評価の区分（◎・○・△・×）にありません。ファイルの進捗状況を ◎・○・△・× のどれかに直してから、もう一度取り込んでください。",
    );
    expect(err).toHaveLength(5);
    expect(err.at(-1)).toMatch(/取り込みを中止しました。データベースは変更していません。/);
    expect(await state()).toEqual(before);

    // 対象外 on a plan that does not allow it.
    const store = await openStore(url);
    try {
      await store.db
        .updateTable("plan")
        .set({ not_assessed_allowed: store.dialect === "sqlite" ? 0 : false })
        .execute();
    } finally {
      await store.close();
    }
    const notAssessed = await mappingFile("not-assessed.json", {
      grades: marks,
      gradeScale: { "×": "対象外" },
    });
    err = [];
    expect(await run([csv, "--mapping", notAssessed, "--replace", "--database", url], io)).toBe(1);
    expect(err.slice(0, -1)).toEqual([
      "エラー（K8）：取組項目 No.4の進捗状況は「対象外」ですが、計画「第3次みどり市行財政改革大綱実施計画」では対象外を認めていません。ファイルの進捗状況を ◎・○・△・× のどれかにするか、計画の設定で「評価しない取組項目（対象外）を認める」を選んでから、もう一度取り込んでください。",
    ]);
    expect((await state()).revisions).toEqual(before.revisions);
  });

  it("a plan-document JSON with 対象外 for a stored plan that does not allow it stops at the line of that grade", async () => {
    const url = await database.freshUrl();
    const document = buildPlanDocument();
    const fifth = document.policies.flatMap((p) => p.initiatives)[4];
    if (!fifth || fifth.grade !== null) throw new Error("the factory's No.5, ungraded");
    fifth.notAssessed = true;
    const text = `${JSON.stringify(document, null, 2)}\n`;
    const path = join(dir, "plan.json");
    await writeFile(path, text);
    expect(await run([path, "--slug", "sakado", "--database", url], io)).toBe(0);
    const store = await openStore(url);
    try {
      await store.db
        .updateTable("plan")
        .set({ not_assessed_allowed: store.dialect === "sqlite" ? 0 : false })
        .execute();
    } finally {
      await store.close();
    }
    // The fifth initiative's "grade": the line a person finds it on.
    const lines = text.split("\n");
    const gradeLines = lines.flatMap((line, i) => (/^\s*"grade": /.test(line) ? [i + 1] : []));
    err = [];
    expect(await run([path, "--replace", "--database", url], io)).toBe(1);
    expect(err.slice(0, -1)).toEqual([
      `エラー（${gradeLines[4]}行目）：取組項目 No.5の進捗状況は「対象外」ですが、計画「${document.plan.title}」では対象外を認めていません。ファイルの進捗状況を A・B・C・D のどれかにするか、計画の設定で「評価しない取組項目（対象外）を認める」を選んでから、もう一度取り込んでください。`,
    ]);
  });

  it("without --json: stores the table, refuses the same year again, replaces with --replace", async () => {
    const url = await database.freshUrl();
    const seed = fixture("sakado-fy2019.txt");
    expect(await run([seed, "--organization", "坂戸市", "--slug", "sakado", "--database", url], io)).toBe(0);
    expect(out.at(-1)).toMatch(
      /^取り込みました：坂戸市 行政改革後期アクションプラン 令和元年度（計画番号\d+）$/,
    );

    err = [];
    expect(await run([seed, "--database", url], io)).toBe(1);
    // Said once, naming the option that replaces the round, in Japanese and English.
    const refusal = err.filter((line) => line.includes("すでに取り込まれています"));
    expect(refusal).toEqual([
      '計画「行政改革後期アクションプラン」の令和元年度（2019年度）はすでに取り込まれています。置き換える場合は --replace を付けて取り込み直してください。 / FY2019 of "行政改革後期アクションプラン" has already been imported; add --replace to replace it.',
    ]);
    expect(err.filter((line) => line.includes("置き換え"))).toHaveLength(1);

    out = [];
    expect(await run([seed, "--replace", "--database", url], io)).toBe(0);
    expect(out.at(-1)).toContain("置き換えました：坂戸市");

    const store = await openStore(url);
    try {
      const [organization] = await store.organizations.list();
      expect(organization).toMatchObject({ slug: "sakado", name: "坂戸市" });
      const [plan] = await store.plans.list(organization?.id ?? 0);
      const rounds = await publishedRounds(store, plan?.id ?? 0);
      expect(rounds.map((r) => [r.fiscalYear, r.initiativeCount, r.gradeSummary])).toEqual([
        [2019, 24, { A: 8, B: 10, C: 5, D: 1 }],
      ]);
    } finally {
      await store.close();
    }
  });

  it("without --json: a new municipality needs --slug; an invalid table stores nothing", async () => {
    const url = await database.freshUrl();
    expect(await run([fixture("sakado-fy2019.txt"), "--organization", "坂戸市", "--database", url], io)).toBe(
      2,
    );
    // --organization was given: only --slug is asked for.
    const asked = err.join("\n");
    expect(asked).toContain("--slug URL名 を指定してください。「坂戸市」はまだ登録されていないため");
    expect(asked).toContain('Give --slug: "坂戸市" is not registered yet');
    expect(asked).not.toContain("--organization 自治体名");
    expect(await run([fixture("sakado-fy2019.txt"), "--slug", "Sakado City", "--database", url], io)).toBe(2);

    expect(
      await run(
        [fixture("invalid/grade-e.txt"), "--slug", "sakado", "--organization", "坂戸市", "--database", url],
        io,
      ),
    ).toBe(1);
    const store = await openStore(url);
    try {
      await store.migrate();
      expect(await store.isEmpty()).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe("shinchoku import: a database that cannot be opened", () => {
  it("exit 1 with a Japanese message naming the database without its password", async () => {
    const url = "postgres://shinchoku:secret@127.0.0.1:1/none";
    const code = await run(
      [fixture("sakado-fy2019.txt"), "--slug", "sakado", "--organization", "坂戸市", "--database", url],
      io,
    );
    expect(code).toBe(1);
    expect(err.join("\n")).toContain(
      "データベースに接続できません。何も取り込んでいません：postgres://shinchoku:***@127.0.0.1:1/none",
    );
    expect(err.join("\n")).not.toContain("secret");
    expect(out.join("\n")).not.toContain("取り込みました");
  });
});

describe("missingOrganizationMessage", () => {
  it("names only what is missing", () => {
    expect(missingOrganizationMessage("坂戸市", undefined)).toMatch(/^--slug URL名 を指定してください。/);
    expect(missingOrganizationMessage(undefined, "sakado")).toMatch(
      /^--organization 自治体名 を指定してください。/,
    );
    expect(missingOrganizationMessage(undefined, undefined)).toContain(
      "--organization 自治体名 と --slug URL名 を指定してください",
    );
  });
});
