import { describe, expect, it, vi } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument, loadDraft } from "../../test/store.ts";
import type { Grade } from "../domain/grade.ts";
import { openStore } from "./index.ts";
import { StoreError } from "./types.ts";

const organization = FACTORY_ORGANIZATION;

forEachDatabase((database) => {
  describe("store revision", () => {
    it("changes with every committed import, a replacement included, and not with reads", async () => {
      const store = await database.open();
      const empty = await store.revision();
      expect(Number.isSafeInteger(empty)).toBe(true);
      expect(await store.revision()).toBe(empty);

      const { planId } = await importDocument(store, buildPlanDocument(), { organization });
      const first = await store.revision();
      expect(first).toBeGreaterThan(empty);

      await loadDraft(store, planId, 2019);
      await store.rounds.list(planId);
      expect(await store.revision()).toBe(first);

      await importDocument(store, buildPlanDocument({ fiscalYear: 2020 }), { organization });
      const second = await store.revision();
      expect(second).toBeGreaterThan(first);

      await importDocument(store, buildPlanDocument(), { organization, replace: true });
      expect(await store.revision()).toBeGreaterThan(second);
    });

    it("stays the same when an import is refused (round.exists) or rolls back half-way", async () => {
      const store = await database.open();
      await importDocument(store, buildPlanDocument(), { organization });
      const before = await store.revision();

      const refused = await importDocument(store, buildPlanDocument(), { organization }).catch((e) => e);
      expect(refused).toBeInstanceOf(StoreError);
      expect((refused as StoreError).code).toBe("round.exists");
      expect(await store.revision()).toBe(before);

      // Reports are written last, long after the revision was bumped: the bump must roll back too.
      const broken = buildPlanDocument({ fiscalYear: 2020 });
      const last = broken.policies.at(-1)?.initiatives.at(-1);
      if (!last) throw new Error("the factory document has no initiative");
      last.grade = "E" as Grade;
      await expect(importDocument(store, broken, { organization })).rejects.toThrow();
      expect(await store.revision()).toBe(before);

      const invalid = buildPlanDocument({ fiscalYear: 2020 });
      invalid.diagnostics = [
        { severity: "error", code: "table.header", message: "見出し行が見つかりません", line: 12 },
      ];
      await expect(importDocument(store, invalid, { organization })).rejects.toThrow(StoreError);
      expect(await store.revision()).toBe(before);
    });

    it("is seen by another connection to the same database (another process importing)", async () => {
      const url = await database.freshUrl();
      const server = await openStore(url);
      const cli = await openStore(url);
      try {
        await server.migrate();
        const seen = await server.revision();
        expect(await cli.revision()).toBe(seen);

        await importDocument(cli, buildPlanDocument(), { organization });
        const after = await server.revision();
        expect(after).not.toBe(seen);
        expect(after).toBe(await cli.revision());
        expect((await server.organizations.list()).map((o) => o.slug)).toEqual([organization.slug]);
      } finally {
        await cli.close();
        await server.close();
      }
    });

    it("starts at the creation time, moves when migrations are applied, and is one row", async () => {
      const url = await database.freshUrl();
      const store = await openStore(url);
      const now = vi.spyOn(Date, "now").mockReturnValue(1_764_000_000_000);
      try {
        await store.migrate();
        // Seeded with the clock by the migration, then bumped because migrations were applied.
        expect(await store.revision()).toBe(1_764_000_000_001);
        expect(await store.migrate()).toEqual([]);
        expect(await store.revision()).toBe(1_764_000_000_001);
        await expect(
          store.db.insertInto("store_revision").values({ id: 2, revision: 1 }).execute(),
        ).rejects.toThrow();
      } finally {
        now.mockRestore();
        await store.close();
      }
    });
  });
});
