import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { countRows, forEachDatabase, type TestDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument, loadDraft, loadPublished, TEST_ACTOR } from "../../test/store.ts";
import { parseKpiValue } from "../domain/kpi-parse.ts";
import { removeOrganization, removePlan, removeRound } from "../workflow/remove.ts";
import type { SqlStore } from "./sql-store.ts";
import { StoreError } from "./types.ts";

/**
 * Removals on both databases. The factory's FY2019 table has initiatives No.1–5; its FY2020 table
 * (with two extra initiatives) has No.1–7, so No.6 and No.7 (three KPIs each) exist only in FY2020.
 */

const OTHER = { slug: "kawagoe", name: "川越市" };

async function twoYears(store: SqlStore) {
  const fy2019 = await importDocument(store, buildPlanDocument(), { organization: FACTORY_ORGANIZATION });
  const fy2020 = await importDocument(store, buildPlanDocument({ fiscalYear: 2020, extraInitiatives: 2 }), {
    organization: FACTORY_ORGANIZATION,
  });
  return { fy2019, fy2020, organizationId: fy2019.organizationId, planId: fy2019.planId };
}

/** The immutability triggers as the database holds them: their definitions (SQLite) or states. */
async function triggers(store: SqlStore): Promise<string[]> {
  if (store.dialect === "sqlite") {
    const { rows } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
      where type = 'trigger' and tbl_name in ('publication', 'audit_log') order by name`.execute(store.db);
    return rows.map((r) => `${r.name}: ${r.sql}`);
  }
  const { rows } = await sql<{ tgname: string; tgenabled: string; def: string }>`select tgname, tgenabled,
      pg_get_triggerdef(oid) as def from pg_trigger
    where tgrelid in ('publication'::regclass, 'audit_log'::regclass) and not tgisinternal
    order by tgname`.execute(store.db);
  return rows.map((r) => `${r.tgname} ${r.tgenabled}: ${r.def}`);
}

/** The database still refuses to change or delete a publication and an audit entry. */
async function expectImmutable(store: SqlStore) {
  await expect(sql`delete from publication`.execute(store.db)).rejects.toThrow(/publication is immutable/);
  await expect(sql`update publication set reason = 'x'`.execute(store.db)).rejects.toThrow(
    /publication is immutable/,
  );
  await expect(sql`delete from audit_log`.execute(store.db)).rejects.toThrow(/audit_log is append-only/);
}

/** A trigger (test-only) that makes any deletion of a round fail, half-way through a removal. */
async function failRoundDeletes(store: SqlStore, database: TestDatabase) {
  if (database.name === "sqlite") {
    await sql`create trigger test_fail before delete on reporting_round
      begin select raise(abort, 'test: the disk is full'); end`.execute(store.db);
    return;
  }
  await sql`create function test_fail() returns trigger language plpgsql as $$
    begin raise exception 'test: the disk is full'; end $$`.execute(store.db);
  await sql`create trigger test_fail before delete on reporting_round
    for each row execute function test_fail()`.execute(store.db);
}

async function publicRevision(store: SqlStore, organizationId: number) {
  return (await store.publicRevisions()).byOrganization.get(organizationId);
}

forEachDatabase((database) => {
  describe("removing a round", () => {
    it("counts what would go: the round's rows and the initiatives and KPIs no other year has", async () => {
      const store = await database.open();
      const { fy2020 } = await twoYears(store);
      expect(await store.removals.roundCounts(fy2020.roundId)).toEqual({
        plans: 0,
        rounds: 1,
        policies: 0,
        initiatives: 2,
        kpis: 6,
        reports: 7,
        // Every KPI line of FY2020 with a 現状値: No.1 has 2, No.2–5 the factory's, No.6–7 three each.
        kpiValues: (await store.kpiValues.list(fy2020.roundId)).length,
        comments: 0,
        publications: 1,
        departments: 0,
        accounts: 0,
        auditEntries: 0,
      });
    });

    it("refuses a published round without force, and changes nothing", async () => {
      const store = await database.open();
      const { fy2020 } = await twoYears(store);
      const before = await countRows(store);
      const revision = await store.revision();
      const refusal = await removeRound(store, TEST_ACTOR, { roundId: fy2020.roundId }).catch((e) => e);
      expect(refusal).toBeInstanceOf(StoreError);
      expect(refusal.code).toBe("removal.published");
      expect(refusal.message).toContain("公表版が1件");
      expect(await countRows(store)).toEqual(before);
      expect(await store.revision()).toBe(revision);
    });

    it("with force: the round, its publication and what only it had go; the other year stays whole; audited", async () => {
      const store = await database.open();
      const { fy2020, organizationId, planId } = await twoYears(store);
      const triggersBefore = await triggers(store);
      const fy2019Draft = await loadDraft(store, planId, 2019);
      const fy2019Published = await loadPublished(store, planId, 2019);
      const publicBefore = await publicRevision(store, organizationId);

      const removed = await removeRound(store, TEST_ACTOR, { roundId: fy2020.roundId, force: true });
      expect(removed.publications).toBe(1);

      expect((await store.rounds.list(planId)).map((r) => r.fiscalYear)).toEqual([2019]);
      expect(await loadPublished(store, planId, 2020)).toBeUndefined();
      expect((await store.publications.listLatest(organizationId)).map((p) => p.fiscalYear)).toEqual([2019]);
      expect(await loadDraft(store, planId, 2019)).toEqual(fy2019Draft);
      expect(await loadPublished(store, planId, 2019)).toEqual(fy2019Published);
      // No.6 and No.7 went with FY2020; the plan's shared rows are FY2019's five.
      const initiatives = await store.db
        .selectFrom("initiative")
        .select("number")
        .where("plan_id", "=", planId)
        .orderBy("number")
        .execute();
      expect(initiatives.map((i) => i.number)).toEqual([1, 2, 3, 4, 5]);
      const orphanKpis = await sql<{ n: number | string }>`select count(*) as n from kpi k where not exists
        (select 1 from round_kpi rk where rk.kpi_id = k.id)`.execute(store.db);
      expect(Number(orphanKpis.rows[0]?.n)).toBe(0);

      // The public pages of the city are rendered anew.
      expect(await publicRevision(store, organizationId)).toBeGreaterThan(publicBefore ?? 0);
      const [entry] = await store.audit.list(organizationId, { entity: "reporting_round", limit: 1 });
      expect(entry).toMatchObject({
        action: "round.remove",
        entityId: fy2020.roundId,
        actorName: "test",
        before: { planId, fiscalYear: 2020, state: "published" },
        after: { forced: true, removed: { rounds: 1, initiatives: 2, kpis: 6, publications: 1 } },
      });

      // The triggers are back as they were, and hold.
      expect(await triggers(store)).toEqual(triggersBefore);
      expect(triggersBefore.length).toBeGreaterThanOrEqual(2);
      await expectImmutable(store);

      // The year can be imported again, as new.
      const again = await importDocument(
        store,
        buildPlanDocument({ fiscalYear: 2020, extraInitiatives: 2 }),
        {
          organization: FACTORY_ORGANIZATION,
        },
      );
      expect(again.replaced).toBe(false);
      expect(again.publication.revision).toBe(1);
    });

    it("a round never published goes without force", async () => {
      const store = await database.open();
      const { fy2019, planId } = await twoYears(store).then(async (r) => {
        await removeRound(store, TEST_ACTOR, { roundId: r.fy2020.roundId, force: true });
        return r;
      });
      const opened = await store.transaction({ actor: TEST_ACTOR }, (tx) =>
        tx.rounds.open({
          planId,
          fromRoundId: fy2019.roundId,
          fiscalYear: 2020,
          asOf: "2021-03-31",
          entryDeadline: null,
        }),
      );
      expect((await store.removals.roundCounts(opened.id)).publications).toBe(0);
      const counts = await removeRound(store, TEST_ACTOR, { roundId: opened.id });
      expect(counts).toMatchObject({ rounds: 1, reports: 5, publications: 0, initiatives: 0 });
      expect((await store.rounds.list(planId)).map((r) => r.fiscalYear)).toEqual([2019]);
      const [entry] = await store.audit.list(fy2019.organizationId, { entity: "reporting_round", limit: 1 });
      expect(entry).toMatchObject({ action: "round.remove", entityId: opened.id, after: { forced: false } });
    });

    it("a round opened from the plan takes nothing the plan editor created with it, though it showed it", async () => {
      const store = await database.open();
      const fy2019 = await importDocument(store, buildPlanDocument(), { organization: FACTORY_ORGANIZATION });
      const planId = fy2019.planId;
      const before = await store.planStructures.load(planId);
      const no1 = before?.policies[0]?.initiatives[0];
      if (!no1) throw new Error("the factory's No.1");
      // The editor adds a KPI to No.1, No.9 under its 基本方針, and a new 基本方針 with No.10.
      await store.transaction({ actor: TEST_ACTOR }, async (tx) => {
        const department = no1.departments.slice(0, 1).map((d) => d.id);
        await tx.planStructures.addKpi(no1.id, {
          name: "新しい指標",
          baseline: parseKpiValue("0件"),
          target: parseKpiValue("10件"),
        });
        await tx.planStructures.addInitiative(planId, {
          policyId: no1.policyId,
          number: 9,
          title: "新しい取組",
          description: "",
          departmentIds: department,
        });
        const policyId = await tx.planStructures.addPolicy(planId, { code: "(エ)", title: "新しい基本方針" });
        await tx.planStructures.addInitiative(planId, {
          policyId,
          number: 10,
          title: "もう一つの取組",
          description: "",
          departmentIds: department,
        });
      });
      const opened = await store.transaction({ actor: TEST_ACTOR }, (tx) =>
        tx.rounds.open({
          planId,
          fromRoundId: fy2019.roundId,
          fiscalYear: 2020,
          asOf: "2021-03-31",
          entryDeadline: null,
        }),
      );
      const shown = (await loadDraft(store, planId, 2020))?.policies.flatMap((p) =>
        p.initiatives.map((i) => i.number),
      );
      expect(shown).toEqual(expect.arrayContaining([9, 10]));
      const counts = await removeRound(store, TEST_ACTOR, { roundId: opened.id });
      expect(counts).toMatchObject({ rounds: 1, initiatives: 0, kpis: 0, policies: 0 });
      const after = await store.planStructures.load(planId);
      expect(after?.policies.map((p) => p.title)).toContain("新しい基本方針");
      expect(
        after?.policies.flatMap((p) => p.initiatives.map((i) => i.number)).sort((a, b) => a - b),
      ).toEqual([1, 2, 3, 4, 5, 9, 10]);
      expect(after?.policies[0]?.initiatives[0]?.kpis.map((k) => k.name)).toContain("新しい指標");
    });

    it("removing the latest round sets again the 廃止 an import set, from the year now latest; the plan editor's stay", async () => {
      const store = await database.open();
      const fy2019 = await importDocument(store, buildPlanDocument(), { organization: FACTORY_ORGANIZATION });
      const planId = fy2019.planId;
      // FY2020's table drops No.5 and one KPI of No.1 or No.3 that nothing relists: its import
      // retires them.
      const document = buildPlanDocument({ fiscalYear: 2020, extraInitiatives: 1 });
      for (const policy of document.policies)
        policy.initiatives = policy.initiatives.filter((i) => i.number !== 5);
      const all = document.policies.flatMap((p) => p.initiatives);
      const relistedKeys = new Set(
        all.flatMap((i) => i.kpis.flatMap((k) => (k.relistOf ? [k.relistOf] : []))),
      );
      const holder = all.find(
        (i) =>
          (i.number === 1 || i.number === 3) && i.kpis.some((k) => !k.relisted && !relistedKeys.has(k.key)),
      );
      const dropped = holder?.kpis.find((k) => !k.relisted && !relistedKeys.has(k.key));
      if (!holder || !dropped) throw new Error("a KPI of the factory's No.1 or No.3 nothing relists");
      const droppedKpi = dropped.name;
      holder.kpis = holder.kpis.filter((k) => k !== dropped);
      const fy2020 = await importDocument(store, document, { organization: FACTORY_ORGANIZATION });

      const flags = async () => {
        const structure = await store.planStructures.load(planId);
        const initiatives = (structure?.policies ?? []).flatMap((p) => p.initiatives);
        return {
          retiredInitiatives: initiatives.filter((i) => i.retired).map((i) => i.number),
          retiredKpis: [
            ...new Set(initiatives.flatMap((i) => i.kpis.filter((k) => k.retired).map((k) => k.name))),
          ].sort(),
          numbers: initiatives.map((i) => i.number).sort((a, b) => a - b),
          structure,
        };
      };
      const imported = await flags();
      expect(imported.retiredInitiatives).toEqual([5]);
      expect(imported.retiredKpis).toEqual([droppedKpi]);

      // The plan editor retires No.4 and a KPI of No.2, and adds No.9 (no round shows it yet).
      const initiatives = (imported.structure?.policies ?? []).flatMap((p) => p.initiatives);
      const no4 = initiatives.find((i) => i.number === 4);
      const no2 = initiatives.find((i) => i.number === 2);
      const kpiOfNo2 = no2?.kpis.find((k) => !k.relisted && !k.retired);
      if (!no4 || !no2 || !kpiOfNo2) throw new Error("the factory's No.2 and No.4");
      await store.transaction({ actor: TEST_ACTOR }, async (tx) => {
        await tx.planStructures.setRetired("initiative", no4.id, no4.version, true);
        await tx.planStructures.setRetired("kpi", kpiOfNo2.kpiId, kpiOfNo2.version, true);
        await tx.planStructures.addInitiative(planId, {
          policyId: no2.policyId,
          number: 9,
          title: "新しい取組",
          description: "",
          departmentIds: no2.departments.slice(0, 1).map((d) => d.id),
        });
      });

      const removed = await removeRound(store, TEST_ACTOR, { roundId: fy2020.roundId, force: true });
      expect(removed.initiatives).toBe(1); // No.6, which only FY2020 showed
      const after = await flags();
      // No.5 and No.1's KPI are current again (FY2019 lists them); the editor's retirements stay,
      // and what it added stays, current.
      expect(after.retiredInitiatives).toEqual([4]);
      expect(after.retiredKpis).toEqual([kpiOfNo2.name]);
      expect(after.numbers).toEqual([1, 2, 3, 4, 5, 9]);
      const [entry] = await store.audit.list(fy2019.organizationId, { entity: "reporting_round", limit: 1 });
      expect(entry?.after).toMatchObject({
        retiredFrom: 2019,
        retiredAgain: { initiativesRestored: 1, kpisRestored: 1, initiativesRetired: 0, kpisRetired: 0 },
      });

      // FY2019 removed too: what it showed goes; No.9, which no round showed, stays with its
      // 基本方針, current.
      await removeRound(store, TEST_ACTOR, { roundId: fy2019.roundId, force: true });
      const none = await flags();
      expect(none.numbers).toEqual([9]);
      expect(none.retiredInitiatives).toEqual([]);
      expect(none.structure?.policies.map((p) => p.id)).toEqual([no2.policyId]);
    });

    it("a failure half-way leaves everything as it was, the triggers included", async () => {
      const store = await database.open();
      const { fy2020, planId } = await twoYears(store);
      const triggersBefore = await triggers(store);
      await failRoundDeletes(store, database);
      const before = await countRows(store);
      const revision = await store.revision();

      await expect(removeRound(store, TEST_ACTOR, { roundId: fy2020.roundId, force: true })).rejects.toThrow(
        /the disk is full/,
      );
      expect(await countRows(store)).toEqual(before);
      expect(await store.revision()).toBe(revision);
      expect((await store.rounds.list(planId)).map((r) => r.fiscalYear)).toEqual([2019, 2020]);
      expect(await loadPublished(store, planId, 2020)).toBeDefined();
      expect(await triggers(store)).toEqual(triggersBefore);
      await expectImmutable(store);
    });
  });

  describe("removing a plan", () => {
    it("refuses without force; with force takes every round and publication, audited on the organization", async () => {
      const store = await database.open();
      const { organizationId, planId } = await twoYears(store);
      const other = await importDocument(store, buildPlanDocument(), { organization: OTHER });
      const triggersBefore = await triggers(store);
      const counts = await store.removals.planCounts(planId);
      expect(counts).toMatchObject({ plans: 1, rounds: 2, initiatives: 7, reports: 12, publications: 2 });

      await expect(removePlan(store, TEST_ACTOR, { planId })).rejects.toMatchObject({
        code: "removal.published",
      });
      expect(await store.plans.find(planId)).toBeDefined();

      expect(await removePlan(store, TEST_ACTOR, { planId, force: true })).toEqual(counts);
      expect(await store.plans.find(planId)).toBeUndefined();
      expect(await store.publications.listLatest(organizationId)).toEqual([]);
      const left = await store.db
        .selectFrom("initiative")
        .select("id")
        .where("organization_id", "=", organizationId)
        .execute();
      expect(left).toEqual([]);
      // The departments belong to the organization, and stay.
      expect((await store.departments.list(organizationId)).length).toBeGreaterThan(0);
      const [entry] = await store.audit.list(organizationId, { entity: "plan", limit: 1 });
      expect(entry).toMatchObject({
        action: "plan.remove",
        entityId: planId,
        after: { forced: true, removed: { rounds: 2, publications: 2 } },
      });
      // The other city is untouched.
      expect(await loadPublished(store, other.planId, 2019)).toBeDefined();
      expect(await triggers(store)).toEqual(triggersBefore);
      await expectImmutable(store);
    });
  });

  describe("removing an organization", () => {
    it("takes every row it owns, its audit log included; another organization keeps all of its own", async () => {
      const store = await database.open();
      const { organizationId } = await twoYears(store);
      const other = await importDocument(store, buildPlanDocument(), { organization: OTHER });
      await store.transaction({ actor: TEST_ACTOR }, (tx) =>
        tx.accounts.create({
          organizationId,
          loginId: "jimukyoku",
          displayName: "事務局",
          email: null,
          roles: ["secretariat"],
          departmentIds: [],
        }),
      );
      const triggersBefore = await triggers(store);
      const otherAudit = await store.audit.list(other.organizationId);
      const counts = await store.removals.organizationCounts(organizationId);
      expect(counts).toMatchObject({ plans: 1, rounds: 2, accounts: 1, publications: 2 });
      expect(counts.auditEntries).toBeGreaterThan(0);

      await expect(removeOrganization(store, TEST_ACTOR, { organizationId })).rejects.toMatchObject({
        code: "removal.published",
      });
      expect(await store.organizations.find(organizationId)).toBeDefined();

      expect(await removeOrganization(store, TEST_ACTOR, { organizationId, force: true })).toEqual(counts);
      expect(await store.organizations.find(organizationId)).toBeUndefined();
      const rows = await countRows(store);
      const others = await store.removals.organizationCounts(other.organizationId);
      // What is left is exactly the other city's.
      expect(rows.plan).toBe(others.plans);
      expect(rows.reporting_round).toBe(others.rounds);
      expect(rows.publication).toBe(others.publications);
      expect(rows.audit_log).toBe(others.auditEntries);
      expect(rows.account).toBe(0);
      expect(await store.audit.list(other.organizationId)).toEqual(otherAudit);
      expect((await store.publicRevisions()).byOrganization.has(organizationId)).toBe(false);

      expect(await triggers(store)).toEqual(triggersBefore);
      await expectImmutable(store);
      // The URL name is free again.
      const again = await importDocument(store, buildPlanDocument(), { organization: FACTORY_ORGANIZATION });
      expect(again.organizationId).not.toBe(organizationId);
    });

    it("a failure half-way leaves the organization, its publications and its audit log", async () => {
      const store = await database.open();
      const { organizationId } = await twoYears(store);
      const triggersBefore = await triggers(store);
      await failRoundDeletes(store, database);
      const before = await countRows(store);
      await expect(removeOrganization(store, TEST_ACTOR, { organizationId, force: true })).rejects.toThrow(
        /the disk is full/,
      );
      expect(await countRows(store)).toEqual(before);
      expect(await triggers(store)).toEqual(triggersBefore);
      await expectImmutable(store);
    });
  });
});
