import { describe, expect, it } from "vitest";
import { forEachDatabase, type TestDatabase } from "../../../../test/db.ts";
import { seededApp, textOf } from "../../../../test/server-support.ts";
import { cast, get, post } from "../round/test-support.ts";

/**
 * The plan editor's pages through the app (both databases, the seed loaded): refused forms answer
 * 400 with the error summary linked to the fields and the answers kept; a refusal of the workflow
 * (a renumbering once published, a stale version) says why; a KPI saved without JavaScript shows
 * what its value was read as.
 */

async function setup(database: TestDatabase) {
  const { app, store } = await seededApp(database);
  const who = await cast(store);
  return { app, store, who, base: `/o/sakado/manage/plan-editor/${who.planId}` };
}

forEachDatabase((database) => {
  describe("the plan editor's pages", () => {
    it("a new plan: the error summary links each problem, the answers stay; then it is made", async () => {
      const { app, store, who } = await setup(database);
      const refused = await post(app, "/o/sakado/manage/plan-editor/new", who.secretariat, {
        title: "",
        period: "令和3年度～平成29年度",
        baseline: "H27末",
        scale: "custom",
        "level-1-code": "◎",
        "level-1-label": "達成",
        "level-2-code": "◎",
      });
      expect(refused.status).toBe(400);
      const html = await refused.text();
      expect(html).toContain("<title>エラー：新しい計画");
      expect(html).toContain('<a href="#title">計画の名前を入力してください。</a>');
      expect(html).toContain('<a href="#period">計画期間を');
      expect(html).toContain('<a href="#level-2-code">2段階目の記号「◎」は、ほかの段階と同じです。</a>');
      expect(html).toContain('value="令和3年度～平成29年度"');
      expect(html).toContain('value="H27末"');
      expect(html).toMatch(/id="scale-custom"[^>]*checked/);

      const made = await post(app, "/o/sakado/manage/plan-editor/new", who.secretariat, {
        title: "第2次計画",
        period: "2022年度～2026年度",
        baseline: "",
        scale: "marks",
        notAssessed: "yes",
      });
      expect(made.status).toBe(303);
      const plans = await store.plans.list(who.organizationId);
      expect(plans.find((p) => p.title === "第2次計画")).toMatchObject({
        startFiscalYear: 2022,
        endFiscalYear: 2026,
        baselineFiscalYear: null,
      });
      // The same title and period again: refused on the title field.
      const again = await post(app, "/o/sakado/manage/plan-editor/new", who.secretariat, {
        title: "第2次計画",
        period: "令和4年度～令和8年度",
        scale: "default",
      });
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('<a href="#title">同じ名前と計画期間の計画がすでにあります。');
    });

    it("refuses a renumbering of the published seed, and a stale version, saying why", async () => {
      const { app, store, who, base } = await setup(database);
      const structure = await store.planStructures.load(who.planId);
      const no1 = structure?.policies[0]?.initiatives[0];
      if (!no1) throw new Error("the seed's No.1");
      const fields = {
        version: String(no1.version),
        policyId: String(no1.policyId),
        number: "101",
        initiativeTitle: no1.title,
        description: no1.description,
        ...Object.fromEntries(no1.departments.map((d, i) => [`department-${i + 1}`, String(d.id)])),
      };
      const renumbered = await post(app, `${base}/initiatives/${no1.id}`, who.secretariat, fields);
      expect(renumbered.status).toBe(409);
      const html = await renumbered.text();
      expect(html).toContain(
        '<a href="#number">この計画には公表済みの年度があるため、取組項目の番号は変えられません',
      );
      expect(html).toContain('value="101"');

      const retitled = await post(app, `${base}/initiatives/${no1.id}`, who.secretariat, {
        ...fields,
        number: String(no1.number),
        initiativeTitle: "産学官連携の推進",
      });
      expect(retitled.status).toBe(303);
      // The same page's version again: someone saved in between.
      const stale = await post(app, `${base}/initiatives/${no1.id}`, who.secretariat, {
        ...fields,
        number: String(no1.number),
        initiativeTitle: "別の名前",
      });
      expect(stale.status).toBe(409);
      expect(textOf(await stale.text())).toContain("読み込んだ後にほかの人が保存しています");
      const after = await store.planStructures.load(who.planId);
      expect(after?.policies[0]?.initiatives[0]?.title).toBe("産学官連携の推進");
    });

    it("a KPI saved without JavaScript shows what each value was read as; an empty one is refused", async () => {
      const { app, who, base, store } = await setup(database);
      const initiative = (await store.planStructures.load(who.planId))?.policies[0]?.initiatives[0];
      const path = `${base}/initiatives/${initiative?.id}/kpis/new`;
      const refused = await post(app, path, who.secretariat, {
        kpiName: "削減額",
        kpiBaseline: "",
        kpiTarget: "1億円(R2年度)",
      });
      expect(refused.status).toBe(400);
      const html = await refused.text();
      expect(html).toContain('<a href="#kpiBaseline">当初を入力してください（値がなければ「-」）。</a>');
      expect(html).toContain('value="1億円(R2年度)"');
      const saved = await post(app, path, who.secretariat, {
        kpiName: "削減額",
        kpiBaseline: "0円",
        kpiTarget: "1億円(R2年度)",
      });
      expect(saved.status).toBe(303);
      const page = await get(app, saved.headers.get("Location") ?? "", who.secretariat);
      const text = textOf(await page.text());
      expect(text).toContain("追加しました。");
      expect(text).toMatch(/読み取り：\s*1億円 → 100,000,000円／令和2年度/);
      expect(page.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    });

    it("answers the editor's pages to the secretariat only", async () => {
      const { app, who, base } = await setup(database);
      expect((await get(app, base, who.secretariat)).status).toBe(200);
      expect((await get(app, base, who.editor)).status).toBe(403);
      expect((await get(app, base, who.stranger)).status).toBe(404);
      const home = textOf(await (await get(app, "/o/sakado/manage", who.secretariat)).text());
      expect(home).toContain("計画の編集");
    });
  });
});
