import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeViolations, type Harness, SCREENS, seriousViolations, startHarness } from "./harness.ts";

const TABLE = "/o/sakado/plans/1/2019/table";

interface Measured {
  page: number;
  viewport: number;
  scroller: { left: number; client: number; scroll: number };
  number: { left: number; right: number };
  title: { left: number };
  hint: string | null;
  topDownloads: number;
}

/** What a reader's screen shows of the progress table page, measured in the browser. */
async function measure(h: Harness, path: string, width: number, scrollLeft = 0) {
  const page = await h.open(path, { width, height: 900 });
  const result = await page.evaluate(`(() => {
    const scroller = document.querySelector(".progress-scroll");
    scroller.scrollLeft = ${scrollLeft};
    const number = document.querySelector("table.progress tbody th[scope=row]");
    const title = document.querySelectorAll("table.progress tbody th[scope=row]")[1];
    const box = (e) => e.getBoundingClientRect();
    const hint = document.getElementById(scroller.getAttribute("aria-describedby") || "");
    return {
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      scroller: { left: box(scroller).left, client: scroller.clientWidth, scroll: scroller.scrollWidth },
      number: { left: box(number).left, right: box(number).right },
      title: { left: box(title).left },
      hint: hint && getComputedStyle(hint).display !== "none" ? hint.textContent : null,
      topDownloads: document.querySelectorAll(".downloads-inline a[download]").length,
    };
  })()`);
  return { page, result: result as Measured };
}

describe("the progress table page on small and wide screens", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("at 390 px the page does not overflow: the table scrolls in its own box, which says so", async () => {
    const { page, result } = await measure(h, TABLE, 390);
    expect(result.page).toBeLessThanOrEqual(result.viewport);
    expect(result.scroller.scroll).toBeGreaterThan(result.scroller.client);
    expect(result.hint).toContain("横にスクロール");
    expect(result.topDownloads).toBe(5);
    await page.screenshot({ path: `${SCREENS}/progress-table-390.png` });
    await page.context().close();
  });

  it("at 390 px, scrolled sideways, No. and 取組項目 stay at the left of the box", async () => {
    const { page, result } = await measure(h, TABLE, 390, 700);
    expect(Math.abs(result.number.left - result.scroller.left)).toBeLessThanOrEqual(1);
    expect(Math.abs(result.title.left - result.number.right)).toBeLessThanOrEqual(3);
    await page.screenshot({ path: `${SCREENS}/progress-table-390-scrolled.png` });
    await page.context().close();
  });

  it("at 1,400 px the table still continues beyond the box, and the page says so (in English too)", async () => {
    for (const path of [TABLE, `${TABLE}?lang=en`]) {
      const { page, result } = await measure(h, path, 1400);
      expect(result.page, path).toBeLessThanOrEqual(result.viewport);
      expect(result.scroller.scroll, path).toBeGreaterThan(result.scroller.client);
      expect(result.hint, path).toMatch(/横にスクロール|scrolls sideways/);
      await page.context().close();
    }
  });

  it("at 390 and 1,400 px, Japanese and English, axe finds no serious violation", async () => {
    for (const width of [390, 1400]) {
      for (const path of [
        TABLE,
        `${TABLE}?lang=en`,
        "/o/sakado/plans/1/initiatives/6?lang=en",
        "/api/docs?lang=en",
      ]) {
        const page = await h.open(path, { width, height: 900 });
        const violations = await seriousViolations(page);
        expect(violations, `${path} @${width}: ${describeViolations(violations)}`).toEqual([]);
        await page.context().close();
      }
    }
  });
});
