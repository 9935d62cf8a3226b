import { Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument, loadDraft, TEST_ACTOR } from "../../test/store.ts";
import { migrationProvider } from "./migrations/index.ts";

/** Migration 2026_12_02_202 down and up again with departments changed: rows and drafts survive. */
forEachDatabase((database) => {
  describe("migration 2026_12_02_202_department_changes", () => {
    it("goes down and up with data: names kept, versions back to 1, retirements forgotten by down", async () => {
      const store = await database.open();
      const { planId, organizationId } = await importDocument(store, buildPlanDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      const gyosei = (await store.departments.list(organizationId)).find((d) => d.name === "行政経営課");
      if (!gyosei) throw new Error("no 行政経営課");
      await store.transaction({ actor: TEST_ACTOR }, (tx) =>
        tx.departments.retire(organizationId, gyosei.id, 1),
      );
      const names = (await store.departments.list(organizationId)).map((d) => d.name);
      const draft = await loadDraft(store, planId, 2019);

      const migrator = new Migrator({
        db: store.db,
        provider: migrationProvider(store.capabilities),
        migrationTableSchema: await store.capabilities.migrationSchema(store.db),
      });
      const down = await migrator.migrateTo("2026_12_02_201_initiative_number_text");
      expect(down.error).toBeUndefined();
      // The later migrations go down first, newest first.
      expect(down.results?.map((r) => r.migrationName)).toEqual([
        "2026_12_02_205_retired_source",
        "2026_12_02_204_import_mappings",
        "2026_12_02_203_plan_editor",
        "2026_12_02_202_department_changes",
      ]);
      const columns = (await store.db.introspection.getTables())
        .find((t) => t.name === "department")
        ?.columns.map((c) => c.name);
      expect(columns).not.toContain("retired_at");

      expect(await store.migrate()).toEqual([
        "2026_12_02_202_department_changes",
        "2026_12_02_203_plan_editor",
        "2026_12_02_204_import_mappings",
        "2026_12_02_205_retired_source",
      ]);
      const after = await store.departments.list(organizationId);
      expect(after.map((d) => d.name)).toEqual(names);
      expect(after.every((d) => d.version === 1 && d.retiredAt === null && d.mergedIntoId === null)).toBe(
        true,
      );
      // The published round printed from its own copies all along.
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(draft);
    });
  });
});
