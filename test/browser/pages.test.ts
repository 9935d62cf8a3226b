import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeViolations, type Harness, SCREENS, seriousViolations, startHarness } from "./harness.ts";

/** Every page type, in Japanese and English: no serious accessibility violation, and a screenshot to look at. */
const PAGES: [name: string, path: string][] = [
  ["home", "/"],
  ["organization", "/o/sakado"],
  ["overview", "/o/sakado/plans/1/2019"],
  ["overview-filtered", `/o/sakado/plans/1/2019?policy=${encodeURIComponent("(イ)")}&grade=B`],
  ["progress-table", "/o/sakado/plans/1/2019/table"],
  ["initiative", "/o/sakado/plans/1/initiatives/16?fy=2019"],
  ["api-docs", "/api/docs"],
  ["not-found", "/o/sakado/plans/1/2030"],
  ["overview-en", "/o/sakado/plans/1/2019?lang=en"],
  ["initiative-en", "/o/sakado/plans/1/initiatives/6?lang=en"],
];

describe("pages in a browser", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const [name, path] of PAGES) {
    it(`${name}: axe finds no serious or critical WCAG 2.1 A/AA violation`, async () => {
      const page = await h.open(path);
      await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
      const violations = await seriousViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await page.context().close();
    });
  }

  it("the layout holds on a phone: no page-wide horizontal scroll outside the tables", async () => {
    for (const [name, path] of PAGES.filter(([n]) => ["overview", "initiative"].includes(n))) {
      const page = await h.open(path, { width: 375, height: 800 });
      await page.screenshot({ path: `${SCREENS}/${name}-phone.png`, fullPage: true });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, name).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });
});
