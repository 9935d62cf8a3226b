import { gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { PageCache } from "./page-cache.ts";

/** An app that counts its renders, behind a cache with a hand-moved clock. */
function setup(options: { ttlMs?: number; staleMs?: number; maxBytes?: number } = {}) {
  let clock = 1_000_000;
  let renders = 0;
  let status: 200 | 404 = 200;
  const cache = new PageCache({
    ttlMs: options.ttlMs ?? 1000,
    staleMs: options.staleMs ?? 5000,
    maxBytes: options.maxBytes ?? 1 << 20,
    now: () => clock,
  });
  const app = new Hono();
  app.use("*", cache.middleware());
  app.get("/page/:id", async (c) => {
    renders += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return c.html(`<p>${c.req.param("id")} render ${renders}</p>`, status);
  });
  app.get("/text", (c) => {
    renders += 1;
    return c.text("進捗".repeat(1000));
  });
  app.get("/big/:n", (c) => {
    renders += 1;
    return c.text("x".repeat(240));
  });
  cache.attach((request, env) => app.fetch(request, env));
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await app.request(path, { headers });
    return { status: res.status, text: await res.text(), etag: res.headers.get("etag") };
  };
  /** Lets the background render run. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
  return {
    cache,
    get,
    request: (path: string, headers: Record<string, string> = {}) => app.request(path, { headers }),
    settle,
    advance: (ms: number) => {
      clock += ms;
    },
    renders: () => renders,
    setStatus: (s: 200 | 404) => {
      status = s;
    },
  };
}

describe("page cache", () => {
  it("serves a fresh page from memory, with the same body and an ETag", async () => {
    const t = setup();
    const first = await t.get("/page/a");
    const second = await t.get("/page/a");
    expect(first.text).toBe("<p>a render 1</p>");
    expect(second.text).toBe("<p>a render 1</p>");
    expect(t.renders()).toBe(1);
    expect(second.etag).toMatch(/^"[\w-]+"$/);
    expect((await t.get("/page/a", { "If-None-Match": second.etag ?? "" })).status).toBe(304);
  });

  it("keys on the query string too", async () => {
    const t = setup();
    await t.get("/page/a?lang=en");
    await t.get("/page/a");
    expect(t.renders()).toBe(2);
  });

  it("renders concurrent misses once", async () => {
    const t = setup();
    const answers = await Promise.all([t.get("/page/a"), t.get("/page/a"), t.get("/page/a")]);
    expect(answers.map((a) => a.text)).toEqual(Array(3).fill("<p>a render 1</p>"));
    expect(t.renders()).toBe(1);
  });

  it("past ttl, answers the stale page at once and renders a fresh one in the background", async () => {
    const t = setup();
    await t.get("/page/a");
    t.advance(1500);
    expect((await t.get("/page/a")).text).toBe("<p>a render 1</p>");
    await t.settle();
    expect(t.renders()).toBe(2);
    expect((await t.get("/page/a")).text).toBe("<p>a render 2</p>");
  });

  it("never serves a page older than ttl + stale: it renders again while the reader waits", async () => {
    const t = setup();
    await t.get("/page/a");
    t.advance(6001);
    expect((await t.get("/page/a")).text).toBe("<p>a render 2</p>");
  });

  it("does not keep refusals, and drops a page whose background render is refused", async () => {
    const t = setup();
    t.setStatus(404);
    await t.get("/page/a");
    await t.get("/page/a");
    expect(t.renders()).toBe(2);
    t.setStatus(200);
    await t.get("/page/b");
    t.setStatus(404);
    t.advance(1500);
    expect((await t.get("/page/b")).status).toBe(200);
    await t.settle();
    expect(t.cache.size).toBe(0);
    expect((await t.get("/page/b")).status).toBe(404);
  });

  it("keeps within maxBytes by dropping the least recently used, and does not keep bodies over a quarter of it", async () => {
    const t = setup({ maxBytes: 1000 });
    for (const n of [1, 2, 3, 4]) await t.get(`/big/${n}`);
    expect(t.cache.size).toBe(4);
    await t.get("/big/1"); // 1 is now the most recently used
    await t.get("/big/5"); // 1200 bytes: 2, the least recently used, goes
    expect(t.cache.size).toBe(4);
    expect(t.renders()).toBe(5);
    await t.get("/big/1");
    expect(t.renders()).toBe(5);
    await t.get("/big/2");
    expect(t.renders()).toBe(6);

    const small = setup({ maxBytes: 900 });
    await small.get("/big/1");
    await small.get("/big/1");
    expect(small.renders()).toBe(2);
    expect(small.cache.size).toBe(0);
  });

  it("keeps a gzip copy of text bodies for readers that accept it, with its own ETag", async () => {
    const t = setup();
    await t.get("/text");
    await t.settle();
    const app = t.request;
    const zipped = await app("/text", { "Accept-Encoding": "gzip, deflate, br" });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toContain("Accept-Encoding");
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe("進捗".repeat(1000));
    const plain = await app("/text");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe("進捗".repeat(1000));
    expect(zipped.headers.get("etag")).not.toBe(plain.headers.get("etag"));
    // Small bodies are not worth compressing.
    await t.get("/page/a");
    await t.settle();
    expect((await app("/page/a", { "Accept-Encoding": "gzip" })).headers.get("content-encoding")).toBeNull();
    expect(t.renders()).toBe(2);
  });

  it("clear() forgets everything; ttl 0 turns the cache off", async () => {
    const t = setup();
    await t.get("/page/a");
    t.cache.clear();
    await t.get("/page/a");
    expect(t.renders()).toBe(2);
    const off = setup({ ttlMs: 0 });
    await off.get("/page/a");
    await off.get("/page/a");
    expect(off.renders()).toBe(2);
  });
});
