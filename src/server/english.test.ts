import { beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { seededApp, untranslatedText } from "../../test/server-support.ts";
import type { createApp } from "./app.ts";

/**
 * Every interface string has its English: on each page under ?lang=en, the only Japanese left is
 * the organization's own text, marked lang="ja" (WCAG 3.1.2). A string added without English, or a
 * Japanese word built into a view, fails here.
 */
const PAGES = [
  "/",
  "/o/sakado",
  "/o/sakado/plans/1/2019",
  "/o/sakado/plans/1/2019?policy=(イ)&grade=C&department=納税課&q=徴収",
  "/o/sakado/plans/1/2019?q=存在しない語",
  "/o/sakado/plans/1/2019/table",
  "/o/sakado/plans/1/initiatives/1?fy=2019",
  "/o/sakado/plans/1/initiatives/6",
  "/o/sakado/plans/1/initiatives/16",
  "/api/docs",
  "/o/sakado/plans/1/initiatives/0",
  "/o/sakado/plans/1/initiatives/99",
  "/o/sakado/plans/1/2030",
  "/o/nobody",
  "/no/such/page",
];

forEachDatabase((database) => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ({ app } = await seededApp(database));
  });

  it.each(PAGES)("%s in English has no interface text left in Japanese", async (path) => {
    const url = `${path}${path.includes("?") ? "&" : "?"}lang=en`;
    const html = await (await app.request(url)).text();
    expect(html).toContain('<html lang="en">');
    expect(untranslatedText(html)).toEqual([]);
  });
});
