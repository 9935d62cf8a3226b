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
  ["organization-en", "/o/sakado?lang=en"],
  ["overview-en", "/o/sakado/plans/1/2019?lang=en"],
  ["progress-table-en", "/o/sakado/plans/1/2019/table?lang=en"],
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

  it("on English pages, the organization's Japanese text is marked lang=ja (WCAG 3.1.2 language of parts)", async () => {
    for (const [name, path] of PAGES.filter(([n]) => n.endsWith("-en"))) {
      const page = await h.open(path);
      const unmarked = await page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          // The chart's own text is presentational: the image is named by its label, checked here.
          if (!parent || parent.closest("svg")) continue;
          if (parent.closest("[lang]")?.getAttribute("lang") !== "ja") out.push(node.textContent ?? "");
        }
        return out;
      });
      // Every interface string has its English (era forms too: FY2019 (R1)), so any Japanese left
      // unmarked is a string without a translation.
      const japanese = unmarked.filter((text) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(text));
      expect(japanese, name).toEqual([]);
      await page.context().close();
    }
  });

  it("the English progress table's headers wrap between words, never inside one", async () => {
    const page = await h.open("/o/sakado/plans/1/2019/table?lang=en");
    const broken = await page.evaluate(() => {
      const out: string[] = [];
      for (const th of Array.from(document.querySelectorAll("table.progress thead th"))) {
        const text = th.firstChild;
        if (!(text instanceof Text)) continue;
        for (const m of (text.data ?? "").matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(text, m.index);
          range.setEnd(text, m.index + m[0].length);
          if (range.getClientRects().length > 1) out.push(m[0]);
        }
      }
      return out;
    });
    expect(broken).toEqual([]);
    await page.context().close();
  });

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
