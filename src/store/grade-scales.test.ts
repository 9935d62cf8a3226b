import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument, loadDraft, loadPublished } from "../../test/store.ts";
import type { GradeLevel } from "../domain/grade.ts";
import { summarizeGrades } from "../domain/grade.ts";
import { summarizeDocument } from "../domain/grade-summary.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import { migrationProvider, migrationsFor } from "./migrations/index.ts";
import type { SqlStore } from "./sql-store.ts";

const SACHIEVED: GradeLevel[] = [
  { code: "S", label: "達成" },
  { code: "A", label: "概ね達成" },
  { code: "B", label: "やや遅れ" },
  { code: "C", label: "未達成" },
];

/** The factory plan graded S/A/B/C, No.5 not assessed this year (対象外). */
function sScaleDocument(): PlanDocument {
  const doc = buildPlanDocument();
  doc.plan.gradeScale = SACHIEVED;
  const initiatives = doc.policies.flatMap((p) => p.initiatives);
  // Factory grades of No.1–4: B, A, C, D → S, S, A, C; No.5 has none and is 対象外.
  const grades = ["S", "S", "A", "C"];
  initiatives.forEach((initiative, i) => {
    initiative.grade = grades[i] ?? null;
  });
  const fifth = initiatives[4];
  if (fifth) fifth.notAssessed = true;
  doc.gradeSummary = { S: 2, A: 1, B: 0, C: 1 };
  return doc;
}

function migrator(store: SqlStore): Promise<Migrator> {
  return store.capabilities.migrationSchema(store.db).then(
    (schema) =>
      new Migrator({
        db: store.db,
        provider: migrationProvider(store.capabilities),
        migrationTableSchema: schema,
      }),
  );
}

forEachDatabase((database) => {
  describe("grade scales", () => {
    it("keep a city's S/A/B/C and 対象外 through the store and the publication", async () => {
      const store = await database.open();
      const document = sScaleDocument();
      const { planId, organizationId } = await importDocument(store, document, {
        organization: FACTORY_ORGANIZATION,
      });
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(document);
      const published = await loadPublished(store, planId, 2019);
      expect(published).toStrictEqual(document);
      const summary = summarizeDocument(document);
      expect(summary).toMatchObject({ assessed: 4, notAssessed: 1, ungraded: 0 });
      expect(summary.total).toEqual({ S: 2, A: 1, B: 0, C: 1 });
      const [record] = await store.publications.listLatest(organizationId);
      expect(record?.gradeScale).toEqual(SACHIEVED);
      expect(record?.gradeSummary).toEqual({ S: 2, A: 1, B: 0, C: 1 });
    });

    it("2026_12_02_101 keeps reports, declared summaries and comments, and lifts the A–D check", async () => {
      const store = await database.open();
      const document = buildPlanDocument();
      document.declaredGradeSummary = { A: 1, B: 1, C: 1, D: 1 };
      const { planId, organizationId, roundId } = await importDocument(store, document, {
        organization: FACTORY_ORGANIZATION,
      });
      const before = await loadDraft(store, planId, 2019);
      const down = await (await migrator(store)).migrateTo("2026_12_02_003_round_workflow");
      expect(down.error).toBeUndefined();
      // The older schema refuses a grade outside A–D.
      await expect(
        store.db.updateTable("report").set({ grade: "S" }).where("round_id", "=", roundId).execute(),
      ).rejects.toThrow();
      // A comment on a report: the rebuild must keep the row it points to.
      const report = await store.db
        .selectFrom("report")
        .select("id")
        .where("round_id", "=", roundId)
        .executeTakeFirstOrThrow();
      await sql`insert into report_comment (organization_id, report_id, author_name, kind, body)
        values (${organizationId}, ${report.id}, ${"事務局"}, ${"comment"}, ${"確認しました"})`.execute(
        store.db,
      );

      const after003 = Object.keys(migrationsFor(store.capabilities)).filter(
        (n) => n > "2026_12_02_003_round_workflow",
      );
      expect(await store.migrate()).toEqual(after003);
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(before);
      expect((await loadDraft(store, planId, 2019))?.declaredGradeSummary).toEqual({
        A: 1,
        B: 1,
        C: 1,
        D: 1,
      });
      const comments = await store.db.selectFrom("report_comment").select(["report_id", "body"]).execute();
      expect(comments).toEqual([{ report_id: report.id, body: "確認しました" }]);
      // Now a grade is checked by the application only, and a report can be 対象外.
      await store.db
        .updateTable("report")
        .set({ grade: "S", not_assessed: store.capabilities.bool(false) })
        .where("id", "=", report.id)
        .execute();
      const graded = await store.db
        .selectFrom("report")
        .select("grade")
        .where("id", "=", report.id)
        .executeTakeFirstOrThrow();
      expect(graded.grade).toBe("S");
      // Foreign keys still hold on the rebuilt table (SQLite) and the kept one (PostgreSQL).
      await expect(
        sql`insert into report_comment (organization_id, report_id, author_name, kind, body)
          values (${organizationId}, ${999_999}, ${"x"}, ${"comment"}, ${"x"})`.execute(store.db),
      ).rejects.toThrow();
    });

    it("an import into a stored plan keeps its scale: a file naming none is read on it, one naming another is refused", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, sScaleDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      const scaleOf = async () => (await store.plans.find(planId))?.gradeScale;
      const roundsOf = async () => (await store.rounds.list(planId)).map((r) => r.fiscalYear);

      // FY2020 read as written (A–D, no scale of its own), graded A, A, B, C, B: all S/A/B/C codes.
      const plain = buildPlanDocument({ fiscalYear: 2020 });
      expect(plain.plan.gradeScale).toBeUndefined();
      await importDocument(store, plain, { organization: FACTORY_ORGANIZATION });
      expect(await scaleOf()).toEqual(SACHIEVED);
      expect((await loadDraft(store, planId, 2020))?.plan.gradeScale).toEqual(SACHIEVED);

      // A file naming ◎○△× is refused, with what to do; nothing of it is written.
      const marks = buildPlanDocument({ fiscalYear: 2020 });
      marks.plan.gradeScale = [
        { code: "◎", label: "順調" },
        { code: "○", label: "概ね順調" },
        { code: "△", label: "遅れ" },
        { code: "×", label: "停止" },
      ];
      for (const initiative of marks.policies.flatMap((p) => p.initiatives)) initiative.grade = "○";
      marks.gradeSummary = summarizeGrades(
        marks.policies.flatMap((p) => p.initiatives.map((i) => i.grade)),
        marks.plan.gradeScale,
      );
      const versionBefore = (await store.db.selectFrom("plan").select("version").executeTakeFirstOrThrow())
        .version;
      await expect(
        importDocument(store, marks, { organization: FACTORY_ORGANIZATION, replace: true }),
      ).rejects.toThrow(
        `取り込めません。このファイルの評価の区分（◎・○・△・×）は、計画「${marks.plan.title}」の評価の区分（S・A・B・C）と違います。取込で計画の評価の区分は変えません。区分を変えるときは、先に計画の設定で評価の区分を変えてから、もう一度取り込んでください。`,
      );
      expect(await scaleOf()).toEqual(SACHIEVED);
      expect((await store.db.selectFrom("plan").select("version").executeTakeFirstOrThrow()).version).toBe(
        versionBefore,
      );

      // Read as written, but D is not on the plan's S/A/B/C: refused on its initiative.
      const d = buildPlanDocument({ fiscalYear: 2019 });
      d.round.fiscalYear = 2018;
      d.round.asOf = "2019-03-31";
      await expect(importDocument(store, d, { organization: FACTORY_ORGANIZATION })).rejects.toThrow(
        `取り込めません。取組項目 No.4の進捗状況「D」は、計画「${d.plan.title}」の評価の区分（S・A・B・C）にありません。ファイルの進捗状況を S・A・B・C のどれかに直してから、もう一度取り込んでください。`,
      );
      expect(await roundsOf()).toEqual([2019, 2020]);
    });

    it("refuses 対象外 in a file for a stored plan that does not allow it, on the initiative, writing nothing; a new plan allows it", async () => {
      const store = await database.open();
      // A new plan: 対象外 allowed, as the plan editor starts (No.5 of the S/A/B/C table is 対象外).
      const { planId } = await importDocument(store, sScaleDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      expect((await store.plans.find(planId))?.notAssessedAllowed).toBe(true);
      await store.db
        .updateTable("plan")
        .set({ not_assessed_allowed: store.dialect === "sqlite" ? 0 : false })
        .where("id", "=", planId)
        .execute();
      const before = await loadDraft(store, planId, 2019);
      const revisions = (await store.publications.listLatest(1)).map((p) => p.revision);

      await expect(
        importDocument(store, sScaleDocument(), { organization: FACTORY_ORGANIZATION, replace: true }),
      ).rejects.toThrow(
        `取り込めません。取組項目 No.5の進捗状況は「対象外」ですが、計画「${before?.plan.title}」では対象外を認めていません。ファイルの進捗状況を S・A・B・C のどれかにするか、計画の設定で「評価しない取組項目（対象外）を認める」を選んでから、もう一度取り込んでください。`,
      );
      expect(await loadDraft(store, planId, 2019)).toStrictEqual(before);
      expect((await store.publications.listLatest(1)).map((p) => p.revision)).toEqual(revisions);

      // Graded instead, the same table is taken.
      const graded = sScaleDocument();
      const fifth = graded.policies.flatMap((p) => p.initiatives)[4];
      if (fifth) {
        delete fifth.notAssessed;
        fifth.grade = "B";
      }
      graded.gradeSummary = { S: 2, A: 1, B: 1, C: 1 };
      await importDocument(store, graded, { organization: FACTORY_ORGANIZATION, replace: true });
      const after = await loadDraft(store, planId, 2019);
      expect(
        after?.policies.flatMap((p) => p.initiatives).map((i) => [i.grade, i.notAssessed === true]),
      ).toEqual([
        ["S", false],
        ["S", false],
        ["A", false],
        ["C", false],
        ["B", false],
      ]);
    });
  });
});
