import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acting,
  type Cast,
  cast,
  openFy2020,
  type Session,
} from "../../src/server/routes/round/test-support.ts";
import { acceptReport, moveRound, publishRound, submitReport } from "../../src/workflow/round.ts";
import { saveReport } from "../../src/workflow/save-report.ts";
import { describeViolations, type Harness, SCREENS, seriousViolations, startHarness } from "./harness.ts";

/**
 * The secretariat's and the committee's round pages in Chromium, signed in: axe finds no serious or
 * critical violation on any of them, a screenshot of each is kept, and the forms work without
 * JavaScript (the browser runs none of ours: the CSP forbids inline script and we serve none).
 *
 * State: FY2020 opened from the seed's FY2019, in 評価中 with No.1 entered, submitted and accepted;
 * FY2019 corrected after publication (revision 2) for the public revision pages.
 */
describe("round pages in a browser", () => {
  let h: Harness;
  let who: Cast;
  let base: string;

  beforeAll(async () => {
    h = await startHarness();
    const store = h.store;
    who = await cast(store);
    base = `/o/sakado/manage/plans/${who.planId}`;
    await openFy2020(store, who);
    const round = async (fy: number) => {
      const r = await store.rounds.find(who.planId, fy);
      if (!r) throw new Error("no round");
      return r;
    };
    const version = async (fy: number, n: number) =>
      (await store.reports.find((await round(fy)).id, n))?.version ?? 0;
    const move = async (fy: number, to: "entry" | "review" | "grading", reason?: string) => {
      const r = await round(fy);
      await moveRound(store, acting(who.secretariat), {
        roundId: r.id,
        expectedVersion: r.version,
        to,
        reason,
      });
    };
    await move(2020, "entry");
    const snapshot = await store.rounds.snapshot((await round(2020)).id);
    const no1 = snapshot?.document.policies[0]?.initiatives[0];
    const target = { planId: who.planId, fiscalYear: 2020, initiativeNumber: 1 };
    await saveReport(store, acting(who.editor).actor, {
      ...target,
      principal: acting(who.editor).principal,
      expectedVersion: await version(2020, 1),
      changes: {
        activities: "連携協定を2件締結した。",
        nextYearGoal: "協定先を広げる。",
        selfGrade: "B",
        selfGradeReason: "協定は増えた",
      },
      kpiValues: (no1?.kpis ?? [])
        .filter((k) => !k.relisted)
        .map((k, i) => ({
          kpiId: snapshot?.links.kpis[k.key] ?? 0,
          text: ["68件", "30件", "10,120人"][i] ?? "1件",
          expectedVersion: null,
        })),
    });
    await submitReport(store, acting(who.editor), { ...target, expectedVersion: await version(2020, 1) });
    await acceptReport(store, acting(who.secretariat), {
      ...target,
      expectedVersion: await version(2020, 1),
    });
    await move(2020, "review");
    await move(2020, "grading");

    // FY2019 corrected after publication: back to grading, No.1's (D) fixed, revision 2.
    const fy2019 = await round(2019);
    await moveRound(store, acting(who.secretariat), {
      roundId: fy2019.id,
      expectedVersion: fy2019.version,
      to: "grading",
      reason: "誤記の訂正",
    });
    await saveReport(store, acting(who.secretariat).actor, {
      planId: who.planId,
      fiscalYear: 2019,
      initiativeNumber: 1,
      principal: acting(who.secretariat).principal,
      expectedVersion: await version(2019, 1),
      changes: {
        activities: "大学との連携については、包括協定を締結した城西大学をはじめ、市内の大学と連携した。",
      },
    });
    const again = await round(2019);
    await publishRound(store, acting(who.secretariat), {
      roundId: again.id,
      expectedVersion: again.version,
      reason: "No.1 の取組内容の誤記を訂正",
    });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  async function signedIn(session: Session | undefined, javaScriptEnabled = true): Promise<BrowserContext> {
    const context = await h.browser.newContext({
      bypassCSP: true,
      javaScriptEnabled,
      viewport: { width: 1280, height: 900 },
      locale: "ja-JP",
    });
    if (session) {
      const [name, value] = session.cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url: h.base }]);
    }
    return context;
  }

  const PAGES: [
    name: string,
    path: (base: string, planId: number) => string,
    who: "secretariat" | "committee" | undefined,
  ][] = [
    ["round-open", (b) => `${b}/rounds/new`, "secretariat"],
    ["round-settings", (b) => `${b}/2020/settings`, "secretariat"],
    ["round-dashboard", (b) => `${b}/2020`, "secretariat"],
    ["round-review", (b) => `${b}/2020/review/1`, "secretariat"],
    ["round-grading", (b) => `${b}/2020/grading`, "committee"],
    ["round-publish", (b) => `${b}/2020/publish`, "secretariat"],
    ["round-history", (b) => `${b}/2020/history/1`, "secretariat"],
    ["round-dashboard-en", (b) => `${b}/2020?lang=en`, "secretariat"],
    ["revisions", (_, id) => `/o/sakado/plans/${id}/2019/revisions`, undefined],
    ["revisions-diff", (_, id) => `/o/sakado/plans/${id}/2019/revisions/compare?from=1&to=2`, undefined],
  ];

  for (const [name, path, role] of PAGES) {
    it(`${name}: axe finds no serious or critical WCAG 2.1 A/AA violation`, async () => {
      const context = await signedIn(role ? who[role] : undefined);
      const page = await context.newPage();
      const response = await page.goto(h.base + path(base, who.planId));
      expect(response?.status(), name).toBe(200);
      await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
      const violations = await seriousViolations(page);
      expect(violations, `${name}\n${describeViolations(violations)}`).toEqual([]);
      await context.close();
    }, 60_000);
  }

  it("forms post from the browser (same-origin check passes): a refused date shows the error summary; grading saves without JavaScript", async () => {
    // axe is a script: this part runs with JavaScript on (the pages themselves bring none).
    const context = await signedIn(who.secretariat);
    const page = await context.newPage();
    // Open-round form with an unreadable date: answered with the error summary, the typed value kept.
    await page.goto(`${h.base}${base}/rounds/new`);
    await page.fill("#fiscalYear", "2021");
    await page.fill("#asOf", "令和4年2月30日");
    await page.click("button[type=submit]:has-text('開始する')");
    expect(await page.title()).toMatch(/^エラー：/);
    expect(await page.inputValue("#asOf")).toBe("令和4年2月30日");
    await page.screenshot({ path: `${SCREENS}/round-open-error.png`, fullPage: true });
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await context.close();

    const committee = await signedIn(who.committee, false);
    const grading = await committee.newPage();
    await grading.goto(`${h.base}${base}/2020/grading`);
    await grading.check("#grade-1-B");
    await grading.fill("#opinion-1", "順調に進んでいる。");
    await grading.click("#item-1 button[type=submit]");
    expect(await grading.textContent("body")).toContain("No.1 の評価を保存しました。");
    // The summary counts it: overall and (ア) have one B of one graded (100%).
    const rows = await grading.locator("table.grade-summary tbody tr").allTextContents();
    expect(rows.filter((r) => r.includes("1件（100%）"))).toHaveLength(2);
    await grading.screenshot({ path: `${SCREENS}/round-grading-saved.png`, fullPage: true });
    await committee.close();
  }, 60_000);
});
