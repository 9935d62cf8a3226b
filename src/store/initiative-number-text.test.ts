import { readFileSync } from "node:fs";
import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { importDocument, loadDraft, loadPublished } from "../../test/store.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { importTableText } from "../io/table-text/index.ts";
import { migrationProvider, migrationsFor } from "./migrations/index.ts";
import type { SqlStore } from "./sql-store.ts";

const ORGANIZATION = { slug: "numbers", name: "番号市" };
const FIXTURE = readFileSync(new URL("../../test/fixtures/written-numbers.txt", import.meta.url), "utf8");

function read(text: string): PlanDocument {
  const { document } = importTableText(text);
  if (!document) throw new Error("fixture");
  document.diagnostics = [];
  return document;
}

/** The fixture a year later, with "1-3" added after "1-2" (every key after it moves on by one). */
function nextYear(): PlanDocument {
  const lines = FIXTURE.replace("令和2年3月31日現在", "令和3年3月31日現在")
    .replace("R1年度取組内容", "R2年度取組内容")
    .replace("現状値 (R1末)", "現状値 (R2末)")
    .split("\n");
  const at = lines.findIndex((line) => line.includes("\t1-2\t"));
  const added = (lines[at] as string)
    .replace("\t1-2\t", "\t1-3\t")
    .replaceAll("協働の担い手の育成", "協働の場づくり");
  lines.splice(at + 1, 0, added.replace("講座の開催回数", "協働の場の数"));
  return read(lines.join("\n").replace("本部会評価 2 3 1 0", "本部会評価 2 4 1 0"));
}

const written = (doc: PlanDocument | undefined) =>
  doc?.policies.flatMap((p) => p.initiatives.map((i) => [i.number, i.numberText ?? null, i.title]));

function migrator(store: SqlStore): Promise<Migrator> {
  return store.capabilities.migrationSchema(store.db).then(
    (schema) =>
      new Migrator({
        db: store.db,
        provider: migrationProvider(store.capabilities),
        migrationTableSchema: schema,
      }),
  );
}

forEachDatabase((database) => {
  describe("initiative numbers as written", () => {
    it("are stored and published as imported: 1, 1-2, (1)-①, No.R1-1", async () => {
      const store = await database.open();
      const document = read(FIXTURE);
      const { planId } = await importDocument(store, document, { organization: ORGANIZATION });
      expect(written(document)).toEqual([
        [1, null, "市民との協働の推進"],
        [3, "1-2", "協働の担い手の育成"],
        [4, "(1)-①", "地域活動への支援"],
        [5, "(1)-②", "自治会加入の促進"],
        [2, null, "事務の電子化"],
        [6, "No.R1-1", "テレワークの導入"],
      ]);
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(document);
      expect(await loadPublished(store, planId, 2019)).toStrictEqual(document);
    });

    it("recognise an initiative of an earlier year by its written number, not by the key the file gave it", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, read(FIXTURE), { organization: ORGANIZATION });
      const later = nextYear();
      // The importer keys "1-3" 4 and moves "(1)-①" to 5 …
      expect(written(later)?.slice(1, 4)).toEqual([
        [3, "1-2", "協働の担い手の育成"],
        [4, "1-3", "協働の場づくり"],
        [5, "(1)-①", "地域活動への支援"],
      ]);
      await importDocument(store, later, { organization: ORGANIZATION });
      // … the store keeps "(1)-①" at 4, and "1-3" takes the next key after the plan's largest.
      expect(written(await loadDraft(store, planId, 2020))).toEqual([
        [1, null, "市民との協働の推進"],
        [3, "1-2", "協働の担い手の育成"],
        [7, "1-3", "協働の場づくり"],
        [4, "(1)-①", "地域活動への支援"],
        [5, "(1)-②", "自治会加入の促進"],
        [2, null, "事務の電子化"],
        [6, "No.R1-1", "テレワークの導入"],
      ]);
      const fy2020 = await loadPublished(store, planId, 2020);
      const relist = fy2020?.policies[0]?.initiatives[3]?.kpis[0];
      expect([relist?.key, relist?.relistOf]).toEqual(["4-1", "1-1"]);
      expect(written(await loadDraft(store, planId, 2019))).toEqual(written(read(FIXTURE)));
      const rows = await store.db
        .selectFrom("initiative")
        .select("id")
        .where("plan_id", "=", planId)
        .execute();
      expect(rows).toHaveLength(7);
    });

    it("refuse two initiatives written alike, before anything is written", async () => {
      const store = await database.open();
      const document = read(FIXTURE);
      const second = document.policies[0]?.initiatives[1];
      if (!second) throw new Error("fixture");
      second.numberText = "（１）－①";
      await expect(importDocument(store, document, { organization: ORGANIZATION })).rejects.toThrow(
        "取り込めません。取組項目の番号 No.(1)-① が重複しています（最初は2番目の取組項目）。",
      );
      expect(await store.db.selectFrom("initiative").select("id").execute()).toEqual([]);
    });

    it("2026_12_02_201 goes down and up with data: rows kept, written numbers back to the keys", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, read(FIXTURE), { organization: ORGANIZATION });
      const down = await (await migrator(store)).migrateTo("2026_12_02_102_grade_scales");
      expect(down.error).toBeUndefined();
      // The later migrations go down first, newest first.
      expect(down.results?.map((r) => r.migrationName)).toEqual([
        "2026_12_02_205_retired_source",
        "2026_12_02_204_import_mappings",
        "2026_12_02_203_plan_editor",
        "2026_12_02_202_department_changes",
        "2026_12_02_201_initiative_number_text",
      ]);
      await expect(sql`select number_text from initiative`.execute(store.db)).rejects.toThrow();
      const kept = await store.db
        .selectFrom("initiative")
        .select("number")
        .where("plan_id", "=", planId)
        .execute();
      expect(kept.map((r) => r.number).sort()).toEqual([1, 2, 3, 4, 5, 6]);

      const after = Object.keys(migrationsFor(store.capabilities)).filter(
        (n) => n > "2026_12_02_102_grade_scales",
      );
      expect(await store.migrate()).toEqual(after);
      const draft = await loadDraft(store, planId, 2019);
      expect(written(draft)?.map(([number, text]) => [number, text])).toEqual([
        [1, null],
        [3, null],
        [4, null],
        [5, null],
        [2, null],
        [6, null],
      ]);
      // The publication is a snapshot: it keeps the numbers as written.
      expect(written(await loadPublished(store, planId, 2019))?.[1]).toEqual([
        3,
        "1-2",
        "協働の担い手の育成",
      ]);
      await store.db
        .updateTable("initiative")
        .set({ number_text: "1-2" })
        .where("plan_id", "=", planId)
        .where("number", "=", 3)
        .execute();
      expect(written(await loadDraft(store, planId, 2019))?.[1]).toEqual([3, "1-2", "協働の担い手の育成"]);
    });
  });
});
