import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument, loadDraft, loadPublished, TEST_ACTOR } from "../../test/store.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import type { SqlStore } from "../store/sql-store.ts";
import { actorOf } from "./accounts.ts";
import { addDepartment, mergeDepartment, renameDepartment, retireDepartment } from "./departments.ts";
import { moveRound, openRound } from "./round.ts";

/**
 * Departments change (issue 8) on both databases, with the factory plan: FY2019 imported and
 * published, FY2020 opened from it. The factory's 関係課 (lead first):
 *   No.1 政策企画課, 関係各課 · No.2 情報政策課, 関係各課 · No.3 財政課, 関係各課 ·
 *   No.4 政策企画課, 都市計画課, 関係各課 · No.5 行政経営課
 */

const departmentsOf = (document: PlanDocument | undefined) =>
  Object.fromEntries(
    (document?.policies ?? []).flatMap((p) => p.initiatives.map((i) => [i.number, i.departments])),
  );

async function setup(store: SqlStore, options: { openFy2020?: boolean } = {}) {
  const { planId, organizationId } = await importDocument(store, buildPlanDocument(), {
    organization: FACTORY_ORGANIZATION,
  });
  const byName = async (name: string) => {
    const found = (await store.departments.list(organizationId)).find((d) => d.name === name);
    if (!found) throw new Error(`no ${name}`);
    return found;
  };
  const secretariat = await store.transaction({ actor: TEST_ACTOR }, (tx) =>
    tx.accounts.create({
      organizationId,
      loginId: "jimukyoku",
      displayName: "事務局",
      email: null,
      roles: ["secretariat"],
      departmentIds: [],
    }),
  );
  const actor = actorOf(secretariat);
  const acting = {
    actor,
    principal: {
      accountId: secretariat.id,
      organizationId,
      roles: new Set(secretariat.roles),
      departmentIds: [],
    },
  };
  if (options.openFy2020 !== false) {
    const round = await openRound(store, acting, { planId, fiscalYear: 2020 });
    await moveRound(store, acting, { roundId: round.id, expectedVersion: round.version, to: "entry" });
  }
  return { planId, organizationId, actor, byName };
}

async function editor(store: SqlStore, organizationId: number, loginId: string, departmentIds: number[]) {
  return store.transaction({ actor: TEST_ACTOR }, (tx) =>
    tx.accounts.create({
      organizationId,
      loginId,
      displayName: loginId,
      email: null,
      roles: ["editor"],
      departmentIds,
    }),
  );
}

forEachDatabase((database) => {
  describe("departments", () => {
    it("adds a department once; a name taken (by a retired one too) is refused by field", async () => {
      const store = await database.open();
      const { organizationId, actor, byName } = await setup(store, { openFy2020: false });
      const added = await addDepartment(store, actor, { organizationId, name: "　DX推進課 " });
      expect(added).toMatchObject({
        kind: "saved",
        department: { name: "DX推進課", version: 1, retiredAt: null },
      });
      expect(await addDepartment(store, actor, { organizationId, name: "DX推進課" })).toEqual({
        kind: "problems",
        problems: [{ field: "name", key: "departments.nameTaken" }],
      });
      expect(await addDepartment(store, actor, { organizationId, name: "  " })).toEqual({
        kind: "problems",
        problems: [{ field: "name", key: "departments.missingName" }],
      });
      const gone = await byName("行政経営課");
      expect(
        await retireDepartment(store, actor, {
          organizationId,
          departmentId: gone.id,
          expectedVersion: gone.version,
          successorId: undefined,
        }),
      ).toMatchObject({ kind: "saved" });
      expect(await addDepartment(store, actor, { organizationId, name: "行政経営課" })).toMatchObject({
        kind: "problems",
        problems: [{ field: "name", key: "departments.nameTaken" }],
      });
      const audit = await store.audit.list(organizationId, { entity: "department" });
      expect(audit.map((a) => a.action)).toEqual(["department.retire", "department.add"]);
      expect(audit[1]).toMatchObject({ actorName: "事務局", after: { name: "DX推進課" } });
    });

    it("renames: the open round prints the new name, the published FY2019 and its publication keep the old", async () => {
      const store = await database.open();
      const { planId, organizationId, actor, byName } = await setup(store);
      const draft2019 = await loadDraft(store, planId, 2019);
      const published2019 = await loadPublished(store, planId, 2019);
      const seisaku = await byName("政策企画課");

      const outcome = await renameDepartment(store, actor, {
        organizationId,
        departmentId: seisaku.id,
        expectedVersion: seisaku.version,
        name: "企画政策課",
      });
      expect(outcome).toMatchObject({ kind: "saved", department: { name: "企画政策課", version: 2 } });
      expect(departmentsOf(await loadDraft(store, planId, 2020))).toEqual({
        1: ["企画政策課", "関係各課"],
        2: ["情報政策課", "関係各課"],
        3: ["財政課", "関係各課"],
        4: ["企画政策課", "都市計画課", "関係各課"],
        5: ["行政経営課"],
      });
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(draft2019);
      expect(await loadPublished(store, planId, 2019)).toStrictEqual(published2019);
      expect(departmentsOf(draft2019)[1]).toEqual(["政策企画課", "関係各課"]);

      // The form read version 1: a second rename from it is a conflict, with the current record.
      const stale = await renameDepartment(store, actor, {
        organizationId,
        departmentId: seisaku.id,
        expectedVersion: seisaku.version,
        name: "政策課",
      });
      expect(stale).toMatchObject({ kind: "conflict", current: { name: "企画政策課", version: 2 } });

      const [entry] = await store.audit.list(organizationId, { entity: "department", entityId: seisaku.id });
      expect(entry).toMatchObject({
        action: "department.rename",
        before: { name: "政策企画課", version: 1 },
        after: {
          name: "企画政策課",
          version: 2,
          openRoundReports: [
            {
              fiscalYear: 2020,
              number: 1,
              before: ["政策企画課", "関係各課"],
              after: ["企画政策課", "関係各課"],
            },
            {
              fiscalYear: 2020,
              number: 4,
              before: ["政策企画課", "都市計画課", "関係各課"],
              after: ["企画政策課", "都市計画課", "関係各課"],
            },
          ],
        },
      });
    });

    it("a round opened after a rename prints the new name; the round it was opened from keeps the old", async () => {
      const store = await database.open();
      const { planId, organizationId, actor, byName } = await setup(store, { openFy2020: false });
      const seisaku = await byName("政策企画課");
      await renameDepartment(store, actor, {
        organizationId,
        departmentId: seisaku.id,
        expectedVersion: seisaku.version,
        name: "企画政策課",
      });
      const acting = {
        actor,
        principal: {
          accountId: 0,
          organizationId,
          roles: new Set(["secretariat"] as const),
          departmentIds: [],
        },
      };
      await openRound(store, acting, { planId, fiscalYear: 2020 });
      expect(departmentsOf(await loadDraft(store, planId, 2020))[4]).toEqual([
        "企画政策課",
        "都市計画課",
        "関係各課",
      ]);
      expect(departmentsOf(await loadDraft(store, planId, 2019))[4]).toEqual([
        "政策企画課",
        "都市計画課",
        "関係各課",
      ]);
    });

    it("merges A into B: open round's 関係課 (lead kept first, once), the plan's current list and editors move", async () => {
      const store = await database.open();
      const { planId, organizationId, actor, byName } = await setup(store);
      const published2019 = await loadPublished(store, planId, 2019);
      const draft2019 = await loadDraft(store, planId, 2019);
      const toshi = await byName("都市計画課");
      const seisaku = await byName("政策企画課");
      const both = await editor(store, organizationId, "both", [seisaku.id, toshi.id]);
      const city = await editor(store, organizationId, "city", [toshi.id]);

      // 政策企画課 into 都市計画課: No.4 had both (政策企画課 leading): 都市計画課 now leads, once.
      const outcome = await mergeDepartment(store, actor, {
        organizationId,
        departmentId: seisaku.id,
        expectedVersion: seisaku.version,
        intoId: toshi.id,
      });
      expect(outcome).toMatchObject({
        kind: "saved",
        department: { name: "政策企画課", mergedIntoId: toshi.id, version: 2 },
        into: { name: "都市計画課" },
        effects: { accounts: [both.id] },
      });
      expect((await store.departments.find(organizationId, seisaku.id))?.retiredAt).not.toBeNull();
      expect(departmentsOf(await loadDraft(store, planId, 2020))).toMatchObject({
        1: ["都市計画課", "関係各課"],
        4: ["都市計画課", "関係各課"],
      });
      // The plan's current list (who may enter, what the next round opens with).
      expect((await store.departments.ofInitiative(planId, 1))?.map((d) => d.name)).toEqual([
        "都市計画課",
        "関係各課",
      ]);
      expect((await store.departments.ofInitiative(planId, 4))?.map((d) => d.name)).toEqual([
        "都市計画課",
        "関係各課",
      ]);
      // Editors: "both" keeps one binding to 都市計画課; "city" unchanged.
      expect((await store.accounts.find(organizationId, both.id))?.departmentIds).toEqual([toshi.id]);
      expect((await store.accounts.find(organizationId, both.id))?.version).toBe(both.version + 1);
      expect((await store.accounts.find(organizationId, city.id))?.version).toBe(city.version);
      // Published: untouched.
      expect(await loadPublished(store, planId, 2019)).toStrictEqual(published2019);
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(draft2019);

      // A merged department is gone: it cannot be merged or renamed again.
      expect(
        await renameDepartment(store, actor, {
          organizationId,
          departmentId: seisaku.id,
          expectedVersion: 2,
          name: "x課",
        }),
      ).toMatchObject({ kind: "problems", problems: [{ key: "departments.notAvailable" }] });
      // Nor merged into.
      const zaisei = await byName("財政課");
      expect(
        await mergeDepartment(store, actor, {
          organizationId,
          departmentId: zaisei.id,
          expectedVersion: zaisei.version,
          intoId: seisaku.id,
        }),
      ).toMatchObject({ kind: "problems", problems: [{ field: "into", key: "departments.notAvailable" }] });
      expect(
        await mergeDepartment(store, actor, {
          organizationId,
          departmentId: zaisei.id,
          expectedVersion: zaisei.version,
          intoId: undefined,
        }),
      ).toMatchObject({ kind: "problems", problems: [{ field: "into", key: "departments.missingInto" }] });
      const [entry] = await store.audit.list(organizationId, { entity: "department", entityId: seisaku.id });
      expect(entry).toMatchObject({
        action: "department.merge",
        before: { name: "政策企画課", retiredAt: null },
        after: { mergedInto: { id: toshi.id, name: "都市計画課" }, accountIds: [both.id] },
      });
    });

    it("retires: refused while an open round has it as lead; with a successor it goes over; elsewhere it leaves the lists", async () => {
      const store = await database.open();
      const { planId, organizationId, actor, byName } = await setup(store);
      const published2019 = await loadPublished(store, planId, 2019);
      const gyosei = await byName("行政経営課");
      const refused = await retireDepartment(store, actor, {
        organizationId,
        departmentId: gyosei.id,
        expectedVersion: gyosei.version,
        successorId: undefined,
      });
      expect(refused).toMatchObject({
        kind: "lead-in-open-round",
        mentions: [{ fiscalYear: 2020, state: "entry", initiatives: [{ number: 5, lead: true }] }],
      });
      // Nothing was written.
      expect(await store.departments.find(organizationId, gyosei.id)).toEqual(gyosei);

      const zaisei = await byName("財政課");
      expect(
        await retireDepartment(store, actor, {
          organizationId,
          departmentId: gyosei.id,
          expectedVersion: gyosei.version,
          successorId: zaisei.id,
        }),
      ).toMatchObject({
        kind: "saved",
        department: { mergedIntoId: zaisei.id },
        successor: { name: "財政課" },
      });
      expect(departmentsOf(await loadDraft(store, planId, 2020))[5]).toEqual(["財政課"]);

      // 都市計画課 leads nothing open (No.4's second): it leaves No.4's lists.
      const toshi = await byName("都市計画課");
      expect(
        await retireDepartment(store, actor, {
          organizationId,
          departmentId: toshi.id,
          expectedVersion: toshi.version,
          successorId: undefined,
        }),
      ).toMatchObject({
        kind: "saved",
        department: { mergedIntoId: null },
        effects: { initiatives: [expect.any(Number)] },
      });
      expect(departmentsOf(await loadDraft(store, planId, 2020))[4]).toEqual(["政策企画課", "関係各課"]);
      expect((await store.departments.ofInitiative(planId, 4))?.map((d) => d.name)).toEqual([
        "政策企画課",
        "関係各課",
      ]);
      expect(departmentsOf(await loadPublished(store, planId, 2019))[4]).toEqual([
        "政策企画課",
        "都市計画課",
        "関係各課",
      ]);
      expect(await loadPublished(store, planId, 2019)).toStrictEqual(published2019);
      const actions = (await store.audit.list(organizationId, { entity: "department" })).map((a) => a.action);
      expect(actions).toEqual(["department.retire", "department.retire"]);
    });

    it("gives rounds stored before their own 関係課 copy (NULL) that copy first, so they keep their names", async () => {
      const store = await database.open();
      const { planId, organizationId, actor, byName } = await setup(store, { openFy2020: false });
      const draft2019 = await loadDraft(store, planId, 2019);
      await store.db.updateTable("report").set({ departments: null }).execute();
      const seisaku = await byName("政策企画課");
      await renameDepartment(store, actor, {
        organizationId,
        departmentId: seisaku.id,
        expectedVersion: seisaku.version,
        name: "企画政策課",
      });
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(draft2019);
    });
  });
});
