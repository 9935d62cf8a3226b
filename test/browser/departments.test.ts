/**
 * Departments in Chromium without JavaScript (issue 8): the secretariat adds a department, renames
 * it, merges 広報広聴課 into 政策企画課 through the confirmation step, is refused retiring 市民生活課
 * (FY2020's lead of No.4) without a successor, then retires it with one. axe-core finds no serious
 * or critical violation on any of these pages, in Japanese and in English, blank, in error and at
 * the confirmation. Screenshots go to .out/screens/departments-*.png.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/server/session-cookie.ts";
import { openEntryRound, sessionFor } from "../support/entry-round.ts";
import { describeViolations, type Harness, SCREENS, seriousViolations, startHarness } from "./harness.ts";

describe("departments in the browser", () => {
  let h: Harness;
  let browser: BrowserContext;
  let withScripts: BrowserContext;
  const found: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    const secretariat = await sessionFor(h.store, "jimukyoku", ["secretariat"]);
    await openEntryRound(h.store, secretariat);
    browser = await h.browser.newContext({
      javaScriptEnabled: false,
      bypassCSP: true,
      viewport: { width: 1280, height: 900 },
      locale: "ja-JP",
    });
    withScripts = await h.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await browser.addCookies([{ name: SESSION_COOKIE.plain, value: secretariat.token, url: h.base }]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await withScripts?.close();
    await h?.close();
  });

  /** axe needs scripts: each state is checked again in a page of its own with JavaScript on. */
  async function check(page: Page, name: string): Promise<void> {
    if (process.env.DEBUG_DEPARTMENTS) console.log(new Date().toISOString(), "check", name);
    await page.screenshot({ path: `${SCREENS}/departments-${name}.png`, fullPage: true });
    const html = await page.content();
    const copy = await withScripts.newPage();
    try {
      await copy.route(`${h.base}/__copy`, (route) =>
        route.fulfill({ body: html, contentType: "text/html; charset=utf-8" }),
      );
      await copy.goto(`${h.base}/__copy`);
      const violations = await seriousViolations(copy);
      if (violations.length > 0) found.push(`${name}:\n${describeViolations(violations)}`);
    } finally {
      await copy.close();
    }
  }

  const list = "/o/sakado/manage/departments";
  /** The list's row of a department, by its name exactly (a merged one's row names its successor too). */
  const row = (page: Page, name: string) =>
    page.locator("tbody tr").filter({ has: page.locator("th", { hasText: new RegExp(`^${name}$`) }) });

  it("adds, renames, merges with a confirmation, and retires (refused without a successor, then with one)", async () => {
    const page = await browser.newPage();
    await page.goto(`${h.base}/o/sakado/manage`);
    await page.getByRole("link", { name: "課の管理（追加・名称変更・統合・廃止）" }).click();
    await page.waitForURL(/\/manage\/departments$/);
    await check(page, "list");

    // Add: blank first, the error summary links to the field.
    await page.getByRole("button", { name: "追加する" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("課の名称を入力してください。");
    await check(page, "list-error");
    await page.locator("#name").fill("DX推進課");
    await page.getByRole("button", { name: "追加する" }).click();
    expect(await page.locator(".notice-success").textContent()).toContain("「DX推進課」を追加しました。");

    // Rename it.
    await row(page, "DX推進課").getByRole("link").click();
    await check(page, "department");
    await page.locator("#name").fill("");
    await page.getByRole("button", { name: "名称を変更する" }).click();
    expect(await page.locator(".error-summary a").textContent()).toBe("課の名称を入力してください。");
    await check(page, "department-error");
    await page.locator("#name").fill("デジタル推進課");
    await page.getByRole("button", { name: "名称を変更する" }).click();
    expect(await page.locator(".notice-success").textContent()).toContain(
      "名称を「デジタル推進課」に変更しました。",
    );

    // Merge 広報広聴課 into 政策企画課.
    await row(page, "広報広聴課").getByRole("link").click();
    await page.getByRole("link", { name: "ほかの課に統合する" }).click();
    await check(page, "merge");
    await page.getByRole("button", { name: "次へ（確認）" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("統合先の課を選んでください。");
    await check(page, "merge-error");
    await page.locator("#into").selectOption({ label: "政策企画課" });
    await page.getByRole("button", { name: "次へ（確認）" }).click();
    expect(await page.locator("h1").textContent()).toBe("確認：広報広聴課を政策企画課に統合する");
    expect(await page.locator("main").textContent()).toContain("No.2（主担当）");
    await check(page, "merge-confirm");
    await page.getByRole("button", { name: "統合する" }).click();
    expect(await page.locator(".notice-success").textContent()).toContain(
      "「広報広聴課」を「政策企画課」に統合しました。",
    );
    await check(page, "list-after");

    // Retire 市民生活課: refused without a successor (it leads No.4 of FY2020), then with one.
    await row(page, "市民生活課").getByRole("link").click();
    await page.getByRole("link", { name: "廃止する" }).click();
    await check(page, "retire");
    await page.getByRole("button", { name: "次へ（確認）" }).click();
    expect(await page.locator(".error-summary").textContent()).toMatch(
      /No\.4.*後継の課なしでは廃止できません/,
    );
    await check(page, "retire-refused");
    await page.locator("#successor").selectOption({ label: "政策企画課" });
    await page.getByRole("button", { name: "次へ（確認）" }).click();
    expect(await page.locator("main").textContent()).toContain("後継の課：政策企画課");
    await check(page, "retire-confirm");
    await page.getByRole("button", { name: "廃止する" }).click();
    expect(await page.locator(".notice-success").textContent()).toContain("「市民生活課」を廃止しました。");
    await page.close();
  }, 600_000);

  it("has English pages, with the organization's names marked Japanese", async () => {
    const page = await browser.newPage();
    await page.goto(`${h.base}${list}?lang=en`);
    expect(await page.locator("h1").textContent()).toBe("Departments");
    expect(await page.locator('tbody th[lang="ja"]').count()).toBeGreaterThan(0);
    await check(page, "list-en");
    const id = await row(page, "政策企画課").getByRole("link").getAttribute("href");
    await page.goto(`${h.base}${id}`);
    await check(page, "department-en");
    await page.goto(`${h.base}${(id ?? "").replace("?lang=en", "")}/merge?lang=en`);
    await page.getByRole("button", { name: "Continue (confirm)" }).click();
    await check(page, "merge-error-en");
    await page.close();
  }, 300_000);

  it("finds no serious or critical axe violation on any of them", () => {
    expect(found, found.join("\n\n")).toEqual([]);
  });
});
