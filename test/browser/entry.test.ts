import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveReport } from "../../src/workflow/save-report.ts";
import { actingAs, openEntryRound, sessionFor, type TestSession } from "../support/entry-round.ts";
import { describeViolations, type Harness, SCREENS, seriousViolations, startHarness } from "./harness.ts";

/**
 * The department's entry page in Chromium: no serious accessibility violation in its normal, error
 * and conflict states (axe-core), the KPI reading updated as a value is typed (the page's own
 * script under the page's content security policy), and screenshots of each state to look at.
 */
/** The machine is shared: a page, its screenshot and axe take a while. */
const SLOW = 120_000;

describe("the department's entry page in a browser", () => {
  let h: Harness;
  let editor: TestSession;
  let colleague: TestSession;
  let path: string;
  let planId: number;

  beforeAll(async () => {
    h = await startHarness();
    const secretariat = await sessionFor(h.store, "jimukyoku", ["secretariat"]);
    editor = await sessionFor(h.store, "seisaku", ["editor"], ["政策企画課"]);
    colleague = await sessionFor(h.store, "seisaku2", ["editor"], ["政策企画課"]);
    ({ planId } = await openEntryRound(h.store, secretariat));
    path = `/o/sakado/manage/plans/${planId}/2020/initiatives/8`;
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A signed-in page; `bypassCSP` only where axe is injected. */
  async function open(session: TestSession, to: string, options: { axe: boolean }): Promise<Page> {
    const context: BrowserContext = await h.browser.newContext({
      bypassCSP: options.axe,
      viewport: { width: 1280, height: 900 },
      locale: "ja-JP",
    });
    await context.addCookies([{ name: "shinchoku_session", value: session.token, url: h.base }]);
    const page = await context.newPage();
    await page.goto(h.base + to);
    return page;
  }

  async function expectNoSeriousViolations(page: Page) {
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  it(
    "normal state: no serious violation",
    async () => {
      const page = await open(editor, path, { axe: true });
      expect(await page.locator("h1").textContent()).toBe("No.8 行政評価システムの推進 の報告");
      await page.screenshot({ path: `${SCREENS}/entry-normal.png`, fullPage: true });
      await expectNoSeriousViolations(page);
      await page.context().close();
    },
    SLOW,
  );

  it(
    "reads a value as it is typed, through the page's own script",
    async () => {
      const page = await open(editor, path, { axe: false });
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      await page.getByLabel(/事務事業評価件数/).fill("75事業(累計290)");
      await expect
        .poll(() => page.locator("#kpi-8-1-reading").textContent())
        .toBe("読み取り：75事業／累計 290／目標 350事業(累計) に対して 83%");
      await page.getByLabel(/外部評価事業件数/).fill("1,2,00件");
      await expect
        .poll(() => page.locator("#kpi-8-2-reading").textContent())
        .toContain("数値として読み取れません（文字のまま公表されます）");
      expect(await page.locator("#kpi-8-2-reading").getAttribute("aria-live")).toBe("polite");
      await page.screenshot({ path: `${SCREENS}/entry-live-reading.png`, fullPage: true });
      // Nothing refused by the content security policy.
      expect(errors).toEqual([]);
      await page.context().close();
    },
    SLOW,
  );

  it(
    "error state (incomplete submission): a summary linked to the fields, no serious violation",
    async () => {
      const page = await open(editor, path, { axe: true });
      await page.getByLabel(/事務事業評価件数/).fill("75事業(累計290)");
      await page.getByRole("button", { name: "提出" }).click();
      await page.waitForURL(new RegExp(`${path}$`));
      expect(await page.title()).toMatch(/^エラー：/);
      const links = page.locator(".error-summary a");
      expect(await links.allTextContents()).toEqual([
        "令和2年度（2020年度）取組内容 (D) を入力してください。",
        "「外部評価事業件数」の現状値を入力してください。",
        "令和3年度（2021年度）目標 (H) を入力してください。",
      ]);
      await links.first().click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("activities");
      await page.screenshot({ path: `${SCREENS}/entry-error.png`, fullPage: true });
      await expectNoSeriousViolations(page);
      await page.context().close();
    },
    SLOW,
  );

  it(
    "conflict state: both versions side by side, no serious violation",
    async () => {
      const page = await open(editor, path, { axe: true });
      // Someone else saves while the form is open.
      const round = await h.store.rounds.find(planId, 2020);
      const report = round && (await h.store.reports.find(round.id, 8));
      await saveReport(h.store, actingAs(colleague).actor, {
        principal: colleague.principal,
        planId,
        fiscalYear: 2020,
        initiativeNumber: 8,
        expectedVersion: report?.version ?? 0,
        changes: { activities: "外部評価委員会を3回開き、6事業を評価した。" },
      });
      await page.getByLabel(/取組内容 \(D\)/).fill("外部評価委員会を4回開き、6事業を評価した。");
      await page.getByRole("button", { name: "下書き保存" }).click();
      await page.waitForURL(new RegExp(`${path}$`));
      expect(await page.locator(".conflict-summary h2").textContent()).toBe(
        "保存されていません：ほかの人が先に保存しました",
      );
      expect(await page.getByLabel(/取組内容 \(D\)/).inputValue()).toBe(
        "外部評価委員会を4回開き、6事業を評価した。",
      );
      expect(await page.locator("#activities-theirs ins").textContent()).toContain("3");
      await page.screenshot({ path: `${SCREENS}/entry-conflict.png`, fullPage: true });
      await page.locator(".conflict-summary").screenshot({ path: `${SCREENS}/entry-conflict-summary.png` });
      await page
        .locator(".field-conflict")
        .first()
        .screenshot({ path: `${SCREENS}/entry-conflict-field.png` });
      await expectNoSeriousViolations(page);
      await page.context().close();
    },
    SLOW,
  );

  it(
    "my work: no serious violation",
    async () => {
      const page = await open(editor, "/o/sakado/manage/my-work", { axe: true });
      expect(await page.locator("h1").textContent()).toBe("わたしの担当");
      await page.screenshot({ path: `${SCREENS}/entry-my-work.png`, fullPage: true });
      await expectNoSeriousViolations(page);
      await page.context().close();
    },
    SLOW,
  );
});
