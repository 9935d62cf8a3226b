import { gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument } from "../../test/store.ts";
import { openStore } from "../store/index.ts";
import { createApp } from "./app.ts";
import { PageCache } from "./page-cache.ts";

/**
 * An app that counts its renders, behind a cache whose revisions the test moves by hand. Pages under
 * /org/:id/ belong to that organization; the others to the directory. The directory's key moves
 * with the generation (as the store's would when organizations change), organizations' only when
 * the test says so.
 */
function setup(options: { maxBytes?: number; maxEntries?: number } = {}) {
  let revision = 7;
  let renders = 0;
  let status: 200 | 404 = 200;
  const organizations = new Map<number, number>([
    [1, 100],
    [2, 200],
  ]);
  let revisionRead: () => Promise<number> = async () => revision;
  const cache = new PageCache({
    maxBytes: options.maxBytes ?? 1 << 20,
    maxEntries: options.maxEntries ?? 100,
  });
  const app = new Hono<{ Variables: { scope: number | undefined } }>();
  app.use(
    "*",
    cache.middleware(
      {
        generation: () => revisionRead(),
        keys: async () => ({ directory: String(revision), byOrganization: new Map(organizations) }),
      },
      (c) => c.get("scope"),
    ),
  );
  app.get("/org/:id/page", async (c) => {
    renders += 1;
    c.set("scope", Number(c.req.param("id")));
    return c.html(`<p>org ${c.req.param("id")} render ${renders}</p>`);
  });
  app.get("/page/:id", async (c) => {
    renders += 1;
    const render = renders;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return c.html(`<p>${c.req.param("id")} render ${render}</p>`, status);
  });
  app.get("/text", (c) => {
    renders += 1;
    return c.text("進捗".repeat(1000));
  });
  app.get("/big/:n", (c) => {
    renders += 1;
    return c.text("x".repeat(240));
  });
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await app.request(path, { headers });
    return { status: res.status, text: await res.text(), etag: res.headers.get("etag") };
  };
  return {
    cache,
    get,
    request: (path: string, headers: Record<string, string> = {}) => app.request(path, { headers }),
    /** Lets the gzip compression started by a store finish. */
    settle: () => cache.idle(),
    setRevision: (r: number) => {
      revision = r;
    },
    /** Replaces how the revision is read (to hold replies back, or fail). */
    setRevisionRead: (read: () => Promise<number>) => {
      revisionRead = read;
    },
    renders: () => renders,
    setStatus: (s: 200 | 404) => {
      status = s;
    },
    /** An organization's public revision moves (a publication), and so the generation. */
    publish: (organization: number) => {
      organizations.set(organization, (organizations.get(organization) ?? 0) + 1);
      revision += 1;
    },
    /** A draft is saved somewhere: the generation moves, no organization's public revision does. */
    saveDraft: () => {
      revision += 1;
    },
  };
}

/** A promise resolved from outside. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("page cache", () => {
  it("serves a page from memory while the revision stays, with an ETag that answers 304", async () => {
    const t = setup();
    const first = await t.get("/page/a");
    const second = await t.get("/page/a");
    expect(first.text).toBe("<p>a render 1</p>");
    expect(second.text).toBe("<p>a render 1</p>");
    expect(t.renders()).toBe(1);
    expect(second.etag).toMatch(/^"[\w-]+"$/);
    const revalidated = await t.request("/page/a", { "If-None-Match": second.etag ?? "" });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    expect(revalidated.headers.get("etag")).toBe(second.etag);
    expect((await t.get("/page/a", { "If-None-Match": '"other"' })).status).toBe(200);
    expect(t.renders()).toBe(1);
  });

  it("renders afresh as soon as the revision changes, and drops the pages of the old one", async () => {
    const t = setup();
    await t.get("/page/a");
    await t.get("/page/b");
    expect(t.cache.size).toBe(2);
    t.setRevision(8);
    expect((await t.get("/page/a")).text).toBe("<p>a render 3</p>");
    expect(t.cache.size).toBe(1);
    expect((await t.get("/page/a")).text).toBe("<p>a render 3</p>");
    expect(t.renders()).toBe(3);
  });

  it("answers 304 to a validator from before an import when the page came out the same", async () => {
    const t = setup();
    const before = await t.get("/text");
    t.setRevision(8);
    const after = await t.request("/text", { "If-None-Match": before.etag ?? "" });
    expect(after.status).toBe(304);
    expect(t.renders()).toBe(2);
  });

  it("follows a revision that goes back (a database restored from a backup)", async () => {
    const t = setup();
    await t.get("/page/a");
    t.setRevision(3);
    expect((await t.get("/page/a")).text).toBe("<p>a render 2</p>");
    expect((await t.get("/page/a")).text).toBe("<p>a render 2</p>");
  });

  it("keys on the query string too (the language is in it)", async () => {
    const t = setup();
    await t.get("/page/a?lang=en");
    await t.get("/page/a");
    await t.get("/page/a?lang=en");
    expect(t.renders()).toBe(2);
  });

  it("renders concurrent misses of one address and revision once", async () => {
    const t = setup();
    const answers = await Promise.all([t.get("/page/a"), t.get("/page/a"), t.get("/page/a")]);
    expect(answers.map((a) => a.text)).toEqual(Array(3).fill("<p>a render 1</p>"));
    expect(t.renders()).toBe(1);
  });

  it("does not keep a page rendered at a revision that was superseded while it rendered", async () => {
    const t = setup();
    const slow = t.get("/page/a");
    await new Promise((resolve) => setTimeout(resolve, 1));
    t.setRevision(8);
    const fresh = await t.get("/page/b");
    expect((await slow).text).toBe("<p>a render 1</p>");
    expect(fresh.text).toBe("<p>b render 2</p>");
    expect(t.cache.size).toBe(1); // b only: a's page of revision 7 would be dead weight
    expect((await t.get("/page/a")).text).toBe("<p>a render 3</p>");
  });

  it("uses a revision reply that was overtaken by a newer one for nothing", async () => {
    const t = setup();
    const held = deferred<number>();
    t.setRevisionRead(() => held.promise);
    const late = t.get("/page/a"); // its read starts now and answers last, with the old revision
    t.setRevisionRead(async () => 8);
    expect((await t.get("/page/a")).text).toBe("<p>a render 1</p>");
    held.resolve(7);
    expect((await late).text).toBe("<p>a render 2</p>");
    // The old revision was neither learnt nor kept: the page of revision 8 is still served.
    expect((await t.get("/page/a")).text).toBe("<p>a render 1</p>");
    expect(t.renders()).toBe(2);
  });

  it("renders without the cache when the revision cannot be read", async () => {
    const t = setup();
    t.setRevisionRead(() => Promise.reject(new Error("database unreachable")));
    expect((await t.get("/page/a")).text).toBe("<p>a render 1</p>");
    expect((await t.get("/page/a")).text).toBe("<p>a render 2</p>");
    expect(t.cache.size).toBe(0);
  });

  it("does not keep refusals", async () => {
    const t = setup();
    t.setStatus(404);
    await t.get("/page/a");
    expect((await t.get("/page/a")).status).toBe(404);
    expect(t.renders()).toBe(2);
    expect(t.cache.size).toBe(0);
  });

  it("keeps within maxBytes by dropping the least recently used, and does not keep bodies over a quarter of it", async () => {
    const t = setup({ maxBytes: 1000 });
    for (const n of [1, 2, 3, 4]) await t.get(`/big/${n}`);
    expect(t.cache.size).toBe(4);
    expect(t.cache.bytes).toBe(960);
    await t.get("/big/1"); // 1 is now the most recently used
    await t.get("/big/5"); // 1200 bytes: 2, the least recently used, goes
    expect(t.cache.size).toBe(4);
    expect(t.cache.bytes).toBe(960);
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

  it("keeps at most maxEntries pages, the least recently used going first", async () => {
    const t = setup({ maxEntries: 2 });
    await t.get("/page/a");
    await t.get("/page/b");
    await t.get("/page/a");
    await t.get("/page/c"); // b goes
    expect(t.cache.size).toBe(2);
    expect(t.renders()).toBe(3);
    await t.get("/page/a");
    await t.get("/page/c");
    expect(t.renders()).toBe(3);
    expect((await t.get("/page/b")).text).toBe("<p>b render 4</p>");
  });

  it("keeps a gzip copy of text bodies for readers that accept it, with its own ETag, and counts its bytes", async () => {
    const t = setup();
    await t.get("/text");
    const plainBytes = t.cache.bytes;
    expect(plainBytes).toBe(6000);
    await t.settle();
    expect(t.cache.bytes).toBeGreaterThan(plainBytes);
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

  it("keeps every public page while drafts are saved (the generation moves, no public revision does)", async () => {
    const t = setup();
    await t.get("/org/1/page");
    await t.get("/org/2/page");
    t.saveDraft();
    t.saveDraft();
    expect((await t.get("/org/1/page")).text).toBe("<p>org 1 render 1</p>");
    expect((await t.get("/org/2/page")).text).toBe("<p>org 2 render 2</p>");
    expect(t.renders()).toBe(2);
  });

  it("renders anew only the pages of the organization that published; another's stay valid", async () => {
    const t = setup();
    await t.get("/org/1/page");
    await t.get("/org/2/page");
    t.publish(1);
    expect((await t.get("/org/2/page")).text).toBe("<p>org 2 render 2</p>");
    expect((await t.get("/org/1/page")).text).toBe("<p>org 1 render 3</p>");
    expect((await t.get("/org/1/page")).text).toBe("<p>org 1 render 3</p>");
    expect(t.renders()).toBe(3);
  });

  it("never serves nor keeps a page for a request with a session cookie or an Authorization header", async () => {
    const t = setup();
    const publicPage = await t.get("/org/1/page");
    expect(publicPage.text).toBe("<p>org 1 render 1</p>");
    const withSession = await t.get("/org/1/page", { Cookie: "theme=dark; shinchoku_session=abc" });
    expect(withSession.text).toBe("<p>org 1 render 2</p>");
    expect(withSession.etag).toBeNull();
    const withHostSession = await t.get("/org/1/page", { Cookie: "__Host-shinchoku_session=abc" });
    expect(withHostSession.text).toBe("<p>org 1 render 3</p>");
    const withToken = await t.get("/org/1/page", { Authorization: "Bearer xyz" });
    expect(withToken.text).toBe("<p>org 1 render 4</p>");
    // None of the personal renders replaced the public page; another cookie is no session.
    expect((await t.get("/org/1/page")).text).toBe("<p>org 1 render 1</p>");
    expect((await t.get("/org/1/page", { Cookie: "theme=dark" })).text).toBe("<p>org 1 render 1</p>");
    // A personal request first: its answer is not kept for the public.
    const u = setup();
    await u.get("/org/2/page", { Cookie: "shinchoku_session=abc" });
    expect((await u.get("/org/2/page")).text).toBe("<p>org 2 render 2</p>");
    expect(u.cache.size).toBe(1);
  });

  it("clear() forgets everything", async () => {
    const t = setup();
    await t.get("/page/a");
    t.cache.clear();
    expect(t.cache.bytes).toBe(0);
    await t.get("/page/a");
    expect(t.renders()).toBe(2);
  });
});

forEachDatabase((database) => {
  describe("page cache over the store", () => {
    it("shows an import made through another connection (`shinchoku import` beside the server) at once", async () => {
      const url = await database.freshUrl();
      const server = await openStore(url);
      const cli = await openStore(url);
      try {
        await server.migrate();
        const { planId } = await importDocument(cli, buildPlanDocument(), {
          organization: FACTORY_ORGANIZATION,
        });
        const cache = new PageCache({ maxBytes: 1 << 24, maxEntries: 100 });
        const app = createApp({ store: server, pageCache: cache });
        const path = `/o/${FACTORY_ORGANIZATION.slug}/plans/${planId}/2019/table`;

        const first = await app.request(path);
        expect(first.status).toBe(200);
        // Without the table's line-break hints (<wbr>, spans around numbers and long phrases), to read its text.
        const hints = /<wbr>|<span class="(?:nw|p)">|<\/span>/g;
        const before = (await first.text()).replace(hints, "");
        expect(cache.size).toBe(1);
        const again = await app.request(path, {
          headers: { "If-None-Match": first.headers.get("etag") ?? "" },
        });
        expect(again.status).toBe(304);

        const changed = buildPlanDocument();
        const initiative = changed.policies[0]?.initiatives[0];
        if (!initiative) throw new Error("the factory document has no initiative");
        expect(before).toContain(initiative.title);
        initiative.title = "差し替え後の取組名";
        await importDocument(cli, changed, { organization: FACTORY_ORGANIZATION, replace: true });

        const after = await app.request(path, {
          headers: { "If-None-Match": first.headers.get("etag") ?? "" },
        });
        expect(after.status).toBe(200);
        expect(after.headers.get("etag")).not.toBe(first.headers.get("etag"));
        expect((await after.text()).replace(hints, "")).toContain("差し替え後の取組名");
      } finally {
        await cli.close();
        await server.close();
      }
    });
  });
});
