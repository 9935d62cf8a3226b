import { describe, expect, it } from "vitest";
import { countRows, forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument } from "../../test/store.ts";
import type { SqlStore } from "../store/sql-store.ts";
import { ConflictError, type ReportWrites, StoreError } from "../store/types.ts";
import { saveReport } from "./save-report.ts";

const organization = FACTORY_ORGANIZATION;
const EDITOR = { kind: "system", name: "政策企画課 入力担当" } as const;

/** The factory's FY2019 No.1 lists 産・学・官連携協定(※)件数 (66件) and the salon's 利用者数. */
async function setup(store: SqlStore) {
  const { planId, roundId } = await importDocument(store, buildPlanDocument(), { organization });
  const report = await store.reports.find(roundId, 1);
  if (!report) throw new Error("no report of No.1");
  const values = await store.kpiValues.list(roundId);
  const round = await store.rounds.find(planId, 2019);
  const agreements = (await store.rounds.snapshot(roundId))?.links.kpis["1-1"] ?? 0;
  const value = values.find((v) => v.kpiId === agreements);
  if (!value || !round) throw new Error("no KPI value of No.1");
  return { planId, roundId, report, value, round };
}

forEachDatabase((database) => {
  describe("saveReport", () => {
    it("saves the texts and the 現状値 as typed, read by the KPI parser, and audits each write", async () => {
      const store = await database.open();
      const { planId, roundId, report, value, round } = await setup(store);
      const before = await countRows(store);

      const saved = await saveReport(store, EDITOR, {
        planId,
        fiscalYear: 2019,
        initiativeNumber: 1,
        expectedVersion: report.version,
        changes: { activities: "連携協定を2件締結した。", nextYearGoal: "協定先を拡大する。" },
        kpiValues: [{ kpiId: value.kpiId, text: "1億円(R2年度)", expectedVersion: value.version }],
      });
      expect(saved.report).toMatchObject({
        version: report.version + 1,
        activities: "連携協定を2件締結した。",
        nextYearGoal: "協定先を拡大する。",
        committeeOpinion: report.committeeOpinion,
      });
      expect(saved.report.updatedAt).toMatch(/^\d{4}-\d\d-\d\d/);
      expect(saved.kpiValues[0]?.value).toEqual({
        text: "1億円(R2年度)",
        kind: "money",
        value: 1,
        unit: "億円",
        yen: 100_000_000,
        fiscalYear: 2020,
      });
      expect(saved.kpiValues[0]?.version).toBe(value.version + 1);
      expect((await store.rounds.find(planId, 2019))?.contentRevision).toBe(round.contentRevision + 2);

      const entries = await store.audit.list(round.organizationId, { limit: 2 });
      expect(entries.map((e) => [e.action, e.actorName])).toEqual([
        ["kpiValue.update", "政策企画課 入力担当"],
        ["report.update", "政策企画課 入力担当"],
      ]);
      expect(entries[1]?.before).toEqual({
        activities: report.activities,
        nextYearGoal: report.nextYearGoal,
      });
      expect(entries[1]?.after).toEqual({
        activities: "連携協定を2件締結した。",
        nextYearGoal: "協定先を拡大する。",
      });
      expect(entries[0]?.before).toEqual({ text: "66件" });
      expect(await countRows(store)).toEqual({ ...before, audit_log: before.audit_log + 2 });
      expect((await store.reports.find(roundId, 1))?.activities).toBe("連携協定を2件締結した。");
    });

    it("keeps a value it cannot read as typed, with the reason", async () => {
      const store = await database.open();
      const { planId, report, value } = await setup(store);
      const saved = await saveReport(store, EDITOR, {
        planId,
        fiscalYear: 2019,
        initiativeNumber: 1,
        expectedVersion: report.version,
        changes: {},
        kpiValues: [{ kpiId: value.kpiId, text: "1,2,00件", expectedVersion: value.version }],
      });
      expect(saved.kpiValues[0]?.value.text).toBe("1,2,00件");
      expect(saved.kpiValues[0]?.value.kind).toBe("text");
      expect(saved.kpiValues[0]?.value.diagnostic).toBeTruthy();
    });

    it("refuses a save from an older version with the current report, and writes nothing at all", async () => {
      const store = await database.open();
      const { planId, roundId, report, value } = await setup(store);
      await saveReport(store, EDITOR, {
        planId,
        fiscalYear: 2019,
        initiativeNumber: 1,
        expectedVersion: report.version,
        changes: { activities: "先に保存した内容" },
      });
      const before = await countRows(store);
      const revision = await store.revision();

      const late = await saveReport(store, EDITOR, {
        planId,
        fiscalYear: 2019,
        initiativeNumber: 1,
        expectedVersion: report.version,
        changes: { activities: "後から保存した内容" },
        kpiValues: [{ kpiId: value.kpiId, text: "99件", expectedVersion: value.version }],
      }).catch((error: unknown) => error);
      expect(late).toBeInstanceOf(ConflictError);
      expect((late as ConflictError).current).toMatchObject({
        activities: "先に保存した内容",
        version: report.version + 1,
      });
      expect((late as ConflictError).message).toContain("ほかの人が保存しています");
      expect(await countRows(store)).toEqual(before);
      expect(await store.revision()).toBe(revision);
      expect((await store.reports.find(roundId, 1))?.activities).toBe("先に保存した内容");
      expect((await store.kpiValues.list(roundId)).find((v) => v.kpiId === value.kpiId)?.value.text).toBe(
        "66件",
      );
    });

    it("rolls back the report when a KPI value conflicts in the same save", async () => {
      const store = await database.open();
      const { planId, roundId, report, value } = await setup(store);
      const stale = await saveReport(store, EDITOR, {
        planId,
        fiscalYear: 2019,
        initiativeNumber: 1,
        expectedVersion: report.version,
        changes: { activities: "報告も直した" },
        kpiValues: [{ kpiId: value.kpiId, text: "70件", expectedVersion: value.version + 5 }],
      }).catch((error: unknown) => error);
      expect(stale).toBeInstanceOf(ConflictError);
      expect((await store.reports.find(roundId, 1))?.version).toBe(report.version);
      expect((await store.reports.find(roundId, 1))?.activities).toBe(report.activities);
    });

    it("applies exactly one of two saves made at once from the same version", async () => {
      const store = await database.open();
      const { planId, roundId, report } = await setup(store);
      const attempt = (text: string) =>
        saveReport(store, EDITOR, {
          planId,
          fiscalYear: 2019,
          initiativeNumber: 1,
          expectedVersion: report.version,
          changes: { activities: text },
        }).then(
          () => "saved",
          (error: unknown) => (error instanceof ConflictError ? "conflict" : String(error)),
        );
      const outcomes = await Promise.all([attempt("一人目"), attempt("二人目")]);
      expect([...outcomes].sort()).toEqual(["conflict", "saved"]);
      const stored = await store.reports.find(roundId, 1);
      expect(stored?.version).toBe(report.version + 1);
      expect(["一人目", "二人目"]).toContain(stored?.activities);
    });

    it("a write outside store.transaction is refused before it touches anything", async () => {
      const store = await database.open();
      const { report } = await setup(store);
      const reports = store.reports as unknown as ReportWrites;
      const refused = await reports
        .update(report.id, report.version, { activities: "x" })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StoreError);
      expect((refused as StoreError).code).toBe("write.outside-transaction");
    });

    it("makes the round's import irreplaceable: a replace would lose the entered work", async () => {
      const store = await database.open();
      const { planId, report } = await setup(store);
      await saveReport(store, EDITOR, {
        planId,
        fiscalYear: 2019,
        initiativeNumber: 1,
        expectedVersion: report.version,
        changes: { activities: "画面で入力した内容" },
      });
      const before = await countRows(store);
      const refused = await importDocument(store, buildPlanDocument(), { organization, replace: true }).catch(
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(StoreError);
      expect((refused as StoreError).code).toBe("round.locked");
      expect((refused as StoreError).message).toBe(
        "計画「行政改革後期アクションプラン」の令和元年度（2019年度）には画面で入力された報告が1件あるため、取り込みで置き換えられません（入力された内容が失われます）。訂正は画面で行ってください。",
      );
      expect(await countRows(store)).toEqual(before);
    });
  });
});
