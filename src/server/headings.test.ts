import { beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { seededApp } from "../../test/server-support.ts";
import type { createApp } from "./app.ts";

/**
 * Issue 13, 「西暦 once per heading, no nested brackets」: the headings a reader and a screen reader
 * meet first on every public page (title, h1–h3, table captions) hold the 西暦 once and no bracket
 * inside a full-width bracket — 「令和元年度（2019年度）の進行管理集計表」, never 「進行管理集計表（令和元年度
 * （2019年度））」. A heading composed from a catalogue and a value, which the words test cannot see
 * whole, is checked here as rendered. And every page's footer says whose material it shows.
 */

const PAGES = [
  "/",
  "/o/sakado",
  "/o/sakado/plans/1/2019",
  "/o/sakado/plans/1/2019/table",
  "/o/sakado/plans/1/2019/revisions",
  "/o/sakado/plans/1/initiatives/13",
  "/o/sakado/plans/1/initiatives/14",
  "/o/sakado/plans/1/2018",
  "/api/docs",
];

function headings(html: string): string[] {
  return [...html.matchAll(/<(title|h1|h2|h3|caption)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) =>
    (m[2] as string)
      .replace(/<[^>]+>/g, "")
      .replaceAll("&amp;", "&")
      .trim(),
  );
}

function nestsBrackets(text: string): boolean {
  let depth = 0;
  for (const character of text) {
    if (character === "（") depth += 1;
    else if (character === "）") depth = Math.max(0, depth - 1);
    if (depth > 1) return true;
  }
  return false;
}

forEachDatabase((database) => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ({ app } = await seededApp(database));
  });

  it("tells a nested bracket and a 西暦 given twice from a heading that is fine", () => {
    expect(nestsBrackets("進行管理集計表（令和元年度（2019年度））")).toBe(true);
    expect(nestsBrackets("令和元年度（2019年度）の進行管理集計表")).toBe(false);
    expect(
      "令和元年度（2019年度）の進行管理（令和2年3月31日（2020年3月31日）現在）".match(/\d{4}年/g),
    ).toHaveLength(2);
  });

  it.each(PAGES)("%s: the footer says whose material the page shows (issue 13)", async (path) => {
    const html = await (await app.request(path)).text();
    expect(html).toMatch(
      /<footer class="site-footer"><div class="wrap(?:-wide)?"><p>掲載内容は、各自治体が公表した資料に基づいています。<\/p>/,
    );
  });

  it.each(PAGES)(
    "%s: every heading holds the 西暦 once at most and no nested full-width bracket",
    async (path) => {
      const res = await app.request(path);
      const found = headings(await res.text());
      expect(found.length).toBeGreaterThan(0);
      for (const heading of found) {
        expect(nestsBrackets(heading), heading).toBe(false);
        expect(heading.match(/\d{4}年/g)?.length ?? 0, heading).toBeLessThanOrEqual(1);
      }
    },
  );
});
