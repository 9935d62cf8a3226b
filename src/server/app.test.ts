import { beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { seededApp } from "../../test/server-support.ts";
import type { createApp } from "./app.ts";

forEachDatabase((database) => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ({ app } = await seededApp(database));
  });

  describe("every page", () => {
    const pages = [
      "/",
      "/o/sakado",
      "/o/sakado/plans/1/2019",
      "/o/sakado/plans/1/2019/table",
      "/o/sakado/plans/1/initiatives/16",
      "/api/docs",
      "/no/such/page",
    ];

    it("has lang, the skip link to a focusable main, the language switch and the app's own stylesheet only", async () => {
      for (const path of pages) {
        const html = await (await app.request(path)).text();
        expect(html, path).toMatch(/^<!DOCTYPE html><html lang="ja">/);
        expect(html, path).toContain('<a class="skip-link" href="#main">本文へ移動</a>');
        expect(html, path).toContain('<main id="main" tabindex="-1">');
        expect(html, path).toContain('lang="en" hreflang="en">English</a>');
        expect(html, path).toContain('<link rel="stylesheet" href="/assets/site.css"/>');
        // No outside resources: every src/href is local (or a fragment / data: URL).
        for (const [, url] of html.matchAll(/(?:src|href)="([^"]*)"/g))
          expect(url, path).toMatch(/^(\/|#|data:)/);
      }
    });

    it("the language switch keeps the other query parameters", async () => {
      const html = await (await app.request("/o/sakado/plans/1/2019?grade=A&grade=B")).text();
      expect(html).toContain('href="/o/sakado/plans/1/2019?grade=A&amp;grade=B&amp;lang=en"');
      const en = await (await app.request("/o/sakado/plans/1/2019?grade=A&lang=en")).text();
      expect(en).toContain('href="/o/sakado/plans/1/2019?grade=A" lang="ja" hreflang="ja"');
    });
  });

  it("serves the stylesheets with an ETag and answers a repeat with 304", async () => {
    const res = await app.request("/assets/site.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const css = await res.text();
    expect(css).toContain("outline: 3px solid");
    const etag = res.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]{16}"$/);
    expect((await app.request("/assets/site.css", { headers: { "If-None-Match": etag } })).status).toBe(304);
    const table = await (await app.request("/assets/progress-table.css")).text();
    expect(table).toContain("size: A3 landscape;");
    expect(table).toContain("display: table-header-group;");
    expect((await app.request("/assets/nothing.css")).status).toBe(404);
  });

  it("sends a content security policy without scripts or outside origins", async () => {
    const csp = (await app.request("/")).headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src");
    expect(csp).not.toContain("http");
  });

  it("an unknown page is a Japanese 404 page, in English with ?lang=en", async () => {
    const res = await app.request("/nothing/here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("<h1>ページが見つかりません</h1>");
    expect(await (await app.request("/nothing/here?lang=en")).text()).toContain("<h1>Page not found</h1>");
  });

  it("any unknown path under /api is a problem document", async () => {
    for (const path of ["/api", "/api/v2/organizations", "/api/docs/nothing"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toBe("application/problem+json; charset=utf-8");
    }
  });

  it("a method other than GET on an existing path is 405 with Allow, not a 404 saying the page does not exist", async () => {
    const res = await app.request("/api/v1/plans/1", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(await res.json()).toEqual({
      type: "/api/docs#problem-method.not-allowed",
      title: "この操作はできません",
      status: 405,
      detail: "/api/v1/plans/1 には DELETE を使えません。使えるのは GET, HEAD です。",
      instance: "/api/v1/plans/1",
    });
    const page = await app.request("/o/sakado/plans/1/2019?lang=en", { method: "POST" });
    expect(page.status).toBe(405);
    expect(page.headers.get("allow")).toBe("GET, HEAD");
    expect(await page.text()).toContain("<h1>Method not allowed</h1>");
    // A path that does not exist stays a 404 whatever the method.
    expect((await app.request("/api/v1/nothing", { method: "POST" })).status).toBe(404);
  });

  it("names a field once, with the plan's own bound, when a value breaks several checks", async () => {
    const res = await app.request("/api/v1/plans/1/rounds/99999999999999999999");
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.detail).toBe("「fiscalYear」を確認してください。");
    expect(problem.errors).toEqual([
      { name: "fiscalYear", in: "path", detail: "パラメーター「fiscalYear」は2999以下で指定してください。" },
    ]);
  });

  it("an unknown API path is a problem document", async () => {
    const res = await app.request("/api/v1/nothing");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(await res.json()).toEqual({
      type: "/api/docs#problem-page.not-found",
      title: "ページが見つかりません",
      status: 404,
      detail: "/api/v1/nothing というページはありません。アドレスを確認してください。",
      instance: "/api/v1/nothing",
    });
  });
});
