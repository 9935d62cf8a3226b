import { describe, expect, it } from "vitest";
import { forEachDatabase, type TestDatabase } from "../../../../test/db.ts";
import { seededApp, textOf } from "../../../../test/server-support.ts";
import { withNumberSign } from "../../../domain/initiative-number.ts";
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

    it("hides retired initiatives and KPIs by default, says how many, and shows them marked on request", async () => {
      const { app, store, who, base } = await setup(database);
      const structure = await store.planStructures.load(who.planId);
      const [no1, no2] = structure?.policies[0]?.initiatives ?? [];
      const kpi = no2?.kpis.find((k) => !k.relisted);
      if (!no1 || !no2 || !kpi) throw new Error("the seed's No.1 and No.2 with a KPI");
      // The seed's own table already leaves KPIs out (retired by its import); No.1's go with it.
      const initiatives = (structure?.policies ?? []).flatMap((p) => p.initiatives);
      const retiredBefore = new Set(
        initiatives
          .filter((i) => i.id !== no1.id && !i.retired)
          .flatMap((i) => i.kpis.filter((k) => k.retired).map((k) => k.kpiId)),
      ).size;
      // Listings marked on the shown page: the retired ones and every listing of the KPI retired here.
      const markedListings =
        initiatives.flatMap((i) => i.kpis.filter((k) => k.retired)).length +
        initiatives.flatMap((i) => i.kpis.filter((k) => k.kpiId === kpi.kpiId)).length;
      const retire = (entity: string, id: number, version: number, extra: Record<string, string> = {}) =>
        post(app, `${base}/actions`, who.secretariat, {
          action: "retire",
          entity,
          id: String(id),
          version: String(version),
          ...extra,
        });
      expect((await retire("initiative", no1.id, no1.version)).status).toBe(303);
      // From the page that lists retired items, the answer goes back to that list.
      const kept = await retire("kpi", kpi.kpiId, kpi.version, { retiredShown: "show" });
      expect(kept.status).toBe(303);
      expect(kept.headers.get("Location")).toContain("retired=show");

      const hidden = await (await get(app, base, who.secretariat)).text();
      expect(hidden).not.toContain(no1.title);
      expect(hidden).not.toContain(kpi.label);
      expect(hidden).toContain(no2.title);
      expect(textOf(hidden)).toContain("廃止した取組項目と数値目標は表示していません。");
      expect(hidden).toContain(
        `href="${base}?retired=show">廃止した取組項目 1件と数値目標 ${retiredBefore + 1}件を表示する</a>`,
      );

      const shown = await (await get(app, `${base}?retired=show`, who.secretariat)).text();
      expect(shown).toContain(no1.title);
      expect(shown).toContain(kpi.label);
      // Marked in words, not by colour alone: the tag and the note, on both.
      expect(shown.match(/<span class="tag tag-retired">廃止<\/span>/g)?.length).toBe(1 + markedListings);
      expect(textOf(shown)).toContain("（廃止：次に開く年度からは表示されません）");
      expect(shown).toContain(`href="${base}">廃止したものを隠す</a>`);
      // Restoring from that list keeps the list.
      expect(shown).toMatch(/name="retiredShown" value="show"/);
      // The retired initiative's own page says so, in words.
      const own = await (await get(app, `${base}/initiatives/${no1.id}`, who.secretariat)).text();
      expect(own).toContain(
        '<p class="editor-retired"><span class="tag tag-retired">廃止</span>この取組項目は廃止しています。',
      );
      // The history says what retiring changed.
      const history = textOf(await (await get(app, `${base}/history`, who.secretariat)).text());
      expect(history).toContain(`取組項目を廃止 ${withNumberSign(String(no1.number))} ${no1.title}`);
      expect(history).toContain("使用中 → 廃止（次に開く年度からは表示されません）");
      // Any other value is the default: hidden.
      expect(await (await get(app, `${base}?retired=all`, who.secretariat)).text()).not.toContain(no1.title);
    });

    it("the change history shows each change field by field, before → after", async () => {
      const { app, store, who, base } = await setup(database);
      const structure = await store.planStructures.load(who.planId);
      const no1 = structure?.policies[0]?.initiatives[0];
      const kpi = no1?.kpis.find((k) => !k.relisted);
      if (!no1 || !kpi) throw new Error("the seed's No.1 with a KPI");
      const others = (await store.departments.list(who.organizationId)).filter(
        (d) => d.retiredAt === null && !no1.departments.some((n) => n.id === d.id),
      );
      const added = others[0];
      const removed = no1.departments[1];
      if (!added || !removed) throw new Error("a department to add and one to remove");
      const departments = [no1.departments[0], added, ...no1.departments.slice(2)].filter(
        (d) => d !== undefined,
      );
      const saved = await post(app, `${base}/initiatives/${no1.id}`, who.secretariat, {
        version: String(no1.version),
        policyId: String(no1.policyId),
        number: String(no1.number),
        initiativeTitle: "産学官連携の推進",
        description: no1.description,
        ...Object.fromEntries(departments.map((d, i) => [`department-${i + 1}`, String(d.id)])),
      });
      expect(saved.status).toBe(303);
      const target = await post(app, `${base}/kpis/${kpi.kpiId}`, who.secretariat, {
        version: String(kpi.version),
        kpiName: kpi.name,
        kpiBaseline: kpi.baseline.text,
        kpiTarget: "100件(R3年度)",
      });
      expect(target.status).toBe(303);

      const history = textOf(await (await get(app, `${base}/history`, who.secretariat)).text());
      expect(history).toContain(`取組項目名「${no1.title}」→「産学官連携の推進」`);
      expect(history).toContain(`関係課に「${added.name}」を追加`);
      expect(history).toContain(`関係課から「${removed.name}」を外した`);
      expect(history).toContain(`目標「${kpi.target.text}」→「100件(R3年度)」`);
      expect(history).toContain(`数値目標「${kpi.name}」`);
      // What did not change is not listed.
      expect(history).not.toContain("廃止 → 使用中");
      expect(history).not.toContain("取組の方針と内容「");
      expect(history).not.toContain("当初「");
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
