import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument, loadDraft, TEST_ACTOR } from "../../test/store.ts";
import type { GradeLevel } from "../domain/grade.ts";
import type { Principal, RoleName } from "../domain/permissions.ts";
import type { PlanDocument } from "../domain/plan-document.ts";
import type { SqlStore } from "../store/sql-store.ts";
import type { AccountRecord } from "../store/types.ts";
import { actorOf } from "./accounts.ts";
import { updatePlanSetup } from "./plan-editor.ts";
import { GradeNotOnScale, NotAssessedNotAllowed } from "./refusal.ts";
import { acceptReport, gradeReport, moveRound, openRound, publishRound, submitReport } from "./round.ts";
import { saveReport } from "./save-report.ts";

/**
 * A plan graded on its own scale (◎ 順調 / ○ 概ね順調 / △ 遅れ / × 停止), on both databases: the
 * committee's grade and the department's own view take only the plan's codes (or 対象外), refuse
 * any other (an A of the default scale included) without writing, and the published table counts
 * the plan's codes.
 */
const MARKS: GradeLevel[] = [
  { code: "◎", label: "順調" },
  { code: "○", label: "概ね順調" },
  { code: "△", label: "遅れ" },
  { code: "×", label: "停止" },
];

function marksDocument(): PlanDocument {
  const doc = buildPlanDocument();
  doc.plan.gradeScale = MARKS;
  const grades = ["○", "◎", "△", "×", null];
  doc.policies
    .flatMap((p) => p.initiatives)
    .forEach((initiative, i) => {
      initiative.grade = grades[i] ?? null;
    });
  doc.gradeSummary = { "◎": 1, "○": 1, "△": 1, "×": 1 };
  return doc;
}

async function account(store: SqlStore, organizationId: number, loginId: string, roles: RoleName[]) {
  const departments = await store.departments.list(organizationId);
  const account = await store.transaction({ actor: TEST_ACTOR }, (tx) =>
    tx.accounts.create({
      organizationId,
      loginId,
      displayName: loginId,
      email: null,
      roles,
      departmentIds: roles.includes("editor")
        ? departments.filter((d) => d.name === "政策企画課").map((d) => d.id)
        : [],
    }),
  );
  return acting(account);
}

function acting(account: AccountRecord) {
  const principal: Principal = {
    accountId: account.id,
    organizationId: account.organizationId,
    roles: new Set(account.roles),
    departmentIds: account.departmentIds,
  };
  return { actor: actorOf(account), principal };
}

forEachDatabase((database) => {
  describe("a plan's own grade scale in the round", () => {
    it("takes ◎○△× and 対象外 from the committee and the department, refuses A and anything else, publishes the plan's codes", async () => {
      const store = await database.open();
      const { planId, organizationId } = await importDocument(store, marksDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      const secretariat = await account(store, organizationId, "jimukyoku", ["secretariat"]);
      const editor = await account(store, organizationId, "seisaku", ["editor"]);
      const committee = await account(store, organizationId, "iin", ["committee"]);
      expect((await store.plans.find(planId))?.gradeScale).toEqual(MARKS);

      const opened = await openRound(store, secretariat, { planId, fiscalYear: 2020 });
      let round = await moveRound(store, secretariat, {
        roundId: opened.id,
        expectedVersion: opened.version,
        to: "entry",
      });
      const snapshot = await store.rounds.snapshot(round.id);
      const initiatives = snapshot?.document.policies.flatMap((p) => p.initiatives) ?? [];
      const links = snapshot?.links.kpis ?? {};
      const target = (n: number) => ({ planId, fiscalYear: 2020, initiativeNumber: n });
      const versionOf = async (n: number) => (await store.reports.find(round.id, n))?.version ?? -1;

      // The department's own view: A is the default scale's, not this plan's.
      for (const code of ["A", "順調", "◎ "]) {
        const before = await versionOf(1);
        const refusal = await saveReport(store, editor.actor, {
          ...target(1),
          principal: editor.principal,
          expectedVersion: before,
          changes: { activities: "書いた", selfGrade: code },
        }).catch((e: unknown) => e);
        expect(refusal).toBeInstanceOf(GradeNotOnScale);
        expect(refusal).toMatchObject({ field: "selfGrade", code });
        expect(await versionOf(1)).toBe(before);
        expect((await store.reports.find(round.id, 1))?.activities).toBe("");
      }

      // Every report entered (No.1 by its department with its own view ○), submitted and accepted.
      for (const initiative of initiatives) {
        const n = initiative.number;
        const who = n === 1 ? editor : secretariat;
        const saved = await saveReport(store, who.actor, {
          ...target(n),
          principal: who.principal,
          expectedVersion: await versionOf(n),
          changes: {
            activities: `No.${n} の取組`,
            nextYearGoal: "継続する。",
            ...(n === 1 ? { selfGrade: "○", selfGradeReason: "協定は増えた" } : {}),
          },
          kpiValues: initiative.kpis
            .filter((k) => !k.relisted)
            .map((k) => ({ kpiId: links[k.key] ?? 0, text: "1件", expectedVersion: null })),
        });
        if (n === 1) expect(saved.report.selfGrade).toBe("○");
        const submitted = await submitReport(store, who, {
          ...target(n),
          expectedVersion: saved.report.version,
        });
        await acceptReport(store, secretariat, { ...target(n), expectedVersion: submitted.version });
      }
      round = await moveRound(store, secretariat, {
        roundId: round.id,
        expectedVersion: round.version,
        to: "review",
      });
      round = await moveRound(store, secretariat, {
        roundId: round.id,
        expectedVersion: round.version,
        to: "grading",
      });

      // The committee: a code off the scale is refused and nothing is written.
      for (const code of ["A", "S", "", "〇"]) {
        const before = await versionOf(2);
        const refusal = await gradeReport(store, committee, {
          ...target(2),
          expectedVersion: before,
          grade: code,
          committeeOpinion: "意見",
        }).catch((e: unknown) => e);
        expect(refusal).toBeInstanceOf(GradeNotOnScale);
        expect(refusal).toMatchObject({ field: "grade", code });
        const report = await store.reports.find(round.id, 2);
        expect(report).toMatchObject({
          version: before,
          grade: null,
          committeeOpinion: "",
          state: "accepted",
        });
      }

      const grades: Record<number, string | null> = { 1: "◎", 2: "○", 3: "○", 4: "×", 5: null };
      for (const initiative of initiatives) {
        const n = initiative.number;
        const graded = await gradeReport(store, committee, {
          ...target(n),
          expectedVersion: await versionOf(n),
          grade: grades[n] ?? null,
          notAssessed: grades[n] === null,
          committeeOpinion: `No.${n} 本部会意見`,
        });
        expect(graded).toMatchObject({ state: "graded", grade: grades[n], notAssessed: grades[n] === null });
      }
      // 対象外 clears a grade given before: the two never stand together.
      const five = await gradeReport(store, committee, {
        ...target(4),
        expectedVersion: await versionOf(4),
        grade: "×",
        notAssessed: true,
        committeeOpinion: "今年度は評価しない",
      });
      expect(five).toMatchObject({ grade: null, notAssessed: true });
      const regraded = await gradeReport(store, committee, {
        ...target(4),
        expectedVersion: five.version,
        grade: "△",
        committeeOpinion: "遅れ",
      });
      expect(regraded).toMatchObject({ grade: "△", notAssessed: false });

      const draft = await loadDraft(store, planId, 2020);
      expect(draft?.plan.gradeScale).toEqual(MARKS);
      expect(
        draft?.policies.flatMap((p) => p.initiatives).map((i) => [i.number, i.grade, i.notAssessed]),
      ).toEqual([
        [1, "◎", undefined],
        [2, "○", undefined],
        [3, "○", undefined],
        [4, "△", undefined],
        [5, null, true],
      ]);

      round = (await store.rounds.get(round.id)) ?? round;
      const publication = await publishRound(store, secretariat, {
        roundId: round.id,
        expectedVersion: round.version,
      });
      expect(publication.gradeScale).toEqual(MARKS);
      expect(publication.gradeSummary).toEqual({ "◎": 1, "○": 2, "△": 1, "×": 0 });
    });

    it("refuses 対象外 on a plan that does not allow it, with nothing written; a level is still taken", async () => {
      const store = await database.open();
      const { planId, organizationId } = await importDocument(store, marksDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      const secretariat = await account(store, organizationId, "jimukyoku", ["secretariat"]);
      const committee = await account(store, organizationId, "iin", ["committee"]);
      expect((await store.plans.find(planId))?.notAssessedAllowed).toBe(true);
      const head = await store.planStructures.load(planId);
      if (!head) throw new Error("no plan");
      await updatePlanSetup(store, secretariat, {
        planId,
        expectedVersion: head.plan.version,
        title: head.plan.title,
        startFiscalYear: head.plan.startFiscalYear,
        endFiscalYear: head.plan.endFiscalYear,
        baselineFiscalYear: head.plan.baselineFiscalYear,
        gradeScale: MARKS,
        notAssessedAllowed: false,
      });
      expect((await store.plans.find(planId))?.notAssessedAllowed).toBe(false);

      const opened = await openRound(store, secretariat, { planId, fiscalYear: 2020 });
      let round = await moveRound(store, secretariat, {
        roundId: opened.id,
        expectedVersion: opened.version,
        to: "entry",
      });
      const target = { planId, fiscalYear: 2020, initiativeNumber: 1 };
      const snapshot = await store.rounds.snapshot(round.id);
      const saved = await saveReport(store, secretariat.actor, {
        ...target,
        principal: secretariat.principal,
        expectedVersion: (await store.reports.find(round.id, 1))?.version ?? -1,
        changes: { activities: "書いた", nextYearGoal: "続ける" },
        kpiValues: (snapshot?.document.policies[0]?.initiatives[0]?.kpis ?? [])
          .filter((k) => !k.relisted)
          .map((k) => ({ kpiId: snapshot?.links.kpis[k.key] ?? 0, text: "1件", expectedVersion: null })),
      });
      const submitted = await submitReport(store, secretariat, {
        ...target,
        expectedVersion: saved.report.version,
      });
      await acceptReport(store, secretariat, { ...target, expectedVersion: submitted.version });
      for (const to of ["review", "grading"] as const)
        round = await moveRound(store, secretariat, {
          roundId: round.id,
          expectedVersion: round.version,
          to,
        });

      const before = await store.reports.find(round.id, 1);
      // 対象外 alone, and 対象外 beside a level of the scale: both refused.
      for (const grade of [null, "◎"]) {
        const refusal = await gradeReport(store, committee, {
          ...target,
          expectedVersion: before?.version ?? -1,
          grade,
          notAssessed: true,
          committeeOpinion: "今年度は評価しない",
        }).catch((e: unknown) => e);
        expect(refusal).toBeInstanceOf(NotAssessedNotAllowed);
        expect(refusal).toMatchObject({ field: "grade", key: "workflow.notAssessedNotAllowed" });
        expect(await store.reports.find(round.id, 1)).toMatchObject({
          version: before?.version,
          grade: null,
          notAssessed: false,
          committeeOpinion: "",
          state: "accepted",
        });
      }
      const graded = await gradeReport(store, committee, {
        ...target,
        expectedVersion: before?.version ?? -1,
        grade: "△",
        committeeOpinion: "遅れ",
      });
      expect(graded).toMatchObject({ grade: "△", notAssessed: false, state: "graded" });
    });
  });
});
