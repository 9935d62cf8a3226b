import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument, loadPublished, TEST_ACTOR } from "../../test/store.ts";
import type { Principal, RoleName } from "../domain/permissions.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { exportCsv } from "../io/export/csv.ts";
import { exportXlsx } from "../io/export/xlsx.ts";
import { importXlsx } from "../io/xlsx/import.ts";
import type { SqlStore } from "../store/sql-store.ts";
import { actorOf } from "./accounts.ts";
import { acceptReport, gradeReport, moveRound, openRound, publishRound, submitReport } from "./round.ts";
import { saveReport } from "./save-report.ts";

/**
 * Issue 11's round trip: a round completed through the workflow commands (save, submit, accept,
 * grade, publish) exports an xlsx that imports back to the same plan document, and the table an
 * import of that content publishes is the one the workflow published. The content entered is the
 * factory's FY2020 (test/factories/plan-document.ts), written by hand after the seed.
 */
async function acting(
  store: SqlStore,
  organizationId: number,
  loginId: string,
  roles: RoleName[],
  departments: string[] = [],
) {
  const all = await store.departments.list(organizationId);
  const account = await store.transaction({ actor: TEST_ACTOR }, (tx) =>
    tx.accounts.create({
      organizationId,
      loginId,
      displayName: loginId,
      email: null,
      roles,
      departmentIds: all.filter((d) => departments.includes(d.name)).map((d) => d.id),
    }),
  );
  const principal: Principal = {
    accountId: account.id,
    organizationId,
    roles: new Set(account.roles),
    departmentIds: account.departmentIds,
  };
  return { actor: actorOf(account), principal };
}

/** What a workbook cannot carry and an import adds or drops, named once: the rest must be equal. */
function comparable(document: PlanDocument) {
  const { diagnostics: _diagnostics, declaredGradeSummary: _declared, ...rest } = document;
  const { title: _title, ...round } = document.round;
  return { ...rest, round };
}

forEachDatabase((database) => {
  describe("a round completed in the workflow, out to xlsx and back", () => {
    it("re-imports to the same document, and an import of it publishes the same table", async () => {
      const store = await database.open();
      const { planId, organizationId } = await importDocument(store, buildPlanDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      const secretariat = await acting(store, organizationId, "jimukyoku", ["secretariat"]);
      const seisaku = await acting(store, organizationId, "seisaku", ["editor"], ["政策企画課"]);
      const committee = await acting(store, organizationId, "iin", ["committee"]);
      const opened = await openRound(store, secretariat, { planId, fiscalYear: 2020 });
      const entry = await moveRound(store, secretariat, {
        roundId: opened.id,
        expectedVersion: opened.version,
        to: "entry",
      });

      // Each department enters the factory's FY2020 report (政策企画課 its own; the secretariat the rest).
      const wanted = buildPlanDocument({ fiscalYear: 2020 });
      const snapshot = await store.rounds.snapshot(entry.id);
      if (!snapshot) throw new Error("no FY2020 draft");
      const version = async (number: number) => (await store.reports.find(entry.id, number))?.version ?? 0;
      for (const initiative of wanted.policies.flatMap((p) => p.initiatives)) {
        const who = initiative.departments[0] === "政策企画課" ? seisaku : secretariat;
        await saveReport(store, who.actor, {
          principal: who.principal,
          planId,
          fiscalYear: 2020,
          initiativeNumber: initiative.number,
          expectedVersion: await version(initiative.number),
          changes: { activities: initiative.activities, nextYearGoal: initiative.nextYearGoal },
          kpiValues: initiative.kpis
            .filter((k) => !k.relisted)
            .map((k) => ({
              kpiId: snapshot.links.kpis[k.key] ?? 0,
              text: k.current.text,
              expectedVersion: null,
            })),
        });
        await submitReport(store, who, {
          planId,
          fiscalYear: 2020,
          initiativeNumber: initiative.number,
          expectedVersion: await version(initiative.number),
        });
      }
      let round = await moveRound(store, secretariat, {
        roundId: entry.id,
        expectedVersion: (await store.rounds.get(entry.id))?.version ?? 0,
        to: "review",
      });
      for (const initiative of wanted.policies.flatMap((p) => p.initiatives)) {
        const target = { planId, fiscalYear: 2020, initiativeNumber: initiative.number };
        await acceptReport(store, secretariat, {
          ...target,
          expectedVersion: await version(initiative.number),
        });
      }
      round = await moveRound(store, secretariat, {
        roundId: round.id,
        expectedVersion: round.version,
        to: "grading",
      });
      for (const initiative of wanted.policies.flatMap((p) => p.initiatives)) {
        await gradeReport(store, committee, {
          planId,
          fiscalYear: 2020,
          initiativeNumber: initiative.number,
          expectedVersion: await version(initiative.number),
          grade: initiative.grade,
          committeeOpinion: initiative.committeeOpinion,
        });
      }
      const publication = await publishRound(store, secretariat, {
        roundId: round.id,
        expectedVersion: round.version,
      });
      expect(publication).toMatchObject({ fiscalYear: 2020, revision: 1, source: "published" });
      const published = await loadPublished(store, planId, 2020);
      if (!published) throw new Error("FY2020 not published");
      // What the workflow published is the factory's FY2020 table (its title and declared summary
      // are the source document's own, which a round opened in the browser does not have).
      expect(comparable(published)).toEqual(comparable(wanted));

      // Out to the product's own workbook and back.
      const bytes = await exportXlsx(published, { now: new Date("2021-04-30T00:00:00Z") });
      const read = await importXlsx(bytes);
      expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const reimported = read.document;
      if (!reimported) throw new Error("the workbook did not import");
      expect(comparable(reimported)).toEqual(comparable(published));
      // The title the workbook prints is the one the table was published under.
      expect(reimported.round.title).toBe(
        "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和3年3月31日現在）",
      );

      // The same content imported into another installation publishes the same table.
      const other = await database.open();
      await importDocument(other, reimported, { organization: FACTORY_ORGANIZATION });
      const imported = await loadPublished(other, 1, 2020);
      if (!imported) throw new Error("the import was not published");
      expect(comparable(imported)).toEqual(comparable(published));
      expect(imported.gradeSummary).toEqual({ A: 2, B: 2, C: 1, D: 0 });
      const csv = (document: PlanDocument) => Buffer.from(exportCsv(document)).toString("utf8");
      expect(csv({ ...imported, round: { ...imported.round, title: "" } })).toBe(
        csv({ ...published, round: { ...published.round, title: "" } }),
      );
    });
  });
});
