import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument } from "../../test/store.ts";
import { actingAs, makeAccount } from "../../test/support/signed-in.ts";
import { hashToken, newToken } from "../security/tokens.ts";
import { createApp } from "../server/app.ts";
import type { SqlStore } from "../store/sql-store.ts";
import { type AccountRecord, ConflictError, type ReportRecord } from "../store/types.ts";
import { acceptReport, gradeReport, moveRound, openRound } from "./round.ts";
import { saveReport } from "./save-report.ts";

/**
 * Edits that never lose work, under real concurrency: two saves of the same report (or two grades
 * of one initiative) started together from the same version. Exactly one is applied; the other is
 * refused with the record as the first left it, so its form can show both texts side by side (the
 * refused text is the one its author still has in hand). On both databases, where the two
 * transactions really overlap (PostgreSQL) or queue on the write lock (SQLite).
 */
async function setup(store: SqlStore) {
  const { planId, organizationId } = await importDocument(store, buildPlanDocument(), {
    organization: FACTORY_ORGANIZATION,
  });
  const secretariat = await makeAccount(store, organizationId, "jimukyoku", ["secretariat"]);
  const editorA = await makeAccount(store, organizationId, "seisaku-a", ["editor"], ["政策企画課"]);
  const editorB = await makeAccount(store, organizationId, "seisaku-b", ["editor"], ["政策企画課"]);
  const round = await openRound(store, actingAs(secretariat), { planId, fiscalYear: 2020 });
  await moveRound(store, actingAs(secretariat), {
    roundId: round.id,
    expectedVersion: round.version,
    to: "entry",
  });
  return { planId, organizationId, secretariat, editorA, editorB, round };
}

const report = async (store: SqlStore, roundId: number, number = 1) => {
  const found = await store.reports.find(roundId, number);
  if (!found) throw new Error("no report");
  return found;
};

/** The fulfilled values and the ConflictErrors of settled promises. */
function outcomes<T>(settled: PromiseSettledResult<T>[]) {
  const applied = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const refused = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
  return { applied, refused };
}

forEachDatabase((database) => {
  describe("two people at once", () => {
    it("saving the same report: one save applied, the other refused with the first one's text", async () => {
      const store = await database.open();
      const { planId, organizationId, editorA, editorB, round } = await setup(store);
      const start = await report(store, round.id);
      const texts = { a: "Aの取組内容：協定を2件締結した。", b: "Bの取組内容：協定を3件締結した。" };
      const save = (account: AccountRecord, text: string) =>
        saveReport(store, actingAs(account).actor, {
          principal: actingAs(account).principal,
          planId,
          fiscalYear: 2020,
          initiativeNumber: 1,
          expectedVersion: start.version,
          changes: { activities: text },
        });
      const { applied, refused } = outcomes(
        await Promise.allSettled([save(editorA, texts.a), save(editorB, texts.b)]),
      );
      expect(applied).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(ConflictError);
      const winner = applied[0]?.report.activities;
      const loserText = winner === texts.a ? texts.b : texts.a;
      expect([texts.a, texts.b]).toContain(winner);
      // The refused save carries the record as stored: the other person's text, one version on.
      const current = (refused[0] as ConflictError<ReportRecord>).current;
      expect(current.activities).toBe(winner);
      expect(current.version).toBe(start.version + 1);
      expect(current.activities).not.toBe(loserText);
      // Nothing of the refused save reached the store; exactly one update is in the audit log.
      const stored = await report(store, round.id);
      expect(stored).toMatchObject({ activities: winner, version: start.version + 1 });
      const updates = (
        await store.audit.list(organizationId, { entity: "report", entityId: start.id })
      ).filter((e) => e.action === "report.update");
      expect(updates).toHaveLength(1);
    });

    it("two committee members grading one initiative: one grade applied, the other refused with it", async () => {
      const store = await database.open();
      const { planId, organizationId, secretariat, round } = await setup(store);
      const iinA = await makeAccount(store, organizationId, "iin-a", ["committee"]);
      const iinB = await makeAccount(store, organizationId, "iin-b", ["committee"]);
      // No.1 accepted, the round in grading (the shortest legal path there).
      const no1 = await report(store, round.id);
      await store.db.updateTable("report").set({ state: "submitted" }).where("id", "=", no1.id).execute();
      await acceptReport(store, actingAs(secretariat), {
        planId,
        fiscalYear: 2020,
        initiativeNumber: 1,
        expectedVersion: no1.version,
      });
      for (const to of ["review", "grading"] as const) {
        const r = await store.rounds.get(round.id);
        await moveRound(store, actingAs(secretariat), {
          roundId: round.id,
          expectedVersion: r?.version ?? 0,
          to,
        });
      }
      const start = await report(store, round.id);
      const grade = (account: AccountRecord, g: "A" | "C", opinion: string) =>
        gradeReport(store, actingAs(account), {
          planId,
          fiscalYear: 2020,
          initiativeNumber: 1,
          expectedVersion: start.version,
          grade: g,
          committeeOpinion: opinion,
        });
      const { applied, refused } = outcomes(
        await Promise.allSettled([
          grade(iinA, "A", "順調に進んでいる。"),
          grade(iinB, "C", "協定の活用が遅れている。"),
        ]),
      );
      expect(applied).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(ConflictError);
      const current = (refused[0] as ConflictError<ReportRecord>).current;
      expect([current.grade, current.committeeOpinion]).toEqual([
        applied[0]?.grade,
        applied[0]?.committeeOpinion,
      ]);
      expect(await report(store, round.id)).toMatchObject({
        grade: applied[0]?.grade,
        committeeOpinion: applied[0]?.committeeOpinion,
        version: start.version + 1,
        state: "graded",
      });
    });

    it("through the API: two tokens PATCH the same report, one 200 and one 409 with the current text", async () => {
      const store = await database.open();
      const { planId, editorA, editorB, round } = await setup(store);
      const token = async (account: AccountRecord) => {
        const value = newToken();
        await store.transaction({ actor: actingAs(account).actor }, (tx) =>
          tx.tokens.createApiToken({
            organizationId: account.organizationId,
            accountId: account.id,
            name: "test",
            tokenHash: hashToken(value),
            now: new Date(),
          }),
        );
        return value;
      };
      const [tokenA, tokenB] = [await token(editorA), await token(editorB)];
      const app = createApp({ store, pageCache: false });
      const start = await report(store, round.id);
      const patch = (bearer: string, activities: string) =>
        app.request(`/api/v1/plans/${planId}/rounds/2020/reports/1`, {
          method: "PATCH",
          headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
          body: JSON.stringify({ expectedVersion: start.version, activities }),
        });
      const responses = await Promise.all([patch(tokenA, "Aの文章"), patch(tokenB, "Bの文章")]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const ok = responses.find((r) => r.status === 200);
      const conflict = responses.find((r) => r.status === 409);
      const saved = (await ok?.json()) as { activities: string; version: number };
      const problem = (await conflict?.json()) as { current: { activities: string; version: number } };
      expect(problem.current.activities).toBe(saved.activities);
      expect(problem.current.version).toBe(saved.version);
      expect((await report(store, round.id)).activities).toBe(saved.activities);
    });
  });
});
