import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument, loadDraft, loadPublished, TEST_ACTOR } from "../../test/store.ts";
import type { Principal, RoleName } from "../domain/permissions.ts";
import type { SqlStore } from "../store/sql-store.ts";
import type { AccountRecord } from "../store/types.ts";
import { actorOf } from "./accounts.ts";
import { WorkflowRefusal } from "./refusal.ts";
import {
  acceptReport,
  commentOnReport,
  gradeReport,
  IncompleteReport,
  moveRound,
  openRound,
  publishRound,
  returnReport,
  submitReport,
} from "./round.ts";
import { saveReport } from "./save-report.ts";

/**
 * The whole yearly cycle through the workflow commands, on both databases: FY2019 imported, FY2020
 * opened from it, entered, returned, resubmitted, accepted, graded, published, corrected.
 *
 * The factory's No.1 産学官連携 has 関係課 政策企画課 (lead) and 関係各課, two KPIs (1-1 協定件数,
 * 1-2 the salon's 利用者数, which No.4 lists again as 再掲).
 */
async function account(
  store: SqlStore,
  organizationId: number,
  loginId: string,
  roles: RoleName[],
  departments: string[] = [],
) {
  const all = await store.departments.list(organizationId);
  return store.transaction({ actor: TEST_ACTOR }, (tx) =>
    tx.accounts.create({
      organizationId,
      loginId,
      displayName: loginId,
      email: null,
      roles,
      departmentIds: all.filter((d) => departments.includes(d.name)).map((d) => d.id),
    }),
  );
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

async function setup(store: SqlStore) {
  const { planId, organizationId } = await importDocument(store, buildPlanDocument(), {
    organization: FACTORY_ORGANIZATION,
  });
  const secretariat = acting(await account(store, organizationId, "jimukyoku", ["secretariat"]));
  const editor = acting(await account(store, organizationId, "seisaku", ["editor"], ["政策企画課"]));
  const other = acting(await account(store, organizationId, "zaisei", ["editor"], ["財政課"]));
  const committee = acting(await account(store, organizationId, "iin", ["committee"]));
  return { planId, organizationId, secretariat, editor, other, committee };
}

async function version(store: SqlStore, planId: number, number: number) {
  const round = await store.rounds.find(planId, 2020);
  return (await store.reports.find(round?.id ?? 0, number))?.version ?? 0;
}

forEachDatabase((database) => {
  describe("the yearly round", () => {
    it("opens FY2020 from FY2019: the same initiatives and KPI lines, 再掲 included, empty reports and values", async () => {
      const store = await database.open();
      const { planId, secretariat } = await setup(store);
      const round = await openRound(store, secretariat, {
        planId,
        fiscalYear: 2020,
        entryDeadline: "2021-04-30",
      });
      expect(round).toMatchObject({
        fiscalYear: 2020,
        state: "preparing",
        asOf: "2021-03-31",
        entryDeadline: "2021-04-30",
      });
      const before = await loadDraft(store, planId, 2019);
      const opened = await loadDraft(store, planId, 2020);
      const shape = (doc: typeof before) =>
        doc?.policies.map((p) => [
          p.code,
          p.initiatives.map((i) => [
            i.number,
            i.title,
            i.departments,
            i.kpis.map((k) => [k.key, k.label, k.relistOf, k.baseline.text, k.target.text]),
          ]),
        ]);
      expect(shape(opened)).toEqual(shape(before));
      const initiatives = opened?.policies.flatMap((p) => p.initiatives) ?? [];
      expect(initiatives.every((i) => i.activities === "" && i.grade === null && i.nextYearGoal === "")).toBe(
        true,
      );
      expect(
        initiatives.flatMap((i) => i.kpis).every((k) => k.current.text === "" && k.current.kind === "none"),
      ).toBe(true);
      expect((await store.reports.list(round.id)).every((r) => r.state === "notStarted")).toBe(true);
      // Not public: FY2020 is a draft.
      expect(await loadPublished(store, planId, 2020)).toBeUndefined();
      await expect(openRound(store, secretariat, { planId, fiscalYear: 2020 })).rejects.toThrow(
        WorkflowRefusal,
      );
    });

    it("opens, moves and publishes a round for its organization's secretariat only", async () => {
      const store = await database.open();
      const { planId, secretariat, editor, committee } = await setup(store);
      const foreign = {
        actor: secretariat.actor,
        principal: { ...secretariat.principal, organizationId: secretariat.principal.organizationId + 1000 },
      };
      const refused = { key: "workflow.notAllowed" };
      for (const who of [editor, committee, foreign])
        await expect(openRound(store, who, { planId, fiscalYear: 2020 })).rejects.toMatchObject(refused);
      const round = await openRound(store, secretariat, { planId, fiscalYear: 2020 });
      for (const who of [editor, committee, foreign]) {
        await expect(
          moveRound(store, who, { roundId: round.id, expectedVersion: round.version, to: "entry" }),
        ).rejects.toMatchObject(refused);
        await expect(
          publishRound(store, who, { roundId: round.id, expectedVersion: round.version }),
        ).rejects.toMatchObject(refused);
      }
      // FY2019 (published by its import) cannot be reopened by anyone else either.
      const fy2019 = await store.rounds.find(planId, 2019);
      await expect(
        moveRound(store, committee, {
          roundId: fy2019?.id ?? 0,
          expectedVersion: fy2019?.version ?? 0,
          to: "grading",
          reason: "訂正",
        }),
      ).rejects.toMatchObject(refused);
      expect((await store.rounds.get(round.id))?.state).toBe("preparing");
      expect((await store.rounds.find(planId, 2019))?.state).toBe("published");
    });

    it("runs from entry to publication and a correction, each step by whom it belongs to", async () => {
      const store = await database.open();
      const { planId, organizationId, secretariat, editor, other, committee } = await setup(store);
      const round = await openRound(store, secretariat, { planId, fiscalYear: 2020 });
      const moved = await moveRound(store, secretariat, {
        roundId: round.id,
        expectedVersion: round.version,
        to: "entry",
      });
      expect(moved.state).toBe("entry");
      // Department editors hear that entry is open.
      expect((await store.notices.list(editor.principal.accountId)).map((n) => n.kind)).toEqual([
        "roundOpened",
      ]);

      const target = { planId, fiscalYear: 2020, initiativeNumber: 1 };
      const snapshot = await store.rounds.snapshot(round.id);
      const kpiIds = [snapshot?.links.kpis["1-1"] ?? 0, snapshot?.links.kpis["1-2"] ?? 0];
      // Another department cannot enter No.1's report.
      await expect(
        saveReport(store, other.actor, {
          ...target,
          principal: other.principal,
          expectedVersion: await version(store, planId, 1),
          changes: { activities: "x" },
        }),
      ).rejects.toThrow(WorkflowRefusal);
      // Incomplete: no activities yet.
      const incomplete = await submitReport(store, editor, {
        ...target,
        expectedVersion: await version(store, planId, 1),
      }).catch((e: unknown) => e);
      expect(incomplete).toBeInstanceOf(IncompleteReport);
      expect((incomplete as IncompleteReport).fields).toEqual([
        "activities",
        "kpi-1-1",
        "kpi-1-2",
        "nextYearGoal",
      ]);

      await saveReport(store, editor.actor, {
        ...target,
        principal: editor.principal,
        expectedVersion: await version(store, planId, 1),
        changes: {
          activities: "連携協定を2件締結した。",
          nextYearGoal: "協定先を広げる。",
          selfGrade: "B",
          selfGradeReason: "協定は増えた",
        },
        kpiValues: kpiIds.map((kpiId, i) => ({
          kpiId,
          text: ["68件", "10,120人"][i] as string,
          expectedVersion: null,
        })),
      });
      const submitted = await submitReport(store, editor, {
        ...target,
        expectedVersion: await version(store, planId, 1),
      });
      expect(submitted.state).toBe("submitted");
      expect(submitted.submittedAt).toBeTruthy();
      expect((await store.notices.list(secretariat.principal.accountId)).map((n) => n.kind)).toContain(
        "submitted",
      );
      // Once submitted, the department cannot change it.
      await expect(
        saveReport(store, editor.actor, {
          ...target,
          principal: editor.principal,
          expectedVersion: submitted.version,
          changes: { activities: "y" },
        }),
      ).rejects.toThrow(WorkflowRefusal);

      await expect(
        returnReport(store, secretariat, { ...target, expectedVersion: submitted.version, comment: " " }),
      ).rejects.toThrow(WorkflowRefusal);
      const returned = await returnReport(store, secretariat, {
        ...target,
        expectedVersion: submitted.version,
        comment: "協定先の名称を書いてください。",
      });
      expect(returned.state).toBe("returned");
      const thread = await store.comments.list(returned.id);
      expect(thread.map((c) => [c.kind, c.authorName, c.body])).toEqual([
        ["return", "jimukyoku", "協定先の名称を書いてください。"],
      ]);
      expect((await store.notices.list(editor.principal.accountId))[0]).toMatchObject({
        kind: "returned",
        params: { comment: "協定先の名称を書いてください。", number: 1 },
      });
      await commentOnReport(store, editor, { ...target, body: "追記しました。" });

      const fixed = await saveReport(store, editor.actor, {
        ...target,
        principal: editor.principal,
        expectedVersion: returned.version,
        changes: { activities: "城西大学・女子栄養大学と連携協定を締結した。" },
      });
      expect(fixed.report.state).toBe("returned");
      const resubmitted = await submitReport(store, editor, {
        ...target,
        expectedVersion: fixed.report.version,
      });
      const accepted = await acceptReport(store, secretariat, {
        ...target,
        expectedVersion: resubmitted.version,
      });
      expect(accepted.state).toBe("accepted");

      // Everything else is accepted by the secretariat acting for the departments.
      const rest = (await store.reports.list(round.id)).filter((r) => r.initiativeNumber !== 1);
      for (const report of rest) {
        const t = { planId, fiscalYear: 2020, initiativeNumber: report.initiativeNumber };
        const ids =
          (await store.rounds.snapshot(round.id))?.document.policies
            .flatMap((p) => p.initiatives)
            .find((i) => i.number === report.initiativeNumber)
            ?.kpis.map((k) => ({ key: k.key, empty: k.current.text === "" })) ?? [];
        const links = (await store.rounds.snapshot(round.id))?.links.kpis ?? {};
        const saved = await saveReport(store, secretariat.actor, {
          ...t,
          principal: secretariat.principal,
          expectedVersion: report.version,
          changes: { activities: `No.${report.initiativeNumber} の取組`, nextYearGoal: "継続する。" },
          kpiValues: ids
            .filter((k) => k.empty)
            .map((k) => ({ kpiId: links[k.key] ?? 0, text: "1件", expectedVersion: null })),
        });
        const sub = await submitReport(store, secretariat, { ...t, expectedVersion: saved.report.version });
        await acceptReport(store, secretariat, { ...t, expectedVersion: sub.version });
      }

      let current = (await store.rounds.get(round.id)) ?? moved;
      current = await moveRound(store, secretariat, {
        roundId: round.id,
        expectedVersion: current.version,
        to: "review",
      });
      // Grading is the committee's, and only in 評価中.
      await expect(
        gradeReport(store, committee, {
          ...target,
          expectedVersion: accepted.version,
          grade: "A",
          committeeOpinion: "順調",
        }),
      ).rejects.toThrow(WorkflowRefusal);
      // Publishing belongs to 評価中, not before.
      await expect(
        publishRound(store, secretariat, { roundId: round.id, expectedVersion: current.version }),
      ).rejects.toThrow(WorkflowRefusal);
      current = await moveRound(store, secretariat, {
        roundId: round.id,
        expectedVersion: current.version,
        to: "grading",
      });
      // A step back needs a reason.
      await expect(
        moveRound(store, secretariat, { roundId: round.id, expectedVersion: current.version, to: "review" }),
      ).rejects.toThrow(WorkflowRefusal);
      await expect(
        gradeReport(store, editor, {
          ...target,
          expectedVersion: accepted.version,
          grade: "A",
          committeeOpinion: "",
        }),
      ).rejects.toThrow(WorkflowRefusal);
      for (const report of await store.reports.list(round.id)) {
        await gradeReport(store, committee, {
          planId,
          fiscalYear: 2020,
          initiativeNumber: report.initiativeNumber,
          expectedVersion: report.version,
          grade: report.initiativeNumber === 1 ? "A" : "B",
          committeeOpinion: `No.${report.initiativeNumber} 本部会意見`,
        });
      }
      current = (await store.rounds.get(round.id)) ?? current;
      const first = await publishRound(store, secretariat, {
        roundId: round.id,
        expectedVersion: current.version,
      });
      expect(first).toMatchObject({
        revision: 1,
        source: "published",
        publishedBy: "jimukyoku",
        gradeSummary: { A: 1, B: 4, C: 0, D: 0 },
      });
      const published = await loadPublished(store, planId, 2020);
      const no1 = published?.policies.flatMap((p) => p.initiatives).find((i) => i.number === 1);
      expect(no1).toMatchObject({
        activities: "城西大学・女子栄養大学と連携協定を締結した。",
        grade: "A",
        nextYearGoal: "協定先を広げる。",
      });
      expect(no1?.kpis.map((k) => k.current.text)).toEqual(["68件", "10,120人"]);
      // The department's own view is never published.
      expect(JSON.stringify(published)).not.toContain("協定は増えた");
      expect((await store.notices.list(committee.principal.accountId))[0]?.kind).toBe("published");

      // A correction: back to 評価中 with a reason, fix, publish again with a reason → 第2版.
      current = (await store.rounds.get(round.id)) ?? current;
      current = await moveRound(store, secretariat, {
        roundId: round.id,
        expectedVersion: current.version,
        to: "grading",
        reason: "No.3 の本部会意見の誤字",
      });
      const three = await store.reports.find(round.id, 3);
      await saveReport(store, secretariat.actor, {
        planId,
        fiscalYear: 2020,
        initiativeNumber: 3,
        principal: secretariat.principal,
        expectedVersion: three?.version ?? 0,
        changes: { activities: "No.3 の取組（訂正）" },
      });
      await expect(
        publishRound(store, secretariat, { roundId: round.id, expectedVersion: current.version }),
      ).rejects.toThrow(WorkflowRefusal);
      current = (await store.rounds.get(round.id)) ?? current;
      const second = await publishRound(store, secretariat, {
        roundId: round.id,
        expectedVersion: current.version,
        reason: "No.3 の取組内容の訂正",
      });
      expect(second).toMatchObject({ revision: 2, reason: "No.3 の取組内容の訂正" });
      expect((await store.publications.revisions(planId, 2020)).map((p) => p.revision)).toEqual([1, 2]);
      const corrected = await loadPublished(store, planId, 2020);
      expect(corrected?.policies.flatMap((p) => p.initiatives).find((i) => i.number === 3)?.activities).toBe(
        "No.3 の取組（訂正）",
      );
      const audit = (await store.audit.list(organizationId)).map((e) => e.action);
      expect(audit).toContain("round.state");
      expect(audit.filter((a) => a === "publication.create")).toHaveLength(3); // the import's and two
      const back = (
        await store.audit.list(organizationId, { entity: "reporting_round", entityId: round.id })
      ).find((e) => (e.after as { reason?: string } | null)?.reason);
      expect(back?.after).toMatchObject({ state: "grading", reason: "No.3 の本部会意見の誤字" });
    });
  });
});
