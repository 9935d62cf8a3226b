import { z } from "@hono/zod-openapi";
import { beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { seededApp, textOf } from "../../test/server-support.ts";
import { createApp } from "./app.ts";
import { routeTable } from "./auth/rules.ts";
import { canonicalSearch, knownParameters } from "./known-query.ts";
import { PageCache } from "./page-cache.ts";
import { overviewQuery } from "./routes/plans/schema.ts";

/** A value for each path parameter of the route table, so that every route can be asked. */
const PATH_VALUES: Record<string, string> = {
  org: "sakado",
  planId: "1",
  fy: "2019",
  fiscalYear: "2019",
  number: "1",
  id: "1",
  token: "not-a-token",
  name: "site.css",
  revision: "1",
  format: "json",
  policyId: "1",
  initiativeId: "1",
  kpiId: "1",
};

function concrete(path: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = PATH_VALUES[name];
    if (value === undefined) throw new Error(`no test value for :${name} in ${path}`);
    return value;
  });
}

const search = (text: string) => new URLSearchParams(text);

describe("canonicalSearch: one address per question", () => {
  it("sorts the parameters, sorts and deduplicates a repeated one, drops empty ones", () => {
    const one = canonicalSearch(search("q=徴収&grade=C&grade=B"), overviewQuery, "ja");
    expect(one).toBe(`?grade=B&grade=C&q=${encodeURIComponent("徴収")}`);
    expect(canonicalSearch(search("grade=B&q=徴収&grade=C&grade=B&policy="), overviewQuery, "ja")).toBe(one);
    // The search box is trimmed as the page reads it.
    expect(canonicalSearch(search("q=%20徴収%20&grade=C&grade=B"), overviewQuery, "ja")).toBe(one);
  });

  it("leaves out what an absent parameter means: a default, lang=ja", () => {
    const encoding = z.object({ encoding: z.enum(["utf-8", "shift_jis"]).default("utf-8") });
    expect(canonicalSearch(search("encoding=utf-8"), encoding, "ja")).toBe("");
    expect(canonicalSearch(search(""), encoding, "ja")).toBe("");
    expect(canonicalSearch(search("encoding=shift_jis"), encoding, "ja")).toBe("?encoding=shift_jis");
    expect(canonicalSearch(search("encoding=shift_jis"), encoding, "en")).toBe("?encoding=shift_jis&lang=en");
    expect(canonicalSearch(search("lang=ja"), undefined, "ja")).toBe("");
  });

  it("gives no key to parameters the route refuses (the handler answers 400; nothing is kept)", () => {
    // A grade longer than any scale's code; a code the plan lacks is the page's to refuse (it knows the scale).
    expect(canonicalSearch(search(`grade=${"Z".repeat(9)}`), overviewQuery, "ja")).toBeUndefined();
    expect(canonicalSearch(search(`q=${"x".repeat(201)}`), overviewQuery, "ja")).toBeUndefined();
  });

  it("the canonical query reads as the original does", () => {
    for (const text of ["q=%20a%20&grade=D&grade=A", "department=納税課&policy=(イ)", "grade=A&grade=A"]) {
      const canonical = canonicalSearch(search(text), overviewQuery, "ja") ?? "";
      expect(overviewQuery.parse(Object.fromEntries(search(canonical.slice(1))))).toBeDefined();
      expect(canonicalSearch(search(canonical.slice(1)), overviewQuery, "ja")).toBe(canonical);
    }
  });

  it("knows lang on every route", () => {
    expect(knownParameters(undefined)).toEqual(["lang"]);
    expect(knownParameters(overviewQuery)).toEqual(["lang", "policy", "department", "grade", "q"]);
  });
});

forEachDatabase((database) => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ({ app } = await seededApp(database));
  });

  describe("unknown query parameters", () => {
    it("are refused on every route of the route table, before sign-in, CSRF or the handler", async () => {
      const table = routeTable(app);
      expect(table.length).toBeGreaterThan(30);
      for (const entry of table) {
        const path = `${concrete(entry.path)}?utm_source=flood&lang=en`;
        const res = await app.request(path, { method: entry.method });
        const where = `${entry.method} ${entry.path}`;
        expect(res.status, where).toBe(400);
        const api = path.startsWith("/api/") && !path.startsWith("/api/docs");
        if (api) {
          expect(res.headers.get("content-type"), where).toMatch(/^application\/problem\+json/);
          const problem = (await res.json()) as { errors: { name: string; in: string; detail: string }[] };
          expect(problem.errors, where).toEqual([
            {
              name: "utm_source",
              in: "query",
              detail: expect.stringMatching(/^utm_source: not a parameter of this operation; remove it/),
            },
          ]);
        } else {
          expect(res.headers.get("content-type"), where).toMatch(/^text\/html/);
          expect(textOf(await res.text()), where).toContain(
            'The address has "utm_source", which this page does not take. Remove it from the address',
          );
        }
      }
    });

    it("are named in Japanese by default, with the parameters the page takes", async () => {
      const page = textOf(await (await app.request("/o/sakado/plans/1/2019?sort=title")).text());
      expect(page).toContain(
        "アドレスの「sort」は、このページでは使えない指定です。アドレスから取り除いてください（このページで使える指定：lang, policy, department, grade, q）。",
      );
      const problem = (await (await app.request("/api/v1/plans/1/rounds/2019/export.pdf?x=1")).json()) as {
        status: number;
        errors: { detail: string }[];
      };
      expect(problem.status).toBe(400);
      expect(problem.errors[0]?.detail).toBe(
        "x：この操作にはないパラメーターです。取り除いてください（使えるもの：lang）",
      );
    });

    it("a download takes only its own: encoding on the CSV, nothing on the PDF", async () => {
      expect((await app.request("/api/v1/plans/1/rounds/2019/export.csv?encoding=shift_jis")).status).toBe(
        200,
      );
      expect((await app.request("/api/v1/plans/1/rounds/2019/export.pdf?encoding=shift_jis")).status).toBe(
        400,
      );
    });

    it("the parameters each route reads are accepted", async () => {
      for (const path of [
        "/?lang=en",
        "/o/sakado/plans/1/2019?policy=(イ)&grade=C&grade=B&department=納税課&q=徴収&lang=en",
        "/o/sakado/plans/1/initiatives/1?fy=2019",
        "/o/sakado/plans/1/initiatives/1?fy=",
        "/o/sakado/login?next=/o/sakado/manage&ended=1",
        "/api/v1/plans/1/rounds/2019/initiatives?grade=C&q=徴収",
        "/api/v1/openapi.json?lang=en",
      ]) {
        expect((await app.request(path)).status, path).toBe(200);
      }
    });

    it("a long list is cut short: ten named, the rest counted", async () => {
      const query = Array.from({ length: 25 }, (_, i) => `p${i}=1`).join("&");
      const problem = (await (await app.request(`/api/v1/organizations?${query}`)).json()) as {
        errors: { name: string }[];
      };
      expect(problem.errors.map((e) => e.name)).toEqual([
        ...Array.from({ length: 10 }, (_, i) => `p${i}`),
        "…",
      ]);
    });
  });

  describe("the page cache keys on the canonical address", () => {
    it("junk parameters make no entry; equivalent queries share one", async () => {
      const { store } = await seededApp(database);
      const cache = new PageCache({ maxBytes: 1 << 24, maxEntries: 100 });
      const cached = createApp({ store, pageCache: cache });
      for (let i = 0; i < 5; i++) {
        expect((await cached.request(`/o/sakado/plans/1/2019/table?x=${i}`)).status).toBe(400);
      }
      expect(cache.size).toBe(0);

      const variants = [
        "/o/sakado/plans/1/2019?grade=C&grade=B&q=徴収",
        "/o/sakado/plans/1/2019?q=徴収&grade=B&grade=C",
        "/o/sakado/plans/1/2019?grade=B&grade=C&grade=B&q=%20徴収&policy=&department=&lang=ja",
      ];
      const bodies = new Set<string>();
      for (const path of variants) {
        const res = await cached.request(path);
        expect(res.status, path).toBe(200);
        bodies.add(await res.text());
      }
      expect(cache.size).toBe(1);
      // The page is rendered for the canonical address, so it is the same whichever came first.
      expect(bodies.size).toBe(1);
      await cached.request("/o/sakado/plans/1/2019?grade=B&grade=C&q=徴収&lang=en");
      expect(cache.size).toBe(2);
    });

    it("downloads are not kept by the page cache (the export cache keeps them, by publication)", async () => {
      const { store } = await seededApp(database);
      const cache = new PageCache({ maxBytes: 1 << 24, maxEntries: 100 });
      const cached = createApp({ store, pageCache: cache });
      const plain = await cached.request("/api/v1/plans/1/rounds/2019/export.csv");
      const named = await cached.request("/api/v1/plans/1/rounds/2019/export.csv?encoding=utf-8");
      expect(plain.status).toBe(200);
      expect(named.headers.get("etag")).toBe(plain.headers.get("etag"));
      expect(cache.size).toBe(0);
    });
  });
});
