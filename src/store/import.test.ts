import { describe, expect, it } from "vitest";
import { countRows, forEachDatabase } from "../../test/db.ts";
import {
  buildPlanDocument,
  FACTORY_ORGANIZATION,
  FACTORY_PLAN_TITLE,
} from "../../test/factories/plan-document.ts";
import { importDocument, loadDraft, loadHistory, loadPublished, publishedRounds } from "../../test/store.ts";
import { type Grade, summarizeGrades } from "../domain/grade.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { StoreError } from "./types.ts";

const organization = FACTORY_ORGANIZATION;

function initiativeOf(document: PlanDocument, number: number) {
  const found = document.policies.flatMap((p) => p.initiatives).find((i) => i.number === number);
  if (!found) throw new Error(`no initiative No.${number}`);
  return found;
}

function recount(document: PlanDocument): PlanDocument {
  document.gradeSummary = summarizeGrades(
    document.policies.flatMap((p) => p.initiatives.map((i) => i.grade)),
  );
  return document;
}

async function refusal(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

forEachDatabase((database) => {
  describe("a second fiscal year", () => {
    it("adds a round and KPI values to the same plan and keeps both years readable", async () => {
      const store = await database.open();
      const first = await importDocument(store, buildPlanDocument(), { organization });
      const second = await importDocument(store, buildPlanDocument({ fiscalYear: 2020 }), {
        organization,
      });

      expect(second).toMatchObject({
        planId: first.planId,
        fiscalYear: 2020,
        planCreated: false,
        replaced: false,
      });
      expect(second.roundId).not.toBe(first.roundId);
      expect((await publishedRounds(store, first.planId)).map((r) => r.fiscalYear)).toEqual([2019, 2020]);
      expect(await loadDraft(store, first.planId, 2019)).toStrictEqual(buildPlanDocument());
      expect(await loadDraft(store, first.planId, 2020)).toStrictEqual(
        buildPlanDocument({ fiscalYear: 2020 }),
      );

      const counts = await countRows(store);
      expect(counts).toMatchObject({
        organization: 1,
        plan: 1,
        policy: 2,
        initiative: 5,
        department: 6,
        initiative_department: 10,
        kpi: 7,
        initiative_kpi: 8,
        reporting_round: 2,
        kpi_value: 14,
        report: 10,
      });
    });

    it("takes new initiatives and KPIs of a later year into the existing plan", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, buildPlanDocument(), { organization });
      const later = buildPlanDocument({ fiscalYear: 2020, extraInitiatives: 1 });
      initiativeOf(later, 3).kpis.push({
        key: "3-3",
        name: "補助金の見直し件数",
        label: "補助金の見直し件数",
        relisted: false,
        baseline: { text: "-", kind: "none" },
        target: { text: "10件", kind: "quantity", value: 10, unit: "件" },
        current: { text: "4件", kind: "quantity", value: 4, unit: "件" },
      });
      await importDocument(store, later, { organization });

      expect(await loadDraft(store, planId, 2020)).toStrictEqual(later);
      // The earlier round shows what it had: no No.6, no third KPI under No.3.
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(buildPlanDocument());
      const counts = await countRows(store);
      expect(counts.initiative).toBe(6);
      expect(counts.kpi).toBe(7 + 3 + 1);
    });
  });

  describe("a second fiscal year that changes the table", () => {
    /** FY2020 with No.1 renamed, its first target raised, its departments cut, its KPIs reordered. */
    function changedLaterYear(): PlanDocument {
      const later = buildPlanDocument({ fiscalYear: 2020 });
      const first = initiativeOf(later, 1);
      first.title = "産学官連携の推進";
      first.description = "大学との包括連携協定を軸に、まちづくりを推進します。";
      first.departments = ["政策企画課"];
      const [agreements, salon] = first.kpis;
      if (!agreements || !salon) throw new Error("factory changed: No.1 has two KPIs");
      agreements.target = { text: "70件", kind: "quantity", value: 70, unit: "件" };
      first.kpis = [
        { ...salon, key: "1-1" },
        { ...agreements, key: "1-2" },
      ];
      const relisted = initiativeOf(later, 4).kpis[1];
      if (relisted) relisted.relistOf = "1-1";
      const policy = later.policies[0];
      if (policy) policy.title = "市民と行政との協働";
      return later;
    }

    it("rebuilds each round as it was imported, the earlier one unchanged by the later", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, buildPlanDocument(), { organization });
      await importDocument(store, changedLaterYear(), { organization });

      expect(await loadDraft(store, planId, 2020)).toStrictEqual(changedLaterYear());
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(buildPlanDocument());
      // The initiative page shows the latest texts and both years' values of the same KPI rows.
      const history = await loadHistory(store, planId, 1);
      expect(history?.title).toBe("産学官連携の推進");
      expect(history?.departments).toEqual(["政策企画課"]);
      expect(history?.kpis.map((k) => [k.name, k.target.text, k.values.map((v) => v.fiscalYear)])).toEqual([
        ["北坂戸にぎわいサロンの利用者数", "13,000人", [2019, 2020]],
        ["産・学・官連携協定(※)件数", "70件", [2019, 2020]],
      ]);
    });

    it("keeps the later year's texts when the earlier year is imported after it", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, changedLaterYear(), { organization });
      await importDocument(store, buildPlanDocument(), { organization });

      expect(await loadDraft(store, planId, 2020)).toStrictEqual(changedLaterYear());
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(buildPlanDocument());
      expect((await loadHistory(store, planId, 1))?.title).toBe("産学官連携の推進");
      // Each round's publication holds its own texts.
      expect((await loadPublished(store, planId, 2020))?.policies[0]?.initiatives[0]?.title).toBe(
        "産学官連携の推進",
      );
      expect((await loadPublished(store, planId, 2019))?.policies[0]?.initiatives[0]?.title).toBe(
        "産・学・官連携体制の推進",
      );
    });
  });

  describe("the same fiscal year again", () => {
    it("is refused with round.exists, naming the plan and the 年度, and changes nothing", async () => {
      const store = await database.open();
      await importDocument(store, buildPlanDocument(), { organization });
      const before = await countRows(store);

      const again = buildPlanDocument();
      initiativeOf(again, 1).title = "変更された取組項目";
      const error = await refusal(importDocument(store, again, { organization }));
      expect(error.code).toBe("round.exists");
      expect(error.message).toContain(`「${FACTORY_PLAN_TITLE}」`);
      expect(error.message).toContain("令和元年度");

      expect(await countRows(store)).toEqual(before);
      const plans = await store.plans.list((await store.organizations.findBySlug("sakado"))?.id ?? 0);
      expect(await loadDraft(store, plans[0]?.id ?? 0, 2019)).toStrictEqual(buildPlanDocument());
    });

    it("is replaced with replace: true, without duplicating anything", async () => {
      const store = await database.open();
      const first = await importDocument(store, buildPlanDocument(), { organization });
      await importDocument(store, buildPlanDocument({ fiscalYear: 2020 }), { organization });
      const before = await countRows(store);

      const corrected = buildPlanDocument();
      const third = initiativeOf(corrected, 3);
      third.activities = "補助金の交付基準を見直し、2団体の事務局機能を移行した。";
      third.grade = "B";
      third.description = "外郭団体等の事務局機能を各団体へ移行し、行政改革推進の模範とします。";
      const agreements = initiativeOf(corrected, 1).kpis[0];
      if (agreements) agreements.current = { text: "67件", kind: "quantity", value: 67, unit: "件" };
      recount(corrected);

      const outcome = await importDocument(store, corrected, { organization, replace: true });
      expect(outcome).toMatchObject({ planId: first.planId, roundId: first.roundId, replaced: true });
      // The round's rows are rewritten in place; the replacement is published as 第2版, and the
      // import and the publication are audited.
      expect(outcome.publication).toMatchObject({ roundId: first.roundId, revision: 2, source: "imported" });
      expect(await countRows(store)).toEqual({
        ...before,
        publication: before.publication + 1,
        audit_log: before.audit_log + 2,
      });
      expect(await loadDraft(store, first.planId, 2019)).toStrictEqual(corrected);
      expect(await loadPublished(store, first.planId, 2019)).toStrictEqual(corrected);
      expect((await store.publications.revisions(first.planId, 2019)).map((p) => p.revision)).toEqual([1, 2]);
      // Correcting an earlier year leaves the later year's table as it was imported.
      expect(await loadDraft(store, first.planId, 2020)).toStrictEqual(
        buildPlanDocument({ fiscalYear: 2020 }),
      );

      const versions = await store.db
        .selectFrom("report")
        .innerJoin("initiative", "initiative.id", "report.initiative_id")
        .select(["initiative.number", "report.version"])
        .where("report.round_id", "=", first.roundId)
        .orderBy("initiative.number")
        .execute();
      // Only the changed report counts as a new version (optimistic concurrency for editors).
      expect(versions.map((v) => [v.number, v.version])).toEqual([
        [1, 1],
        [2, 1],
        [3, 2],
        [4, 1],
        [5, 1],
      ]);
    });

    it("drops the round's reports and values of initiatives the replacement no longer has", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, buildPlanDocument(), { organization });
      const shorter = buildPlanDocument();
      const policy = shorter.policies[1];
      if (policy) policy.initiatives = policy.initiatives.filter((i) => i.number !== 3);
      recount(shorter);

      await importDocument(store, shorter, { organization, replace: true });
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(shorter);
      const counts = await countRows(store);
      expect(counts.report).toBe(4);
      expect(counts.kpi_value).toBe(5);
      expect((await publishedRounds(store, planId))[0]?.initiativeCount).toBe(4);
    });
  });

  describe("all or nothing", () => {
    it("leaves an empty database empty when an insert fails half-way", async () => {
      const store = await database.open();
      const broken = buildPlanDocument();
      // Reports are written after the organization, plan, policies, initiatives and KPIs.
      initiativeOf(broken, 5).grade = "E" as Grade;

      await expect(importDocument(store, broken, { organization })).rejects.toThrow();
      const counts = await countRows(store);
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
      expect(await store.isEmpty()).toBe(true);
    });

    it("leaves an existing plan as it was when a later year fails half-way", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, buildPlanDocument(), { organization });
      const before = await countRows(store);

      const broken = buildPlanDocument({ fiscalYear: 2020, extraInitiatives: 2 });
      initiativeOf(broken, 1).title = "変更されるはずのない題名";
      initiativeOf(broken, 7).grade = "E" as Grade;
      await expect(importDocument(store, broken, { organization })).rejects.toThrow();

      expect(await countRows(store)).toEqual(before);
      expect((await publishedRounds(store, planId)).map((r) => r.fiscalYear)).toEqual([2019]);
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(buildPlanDocument());
    });

    it("refuses a replacement that fails half-way and keeps the round it would have replaced", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, buildPlanDocument(), { organization });
      const before = await countRows(store);
      const broken = buildPlanDocument();
      initiativeOf(broken, 2).title = "置き換えられるはずのない題名";
      initiativeOf(broken, 4).grade = "E" as Grade;
      await expect(importDocument(store, broken, { organization, replace: true })).rejects.toThrow();
      expect(await countRows(store)).toEqual(before);
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(buildPlanDocument());
    });
  });

  describe("documents that cannot be stored", () => {
    it("refuses a document with error-severity diagnostics", async () => {
      const store = await database.open();
      const document = buildPlanDocument();
      document.diagnostics = [
        { severity: "warning", code: "kpi.unparsed", message: "読めない値があります", line: 3 },
        { severity: "error", code: "table.header", message: "見出し行が見つかりません", line: 12 },
      ];
      const error = await refusal(importDocument(store, document, { organization }));
      expect(error.code).toBe("document.invalid");
      expect(error.message).toContain("1件");
      expect(error.message).toContain("見出し行が見つかりません");
      expect(await store.isEmpty()).toBe(true);
    });

    it("accepts a document whose diagnostics are only warnings", async () => {
      const store = await database.open();
      const document = buildPlanDocument();
      document.diagnostics = [{ severity: "warning", code: "kpi.unparsed", message: "読めない値があります" }];
      const { planId } = await importDocument(store, document, { organization });
      expect(await loadDraft(store, planId, 2019)).toStrictEqual({ ...document, diagnostics: [] });
    });

    it("refuses duplicate initiative numbers and a 再掲 of a KPI that is not there, writing nothing", async () => {
      const store = await database.open();
      await importDocument(store, buildPlanDocument(), { organization });
      const before = await countRows(store);

      const duplicate = buildPlanDocument({ fiscalYear: 2020 });
      initiativeOf(duplicate, 5).number = 2;
      const error = await refusal(importDocument(store, duplicate, { organization }));
      expect(error.code).toBe("document.invalid");
      expect(error.message).toContain("No.2");

      const dangling = buildPlanDocument({ fiscalYear: 2020 });
      const relist = initiativeOf(dangling, 4).kpis[1];
      if (relist) relist.relistOf = "9-9";
      const danglingError = await refusal(importDocument(store, dangling, { organization }));
      expect(danglingError.code).toBe("document.invalid");
      expect(danglingError.message).toContain("9-9");

      expect(await countRows(store)).toEqual(before);
    });
  });
});
