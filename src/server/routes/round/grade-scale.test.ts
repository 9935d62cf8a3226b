import { describe, expect, it } from "vitest";
import { forEachDatabase, type TestDatabase } from "../../../../test/db.ts";
import { allMatches, seededApp, textOf } from "../../../../test/server-support.ts";
import type { GradeLevel } from "../../../domain/grade.ts";
import type { SqlStore } from "../../../store/sql-store.ts";
import type { Store } from "../../../store/types.ts";
import { acceptReport, moveRound, submitReport } from "../../../workflow/round.ts";
import { saveReport } from "../../../workflow/save-report.ts";
import { acting, type Cast, cast, get, openFy2020, post } from "./test-support.ts";

/**
 * The seed's plan graded on a city's own scale (◎ 順調 / ○ 概ね順調 / △ 遅れ / × 停止), on both
 * databases: the committee's grading form and the department's own view offer exactly the plan's
 * levels (the committee also 対象外), and a code of another scale (the default's A) comes back on
 * its field with the error summary, nothing written.
 */
const MARKS: GradeLevel[] = [
  { code: "◎", label: "順調" },
  { code: "○", label: "概ね順調" },
  { code: "△", label: "遅れ" },
  { code: "×", label: "停止" },
];

/** SQLite keeps a boolean as 0/1. */
function sqlBool(store: SqlStore, value: boolean): boolean | number {
  return store.dialect === "sqlite" ? Number(value) : value;
}

async function setup(database: TestDatabase, options: { notAssessedAllowed?: boolean } = {}) {
  const { app, store } = await seededApp(database);
  const who = await cast(store);
  // The plan editor (issue 8) sets a scale and whether 対象外 is allowed; here they are written
  // directly, before anything is read.
  await (store as SqlStore).db
    .updateTable("plan")
    .set({
      grade_scale: JSON.stringify(MARKS),
      not_assessed_allowed: sqlBool(store as SqlStore, options.notAssessedAllowed ?? true),
    })
    .where("id", "=", who.planId)
    .execute();
  await openFy2020(store, who);
  await move(store, who, "entry");
  return { app, store, who, base: `/o/sakado/manage/plans/${who.planId}/2020` };
}

async function move(store: Store, who: Cast, to: "entry" | "review" | "grading") {
  const round = await store.rounds.find(who.planId, 2020);
  if (!round) throw new Error("no FY2020");
  await moveRound(store, acting(who.secretariat), { roundId: round.id, expectedVersion: round.version, to });
}

async function reportOf(store: Store, who: Cast, number: number) {
  const round = await store.rounds.find(who.planId, 2020);
  const report = round && (await store.reports.find(round.id, number));
  if (!report) throw new Error(`no report ${number}`);
  return report;
}

/** No.1 entered by 政策企画課 (its own view ○), submitted and accepted. */
async function acceptNo1(store: Store, who: Cast) {
  const round = await store.rounds.find(who.planId, 2020);
  const snapshot = round && (await store.rounds.snapshot(round.id));
  const initiative = snapshot?.document.policies[0]?.initiatives[0];
  const target = { planId: who.planId, fiscalYear: 2020, initiativeNumber: 1 };
  const saved = await saveReport(store, acting(who.editor).actor, {
    ...target,
    principal: acting(who.editor).principal,
    expectedVersion: (await reportOf(store, who, 1)).version,
    changes: { activities: "連携協定を2件締結した。", nextYearGoal: "協定先を広げる。", selfGrade: "○" },
    kpiValues: (initiative?.kpis ?? [])
      .filter((k) => !k.relisted)
      .map((k) => ({ kpiId: snapshot?.links.kpis[k.key] ?? 0, text: "68件", expectedVersion: null })),
  });
  const submitted = await submitReport(store, acting(who.editor), {
    ...target,
    expectedVersion: saved.report.version,
  });
  await acceptReport(store, acting(who.secretariat), { ...target, expectedVersion: submitted.version });
}

forEachDatabase((database) => {
  describe("a plan's own grade scale on the round's pages", () => {
    it("committee grading offers ◎○△× and 対象外, refuses A on its field, saves ◎ and 対象外", async () => {
      const { app, store, who, base } = await setup(database);
      await acceptNo1(store, who);
      await move(store, who, "review");
      await move(store, who, "grading");
      const path = `${base}/grading`;
      const html = await (await get(app, path, who.committee)).text();
      const item = html.slice(html.indexOf('id="item-1"'));
      expect(allMatches(item, /<input type="radio" name="grade" value="([^"]+)"/).slice(0, 5)).toEqual([
        "◎",
        "○",
        "△",
        "×",
        "notAssessed",
      ]);
      expect(textOf(item)).toContain("◎ 順調 ○ 概ね順調 △ 遅れ × 停止 対象外");
      // The department's own view, on the plan's scale.
      expect(textOf(item)).toContain("所管課の自己評価 ○ 概ね順調");

      const before = await reportOf(store, who, 1);
      const refused = await post(app, `${path}/1`, who.committee, {
        version: String(before.version),
        grade: "A",
        opinion: "良い",
      });
      expect(refused.status).toBe(400);
      const page = await refused.text();
      const message =
        "「A」はこの計画の進捗状況の区分にありません。◎ 順調、○ 概ね順調、△ 遅れ、× 停止、または対象外から選んでください。";
      expect(page).toMatch(new RegExp(`<a href="#grade-1">${message}</a>`));
      expect(page).toContain('id="grade-1-error"');
      // What was typed is kept.
      expect(page).toContain("良い</textarea>");
      expect(await reportOf(store, who, 1)).toMatchObject({ version: before.version, grade: null });

      const graded = await post(app, `${path}/1`, who.committee, {
        version: String(before.version),
        grade: "◎",
        opinion: "順調に進んでいる。",
      });
      expect(graded.status).toBe(303);
      expect(await reportOf(store, who, 1)).toMatchObject({
        grade: "◎",
        notAssessed: false,
        state: "graded",
      });
      const after = await (await get(app, path, who.committee)).text();
      expect(after).toMatch(/<input type="radio" name="grade" value="◎" id="grade-1" checked=""/);

      const skipped = await post(app, `${path}/1`, who.committee, {
        version: String((await reportOf(store, who, 1)).version),
        grade: "notAssessed",
        opinion: "今年度は評価しない。",
      });
      expect(skipped.status).toBe(303);
      expect(await reportOf(store, who, 1)).toMatchObject({ grade: null, notAssessed: true });
      const last = await (await get(app, path, who.committee)).text();
      expect(last).toMatch(/value="notAssessed" id="grade-1-notAssessed" checked=""/);
      expect(textOf(last)).toContain("評価対象項目 23件・対象外項目 1件");
    });

    it("a plan that does not allow 対象外: grading offers only the levels and refuses a forged 対象外 on its field", async () => {
      const { app, store, who, base } = await setup(database, { notAssessedAllowed: false });
      await acceptNo1(store, who);
      await move(store, who, "review");
      await move(store, who, "grading");
      const path = `${base}/grading`;
      const html = await (await get(app, path, who.committee)).text();
      const item = html.slice(html.indexOf('id="item-1"'), html.indexOf('id="item-2"'));
      expect(allMatches(item, /<input type="radio" name="grade" value="([^"]+)"/)).toEqual([
        "◎",
        "○",
        "△",
        "×",
      ]);
      expect(html).not.toContain('value="notAssessed"');

      const before = await reportOf(store, who, 1);
      const refused = await post(app, `${path}/1`, who.committee, {
        version: String(before.version),
        grade: "notAssessed",
        opinion: "今年度は評価しない。",
      });
      expect(refused.status).toBe(400);
      const page = await refused.text();
      expect(page).toContain(
        '<a href="#grade-1">この計画では対象外を選べません。◎ 順調、○ 概ね順調、△ 遅れ、× 停止から選んでください（対象外を認めるかどうかは、事務局が計画の設定で決めます）。</a>',
      );
      expect(page).toContain('id="grade-1-error"');
      expect(page).toContain("今年度は評価しない。</textarea>");
      expect(await reportOf(store, who, 1)).toMatchObject({
        version: before.version,
        grade: null,
        notAssessed: false,
        state: "accepted",
      });
      // A code off the scale is refused without offering 対象外.
      const off = await post(app, `${path}/1`, who.committee, {
        version: String(before.version),
        grade: "A",
        opinion: "",
      });
      expect(off.status).toBe(400);
      expect(await off.text()).toContain(
        '<a href="#grade-1">「A」はこの計画の進捗状況の区分にありません。◎ 順調、○ 概ね順調、△ 遅れ、× 停止から選んでください。</a>',
      );

      const graded = await post(app, `${path}/1`, who.committee, {
        version: String(before.version),
        grade: "△",
        opinion: "遅れている。",
      });
      expect(graded.status).toBe(303);
      expect(await reportOf(store, who, 1)).toMatchObject({
        grade: "△",
        notAssessed: false,
        state: "graded",
      });
    });

    it("the department's own view on the entry page offers the plan's levels and refuses another code", async () => {
      const { app, store, who, base } = await setup(database);
      const page = `${base}/initiatives/1`;
      const html = await (await get(app, page, who.editor)).text();
      expect(allMatches(html, /<input type="radio" name="selfGrade" id="[^"]+" value="([^"]*)"/)).toEqual([
        "◎",
        "○",
        "△",
        "×",
        "",
      ]);
      expect(html).toContain('id="selfGrade-△"');
      const version = String((await reportOf(store, who, 1)).version);
      const refused = await post(app, page, who.editor, {
        version,
        intent: "save",
        activities: "書いた。",
        selfGrade: "A",
      });
      expect(refused.status).toBe(400);
      const text = await refused.text();
      expect(text).toContain(
        '<a href="#selfGrade">進捗の見立ては、この計画の区分（◎ 順調、○ 概ね順調、△ 遅れ、× 停止）から選ぶか、「選ばない」にしてください。</a>',
      );
      expect(await reportOf(store, who, 1)).toMatchObject({ activities: "", selfGrade: null });

      const saved = await post(app, page, who.editor, {
        version,
        intent: "save",
        activities: "書いた。",
        selfGrade: "△",
      });
      expect(saved.status).toBe(303);
      expect(await reportOf(store, who, 1)).toMatchObject({ activities: "書いた。", selfGrade: "△" });
      expect(await (await get(app, page, who.editor)).text()).toMatch(
        /name="selfGrade" id="selfGrade-△" value="△" checked=""/,
      );
    });
  });
});
