import { readFileSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { seededApp, textOf } from "../../test/server-support.ts";
import type { createApp } from "./app.ts";

/** The README's page table describes the running app: every address it lists answers, as described. */
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const pages = [...readme.matchAll(/^\| `(\/[^`]*)` \| (.*) \|$/gm)].map(
  (m) => [m[1] ?? "", m[2] ?? ""] as const,
);

forEachDatabase((database) => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ({ app } = await seededApp(database));
  });

  it("lists pages that answer 200", async () => {
    expect(pages.length).toBeGreaterThanOrEqual(6);
    for (const [path] of pages) expect((await app.request(path)).status, path).toBe(200);
  });

  it("the initiative it names shows what it says: achievement statuses and 再掲 links", async () => {
    const [path = "", said = ""] = pages.find(([p]) => p.includes("/initiatives/")) ?? [];
    expect(said).toContain("再掲のリンク");
    const text = textOf(await (await app.request(path)).text());
    // The 再掲 link in the words of issue 13 (「… からの再掲です。」 / 「… にも掲載しています。」).
    expect(text).toMatch(/からの再掲です。|にも掲載しています。/);
    expect(text).toContain("達成状況");
    // The initiatives it says have 再掲 links, and one it does not name has none.
    for (const n of [1, 2, 6, 13, 14, 20, 21, 22]) {
      const html = await (await app.request(`/o/sakado/plans/1/initiatives/${n}`)).text();
      expect(html, String(n)).toContain('class="relisted"');
    }
    expect(await (await app.request("/o/sakado/plans/1/initiatives/16")).text()).not.toContain(
      'class="relisted"',
    );
  });
});
