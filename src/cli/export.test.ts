import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { seedDocument } from "../../test/factories/test-documents.ts";
import { importDocument, TEST_ACTOR } from "../../test/store.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { exportJson } from "../io/export/json.ts";
import { openStore } from "../store/index.ts";
import { saveReport } from "../workflow/save-report.ts";
import { run } from "./export.ts";
import type { CliIo } from "./io.ts";

const fixture = (path: string) => new URL(`../../test/fixtures/${path}`, import.meta.url).pathname;

let dir: string;
let out: string[];
let err: string[];
let stdout: Uint8Array[];
const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), stdout: (b) => stdout.push(b) };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "shinchoku-export-"));
  out = [];
  err = [];
  stdout = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("shinchoku export --input (no database)", () => {
  it("exit 0: converts the seed table text to xlsx", async () => {
    const target = join(dir, "table.xlsx");
    const code = await run(["--input", fixture("sakado-fy2019.txt"), "--format", "xlsx", "-o", target], io);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^書き出しました：.*table\.xlsx（\d+\.\d KB）$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(target)) as never);
    expect(workbook.getWorksheet("進行管理集計表")?.getCell("C7").value).toBe("産・学・官連携体制の推進");
    expect(await readdir(dir)).toEqual(["table.xlsx"]);
  });

  it("names the file after the plan and the year when -o is a folder", async () => {
    const json = join(dir, "plan.json");
    await writeFile(json, exportJson(seedDocument()));
    const code = await run(["--input", json, "--format", "csv", "--encoding", "shift_jis", "-o", dir], io);
    expect(code).toBe(0);
    const name = "行政改革後期アクションプラン_令和元年度_Shift_JIS.csv";
    expect((await readdir(dir)).sort()).toEqual([name, "plan.json"].sort());
    const text = iconv.decode(await readFile(join(dir, name)), "cp932");
    expect(text.startsWith("全国地方公共団体コード,地方公共団体名,計画名,計画開始年度,")).toBe(true);
  });

  it("writes a PDF", async () => {
    const target = join(dir, "table.pdf");
    expect(await run(["--input", fixture("sakado-fy2019.txt"), "--format", "pdf", "-o", target], io)).toBe(0);
    expect((await readFile(target)).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("writes to standard output with -o -", async () => {
    expect(await run(["--input", fixture("sakado-fy2019.txt"), "--format", "json", "-o", "-"], io)).toBe(0);
    const doc = JSON.parse(Buffer.concat(stdout).toString("utf8"));
    expect(doc.format).toBe("shinchoku.plan/v2");
    expect(out).toEqual([]);
  });

  it("reads another city's CSV with --mapping", async () => {
    const target = join(dir, "city.json");
    const code = await run(
      [
        "--input",
        fixture("csv/city-marks-sjis.csv"),
        "--mapping",
        fixture("mapping/city-marks.json"),
        "--format",
        "json",
        "-o",
        target,
      ],
      io,
    );
    expect(code).toBe(0);
    expect(JSON.parse(await readFile(target, "utf8")).organization).toEqual({ name: "みどり市" });
  });

  it("exit 1: an input with errors prints them and writes nothing", async () => {
    const bad = join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ format: "other" }));
    expect(await run(["--input", bad, "--format", "xlsx", "-o", join(dir, "x.xlsx")], io)).toBe(1);
    expect(err[0]).toContain("項目「format」が「shinchoku.plan/v2」でも「shinchoku.plan/v1」でもありません");
    expect(await readdir(dir)).toEqual(["bad.json"]);
  });

  it("exit 1: a bad mapping file names its JSON path", async () => {
    const code = await run(
      [
        "--input",
        fixture("csv/city-marks-sjis.csv"),
        "--mapping",
        fixture("mapping/bad.json"),
        "--format",
        "json",
      ],
      io,
    );
    expect(code).toBe(1);
    expect(err).toContain(
      // bad.json writes "headerRows" on its second line.
      "エラー（2行目）：列の対応表の項目「headerRows」：数値でなければなりません（文字列が書かれています）",
    );
  });
});

describe("shinchoku export: usage errors (exit 2)", () => {
  it.each([
    [["--input", "x.json"], "--format を指定してください"],
    [["--input", "x.json", "--format", "docx"], "--format は xlsx・pdf・csv・json のいずれかです：docx"],
    [
      ["--input", "x.json", "--format", "xlsx", "--encoding", "shift_jis"],
      "--encoding は --format csv のときだけ",
    ],
    [["--input", "x.json", "--format", "xlsx", "--plan", "1"], "--input はファイルを変換します"],
    [["--format", "xlsx", "--plan", "1"], "--plan と --year"],
    [["--format", "xlsx", "--plan", "abc", "--year", "2019"], "--plan は計画番号"],
    [["--format", "xlsx", "--plan", "1", "--year", "来年"], "--year を年度として読み取れません"],
    [
      ["--format", "xlsx", "--bogus"],
      "--bogus というオプションはありません。shinchoku export --help で確認してください。",
    ],
  ])("%j", async (args, message) => {
    expect(await run(args, io)).toBe(2);
    expect(err[0]).toContain(message);
    expect(err[0]).toContain("使い方 / usage: shinchoku export");
  });

  it("prints the help with exit 0", async () => {
    expect(await run(["--help"], io)).toBe(0);
    expect(out[0]).toContain("--format 形式");
  });
});

describe("shinchoku export from a database file that is not there", () => {
  it("is an error naming the path looked at, and creates nothing", async () => {
    const missing = join(dir, "data", "shinchoku.db");
    const code = await run(["--plan", "1", "--year", "2019", "--format", "csv", "--database", missing], io);
    expect(code).toBe(1);
    expect(err.join("\n")).toContain(`データベースが見つかりません：${missing}`);
    expect(err.join("\n")).toContain(`No database at ${missing}`);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("shinchoku export from a database never brought up to date", () => {
  it("says to run shinchoku migrate, in one line without the database's own words", async () => {
    const empty = join(dir, "empty.db");
    await writeFile(empty, "");
    const code = await run(["--plan", "1", "--year", "2019", "--format", "csv", "--database", empty], io);
    expect(code).toBe(1);
    expect(err).toEqual([
      `データベースを読み取れません。データベースの構造が古いか、作られていません。shinchoku migrate を実行してください。 / cannot read the database (run shinchoku migrate): ${empty}`,
    ]);
  });
});

forEachDatabase((database) => {
  describe("shinchoku export --plan --year (from the database)", () => {
    it("exit 0: writes the stored round; the year may be written in 和暦", async () => {
      const url = await database.freshUrl();
      const store = await openStore(url);
      let planId: number;
      try {
        await store.migrate();
        ({ planId } = await importDocument(store, seedDocument(), {
          organization: { slug: "sakado", name: "坂戸市" },
        }));
      } finally {
        await store.close();
      }
      const target = join(dir, "round.json");
      const code = await run(
        [
          "--plan",
          String(planId),
          "--year",
          "令和元年度",
          "--format",
          "json",
          "-o",
          target,
          "--database",
          url,
        ],
        io,
      );
      expect(err).toEqual([]);
      expect(code).toBe(0);
      const doc = JSON.parse(await readFile(target, "utf8"));
      expect(doc.policies).toEqual(seedDocument().policies);

      expect(
        await run(["--plan", String(planId), "--year", "2020", "--format", "xlsx", "--database", url], io),
      ).toBe(1);
      expect(err.at(-1)).toBe(
        "行政改革後期アクションプラン の令和2年度は公表されていません。公表済みの年度：令和元年度（2019年度）。入力中の内容は --draft で書き出せます",
      );
      expect(await run(["--plan", "999", "--year", "2019", "--format", "xlsx", "--database", url], io)).toBe(
        1,
      );
      expect(err.at(-1)).toBe(
        "計画番号999の計画はありません。shinchoku import が表示した計画番号を確認してください",
      );
    });

    it("writes the publication by default and the draft with --draft", async () => {
      const url = await database.freshUrl();
      const store = await openStore(url);
      let planId: number;
      try {
        await store.migrate();
        ({ planId } = await importDocument(store, seedDocument(), {
          organization: { slug: "sakado", name: "坂戸市" },
        }));
        const report = await store.reports.find((await store.rounds.find(planId, 2019))?.id ?? 0, 3);
        await saveReport(store, TEST_ACTOR, {
          planId,
          fiscalYear: 2019,
          initiativeNumber: 3,
          expectedVersion: report?.version ?? 0,
          changes: { activities: "下書きの取組内容" },
        });
      } finally {
        await store.close();
      }
      const activitiesOf3 = async (extra: string[]) => {
        const target = join(dir, `no3${extra.join("")}.json`);
        const args = ["--plan", String(planId), "--year", "2019", "--format", "json", "-o", target];
        expect(await run([...args, "--database", url, ...extra], io)).toBe(0);
        const doc: PlanDocument = JSON.parse(await readFile(target, "utf8"));
        return doc.policies.flatMap((p) => p.initiatives).find((i) => i.number === 3)?.activities;
      };
      const published = seedDocument().policies.flatMap((p) => p.initiatives)[2]?.activities;
      expect(await activitiesOf3([])).toBe(published);
      expect(await activitiesOf3(["--draft"])).toBe("下書きの取組内容");
    });
  });
});
