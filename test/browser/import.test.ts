import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Session, signIn } from "../../src/server/routes/round/test-support.ts";
import { describeViolations, type Harness, SCREENS, seriousViolations, startHarness } from "./harness.ts";

/**
 * The import pages in Chromium, signed in as the secretariat: the seed table (坂戸市's published
 * text) uploaded, its preview read and confirmed as a new revision of the stored FY2019; another
 * city's CSV mapped column by column in the builder (its ◎○△× given grades) and imported. axe finds
 * no serious or critical violation on any page, and JavaScript is off throughout the forms (the
 * builder is plain selects).
 */
const SEED = fileURLToPath(new URL("../fixtures/sakado-fy2019.txt", import.meta.url));
const CITY_CSV = fileURLToPath(new URL("../fixtures/csv/city-marks-sjis.csv", import.meta.url));

describe("import pages in a browser", () => {
  let h: Harness;
  let secretariat: Session;

  beforeAll(async () => {
    h = await startHarness();
    const organization = await h.store.organizations.findBySlug("sakado");
    secretariat = await signIn(h.store, organization?.id ?? 0, "jimukyoku", ["secretariat"]);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  async function signedIn(javaScriptEnabled: boolean): Promise<BrowserContext> {
    const context = await h.browser.newContext({
      bypassCSP: true,
      javaScriptEnabled,
      viewport: { width: 1280, height: 900 },
      locale: "ja-JP",
    });
    const [name, value] = secretariat.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: h.base }]);
    return context;
  }

  /** axe needs script: the page's state is reopened in a context with JavaScript to check it. */
  async function checkAxe(page: Page, shot: string): Promise<void> {
    await page.screenshot({ path: `${SCREENS}/${shot}.png`, fullPage: true });
    const context = await signedIn(true);
    const copy = await context.newPage();
    await copy.setContent(await page.content(), { waitUntil: "load" });
    const violations = await seriousViolations(copy);
    await context.close();
    expect(violations, `${shot}: ${describeViolations(violations)}`).toEqual([]);
  }

  it("uploads the 坂戸市 table, reads the preview, confirms it as a new revision", async () => {
    const context = await signedIn(false);
    const page = await context.newPage();
    await page.goto(`${h.base}/o/sakado/manage`);
    await page.click("a:has-text('表の取り込み')");
    await checkAxe(page, "import-start");
    await page.setInputFiles("#file", SEED);
    await page.click("button:has-text('アップロードして内容を確認する')");
    expect(await page.title()).toContain("取り込む内容の確認");
    expect(await page.textContent("#count-initiatives")).toBe("24件");
    // The seed is stored already (FY2019, published): the same table changes nothing.
    expect(await page.textContent("#compare-counts")).toBe("新規 0件・変更あり 0件・変更なし 24件・削除 0件");
    await checkAxe(page, "import-preview");

    // Confirming without choosing a new revision is refused with the reason, linked to the box.
    await page.click("button:has-text('取り込む')");
    expect(await page.title()).toMatch(/^エラー：/);
    expect(await page.textContent(".error-summary")).toContain("新しい版として公表する");
    await checkAxe(page, "import-preview-refused");
    await page.check("#replace");
    await page.click("button:has-text('取り込む')");
    expect(await page.textContent("[role=status]")).toContain("第2版として公表");
    await context.close();
  }, 120_000);

  it("maps another city's CSV in the builder and imports it", async () => {
    const context = await signedIn(false);
    const page = await context.newPage();
    await page.goto(`${h.base}/o/sakado/manage/import`);
    await page.setInputFiles("#file", CITY_CSV);
    await page.click("button:has-text('アップロードして内容を確認する')");
    expect(await page.title()).toContain("列の対応表の指定");
    await checkAxe(page, "import-mapping");

    await page.selectOption("#headerRows", "2");
    const columns: Record<string, string> = {
      policy: "A",
      number: "B",
      title: "C",
      departments: "D",
      description: "E",
      activities: "F",
      kpiName: "G",
      baseline: "H",
      target: "I",
      current: "J",
      grade: "K",
      committeeOpinion: "L",
      nextYearGoal: "M",
    };
    for (const [field, letter] of Object.entries(columns)) await page.selectOption(`#col-${field}`, letter);
    await page.fill("#departmentSeparator", "／");
    await page.fill("#plan-title", "第3次みどり市行財政改革大綱実施計画");
    await page.fill("#plan-start", "令和2年度");
    await page.fill("#plan-end", "令和6年度");
    await page.fill("#round-fiscalYear", "令和4年度");
    await page.fill("#round-asOf", "令和5年3月31日");
    await page.click("button:has-text('対応を確かめて内容を確認する')");
    // The progress column's words are listed now, each to be given a grade; answers are kept.
    expect(await page.title()).toMatch(/^エラー：/);
    expect(await page.inputValue("#plan-title")).toBe("第3次みどり市行財政改革大綱実施計画");
    await checkAxe(page, "import-mapping-grades");
    const grades: Record<string, string> = { "○": "B", "◎": "A", "△": "C", "×": "D" };
    for (let i = 0; i < 4; i++) {
      const word = await page.inputValue(`input[name=gradeWord-${i}]`);
      await page.selectOption(`#grade-${i}`, grades[word] ?? "");
    }
    await page.click("button:has-text('対応を確かめて内容を確認する')");
    expect(await page.title()).toContain("取り込む内容の確認");
    expect(await page.textContent("#count-initiatives")).toBe("4件");
    expect(await page.textContent("#compare-counts")).toBe("新規 4件・変更あり 0件・変更なし 0件・削除 0件");
    await checkAxe(page, "import-mapped-preview");
    await page.click("button:has-text('取り込む')");
    expect(await page.textContent("[role=status]")).toContain("第1版として公表");
    await context.close();
  }, 120_000);
});
