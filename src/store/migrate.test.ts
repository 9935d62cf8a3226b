import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { forEachDatabase, TABLES } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument, loadDraft } from "../../test/store.ts";
import { openStore } from "./index.ts";
import { migrationProvider, migrationsFor } from "./migrations/index.ts";
import type { SqlStore } from "./sql-store.ts";

interface OwnTable {
  name: string;
  columns: { name: string; hasDefaultValue: boolean }[];
}

/**
 * This store's tables only. On PostgreSQL the catalogue is asked for the test's own schema alone:
 * Kysely's introspection reads every schema, and other test files create and drop theirs meanwhile.
 */
async function ownTables(store: SqlStore): Promise<OwnTable[]> {
  if (store.dialect === "sqlite") return store.db.introspection.getTables();
  const { rows } = await sql<{ table_name: string; column_name: string; column_default: string | null }>`
    select table_name, column_name, column_default from information_schema.columns
    where table_schema = current_schema() order by table_name, ordinal_position`.execute(store.db);
  const tables = new Map<string, OwnTable>();
  for (const row of rows) {
    const table = tables.get(row.table_name) ?? { name: row.table_name, columns: [] };
    table.columns.push({ name: row.column_name, hasDefaultValue: row.column_default !== null });
    tables.set(row.table_name, table);
  }
  return [...tables.values()];
}

forEachDatabase((database) => {
  describe("migrations", () => {
    it("apply once: a second run, also from a new connection, applies nothing", async () => {
      const url = await database.freshUrl();
      const store = await openStore(url);
      try {
        expect(await store.migrate()).toEqual([
          "2026_11_25_001_initial",
          "2026_11_25_002_store_revision",
          "2026_11_25_003_round_listing",
          "2026_12_02_001_publications",
          "2026_12_02_002_accounts",
          "2026_12_02_003_round_workflow",
          "2026_12_02_101_local_government_code",
          "2026_12_02_102_grade_scales",
          "2026_12_02_201_initiative_number_text",
          "2026_12_02_202_department_changes",
          "2026_12_02_203_plan_editor",
          "2026_12_02_204_import_mappings",
          "2026_12_02_205_retired_source",
        ]);
        expect(await store.migrate()).toEqual([]);
      } finally {
        await store.close();
      }
      const reopened = await openStore(url);
      try {
        expect(await reopened.migrate()).toEqual([]);
        expect(reopened.dialect).toBe(database.name);
        expect(await reopened.isEmpty()).toBe(true);
        const tables = (await ownTables(reopened)).map((t) => t.name);
        for (const table of TABLES) expect(tables).toContain(table);
      } finally {
        await reopened.close();
      }
    });

    it("give every table an organization_id and every editable record a version", async () => {
      const store = await database.open();
      const tables = await ownTables(store);
      expect(tables.length).toBeGreaterThanOrEqual(TABLES.length);
      for (const name of TABLES) {
        const table = tables.find((t) => t.name === name);
        const columns = table?.columns.map((c) => c.name) ?? [];
        expect(columns, name).toContain(name === "organization" ? "slug" : "organization_id");
      }
      for (const name of ["plan", "policy", "initiative", "kpi", "kpi_value", "report", "reporting_round"]) {
        const version = tables.find((t) => t.name === name)?.columns.find((c) => c.name === "version");
        expect(version?.hasDefaultValue, name).toBe(true);
      }
    });

    it("enforce foreign keys, across organizations too", async () => {
      const store = await database.open();
      const [a, b] = await store.db
        .insertInto("organization")
        .values([
          { slug: "a", name: "A市" },
          { slug: "b", name: "B町" },
        ])
        .returning("id")
        .execute();
      const plan = await store.db
        .insertInto("plan")
        .values({
          organization_id: a?.id ?? 0,
          title: "計画",
          start_fiscal_year: 2017,
          end_fiscal_year: 2021,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const policy = (organizationId: number, planId: number) =>
        store.db
          .insertInto("policy")
          .values({
            organization_id: organizationId,
            plan_id: planId,
            position: 1,
            code: "(ア)",
            title: "方針",
          })
          .execute();

      await expect(policy(a?.id ?? 0, plan.id + 1000)).rejects.toThrow();
      // B's row may not hang under A's plan.
      await expect(policy(b?.id ?? 0, plan.id)).rejects.toThrow();
      await policy(a?.id ?? 0, plan.id);
      const count = await store.db
        .selectFrom("policy")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .execute();
      expect(Number(count[0]?.n)).toBe(1);
    });

    it("2026_11_25_003 gives rounds stored before it their KPI lines, and they load as before", async () => {
      const store = await database.open();
      const document = buildPlanDocument();
      const { planId } = await importDocument(store, document, {
        organization: FACTORY_ORGANIZATION,
      });
      const migrator = new Migrator({
        db: store.db,
        provider: migrationProvider(store.capabilities),
        migrationTableSchema: await store.capabilities.migrationSchema(store.db),
      });
      const down = await migrator.migrateTo("2026_11_25_002_store_revision");
      expect(down.error).toBeUndefined();
      const after002 = Object.keys(migrationsFor(store.capabilities)).filter(
        (n) => n > "2026_11_25_002_store_revision",
      );
      expect(down.results?.map((r) => r.migrationName)).toEqual([...after002].reverse());
      expect(await store.migrate()).toEqual(after002);

      const copies = await store.db.selectFrom("report").select(["title", "position"]).execute();
      expect(copies.every((r) => r.title === null && r.position === null)).toBe(true);
      const lines = await store.db
        .selectFrom("round_kpi")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(lines.n)).toBe(8);
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(document);
    });

    it("2026_12_02_001 publishes the rounds stored before it, as imported, with their reports graded", async () => {
      const store = await database.open();
      const document = buildPlanDocument();
      const { planId, organizationId, roundId } = await importDocument(store, document, {
        organization: FACTORY_ORGANIZATION,
      });
      const migrator = new Migrator({
        db: store.db,
        provider: migrationProvider(store.capabilities),
        migrationTableSchema: await store.capabilities.migrationSchema(store.db),
      });
      const down = await migrator.migrateTo("2026_11_25_003_round_listing");
      expect(down.error).toBeUndefined();
      const after003 = Object.keys(migrationsFor(store.capabilities)).filter(
        (n) => n > "2026_11_25_003_round_listing",
      );
      expect(down.results?.map((r) => r.migrationName)).toEqual([...after003].reverse());

      expect(await store.migrate()).toEqual(after003);
      const [publication, ...others] = await store.publications.listLatest(organizationId);
      expect(others).toEqual([]);
      expect(publication).toMatchObject({
        planId,
        roundId,
        fiscalYear: 2019,
        revision: 1,
        source: "imported",
      });
      expect(publication?.publishedBy).toBe("shinchoku migrate");
      expect((await store.publications.load(publication?.id ?? 0))?.document).toStrictEqual(document);
      expect((await store.rounds.find(planId, 2019))?.state).toBe("published");
      // FY2019 of the factory: No.1–4 graded, No.5 not.
      expect((await store.reports.list(roundId)).map((r) => r.state)).toEqual([
        "graded",
        "graded",
        "graded",
        "graded",
        "accepted",
      ]);
      // Nothing more to publish at the next start.
      expect(await store.migrate()).toEqual([]);
      expect(await store.publications.revisions(planId, 2019)).toHaveLength(1);
    });

    it("keep publications immutable: no UPDATE, no DELETE", async () => {
      const store = await database.open();
      const { organizationId } = await importDocument(store, buildPlanDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      await expect(store.db.updateTable("publication").set({ title: "forged" }).execute()).rejects.toThrow(
        /immutable/,
      );
      await expect(store.db.deleteFrom("publication").execute()).rejects.toThrow(/immutable/);
      const [kept] = await store.publications.listLatest(organizationId);
      expect(kept?.title).toBe(buildPlanDocument().round.title ?? null);
    });

    it("keep the audit log append-only", async () => {
      const store = await database.open();
      const organization = await store.db
        .insertInto("organization")
        .values({ slug: "a", name: "A市" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto("audit_log")
        .values({
          organization_id: organization.id,
          action: "import",
          entity: "reporting_round",
          entity_id: 1,
          after: JSON.stringify({ fiscalYear: 2019 }),
        })
        .execute();
      await expect(store.db.updateTable("audit_log").set({ action: "forged" }).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(store.db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
      const rows = await store.db.selectFrom("audit_log").select(["action", "after", "at"]).execute();
      expect(rows.map((r) => r.action)).toEqual(["import"]);
      expect(store.capabilities.readJson(rows[0]?.after)).toEqual({ fiscalYear: 2019 });
      expect(rows[0]?.at).toBeTruthy();
    });
  });

  if (database.name === "sqlite") {
    it("opens a SQLite file in WAL mode with foreign keys on, creating its folder", async () => {
      const url = `${await database.freshUrl()}`.replace(/test\.db$/, "nested/folder/shinchoku.db");
      const store = await openStore(url);
      try {
        const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
        const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
        expect(journal.rows[0]?.journal_mode).toBe("wal");
        expect(foreignKeys.rows[0]?.foreign_keys).toBe(1);
      } finally {
        await store.close();
      }
    });
  }
});
