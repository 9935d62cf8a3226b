import type { KyselyPlugin } from "kysely";
import { describe, expect, it } from "vitest";
import { countRows, forEachDatabase } from "../../test/db.ts";
import {
  buildPlanDocument,
  FACTORY_ORGANIZATION,
  FACTORY_PLAN_TITLE,
} from "../../test/factories/plan-document.ts";
import { importDocument, loadDraft, loadHistory, publishedRounds } from "../../test/store.ts";
import { SqlStore } from "./sql-store.ts";

const organization = FACTORY_ORGANIZATION;

forEachDatabase((database) => {
  describe("importPlanDocument → loadRound", () => {
    it("rebuilds the imported document exactly", async () => {
      const store = await database.open();
      const outcome = await importDocument(store, buildPlanDocument(), { organization });
      expect(outcome).toMatchObject({ fiscalYear: 2019, planCreated: true, replaced: false });

      expect(await loadDraft(store, outcome.planId, 2019)).toStrictEqual(buildPlanDocument());
    });

    it("keeps a document without organization name, title, baseline year or declared summary as it was", async () => {
      const store = await database.open();
      const document = buildPlanDocument({ withoutOrganization: true });
      delete document.plan.baselineFiscalYear;
      delete document.round.title;
      delete document.declaredGradeSummary;
      const { planId } = await importDocument(store, document, { organization });

      const loaded = await loadDraft(store, planId, 2019);
      expect(loaded).toStrictEqual(document);
      expect(loaded).not.toHaveProperty("organization");
      expect(loaded?.plan).not.toHaveProperty("baselineFiscalYear");
    });

    it("keeps a declared grade summary that differs from the counted one", async () => {
      const store = await database.open();
      const document = buildPlanDocument();
      document.declaredGradeSummary = { A: 8, B: 10, C: 5, D: 1 };
      const { planId } = await importDocument(store, document, { organization });
      const loaded = await loadDraft(store, planId, 2019);
      expect(loaded?.declaredGradeSummary).toEqual({ A: 8, B: 10, C: 5, D: 1 });
      expect(loaded?.gradeSummary).toEqual({ A: 1, B: 1, C: 1, D: 1 });
    });

    it("stores a 再掲 as one KPI with two links", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, buildPlanDocument(), { organization });

      const counts = await countRows(store);
      // 8 KPI lines in the document, one of them No.4's 再掲 of No.1's サロン利用者数.
      expect(counts.initiative_kpi).toBe(8);
      expect(counts.kpi).toBe(7);
      expect(counts.kpi_value).toBe(7);

      const salon = await store.db
        .selectFrom("initiative_kpi")
        .innerJoin("initiative", "initiative.id", "initiative_kpi.initiative_id")
        .innerJoin("kpi", "kpi.id", "initiative_kpi.kpi_id")
        .select([
          "initiative.number",
          "initiative_kpi.kpi_id",
          "initiative_kpi.relisted",
          "initiative_kpi.label",
        ])
        .where("kpi.name", "=", "北坂戸にぎわいサロンの利用者数")
        .orderBy("initiative.number")
        .execute();
      expect(salon.map((row) => [row.number, Boolean(row.relisted), row.label])).toEqual([
        [1, false, "北坂戸にぎわいサロンの利用者数"],
        [4, true, "北坂戸にぎわいサロンの利用者数(再掲)"],
      ]);
      expect(salon[0]?.kpi_id).toBe(salon[1]?.kpi_id);

      const loaded = await loadDraft(store, planId, 2019);
      const relist = loaded?.policies[1]?.initiatives[1]?.kpis[1];
      expect(relist).toMatchObject({ key: "4-2", relisted: true, relistOf: "1-2" });
      expect(relist?.current.text).toBe("9,797人");
    });

    it("answers undefined for a plan or fiscal year it does not have", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, buildPlanDocument(), { organization });
      expect(await loadDraft(store, planId, 2018)).toBeUndefined();
      expect(await loadDraft(store, planId + 100, 2019)).toBeUndefined();
      expect(await loadHistory(store, planId, 99)).toBeUndefined();
      expect(await store.plans.find(planId + 100)).toBeUndefined();
      expect(await store.organizations.findBySlug("kawagoe")).toBeUndefined();
    });

    it("rebuilds a round with a fixed number of queries, however many initiatives it has", async () => {
      const store = await database.open();
      const small = await importDocument(store, buildPlanDocument(), { organization });
      const large = await importDocument(store, buildPlanDocument({ extraInitiatives: 300 }), {
        organization: { slug: "large", name: "大きな市" },
      });

      const queriesFor = async (planId: number) => {
        let queries = 0;
        const counter: KyselyPlugin = {
          transformQuery: (args) => {
            queries += 1;
            return args.node;
          },
          transformResult: async (args) => args.result,
        };
        const counted = new SqlStore(store.db.withPlugin(counter), store.capabilities);
        const loaded = await loadDraft(counted, planId, 2019);
        return { queries, initiatives: loaded?.policies.flatMap((p) => p.initiatives).length };
      };
      const a = await queriesFor(small.planId);
      const b = await queriesFor(large.planId);
      expect(a.initiatives).toBe(5);
      expect(b.initiatives).toBe(305);
      expect(b.queries).toBe(a.queries);
      expect(a.queries).toBeLessThanOrEqual(5);
    });
  });

  describe("organizations, plans and rounds", () => {
    it("lists what was imported", async () => {
      const store = await database.open();
      expect(await store.isEmpty()).toBe(true);
      const first = await importDocument(store, buildPlanDocument(), { organization });
      const second = await importDocument(store, buildPlanDocument({ fiscalYear: 2020 }), {
        organization,
      });
      expect(await store.isEmpty()).toBe(false);

      expect(await store.organizations.list()).toEqual([
        { id: first.organizationId, slug: "sakado", name: "坂戸市", localGovernmentCode: null },
      ]);
      expect(await store.organizations.findBySlug("sakado")).toEqual({
        id: first.organizationId,
        slug: "sakado",
        name: "坂戸市",
        localGovernmentCode: null,
      });
      const plan = {
        id: first.planId,
        organizationId: first.organizationId,
        title: FACTORY_PLAN_TITLE,
        startFiscalYear: 2017,
        endFiscalYear: 2021,
        baselineFiscalYear: 2015,
        // No scale of its own: the default A 順調 … D 停滞, written out by hand.
        gradeScale: [
          { code: "A", label: "順調" },
          { code: "B", label: "ほぼ順調" },
          { code: "C", label: "やや遅れ" },
          { code: "D", label: "停滞" },
        ],
        // An imported plan allows 対象外 (the column's default) until the plan editor says otherwise.
        notAssessedAllowed: true,
      };
      expect(await store.plans.list(first.organizationId)).toEqual([plan]);
      expect(await store.plans.find(first.planId)).toEqual(plan);

      // FY2019: No.1 B, No.2 A, No.3 C, No.4 D, No.5 not graded; FY2020: A, A, B, C, B.
      const published = {
        organizationId: first.organizationId,
        planId: first.planId,
        revision: 1,
        source: "imported",
        reason: null,
        publishedBy: "test",
        plan: {
          title: FACTORY_PLAN_TITLE,
          startFiscalYear: 2017,
          endFiscalYear: 2021,
          baselineFiscalYear: 2015,
        },
        // The table's own legend: A 順調 / B ほぼ順調 / C やや遅れ / D 停滞.
        gradeScale: [
          { code: "A", label: "順調" },
          { code: "B", label: "ほぼ順調" },
          { code: "C", label: "やや遅れ" },
          { code: "D", label: "停滞" },
        ],
        initiativeCount: 5,
      };
      expect(await publishedRounds(store, first.planId)).toEqual([
        {
          ...published,
          id: expect.any(Number),
          roundId: first.roundId,
          fiscalYear: 2019,
          asOf: "2020-03-31",
          title: "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）",
          gradeSummary: { A: 1, B: 1, C: 1, D: 1 },
          publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
        {
          ...published,
          id: expect.any(Number),
          roundId: second.roundId,
          fiscalYear: 2020,
          asOf: "2021-03-31",
          title: "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和3年3月31日現在）",
          gradeSummary: { A: 2, B: 2, C: 1, D: 0 },
          publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      ]);
      expect((await store.rounds.list(first.planId)).map((r) => [r.id, r.fiscalYear, r.state])).toEqual([
        [first.roundId, 2019, "published"],
        [second.roundId, 2020, "published"],
      ]);
    });

    it("keeps organizations apart: the same plan imported by two cities is two plans", async () => {
      const store = await database.open();
      const sakado = await importDocument(store, buildPlanDocument(), { organization });
      const other = await importDocument(store, buildPlanDocument(), {
        organization: { slug: "tsurugashima", name: "鶴ヶ島市" },
      });
      expect(other.organizationId).not.toBe(sakado.organizationId);
      expect(other.planId).not.toBe(sakado.planId);
      expect(other.planCreated).toBe(true);
      expect((await store.organizations.list()).map((o) => o.slug)).toEqual(["sakado", "tsurugashima"]);
      expect(await store.plans.list(sakado.organizationId)).toHaveLength(1);
      const counts = await countRows(store);
      expect(counts.plan).toBe(2);
      // Departments belong to an organization: 6 names each.
      expect(counts.department).toBe(12);
    });
  });

  it("can be closed twice", async () => {
    const store = await database.open();
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
    await expect(store.isEmpty()).rejects.toThrow();
  });

  describe("loadInitiative", () => {
    it("gives every fiscal year's values and reports and the 再掲 links", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, buildPlanDocument(), { organization });
      await importDocument(store, buildPlanDocument({ fiscalYear: 2020 }), { organization });

      const history = await loadHistory(store, planId, 1);
      expect(history).toMatchObject({
        policy: { code: "(ア)", title: "市民と行政との協働体制の確立" },
        number: 1,
        title: "産・学・官連携体制の推進",
        departments: ["政策企画課", "関係各課"],
      });
      expect(history?.plan.id).toBe(planId);
      expect(history?.reports.map((r) => [r.fiscalYear, r.grade])).toEqual([
        [2019, "B"],
        [2020, "A"],
      ]);
      expect(history?.kpis.map((k) => k.name)).toEqual([
        "産・学・官連携協定(※)件数",
        "北坂戸にぎわいサロンの利用者数",
      ]);
      const salon = history?.kpis[1];
      expect(salon?.baseline).toEqual({ text: "11,007人", kind: "quantity", value: 11007, unit: "人" });
      expect(salon?.target.text).toBe("13,000人");
      expect(salon?.values.map((v) => [v.fiscalYear, v.value.text])).toEqual([
        [2019, "9,797人"],
        [2020, "4,120人"],
      ]);
      expect(salon?.alsoListedIn).toEqual([
        { initiativeNumber: 4, title: "住宅(団)地対応の推進", relisted: true },
      ]);
      expect(history?.kpis[0]?.alsoListedIn).toEqual([]);

      const relisting = await loadHistory(store, planId, 4);
      const relisted = relisting?.kpis[1];
      expect(relisted).toMatchObject({ label: "北坂戸にぎわいサロンの利用者数(再掲)", relisted: true });
      expect(relisted?.id).toBe(salon?.id);
      expect(relisted?.alsoListedIn).toEqual([
        { initiativeNumber: 1, title: "産・学・官連携体制の推進", relisted: false },
      ]);
      expect(relisted?.values).toHaveLength(2);
    });
  });
});
