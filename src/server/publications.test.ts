import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../test/factories/plan-document.ts";
import { importDocument, TEST_ACTOR } from "../../test/store.ts";
import type { Store } from "../store/types.ts";
import { createApp } from "./app.ts";
import { PageCache } from "./page-cache.ts";

/**
 * Public pages, downloads and the API serve publications (公表版), never the live rows that
 * departments edit; and the shared page cache keeps public pages only, per organization.
 *
 * The factory's FY2019 No.3 reports 「私立幼稚園運営費補助金が…」 and is graded C.
 */
const DRAFT_TEXT = "下書き：まだ公表していない取組内容";

/** Counts the renders of public pages: each one asks the store for the organization's publications. */
function countingStore(store: Store): { store: Store; renders: () => number } {
  let renders = 0;
  const publications = new Proxy(store.publications, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (name !== "listLatest" || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        renders += 1;
        return value.apply(target, args);
      };
    },
  });
  return {
    store: new Proxy(store, {
      get: (target, name, receiver) =>
        name === "publications" ? publications : Reflect.get(target, name, receiver),
    }),
    renders: () => renders,
  };
}

/** No.3's report in the live rows gets new activities and grade A (a correction in progress). */
async function saveDraftOfNo3(store: Store, planId: number): Promise<void> {
  const round = await store.rounds.find(planId, 2019);
  const report = await store.reports.find(round?.id ?? 0, 3);
  if (!report) throw new Error("the factory has no No.3");
  await store.transaction({ actor: TEST_ACTOR }, (tx) =>
    tx.reports.update(report.id, report.version, { activities: DRAFT_TEXT, grade: "A" }),
  );
}

forEachDatabase((database) => {
  describe("public pages come from publications", () => {
    it("a draft saved after the publication shows on no public page, download or API answer", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, buildPlanDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      await saveDraftOfNo3(store, planId);
      // The live rows do hold the draft.
      const round = await store.rounds.find(planId, 2019);
      expect((await store.reports.find(round?.id ?? 0, 3))?.activities).toBe(DRAFT_TEXT);

      const app = createApp({ store, pageCache: false });
      const base = `/o/${FACTORY_ORGANIZATION.slug}/plans/${planId}`;
      for (const path of [
        `${base}/2019`,
        `${base}/2019?q=${encodeURIComponent("下書き")}`,
        `${base}/2019/table`,
        `${base}/initiatives/3`,
        `/api/v1/plans/${planId}/rounds/2019/initiatives`,
        `/api/v1/plans/${planId}/rounds/2019/export.json`,
        `/api/v1/plans/${planId}/rounds/2019/export.csv`,
        `/api/v1/plans/${planId}/initiatives/3`,
      ]) {
        const res = await app.request(path);
        expect(res.status, path).toBe(200);
        const body = await res.text();
        expect(body, path).not.toContain(DRAFT_TEXT);
      }
      const table = await (await app.request(`${base}/2019/table`)).text();
      expect(table).toContain("私立幼稚園運営費補助金");
      // The grade summary is the published one (No.3 still C), not the draft's.
      const summary = await (await app.request(`/api/v1/plans/${planId}/rounds/2019/grade-summary`)).json();
      expect(summary.total).toEqual({ A: 1, B: 1, C: 1, D: 1 });
      const search = await (
        await app.request(`/api/v1/plans/${planId}/rounds/2019/initiatives?q=${encodeURIComponent("幼稚園")}`)
      ).json();
      expect(search.initiatives.map((i: { number: number }) => i.number)).toEqual([3]);
    });

    it("a plan with no publication is not public: its pages and API answer 404", async () => {
      const store = await database.open();
      const { planId } = await importDocument(store, buildPlanDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      // A second plan of the organization that has rows but was never published.
      const hidden = await store.transaction({ actor: TEST_ACTOR }, async (tx) => {
        const document = buildPlanDocument();
        document.plan.title = "非公表の計画";
        const org = await tx.organizations.findBySlug(FACTORY_ORGANIZATION.slug);
        return tx.rounds.importDocument(document, { organizationId: org?.id ?? 0 });
      });
      const app = createApp({ store, pageCache: false });
      expect((await app.request(`/o/sakado/plans/${hidden.planId}/2019`)).status).toBe(404);
      expect((await app.request(`/o/sakado/plans/${hidden.planId}/2019/table`)).status).toBe(404);
      expect((await app.request(`/api/v1/plans/${hidden.planId}`)).status).toBe(404);
      expect((await app.request(`/api/v1/plans/${hidden.planId}/rounds/2019/export.pdf`)).status).toBe(404);
      const home = await (await app.request("/o/sakado")).text();
      expect(home).not.toContain("非公表の計画");
      expect((await app.request(`/o/sakado/plans/${planId}/2019`)).status).toBe(200);
    });
  });

  describe("the page cache over the store", () => {
    it("keeps organization B's pages while A saves drafts and publishes; renders A's anew after its publication", async () => {
      const real = await database.open();
      const a = await importDocument(real, buildPlanDocument(), { organization: FACTORY_ORGANIZATION });
      const b = await importDocument(real, buildPlanDocument(), {
        organization: { slug: "tsurugashima", name: "鶴ヶ島市" },
      });
      const { store, renders } = countingStore(real);
      const app = createApp({ store, pageCache: new PageCache({ maxBytes: 1 << 24, maxEntries: 100 }) });
      const pageA = `/o/sakado/plans/${a.planId}/2019/table`;
      const pageB = `/o/tsurugashima/plans/${b.planId}/2019/table`;

      const firstB = await app.request(pageB);
      await app.request(pageA);
      expect(renders()).toBe(2);

      await saveDraftOfNo3(real, a.planId);
      expect((await app.request(pageA)).status).toBe(200);
      expect((await app.request(pageB)).status).toBe(200);
      expect(renders()).toBe(2);

      // A publishes its round again, the draft included (第2版).
      await real.transaction({ actor: TEST_ACTOR }, async (tx) => {
        const round = await tx.rounds.find(a.planId, 2019);
        await tx.publications.publish(round?.id ?? 0, { source: "published", reason: "テスト" });
      });
      const againB = await app.request(pageB, {
        headers: { "If-None-Match": firstB.headers.get("etag") ?? "" },
      });
      expect(againB.status).toBe(304);
      expect(renders()).toBe(2);
      const againA = await (await app.request(pageA)).text();
      expect(renders()).toBe(3);
      expect(againA).toContain(DRAFT_TEXT);
    });

    it("never stores nor serves a page requested with a session", async () => {
      const real = await database.open();
      const { planId } = await importDocument(real, buildPlanDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      const { store, renders } = countingStore(real);
      const cache = new PageCache({ maxBytes: 1 << 24, maxEntries: 100 });
      const app = createApp({ store, pageCache: cache });
      const page = `/o/sakado/plans/${planId}/2019/table`;
      const session = { headers: { Cookie: "shinchoku_session=0123456789abcdef" } };

      await app.request(page, session);
      await app.request(page, session);
      expect(renders()).toBe(2);
      expect(cache.size).toBe(0);
      await app.request(page);
      expect(cache.size).toBe(1);
      await app.request(page, session);
      expect(renders()).toBe(4);
      await app.request(page);
      expect(renders()).toBe(4);
    });
  });
});
