import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { forEachDatabase, type TestDatabase } from "../../../../test/db.ts";
import { seededApp, textOf } from "../../../../test/server-support.ts";
import type { Store } from "../../../store/types.ts";
import { acceptReport, gradeReport, moveRound, submitReport } from "../../../workflow/round.ts";
import { saveReport } from "../../../workflow/save-report.ts";
import { acting, type Cast, cast, get, openFy2020, post } from "./test-support.ts";

/**
 * The round's pages on both databases: who may do what (allowed, refused by role and by state),
 * and that a refusal writes nothing. The seed is 坂戸市's FY2019 table (24 initiatives: (ア) No.1–7,
 * (イ) No.8–19, (ウ) No.20–24; 政策企画課 is among the 関係課 of No.1, 2, 4, 6, 8, 9, 10, 14, 17, 18,
 * 19, 23, 24; 財政課 of No.5, 12, 15).
 */

async function setup(database: TestDatabase) {
  const { app, store } = await seededApp(database);
  const who = await cast(store);
  return { app, store, who, base: `/o/sakado/manage/plans/${who.planId}` };
}

async function round2020(store: Store, who: Cast) {
  const round = await store.rounds.find(who.planId, 2020);
  if (!round) throw new Error("no FY2020");
  return round;
}

async function toState(store: Store, who: Cast, states: ("entry" | "review" | "grading")[]) {
  for (const to of states) {
    const round = await round2020(store, who);
    await moveRound(store, acting(who.secretariat), {
      roundId: round.id,
      expectedVersion: round.version,
      to,
    });
  }
}

async function reportVersion(store: Store, who: Cast, number: number) {
  const round = await round2020(store, who);
  return (await store.reports.find(round.id, number))?.version ?? 0;
}

/** No.1 entered completely by its lead department (政策企画課) and submitted. */
async function submitNo1(store: Store, who: Cast, activities = "連携協定を2件締結した。") {
  const round = await round2020(store, who);
  const snapshot = await store.rounds.snapshot(round.id);
  const initiative = snapshot?.document.policies[0]?.initiatives[0];
  const kpiIds = (initiative?.kpis ?? [])
    .filter((k) => !k.relisted)
    .map((k) => snapshot?.links.kpis[k.key] ?? 0);
  const target = { planId: who.planId, fiscalYear: 2020, initiativeNumber: 1 };
  await saveReport(store, acting(who.editor).actor, {
    ...target,
    principal: acting(who.editor).principal,
    expectedVersion: await reportVersion(store, who, 1),
    changes: {
      activities,
      nextYearGoal: "協定先を広げる。",
      selfGrade: "B",
      selfGradeReason: "協定は増えた",
    },
    kpiValues: kpiIds.map((kpiId) => ({ kpiId, text: "68件", expectedVersion: null })),
  });
  await submitReport(store, acting(who.editor), {
    ...target,
    expectedVersion: await reportVersion(store, who, 1),
  });
}

async function auditCount(store: Store, who: Cast) {
  return (await store.audit.list(who.organizationId, { limit: 100_000 })).length;
}

forEachDatabase((database) => {
  describe("round management", () => {
    it("opens FY2020 from FY2019 with a 和暦 as-of date; refuses others, a bad date and a second opening without writing", async () => {
      const { app, store, who, base } = await setup(database);
      const form = await get(app, `${base}/rounds/new`, who.secretariat);
      expect(form.status).toBe(200);
      expect(await form.text()).toContain('value="2020"');
      expect((await get(app, `${base}/rounds/new`, who.editor)).status).toBe(403);
      expect((await get(app, `${base}/rounds/new`, who.stranger)).status).toBe(404);
      const anonymous = await get(app, `${base}/rounds/new`);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get("Location")).toContain("/o/sakado/login");

      const fields = { fiscalYear: "2020", asOf: "令和3年3月31日", entryDeadline: "2021-05-31" };
      expect((await post(app, `${base}/rounds/new`, who.editor, fields)).status).toBe(403);
      expect((await post(app, `${base}/rounds/new`, who.committee, fields)).status).toBe(403);
      expect((await post(app, `${base}/rounds/new`, who.secretariat, fields, { csrf: false })).status).toBe(
        403,
      );
      const bad = await post(app, `${base}/rounds/new`, who.secretariat, {
        ...fields,
        asOf: "令和3年2月30日",
      });
      expect(bad.status).toBe(400);
      const badHtml = await bad.text();
      expect(badHtml).toContain("<title>エラー：");
      expect(badHtml).toContain('href="#asOf"');
      expect(badHtml).toContain('value="令和3年2月30日"');
      expect(await store.rounds.find(who.planId, 2020)).toBeUndefined();

      const opened = await post(app, `${base}/rounds/new`, who.secretariat, fields);
      expect(opened.status).toBe(303);
      expect(opened.headers.get("Location")).toBe(`${base}/2020/settings?done=opened`);
      expect(await round2020(store, who)).toMatchObject({
        state: "preparing",
        asOf: "2021-03-31",
        entryDeadline: "2021-05-31",
      });
      const entries = await auditCount(store, who);
      const again = await post(app, `${base}/rounds/new`, who.secretariat, fields);
      expect(again.status).toBe(409);
      expect(textOf(await again.text())).toContain("この年度の進行管理はすでにあります。");
      expect(await auditCount(store, who)).toBe(entries);
    });

    it("the management home lists each year: 集計表（案） for the year at work, the public page for the published one", async () => {
      const { app, store, who, base } = await setup(database);
      await openFy2020(store, who);
      const html = await (await get(app, "/o/sakado/manage", who.editor)).text();
      const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? "");
      const row2019 = rows.find((r) => r.includes("令和元年度（2019年度）")) ?? "";
      const row2020 = rows.find((r) => r.includes("令和2年度（2020年度）")) ?? "";
      expect(textOf(html)).toContain("年度 状態 集計表（案）");
      expect(row2019).not.toContain(`${base}/2019/table`);
      expect(row2019).toContain("公表中のページ");
      expect(row2020).toContain(`href="${base}/2020/table"`);
      expect(textOf(row2020)).toContain("準備中 集計表（案）");
    });

    it("moves the round forward, and back only with a reason (audited); a stale form or another role changes nothing", async () => {
      const { app, store, who, base } = await setup(database);
      await openFy2020(store, who);
      const path = `${base}/2020/move`;
      const v = async () => String((await round2020(store, who)).version);
      expect((await post(app, path, who.editor, { to: "entry", version: await v() })).status).toBe(403);
      expect((await post(app, path, who.committee, { to: "entry", version: await v() })).status).toBe(403);
      expect((await round2020(store, who)).state).toBe("preparing");
      const forward = await post(app, path, who.secretariat, { to: "entry", version: await v() });
      expect(forward.status).toBe(303);
      expect((await round2020(store, who)).state).toBe("entry");
      // Two stages at once, or to published, are refused.
      const skip = await post(app, path, who.secretariat, { to: "grading", version: await v() });
      expect(skip.status).toBe(409);
      expect(textOf(await skip.text())).toContain("一つずつ進めるか一つ戻す");
      const entries = await auditCount(store, who);
      const noReason = await post(app, path, who.secretariat, {
        to: "preparing",
        version: await v(),
        reason: " ",
      });
      expect(noReason.status).toBe(400);
      expect(await noReason.text()).toContain('href="#reason"');
      expect((await round2020(store, who)).state).toBe("entry");
      const stale = await post(app, path, who.secretariat, { to: "preparing", version: "1", reason: "誤り" });
      expect(stale.status).toBe(409);
      expect(await auditCount(store, who)).toBe(entries);
      const back = await post(app, path, who.secretariat, {
        to: "preparing",
        version: await v(),
        reason: "締切を見直すため",
      });
      expect(back.status).toBe(303);
      const round = await round2020(store, who);
      expect(round.state).toBe("preparing");
      const [last] = await store.audit.list(who.organizationId, {
        entity: "reporting_round",
        entityId: round.id,
      });
      expect(last?.after).toMatchObject({ state: "preparing", reason: "締切を見直すため" });
      expect(last?.actorName).toBe("jimukyoku");
    });

    it("changes the as-of date and deadline (和暦 or 西暦); refuses an unreadable date and another role", async () => {
      const { app, store, who, base } = await setup(database);
      await openFy2020(store, who);
      const path = `${base}/2020/settings`;
      const page = await get(app, path, who.secretariat);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('value="令和3年3月31日"');
      const v = String((await round2020(store, who)).version);
      expect((await post(app, path, who.viewer, { version: v, asOf: "2021-03-31" })).status).toBe(403);
      const bad = await post(app, path, who.secretariat, { version: v, asOf: "来年", entryDeadline: "" });
      expect(bad.status).toBe(400);
      expect((await round2020(store, who)).asOf).toBe("2021-03-31");
      const ok = await post(app, path, who.secretariat, {
        version: v,
        asOf: "R3.3.31",
        entryDeadline: "令和3年6月30日",
      });
      expect(ok.status).toBe(303);
      expect(await round2020(store, who)).toMatchObject({ asOf: "2021-03-31", entryDeadline: "2021-06-30" });
      const dashboard = textOf(await (await get(app, `${base}/2020`, who.secretariat)).text());
      expect(dashboard).toContain("現在の段階：準備中 ／ 入力の締切：令和3年6月30日（2021年6月30日）");
    });
  });

  describe("dashboard", () => {
    it("counts reports per state, filters by department and 基本方針, marks what is overdue and names the last change", async () => {
      const { app, store, who, base } = await setup(database);
      await openFy2020(store, who);
      await toState(store, who, ["entry"]);
      await submitNo1(store, who);
      const path = `${base}/2020`;
      expect((await get(app, path, who.editor)).status).toBe(403);
      expect((await get(app, path, who.committee)).status).toBe(403);
      expect((await get(app, path, who.stranger)).status).toBe(404);
      const all = await get(app, path, who.secretariat);
      expect(all.status).toBe(200);
      const html = await all.text();
      const count = (page: string, state: string) =>
        new RegExp(`data-state="${state}">(\\d+)<`).exec(page)?.[1];
      expect(count(html, "notStarted")).toBe("23");
      expect(count(html, "submitted")).toBe("1");
      expect(count(html, "total")).toBe("24");
      // The deadline (2021-05-31) is past: the 23 not submitted are overdue, No.1 is not.
      expect(count(html, "overdue")).toBe("23");
      const row1 = /<tr data-number="1">([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? "";
      expect(textOf(row1)).toContain("提出済");
      expect(textOf(row1)).not.toContain("締切超過");
      expect(textOf(row1)).toContain("seisaku");
      expect(textOf(row1)).toContain("報告を更新");
      expect(row1).toContain(`${base}/2020/review/1`);

      const departments = await store.departments.list(who.organizationId);
      const id = (name: string) => String(departments.find((d) => d.name === name)?.id);
      const seisaku = await (
        await get(app, `${path}?department=${id("政策企画課")}`, who.secretariat)
      ).text();
      expect(count(seisaku, "total")).toBe("13");
      expect(count(seisaku, "submitted")).toBe("1");
      const policy1 = await (await get(app, `${path}?policy=1`, who.secretariat)).text();
      expect(count(policy1, "total")).toBe("7");
      const both = await (
        await get(app, `${path}?department=${id("財政課")}&policy=2`, who.secretariat)
      ).text();
      expect(count(both, "total")).toBe("2");
      expect([...both.matchAll(/<tr data-number="(\d+)">/g)].map((m) => m[1])).toEqual(["12", "15"]);
    });
  });

  describe("review", () => {
    it("returns with a required comment, accepts, comments; refuses other roles and wrong states without writing", async () => {
      const { app, store, who, base } = await setup(database);
      await openFy2020(store, who);
      await toState(store, who, ["entry"]);
      const path = `${base}/2020/review/1`;
      // Not submitted yet: neither return nor accept is offered, and a POST is refused.
      const early = await get(app, path, who.secretariat);
      expect(early.status).toBe(200);
      const earlyHtml = await early.text();
      expect(earlyHtml).not.toContain(`${path}/accept`);
      expect(
        (
          await post(app, `${path}/accept`, who.secretariat, {
            version: String(await reportVersion(store, who, 1)),
          })
        ).status,
      ).toBe(409);

      await submitNo1(store, who);
      const page = await (await get(app, path, who.secretariat)).text();
      expect(textOf(page)).toContain("連携協定を2件締結した。");
      // Beside last year's: FY2019's (H) is this year's reference.
      expect(textOf(page)).toContain("前年度 令和元年度（2019年度）");
      expect(page).toContain(`${path}/return`);
      expect((await get(app, path, who.editor)).status).toBe(403);
      expect((await get(app, path, who.committee)).status).toBe(403);

      const v = async () => String(await reportVersion(store, who, 1));
      const round = await round2020(store, who);
      const report = async () => store.reports.find(round.id, 1);
      const entries = await auditCount(store, who);
      expect(
        (await post(app, `${path}/return`, who.editor, { version: await v(), returnComment: "x" })).status,
      ).toBe(403);
      expect((await post(app, `${path}/accept`, who.committee, { version: await v() })).status).toBe(403);
      const empty = await post(app, `${path}/return`, who.secretariat, {
        version: await v(),
        returnComment: "  ",
      });
      expect(empty.status).toBe(400);
      expect(await empty.text()).toContain('href="#returnComment"');
      expect(await auditCount(store, who)).toBe(entries);
      expect((await report())?.state).toBe("submitted");

      const returned = await post(app, `${path}/return`, who.secretariat, {
        version: await v(),
        returnComment: "KPIの単位を確認してください。",
      });
      expect(returned.status).toBe(303);
      expect((await report())?.state).toBe("returned");
      const comments = await store.comments.list((await report())?.id ?? 0);
      expect(comments.map((c) => [c.kind, c.body])).toEqual([["return", "KPIの単位を確認してください。"]]);
      // Returned: accept is refused (nothing written), the thread shows the comment.
      const afterReturn = await auditCount(store, who);
      expect((await post(app, `${path}/accept`, who.secretariat, { version: await v() })).status).toBe(409);
      expect(await auditCount(store, who)).toBe(afterReturn);

      await submitReport(store, acting(who.editor), {
        planId: who.planId,
        fiscalYear: 2020,
        initiativeNumber: 1,
        expectedVersion: Number(await v()),
      });
      expect(
        (
          await post(app, `${path}/comment`, who.secretariat, {
            version: await v(),
            commentBody: "確認します",
          })
        ).status,
      ).toBe(303);
      const accepted = await post(app, `${path}/accept`, who.secretariat, {
        version: await v(),
        acceptComment: "",
      });
      expect(accepted.status).toBe(303);
      expect(accepted.headers.get("Location")).toBe(`${path}?done=accept`);
      expect((await report())?.state).toBe("accepted");
      const thread = textOf(await (await get(app, `${path}?done=accept`, who.secretariat)).text());
      expect(thread).toContain("KPIの単位を確認してください。");
      expect(thread).toContain("確認します");
      expect(thread).toContain("確認済みにしました。");
    });

    it("lets the secretariat correct the wording (saved as the report, audited, noted in the thread); a stale form shows both texts", async () => {
      const { app, store, who, base } = await setup(database);
      await openFy2020(store, who);
      await toState(store, who, ["entry"]);
      await submitNo1(store, who, "連携協定を２件締結した。");
      const path = `${base}/2020/review/1`;
      const round = await round2020(store, who);
      const read = await store.reports.find(round.id, 1);
      const version = String(read?.version);
      const fixed = await post(app, `${path}/fix`, who.secretariat, {
        version,
        activities: "連携協定を2件締結した。",
        nextYearGoal: "協定先を広げる。",
        fixNote: "全角数字を半角にしました",
      });
      expect(fixed.status).toBe(303);
      const after = await store.reports.find(round.id, 1);
      expect(after?.activities).toBe("連携協定を2件締結した。");
      // The state is the department's: still submitted.
      expect(after?.state).toBe("submitted");
      const [entry] = await store.audit.list(who.organizationId, {
        entity: "report",
        entityId: after?.id ?? 0,
      });
      const comments = await store.comments.list(after?.id ?? 0);
      expect(comments.at(-1)).toMatchObject({ kind: "correction", authorName: "jimukyoku" });
      expect(comments.at(-1)?.body).toContain("全角数字を半角にしました");
      expect(entry?.action).toBe("comment.correction");
      const update = (
        await store.audit.list(who.organizationId, { entity: "report", entityId: after?.id ?? 0 })
      ).find((e) => e.action === "report.update");
      expect(update).toMatchObject({
        actorName: "jimukyoku",
        before: { activities: "連携協定を２件締結した。" },
        after: { activities: "連携協定を2件締結した。" },
      });

      // The same form sent again (its version is now old): nothing applied, both texts shown.
      const entries = await auditCount(store, who);
      const stale = await post(app, `${path}/fix`, who.secretariat, {
        version,
        activities: "別の直し",
        nextYearGoal: "協定先を広げる。",
      });
      expect(stale.status).toBe(409);
      const html = textOf(await stale.text());
      expect(html).toContain("あなたの入力");
      expect(html).toContain("別の直し");
      expect(html).toContain("連携協定を2件締結した。");
      expect(await auditCount(store, who)).toBe(entries);
      expect((await store.reports.find(round.id, 1))?.activities).toBe("連携協定を2件締結した。");
      // The department sees the correction in its report's thread (the same store rows).
      expect(await store.comments.list(after?.id ?? 0)).toHaveLength(1);
    });
  });

  describe("my work for the secretariat and the committee", () => {
    it("lists what waits for the reader: submitted reports for the secretariat, accepted ones for the committee once grading", async () => {
      const { app, store, who, base } = await setup(database);
      await openFy2020(store, who);
      await toState(store, who, ["entry"]);
      const before = textOf(await (await get(app, "/o/sakado/manage/my-work", who.secretariat)).text());
      expect(before).toContain("確認や評価を待っている報告はありません。");

      await submitNo1(store, who);
      const secretariat = await (await get(app, "/o/sakado/manage/my-work", who.secretariat)).text();
      expect(textOf(secretariat)).toContain("提出され、事務局の確認を待つ報告（1件）");
      expect(secretariat).toContain(`href="${base}/2020/review/1"`);
      // The committee has nothing to grade before the round is in grading.
      const committeeEarly = await (await get(app, "/o/sakado/manage/my-work", who.committee)).text();
      expect(committeeEarly).not.toContain("本部会の評価を待つ");
      expect(committeeEarly).not.toContain(`${base}/2020/review/1`);

      await acceptReport(store, acting(who.secretariat), {
        planId: who.planId,
        fiscalYear: 2020,
        initiativeNumber: 1,
        expectedVersion: await reportVersion(store, who, 1),
      });
      await toState(store, who, ["review", "grading"]);
      const secretariatAfter = textOf(
        await (await get(app, "/o/sakado/manage/my-work", who.secretariat)).text(),
      );
      expect(secretariatAfter).not.toContain("事務局の確認を待つ報告");
      const committee = await (await get(app, "/o/sakado/manage/my-work", who.committee)).text();
      expect(textOf(committee)).toContain("確認済みで、本部会の評価を待つ取組項目（1件）");
      expect(committee).toContain(`href="${base}/2020/grading#item-1"`);
      // A department editor still sees its own reports, not the waiting lists.
      const editor = textOf(await (await get(app, "/o/sakado/manage/my-work", who.editor)).text());
      expect(editor).not.toContain("待っているもの");
    });
  });

  describe("grading", () => {
    it("lets committee members grade accepted reports; the summary updates; of two saves from one version exactly one applies", async () => {
      const { app, store, who, base } = await setup(database);
      await openFy2020(store, who);
      await toState(store, who, ["entry"]);
      await submitNo1(store, who);
      const target = { planId: who.planId, fiscalYear: 2020, initiativeNumber: 1 };
      await acceptReport(store, acting(who.secretariat), {
        ...target,
        expectedVersion: await reportVersion(store, who, 1),
      });
      const path = `${base}/2020/grading`;
      expect((await get(app, path, who.editor)).status).toBe(403);
      expect((await get(app, path, who.viewer)).status).toBe(403);
      const page = await get(app, path, who.committee);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('id="item-1"');
      expect(html).not.toContain('id="item-2"');
      expect(textOf(html)).toContain("評価中ではありません");
      // Not yet grading: refused, nothing written.
      const v = String(await reportVersion(store, who, 1));
      expect(
        (await post(app, `${path}/1`, who.committee, { version: v, grade: "A", opinion: "" })).status,
      ).toBe(409);
      await toState(store, who, ["review", "grading"]);

      expect((await post(app, `${path}/1`, who.editor, { version: v, grade: "A", opinion: "" })).status).toBe(
        403,
      );
      const noGrade = await post(app, `${path}/1`, who.committee, { version: v, grade: "", opinion: "良い" });
      expect(noGrade.status).toBe(400);
      expect(await noGrade.text()).toContain('href="#grade-1"');

      const first = await post(app, `${path}/1`, who.committee, {
        version: v,
        grade: "B",
        opinion: "順調に進んでいる。",
      });
      expect(first.status).toBe(303);
      const entries = await auditCount(store, who);
      const second = await post(app, `${path}/1`, who.committee2, {
        version: v,
        grade: "C",
        opinion: "遅れがある。",
      });
      expect(second.status).toBe(409);
      const conflict = textOf(await second.text());
      expect(conflict).toContain("遅れがある。");
      expect(conflict).toContain("順調に進んでいる。");
      expect(await auditCount(store, who)).toBe(entries);
      const round = await round2020(store, who);
      expect(await store.reports.find(round.id, 1)).toMatchObject({
        grade: "B",
        committeeOpinion: "順調に進んでいる。",
        state: "graded",
      });
      // The summary counts the saved grade: overall and (ア).
      const after = await (await get(app, path, who.committee)).text();
      const rows = [
        ...after.matchAll(
          /<tr>\s*<th scope="row"[^>]*>([^<]*)<\/th>\s*<td class="num">([^<]*)<\/td>\s*<td class="num">([^<]*)</g,
        ),
      ].map((m) => [m[1], m[3]]);
      expect(rows.find((r) => r[0]?.includes("市民と行政"))?.[1]).toMatch(/^1/);
    });
  });

  describe("publication", () => {
    it("publishes from a confirmation page, then a correction needs a reason and makes revision 2; the public pages list and compare both", async () => {
      const { app, store, who, base } = await setup(database);
      await openFy2020(store, who);
      await toState(store, who, ["entry"]);
      // Every report accepted: No.1 entered; the others by the secretariat for the test.
      const round = await round2020(store, who);
      await submitNo1(store, who);
      for (const report of await store.reports.list(round.id)) {
        const target = { planId: who.planId, fiscalYear: 2020, initiativeNumber: report.initiativeNumber };
        if (report.initiativeNumber !== 1) {
          const snapshot = await store.rounds.snapshot(round.id);
          const initiative = snapshot?.document.policies
            .flatMap((p) => p.initiatives)
            .find((i) => i.number === report.initiativeNumber);
          await saveReport(store, acting(who.secretariat).actor, {
            ...target,
            principal: acting(who.secretariat).principal,
            expectedVersion: report.version,
            changes: { activities: `取組${report.initiativeNumber}`, nextYearGoal: "継続" },
            kpiValues: (initiative?.kpis ?? [])
              .filter((k) => !k.relisted)
              .map((k) => ({ kpiId: snapshot?.links.kpis[k.key] ?? 0, text: "1件", expectedVersion: null })),
          });
          await submitReport(store, acting(who.secretariat), {
            ...target,
            expectedVersion: await reportVersion(store, who, report.initiativeNumber),
          });
        }
        await acceptReport(store, acting(who.secretariat), {
          ...target,
          expectedVersion: await reportVersion(store, who, report.initiativeNumber),
        });
      }
      await toState(store, who, ["review", "grading"]);
      await gradeReport(store, acting(who.committee), {
        planId: who.planId,
        fiscalYear: 2020,
        initiativeNumber: 1,
        expectedVersion: await reportVersion(store, who, 1),
        grade: "A",
        committeeOpinion: "順調。",
      });
      const path = `${base}/2020/publish`;
      expect((await get(app, path, who.committee)).status).toBe(403);
      const confirm = await get(app, path, who.secretariat);
      expect(confirm.status).toBe(200);
      expect(textOf(await confirm.text())).toContain("この内容で公表する");
      const v = async () => String((await round2020(store, who)).version);
      expect((await post(app, path, who.committee, { version: await v() })).status).toBe(403);
      expect((await store.publications.revisions(who.planId, 2020)).length).toBe(0);
      const published = await post(app, path, who.secretariat, { version: await v() });
      expect(published.status).toBe(303);
      expect(published.headers.get("Location")).toBe(`${path}?done=1`);
      // The public page shows FY2020 now (no session).
      const publicPage = await get(app, `/o/sakado/plans/${who.planId}/2020`);
      expect(publicPage.status).toBe(200);

      // A second publish while published is refused; correcting needs the round back in grading.
      expect((await post(app, path, who.secretariat, { version: await v() })).status).toBe(409);
      const back = await post(app, `${base}/2020/move`, who.secretariat, {
        to: "grading",
        version: await v(),
        reason: "No.1の誤記を訂正",
      });
      expect(back.status).toBe(303);
      await post(app, `${base}/2020/review/1/fix`, who.secretariat, {
        version: String(await reportVersion(store, who, 1)),
        activities: "連携協定を3件締結した。",
        nextYearGoal: "協定先を広げる。",
      });
      const noReason = await post(app, path, who.secretariat, { version: await v(), reason: "" });
      expect(noReason.status).toBe(400);
      expect((await store.publications.revisions(who.planId, 2020)).length).toBe(1);
      const corrected = await post(app, path, who.secretariat, {
        version: await v(),
        reason: "No.1の件数の誤記",
      });
      expect(corrected.status).toBe(303);
      const revisions = await store.publications.revisions(who.planId, 2020);
      expect(revisions.map((r) => [r.revision, r.reason])).toEqual([
        [1, null],
        [2, "No.1の件数の誤記"],
      ]);

      const list = await get(app, `/o/sakado/plans/${who.planId}/2020/revisions`);
      expect(list.status).toBe(200);
      const listHtml = await list.text();
      expect([...listHtml.matchAll(/data-revision="(\d+)"/g)].map((m) => m[1])).toEqual(["2", "1"]);
      expect(textOf(listHtml)).toContain("No.1の件数の誤記");
      expect(listHtml).toContain(`/o/sakado/plans/${who.planId}/2020/revisions/1/json`);
      const first = await get(app, `/o/sakado/plans/${who.planId}/2020/revisions/1/json`);
      expect(first.status).toBe(200);
      const firstDoc = JSON.parse(Buffer.from(await first.arrayBuffer()).toString("utf8"));
      expect(firstDoc.policies[0].initiatives[0].activities).toBe("連携協定を2件締結した。");

      const diff = await get(app, `/o/sakado/plans/${who.planId}/2020/revisions/compare?from=1&to=2`);
      expect(diff.status).toBe(200);
      const diffHtml = await diff.text();
      const rows = [
        ...diffHtml.matchAll(/<tr>\s*<th scope="row"[^>]*>([\s\S]*?)<\/th>([\s\S]*?)<\/tr>/g),
      ].map((m) => textOf(`${m[1]} | ${m[2]}`));
      expect(rows).toEqual(["No.1 | (D) 取組内容 連携協定を2件締結した。 連携協定を3件締結した。"]);
      expect(
        (await get(app, `/o/sakado/plans/${who.planId}/2020/revisions/compare?from=1&to=9`)).status,
      ).toBe(404);
    });
  });

  describe("history and audit log", () => {
    it("shows an initiative's changes (who, what, before → after) and downloads the round's log as formula-safe CSV, for the secretariat only", async () => {
      const { app, store, who, base } = await setup(database);
      await openFy2020(store, who);
      await toState(store, who, ["entry"]);
      await submitNo1(store, who, '=HYPERLINK("http://x")');
      const history = await get(app, `${base}/2020/history/1`, who.secretariat);
      expect(history.status).toBe(200);
      const text = textOf(await history.text());
      expect(text).toContain("seisaku");
      expect(text).toContain("(D) 取組内容");
      expect(text).toContain("=HYPERLINK");
      expect((await get(app, `${base}/2020/history/1`, who.editor)).status).toBe(403);

      const csv = await get(app, `${base}/2020/audit.csv`, who.secretariat);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      const body = await csv.text();
      const lines = body.replace(/^\ufeff/, "").split("\r\n");
      expect(lines[0]).toBe("日時,変更した人,操作,対象,対象ID,取組項目No.,項目,変更前,変更後");
      expect(lines.some((l) => l.includes(",round.open,reporting_round,"))).toBe(true);
      expect(lines.find((l) => l.includes(",round.state,reporting_round,"))).toMatch(
        /^\d{4}-\d\d-\d\dT[\d:.]+Z,jimukyoku,round.state,reporting_round,\d+,,状態,準備中,入力中$/,
      );
      expect(lines.filter((l) => l.includes(",kpiValue.create,kpi_value,"))).toHaveLength(3);
      const activities = lines.find((l) => l.includes("(D) 取組内容"));
      expect(activities).toContain("seisaku,report.update,report,");
      expect(activities).toContain(`,1,(D) 取組内容,,"'=HYPERLINK(""http://x"")"`);
      // Shift_JIS (CP932, no BOM) for Excel on Japanese Windows: the same rows.
      const sjis = await get(app, `${base}/2020/audit.csv?encoding=shift_jis`, who.secretariat);
      expect(sjis.status).toBe(200);
      expect(sjis.headers.get("Content-Type")).toBe("text/csv; charset=Shift_JIS");
      expect(sjis.headers.get("Content-Disposition")).toContain("audit-log-");
      expect(sjis.headers.get("Content-Disposition")).toContain("-sjis.csv");
      const bytes = Buffer.from(await sjis.arrayBuffer());
      expect([...bytes.subarray(0, 2)]).toEqual([...iconv.encode("日", "cp932")]);
      expect(iconv.decode(bytes, "cp932").split("\r\n")).toEqual(lines);
      expect(
        new Uint8Array(
          await (await get(app, `${base}/2020/audit.csv`, who.secretariat)).arrayBuffer(),
        ).subarray(0, 3),
      ).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
      expect((await get(app, `${base}/2020/audit.csv?encoding=euc-jp`, who.secretariat)).status).toBe(400);
      const dashboard = await (await get(app, `${base}/2020`, who.secretariat)).text();
      expect(dashboard).toContain(`href="${base}/2020/audit.csv?encoding=shift_jis"`);
      expect((await get(app, `${base}/2020/audit.csv`, who.committee)).status).toBe(403);
      expect((await get(app, `${base}/2020/audit.csv`, who.stranger)).status).toBe(404);
    });
  });
});
