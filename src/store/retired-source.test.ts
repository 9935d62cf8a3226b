import { Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument, TEST_ACTOR } from "../../test/store.ts";
import { migrationProvider } from "./migrations/index.ts";
import type { SqlStore } from "./sql-store.ts";

/**
 * Who set an initiative's 廃止 last (migration 2026_12_02_205, both databases): the plan editor's
 * retire marks 'editor'; an import of the latest year that says otherwise takes it over ('import');
 * one that agrees leaves the editor's mark. The migration reads the marks back from the audit log.
 */

async function sources(store: SqlStore, planId: number) {
  const rows = await store.db
    .selectFrom("initiative")
    .select(["number", "retired", "retired_source"])
    .where("plan_id", "=", planId)
    .orderBy("number")
    .execute();
  return rows.map((r) => `${r.number}:${r.retired ? "廃止" : "-"}:${r.retired_source}`);
}

async function retire(store: SqlStore, planId: number, numbers: number[]) {
  const structure = await store.planStructures.load(planId);
  await store.transaction({ actor: TEST_ACTOR }, async (tx) => {
    for (const initiative of (structure?.policies ?? []).flatMap((p) => p.initiatives))
      if (numbers.includes(initiative.number))
        await tx.planStructures.setRetired("initiative", initiative.id, initiative.version, true);
  });
}

forEachDatabase((database) => {
  describe("initiative.retired_source", () => {
    it("the editor's retire is marked; the latest year's table takes over only where it says otherwise", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, buildPlanDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      await retire(store, planId, [3, 4]);
      expect(await sources(store, planId)).toEqual([
        "1:-:import",
        "2:-:import",
        "3:廃止:editor",
        "4:廃止:editor",
        "5:-:import",
      ]);
      // FY2020 lists No.3 (current again: the import's word) and not No.4 (retired, as the editor had it).
      const document = buildPlanDocument({ fiscalYear: 2020 });
      for (const policy of document.policies)
        policy.initiatives = policy.initiatives.filter((i) => i.number !== 4);
      await importDocument(store, document, { organization: FACTORY_ORGANIZATION });
      expect(await sources(store, planId)).toEqual([
        "1:-:import",
        "2:-:import",
        "3:-:import",
        "4:廃止:editor",
        "5:-:import",
      ]);
    });

    it("2026_12_02_205 goes down and up: the marks come back from the audit log as they were", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, buildPlanDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      // The editor retires No.2, No.3 and No.4, and restores No.5 after retiring it.
      await retire(store, planId, [2, 3, 4, 5]);
      const no5 = (await store.planStructures.load(planId))?.policies
        .flatMap((p) => p.initiatives)
        .find((i) => i.number === 5);
      if (!no5) throw new Error("the factory's No.5");
      await store.transaction({ actor: TEST_ACTOR }, (tx) =>
        tx.planStructures.setRetired("initiative", no5.id, no5.version, false),
      );
      // FY2020 lists No.2 and No.3 (current again: the import's word), and neither No.4 (retired,
      // as the editor had it: still its mark) nor No.5 (retired by the import: its mark).
      const document = buildPlanDocument({ fiscalYear: 2020 });
      for (const policy of document.policies)
        policy.initiatives = policy.initiatives.filter((i) => i.number !== 4 && i.number !== 5);
      await importDocument(store, document, { organization: FACTORY_ORGANIZATION });
      const live = ["1:-:import", "2:-:import", "3:-:import", "4:廃止:editor", "5:廃止:import"];
      expect(await sources(store, planId)).toEqual(live);

      const migrator = new Migrator({
        db: store.db,
        provider: migrationProvider(store.capabilities),
        migrationTableSchema: await store.capabilities.migrationSchema(store.db),
      });
      const down = await migrator.migrateTo("2026_12_02_204_import_mappings");
      expect(down.error).toBeUndefined();
      expect(down.results?.map((r) => r.migrationName)).toEqual(["2026_12_02_205_retired_source"]);
      expect(await store.migrate()).toEqual(["2026_12_02_205_retired_source"]);
      expect(await sources(store, planId)).toEqual(live);
    });
  });
});
