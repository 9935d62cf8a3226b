import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument, loadDraft, loadPublished, TEST_ACTOR } from "../../test/store.ts";
import { DEFAULT_GRADE_SCALE } from "../domain/grade.ts";
import type { Principal, RoleName } from "../domain/permissions.ts";
import { GRADE_SCALE_PRESETS } from "../domain/plan-setup.ts";
import type { SqlStore } from "../store/sql-store.ts";
import { ConflictError } from "../store/types.ts";
import { actorOf } from "./accounts.ts";
import {
  addInitiative,
  addKpi,
  addPolicy,
  createPlan,
  moveItem,
  PlanEditRefusal,
  relistKpi,
  setRetired,
  unlistKpi,
  updateInitiative,
  updateKpi,
} from "./plan-editor.ts";
import { openRound } from "./round.ts";

/**
 * The plan editor's commands on both databases: a plan set up in the browser from nothing and its
 * first round opened from it; an imported plan changed (retire, reorder, renumber refused) with its
 * published year left as it was.
 */

async function actingAs(store: SqlStore, organizationId: number, loginId: string, roles: RoleName[]) {
  const account = await store.transaction({ actor: TEST_ACTOR }, (tx) =>
    tx.accounts.create({
      organizationId,
      loginId,
      displayName: loginId,
      email: null,
      roles,
      departmentIds: [],
    }),
  );
  const principal: Principal = {
    accountId: account.id,
    organizationId,
    roles: new Set(roles),
    departmentIds: [],
  };
  return { actor: actorOf(account), principal };
}

async function organization(store: SqlStore, slug: string) {
  return store.transaction({ actor: TEST_ACTOR }, async (tx) => {
    const { organization: created } = await tx.organizations.ensure({ slug, name: `${slug}市` });
    for (const name of ["政策企画課", "財政課", "市民協働推進課"])
      await tx.planStructures.ensureDepartment(created.id, name);
    return created;
  });
}

const SETUP = {
  title: "第2次行政改革アクションプラン",
  startFiscalYear: 2017,
  endFiscalYear: 2021,
  baselineFiscalYear: 2015,
  gradeScale: DEFAULT_GRADE_SCALE,
  notAssessedAllowed: true,
};

forEachDatabase((database) => {
  describe("the plan editor", () => {
    it("sets up a plan from nothing and opens its first round from it, 再掲 and 関係各課 included", async () => {
      const store = await database.open();
      const org = await organization(store, "kizugawa");
      const secretariat = await actingAs(store, org.id, "jimukyoku", ["secretariat"]);
      const departments = new Map((await store.departments.list(org.id)).map((d) => [d.name, d.id]));
      const id = (name: string) => departments.get(name) as number;

      const plan = await createPlan(store, secretariat, { ...SETUP, gradeScale: GRADE_SCALE_PRESETS.marks });
      const duplicate = createPlan(store, secretariat, SETUP);
      await expect(duplicate).rejects.toBeInstanceOf(PlanEditRefusal);
      await expect(duplicate).rejects.toMatchObject({ key: "planExists" });
      const a = await addPolicy(store, secretariat, { planId: plan.id, code: "(ア)", title: "協働の推進" });
      const b = await addPolicy(store, secretariat, { planId: plan.id, code: "(イ)", title: "行財政運営" });
      const first = await addInitiative(store, secretariat, {
        planId: plan.id,
        policyId: a,
        number: "1",
        title: "産学官連携",
        description: "大学との連携を進める。",
        departments: [id("政策企画課"), "all"],
      });
      const second = await addInitiative(store, secretariat, {
        planId: plan.id,
        policyId: b,
        number: "3",
        title: "補助金の見直し",
        description: "",
        departments: [id("財政課")],
      });
      await addInitiative(store, secretariat, {
        planId: plan.id,
        policyId: a,
        number: "2",
        title: "市民活動の支援",
        description: "",
        departments: [id("市民協働推進課"), id("政策企画課")],
      });
      await expect(
        addInitiative(store, secretariat, {
          planId: plan.id,
          policyId: b,
          number: "2",
          title: "重複",
          description: "",
          departments: [],
        }),
      ).rejects.toMatchObject({ key: "numberTaken", field: "number" });
      const money = await addKpi(store, secretariat, {
        planId: plan.id,
        initiativeId: second,
        name: "補助金の削減額",
        baseline: "0円(H27年度)",
        target: "1億円(R2年度)",
      });
      await addKpi(store, secretariat, {
        planId: plan.id,
        initiativeId: first,
        name: "協定件数",
        baseline: "2件",
        target: "5件",
      });
      const initiative1 = (await store.planStructures.load(plan.id))?.policies[0]?.initiatives[0];
      await relistKpi(store, secretariat, {
        planId: plan.id,
        kpiId: money,
        initiativeId: first,
        expectedVersion: initiative1?.version ?? 0,
      });

      const structure = await store.planStructures.load(plan.id);
      const target = structure?.policies[1]?.initiatives[0]?.kpis[0]?.target;
      // 1億円(R2年度): read as money with its fiscal year, the text kept as written.
      expect(target).toMatchObject({
        text: "1億円(R2年度)",
        kind: "money",
        unit: "億円",
        yen: 100_000_000,
        fiscalYear: 2020,
      });

      const round = await openRound(store, secretariat, { planId: plan.id, fiscalYear: 2017 });
      const draft = await loadDraft(store, plan.id, 2017);
      expect(
        draft?.policies.map((p) => [
          p.code,
          p.initiatives.map((i) => [
            i.number,
            i.title,
            i.departments,
            i.kpis.map((k) => [k.key, k.label, k.relistOf ?? null]),
          ]),
        ]),
      ).toEqual([
        [
          "(ア)",
          [
            [
              1,
              "産学官連携",
              ["政策企画課", "関係各課"],
              [
                ["1-1", "協定件数", null],
                ["1-2", "補助金の削減額(再掲)", "3-1"],
              ],
            ],
            [2, "市民活動の支援", ["市民協働推進課", "政策企画課"], []],
          ],
        ],
        ["(イ)", [[3, "補助金の見直し", ["財政課"], [["3-1", "補助金の削減額", null]]]]],
      ]);
      expect(draft?.plan.gradeScale?.map((l) => l.code)).toEqual(["◎", "○", "△", "×"]);
      expect(round.state).toBe("preparing");
      expect(await loadPublished(store, plan.id, 2017)).toBeUndefined();

      const actions = (await store.audit.list(org.id, { limit: 100 })).map((e) => e.action);
      for (const action of ["plan.create", "policy.create", "initiative.create", "kpi.create", "kpi.relist"])
        expect(actions).toContain(action);
    });

    it("keeps numbers as the city writes them (1-2, (1)-①), refuses one written alike twice, and opens the round with them", async () => {
      const store = await database.open();
      const org = await organization(store, "kizugawa");
      const secretariat = await actingAs(store, org.id, "jimukyoku", ["secretariat"]);
      const plan = await createPlan(store, secretariat, SETUP);
      const policy = await addPolicy(store, secretariat, { planId: plan.id, code: "(1)", title: "協働" });
      const input = { planId: plan.id, policyId: policy, description: "", departments: [] };
      await addInitiative(store, secretariat, { ...input, number: "1", title: "一つ目" });
      const written = await addInitiative(store, secretariat, { ...input, number: "1-2", title: "枝番" });
      await addInitiative(store, secretariat, { ...input, number: "(1)-①", title: "丸数字" });
      await expect(
        addInitiative(store, secretariat, { ...input, number: "１－２", title: "同じ番号" }),
      ).rejects.toMatchObject({ key: "numberTaken", field: "number" });
      await expect(
        addInitiative(store, secretariat, { ...input, number: "1-", title: "読めない" }),
      ).rejects.toMatchObject({ key: "numberUnreadable", field: "number" });

      const structure = await store.planStructures.load(plan.id);
      const initiatives = structure?.policies[0]?.initiatives ?? [];
      expect(initiatives.map((i) => [i.number, i.numberText])).toEqual([
        [1, undefined],
        [2, "1-2"],
        [3, "(1)-①"],
      ]);
      // Saving the same written number again keeps its key; a new written one is stored as typed.
      const before = initiatives.find((i) => i.id === written);
      await updateInitiative(store, secretariat, {
        ...input,
        initiativeId: written,
        expectedVersion: before?.version ?? 0,
        number: "1-2",
        title: "枝番（改）",
      });
      const after = (await store.planStructures.load(plan.id))?.policies[0]?.initiatives.find(
        (i) => i.id === written,
      );
      expect([after?.number, after?.numberText, after?.title]).toEqual([2, "1-2", "枝番（改）"]);

      await openRound(store, secretariat, { planId: plan.id, fiscalYear: 2017 });
      const draft = await loadDraft(store, plan.id, 2017);
      expect(draft?.policies[0]?.initiatives.map((i) => i.numberText ?? String(i.number))).toEqual([
        "1",
        "1-2",
        "(1)-①",
      ]);
    });

    it("checks versions, the plan of every id, and who asks", async () => {
      const store = await database.open();
      const org = await organization(store, "kizugawa");
      const other = await organization(store, "nara");
      const secretariat = await actingAs(store, org.id, "jimukyoku", ["secretariat"]);
      const otherSecretariat = await actingAs(store, other.id, "jimukyoku", ["secretariat"]);
      const editor = await actingAs(store, org.id, "ka", ["editor"]);
      const plan = await createPlan(store, secretariat, SETUP);
      const otherPlan = await createPlan(store, otherSecretariat, SETUP);
      const otherPolicy = await addPolicy(store, otherSecretariat, {
        planId: otherPlan.id,
        code: "",
        title: "X",
      });
      const policy = await addPolicy(store, secretariat, { planId: plan.id, code: "1", title: "方針" });

      await expect(addPolicy(store, editor, { planId: plan.id, code: "", title: "Y" })).rejects.toMatchObject(
        {
          key: "notAllowed",
        },
      );
      await expect(
        addPolicy(store, otherSecretariat, { planId: plan.id, code: "", title: "Y" }),
      ).rejects.toMatchObject({ key: "notAllowed" });
      const input = { planId: plan.id, number: "1", title: "取組", description: "", departments: [] };
      await expect(
        addInitiative(store, secretariat, { ...input, policyId: otherPolicy }),
      ).rejects.toMatchObject({
        key: "notInPlan",
      });
      const initiative = await addInitiative(store, secretariat, { ...input, policyId: policy });
      const kpi = await addKpi(store, secretariat, {
        planId: plan.id,
        initiativeId: initiative,
        name: "件数",
        baseline: "1件",
        target: "2件",
      });
      await updateKpi(store, secretariat, {
        planId: plan.id,
        kpiId: kpi,
        expectedVersion: 1,
        name: "件数",
        baseline: "1件",
        target: "3件",
      });
      // A second save from the same page (version 1) meets the first one's: a conflict, nothing written.
      await expect(
        updateKpi(store, secretariat, {
          planId: plan.id,
          kpiId: kpi,
          expectedVersion: 1,
          name: "件数",
          baseline: "1件",
          target: "9件",
        }),
      ).rejects.toBeInstanceOf(ConflictError);
      const kept = await store.planStructures.load(plan.id);
      expect(kept?.policies[0]?.initiatives[0]?.kpis[0]?.target.text).toBe("3件");
      // A KPI cannot be relisted under its own initiative.
      await expect(
        relistKpi(store, secretariat, {
          planId: plan.id,
          kpiId: kpi,
          initiativeId: initiative,
          expectedVersion: 1,
        }),
      ).rejects.toMatchObject({ key: "relistOwn" });
      // Renumbering is free while nothing of the plan is published.
      await updateInitiative(store, secretariat, {
        ...input,
        policyId: policy,
        number: "7",
        initiativeId: initiative,
        expectedVersion: 1,
      });
      expect((await store.planStructures.load(plan.id))?.policies[0]?.initiatives[0]?.number).toBe(7);
    });

    it("retires and reorders in an imported plan; the published year stays as it was; renumbering is refused", async () => {
      const store = await database.open();
      const { planId, organizationId } = await importDocument(store, buildPlanDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      const secretariat = await actingAs(store, organizationId, "jimukyoku", ["secretariat"]);
      const published = await loadPublished(store, planId, 2019);
      const draft2019 = await loadDraft(store, planId, 2019);
      const structure = await store.planStructures.load(planId);
      const initiatives = structure?.policies.flatMap((p) => p.initiatives) ?? [];
      const no2 = initiatives.find((i) => i.number === 2);
      const no1 = initiatives.find((i) => i.number === 1);
      const no5 = initiatives.find((i) => i.number === 5);
      if (!no1 || !no2 || !no5) throw new Error("the factory's initiatives");
      const salon = no1.kpis[1];
      if (!salon) throw new Error("the factory's salon KPI");

      await setRetired(store, secretariat, {
        planId,
        entity: "initiative",
        id: no2.id,
        expectedVersion: no2.version,
        retired: true,
      });
      await setRetired(store, secretariat, {
        planId,
        entity: "kpi",
        id: salon.kpiId,
        expectedVersion: salon.version,
        retired: true,
      });
      await moveItem(store, secretariat, {
        planId,
        entity: "initiative",
        id: no5.id,
        expectedVersion: no5.version,
        direction: "up",
      });
      const policies = (await store.planStructures.load(planId))?.policies ?? [];
      await moveItem(store, secretariat, {
        planId,
        entity: "policy",
        id: policies[1]?.id ?? 0,
        expectedVersion: policies[1]?.version ?? 0,
        direction: "up",
      });
      await expect(
        updateInitiative(store, secretariat, {
          planId,
          initiativeId: no1.id,
          expectedVersion: no1.version,
          policyId: no1.policyId,
          number: "99",
          title: no1.title,
          description: no1.description,
          departments: no1.departments.map((d) => d.id),
        }),
      ).rejects.toMatchObject({ key: "numbersFixed", field: "number" });
      const relisting = (await store.planStructures.load(planId))?.policies
        .flatMap((p) => p.initiatives)
        .find((i) => i.number === 4);
      await unlistKpi(store, secretariat, {
        planId,
        kpiId: salon.kpiId,
        initiativeId: relisting?.id ?? 0,
        expectedVersion: relisting?.version ?? 0,
      });

      await openRound(store, secretariat, { planId, fiscalYear: 2020 });
      const opened = await loadDraft(store, planId, 2020);
      expect(opened?.policies.map((p) => [p.code, p.initiatives.map((i) => i.number)])).toEqual([
        ["(イ)", [3, 5, 4]],
        ["(ア)", [1]],
      ]);
      const no1Opened = opened?.policies[1]?.initiatives[0];
      expect(no1Opened?.kpis.map((k) => k.name)).toEqual([no1.kpis[0]?.name]);
      // What FY2019 showed and published is what it shows and publishes still.
      expect(await loadPublished(store, planId, 2019)).toEqual(published);
      expect(await loadDraft(store, planId, 2019)).toEqual(draft2019);
      const actions = (await store.audit.list(organizationId, { limit: 100 })).map((e) => e.action);
      for (const action of [
        "initiative.retire",
        "kpi.retire",
        "initiative.move",
        "policy.move",
        "kpi.unlist",
      ])
        expect(actions).toContain(action);
    });

    it("a live initiative moves past a retired neighbour (hidden in the editor) to the next live one", async () => {
      const store = await database.open();
      const { planId, organizationId } = await importDocument(store, buildPlanDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      const secretariat = await actingAs(store, organizationId, "jimukyoku", ["secretariat"]);
      const numbersOf = async () =>
        (await store.planStructures.load(planId))?.policies.map((p) => p.initiatives.map((i) => i.number));
      const find = async (n: number) => {
        const found = (await store.planStructures.load(planId))?.policies
          .flatMap((p) => p.initiatives)
          .find((i) => i.number === n);
        if (!found) throw new Error(`the factory's No.${n}`);
        return found;
      };
      expect(await numbersOf()).toEqual([
        [1, 2],
        [3, 4, 5],
      ]);
      const no4 = await find(4);
      await setRetired(store, secretariat, {
        planId,
        entity: "initiative",
        id: no4.id,
        expectedVersion: no4.version,
        retired: true,
      });
      const no5 = await find(5);
      await moveItem(store, secretariat, {
        planId,
        entity: "initiative",
        id: no5.id,
        expectedVersion: no5.version,
        direction: "up",
      });
      // No.5 took No.3's place; the retired No.4 stayed where it was.
      expect(await numbersOf()).toEqual([
        [1, 2],
        [5, 4, 3],
      ]);
      // A retired item moves among all: No.4 up swaps with No.5.
      const retired = await find(4);
      await moveItem(store, secretariat, {
        planId,
        entity: "initiative",
        id: retired.id,
        expectedVersion: retired.version,
        direction: "up",
      });
      expect(await numbersOf()).toEqual([
        [1, 2],
        [4, 5, 3],
      ]);
      await openRound(store, secretariat, { planId, fiscalYear: 2020 });
      expect(
        (await loadDraft(store, planId, 2020))?.policies.map((p) => p.initiatives.map((i) => i.number)),
      ).toEqual([
        [1, 2],
        [5, 3],
      ]);
    });

    it("a KPI saved with its texts unchanged keeps the year an import read from its column's header", async () => {
      const store = await database.open();
      const document = buildPlanDocument();
      const kpi = document.policies[0]?.initiatives[0]?.kpis[0];
      if (!kpi) throw new Error("the factory's first KPI");
      // As an import through a mapping stores it: the year from 目標値（R2）, the text as the cell wrote it.
      kpi.target = { ...kpi.target, fiscalYear: 2020 };
      const { planId, organizationId } = await importDocument(store, document, {
        organization: FACTORY_ORGANIZATION,
      });
      const secretariat = await actingAs(store, organizationId, "jimukyoku", ["secretariat"]);
      const first = async () => {
        const found = (await store.planStructures.load(planId))?.policies[0]?.initiatives[0]?.kpis[0];
        if (!found) throw new Error("the stored KPI");
        return found;
      };
      const stored = await first();
      expect(stored.target.fiscalYear).toBe(2020);
      await updateKpi(store, secretariat, {
        planId,
        kpiId: stored.kpiId,
        expectedVersion: stored.version,
        name: `${stored.name}（改）`,
        baseline: stored.baseline.text,
        target: stored.target.text,
      });
      const renamed = await first();
      expect(renamed.name).toBe(`${stored.name}（改）`);
      expect(renamed.target.fiscalYear).toBe(2020);
      // A new text is read as written: its own time, or none.
      await updateKpi(store, secretariat, {
        planId,
        kpiId: stored.kpiId,
        expectedVersion: renamed.version,
        name: renamed.name,
        baseline: renamed.baseline.text,
        target: "70件",
      });
      expect((await first()).target).toMatchObject({ text: "70件", value: 70 });
      expect((await first()).target.fiscalYear).toBeUndefined();
    });
  });
});
