import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, SCREENS, seriousViolations, startHarness } from "./harness.ts";

/** What a reader does: filter, search, follow links, switch language, use the keyboard. */
describe("reading the progress as a user", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const listedNumbers = (page: import("playwright-core").Page) =>
    page
      .locator("table.initiatives tbody tr td.num")
      .allTextContents()
      .then((cells) => cells.map(Number));

  it("selects a policy and submits: only its initiatives are listed, the count says so", async () => {
    const page = await h.open("/o/sakado/plans/1/2019");
    await page.getByRole("combobox", { name: "基本方針" }).selectOption({ label: "(ウ) 市民満足度の向上" });
    await page.getByRole("button", { name: "絞り込む" }).click();
    await page.waitForURL(/policy=/);
    expect(await listedNumbers(page)).toEqual([20, 21, 22, 23, 24]);
    expect(await page.getByRole("status").textContent()).toBe("24件中5件を表示しています。");
    // The form shows what was asked for.
    expect(await page.getByRole("combobox", { name: "基本方針" }).inputValue()).toBe("(ウ)");
    await page.context().close();
  });

  it("types a keyword and submits: the initiative mentioning it is listed", async () => {
    const page = await h.open("/o/sakado/plans/1/2019");
    await page.getByRole("searchbox", { name: "キーワード" }).fill("オープンデータ");
    await page.getByRole("searchbox", { name: "キーワード" }).press("Enter");
    await page.waitForURL(/q=/);
    expect(await listedNumbers(page)).toEqual([3]);
    expect(await page.locator("table.initiatives tbody th a").allTextContents()).toEqual([
      "行政の「見える化」とオープンデータ化の推進",
    ]);
    await page.screenshot({ path: `${SCREENS}/flow-search.png`, fullPage: true });
    await page.context().close();
  });

  it("ticks grades and picks a department: conditions combine", async () => {
    const page = await h.open("/o/sakado/plans/1/2019");
    await page.getByRole("checkbox", { name: "C やや遅れ" }).check();
    await page.getByRole("checkbox", { name: "D 停滞" }).check();
    await page.getByRole("button", { name: "絞り込む" }).click();
    await page.waitForURL(/grade=C/);
    expect(await listedNumbers(page)).toEqual([2, 5, 6, 7, 11, 24]);
    await page.getByRole("combobox", { name: "関係課" }).selectOption("政策企画課");
    await page.getByRole("button", { name: "絞り込む" }).click();
    await page.waitForURL(/department=/);
    expect(await listedNumbers(page)).toEqual([2, 6, 24]);
    await page.getByRole("link", { name: "条件を解除" }).click();
    expect(await listedNumbers(page)).toHaveLength(24);
    await page.context().close();
  });

  it("opens an initiative from the list and follows a 再掲 link to the other initiative", async () => {
    const page = await h.open("/o/sakado/plans/1/2019");
    await page.getByRole("link", { name: "住宅(団)地対応の推進" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("No.6 住宅(団)地対応の推進");
    await page.getByRole("link", { name: "No.1 産・学・官連携体制の推進" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("No.1 産・学・官連携体制の推進");
    expect(page.url()).toContain("/initiatives/1?fy=2019");
    // …and back again from the original KPI.
    await page.getByRole("link", { name: "No.6 住宅(団)地対応の推進" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("No.6 住宅(団)地対応の推進");
    await page.context().close();
  });

  it("switches to English and back; the choice follows the links and the form", async () => {
    const page = await h.open("/o/sakado/plans/1/2019");
    await page.getByRole("link", { name: "English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByRole("heading", { level: 2, name: "Initiatives" }).count()).toBe(1);
    await page.getByRole("checkbox", { name: "A On track" }).check();
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/grade=A/);
    expect(page.url()).toContain("lang=en");
    expect(await page.getByRole("status").textContent()).toBe("Showing 8 of 24 initiatives.");
    await page.getByRole("link", { name: "View the progress table" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("link", { name: "日本語" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("ja");
    expect(page.url()).not.toContain("lang=");
    await page.context().close();
  });

  it("the skip link is the first stop of the keyboard and moves focus to the main content", async () => {
    const page = await h.open("/o/sakado/plans/1/2019/table");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "本文へ移動" });
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    // Visible when focused, with the 3px focus outline.
    const box = await skip.boundingBox();
    expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect(await skip.evaluate((el) => getComputedStyle(el).outlineWidth)).toBe("3px");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    await page.keyboard.press("Tab");
    // The next stop is inside main, not back in the header.
    expect(await page.evaluate(() => document.querySelector("main")?.contains(document.activeElement))).toBe(
      true,
    );
    await page.context().close();
  });

  it("pages work with JavaScript switched off", async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.base}/o/sakado/plans/1/2019`);
    await page.getByRole("checkbox", { name: "D 停滞" }).check();
    await page.getByRole("button", { name: "絞り込む" }).click();
    await page.waitForURL(/grade=D/);
    expect(await listedNumbers(page)).toEqual([6]);
    await context.close();
  });

  it("the accessibility check itself catches a violation (so a pass means something)", async () => {
    const page = await h.open("/");
    await page.evaluate(() => {
      const p = document.createElement("p");
      p.textContent = "読みにくい文字";
      p.style.color = "#cccccc";
      document.querySelector("main")?.append(p);
    });
    const violations = await seriousViolations(page);
    expect(violations.map((v) => v.id)).toContain("color-contrast");
    await page.context().close();
  });
});
