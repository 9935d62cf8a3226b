import { beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../../../test/factories/plan-document.ts";
import { elementsMarkedJapanese, langOfText, seededApp, textOf } from "../../../../test/server-support.ts";
import { importDocument } from "../../../../test/store.ts";
import { createApp } from "../../app.ts";

const BASE = "/o/sakado/plans/1/initiatives";

forEachDatabase((database) => {
  describe("on the seed", () => {
    let app: ReturnType<typeof createApp>;
    beforeAll(async () => {
      ({ app } = await seededApp(database));
    });
    const page = async (path: string) => {
      const res = await app.request(path);
      return { res, html: await res.text() };
    };

    it("shows the initiative: policy, departments with the lead marked, description", async () => {
      const { res, html } = await page(`${BASE}/16?fy=2019`);
      expect(res.status).toBe(200);
      expect(html).toContain("<title>No.16 市税等の徴収率の向上 | 坂戸市 | Shinchoku 進捗</title>");
      expect(html).toContain("<h1>No.16 市税等の徴収率の向上</h1>");
      const text = textOf(html);
      expect(text).toContain("基本方針 (イ) 効率的な自治体運営");
      expect(text).toContain("関係課 納税課（主担当） 関係各課");
      expect(text).toContain("取組の方針と内容 徴入の確保と税負担の公平性を確保するため");
    });

    it("lists each KPI in a table: baseline, the year's value with its achievement and the expected share, target", async () => {
      const { html } = await page(`${BASE}/16?fy=2019`);
      expect(html).toMatch(
        /<table class="data kpi-values"><caption id="kpi-\d+-caption">市税徴収率<\/caption>/,
      );
      expect(html).toContain('<th scope="col" class="num">達成率</th>');
      const text = textOf(html);
      // (96.5 − 93.2) / (94.0 − 93.2) = 4.125: the target is passed, 412.5% against 60% of the period.
      expect(text).toContain(
        "当初（平成27年度末） 93.2% (90.6%H26.3末) — — — — — 令和元年度末（2019年度末） （表示中の年度） 96.5% 達成（目標超過） 412.5% 数値 60%（5年中3年） 想定より先行 目標（令和3年度末） 94.0% — — — 100% —",
      );
      // 自動音声電話催告の導入 検討 → 実施, current 実施: met, a stage target.
      expect(text).toContain("実施 達成 100.0% 段階 60%（5年中3年） 想定より先行");
      expect(text).toContain("達成状況は、目標に届いた「達成」");
      expect(html).toContain('<tr class="is-selected">');
    });

    it("says why an achievement cannot be computed, as text", async () => {
      const { html } = await page(`${BASE}/6`);
      expect(textOf(html)).toContain(
        "算出不可（目標「実施(31年度)」と現状値「1団地(素案)」は種類が異なるため比べられません）",
      );
    });

    it("links a relisted KPI (再掲) to the other initiative, both ways", async () => {
      const six = await page(`${BASE}/6?fy=2019`);
      // The city wrote (再掲) in the name: it is said once, not again for screen readers.
      expect(six.html).toMatch(
        /<caption id="kpi-\d+-caption">北坂戸にぎわいサロンの利用者数\(再掲\)<\/caption>/,
      );
      expect(textOf(six.html)).toContain("No.1 産・学・官連携体制の推進 からの再掲です。");
      expect(six.html).toContain(
        '<a href="/o/sakado/plans/1/initiatives/1?fy=2019">No.1 産・学・官連携体制の推進</a>',
      );
      const one = await page(`${BASE}/1`);
      expect(textOf(one.html)).toContain("この数値目標は No.6 住宅(団)地対応の推進 にも掲載しています。");
      expect(one.html).toContain('<a href="/o/sakado/plans/1/initiatives/6">No.6 住宅(団)地対応の推進</a>');
    });

    it("shows the fiscal year's report", async () => {
      const text = textOf((await page(`${BASE}/16`)).html);
      expect(text).toContain("令和元年度（2019年度） 取組内容 1 任期付職員(県税OB)の採用 4名採用");
      expect(text).toContain("進捗状況 A 順調 本部会意見 給与差押を基本とした滞納処分を推進したため");
      expect(text).toContain("令和2年度目標 1 任期付職員(県税OB)の採用");
    });

    it("in English marks the organization's Japanese text lang=ja, UI words staying English (WCAG 3.1.2)", async () => {
      const { html } = await page(`${BASE}/16?fy=2019&lang=en`);
      expect(html).toContain('<h1>No.16 <span lang="ja">市税等の徴収率の向上</span></h1>');
      expect(langOfText(html, "納税課")).toBe("ja");
      expect(html).toContain('<li><span lang="ja">納税課</span> (lead)</li>');
      expect(html).toContain('<td class="num" lang="ja">96.5%</td>'); // the FY2019 value
      expect(langOfText(html, "93.2% (90.6%H26.3末)")).toBe("ja"); // the baseline
      expect(langOfText(html, "市税徴収率")).toBe("ja"); // the KPI's name
      expect(langOfText(html, "給与差押を基本とした滞納処分を推進したため")).toBe("ja"); // committee opinion
      expect(langOfText(html, "任期付職員(県税OB)の採用 4名採用")).toBe("ja"); // activities
      expect(langOfText(html, "(イ) 効率的な自治体運営")).toBe("ja");
      expect(langOfText(html, "Committee opinion")).toBe("en");
      expect(langOfText(html, "On track")).toBe("en");
    });

    it("in Japanese adds no lang=ja: the page's own language covers it", async () => {
      const { html } = await page(`${BASE}/16?fy=2019`);
      expect(elementsMarkedJapanese(html)).toEqual(["a"]); // the language switch's 日本語 only
      expect(langOfText(html, "給与差押を基本とした滞納処分を推進したため")).toBe("ja");
    });

    it("says what is wrong with an address in the reader's words, not a parameter's name", async () => {
      const zero = await page(`${BASE}/0`);
      expect(zero.html).toContain("<li>取組項目の番号（No.）は1以上の数字で指定してください。</li>");
      expect(zero.html).toContain("取組項目の番号（No.）を確認してください。");
      expect(zero.html).not.toContain("number：");
      const en = await page(`${BASE}/0?lang=en`);
      expect(en.html).toContain("<li>The initiative number (No.) must be a number of at least 1.</li>");
      expect(en.html).toContain("Please check: the initiative number (No.)");
      const text = await page(`${BASE}/abc`);
      expect(text.html).toContain("<li>取組項目の番号（No.）は数字で指定してください。</li>");
    });

    it("refuses malformed numbers and years (400) and unknown ones (404)", async () => {
      for (const path of [`${BASE}/0`, `${BASE}/-1`, `${BASE}/abc`, `${BASE}/16?fy=abc`]) {
        expect((await page(path)).res.status, path).toBe(400);
      }
      const missing = await page(`${BASE}/99`);
      expect(missing.res.status).toBe(404);
      expect(missing.html).toContain("この計画に No.99 の取組項目はありません。");
      expect((await page(`${BASE}/16?fy=2030`)).res.status).toBe(404);
      expect((await page("/o/sakado/plans/2/initiatives/16")).res.status).toBe(404);
    });

    describe("API", () => {
      it("GET /api/v1/plans/{planId}/initiatives/{number}: KPIs with values, achievements and reports", async () => {
        const res = await app.request("/api/v1/plans/1/initiatives/16");
        expect(res.status).toBe(200);
        const body = await res.json();
        expect(body).toMatchObject({
          planId: 1,
          number: 16,
          title: "市税等の徴収率の向上",
          policy: { code: "(イ)", title: "効率的な自治体運営" },
          departments: ["納税課", "関係各課"],
          leadDepartment: "納税課",
        });
        expect(body.kpis.map((k: { name: string }) => k.name)).toEqual([
          "市税徴収率",
          "国税徴収率",
          "自動音声電話催告の導入",
        ]);
        const tax = body.kpis[0];
        expect(tax.baseline.text).toBe("93.2% (90.6%H26.3末)");
        expect(tax.target.text).toBe("94.0%");
        expect(tax.values).toHaveLength(1);
        expect(tax.values[0]).toMatchObject({
          fiscalYear: 2019,
          value: { text: "96.5%", kind: "quantity", value: 96.5, unit: "%" },
          achievement: {
            status: "met",
            statusLabel: "達成（目標超過）",
            statusLabelEn: "Met (beyond the target)",
            // (96.5 − 93.2) / (94.0 − 93.2) = 4.125
            percent: 412.5,
            computable: true,
            method: "numeric",
            methodLabel: "数値",
            met: true,
            regressed: false,
            expectedShare: 60,
            pace: "ahead",
            paceLabel: "想定より先行",
            reason: "",
            text: "達成（目標超過） 412.5%［数値］",
            textEn: "Met (beyond the target) 412.5% [numeric]",
          },
          expectedShare: { elapsedYears: 3, totalYears: 5, share: 0.6 },
        });
        expect(tax.values[0].achievement).not.toHaveProperty("ratio");
        expect(body.reports).toEqual([
          expect.objectContaining({ fiscalYear: 2019, grade: "A", gradeLabel: "順調" }),
        ]);
      });

      it("lists where a relisted KPI also appears", async () => {
        const body = await (await app.request("/api/v1/plans/1/initiatives/6")).json();
        const salon = body.kpis.find((k: { relisted: boolean }) => k.relisted);
        expect(salon.label).toBe("北坂戸にぎわいサロンの利用者数(再掲)");
        expect(salon.alsoListedIn).toEqual([
          { initiativeNumber: 1, title: "産・学・官連携体制の推進", relisted: false },
        ]);
      });

      it("refuses number=-1 (400 naming the field) and an unknown number (404)", async () => {
        const bad = await app.request("/api/v1/plans/1/initiatives/-1");
        expect(bad.status).toBe(400);
        expect((await bad.json()).errors).toEqual([
          { name: "number", in: "path", detail: "パラメーター「number」は1以上で指定してください。" },
        ]);
        const missing = await app.request("/api/v1/plans/1/initiatives/99");
        expect(missing.status).toBe(404);
        expect((await missing.json()).type).toBe("/api/docs#problem-initiative.not-found");
      });
    });
  });

  describe("over two fiscal years (factory documents)", () => {
    let app: ReturnType<typeof createApp>;
    beforeAll(async () => {
      const store = await database.open();
      for (const fiscalYear of [2019, 2020] as const) {
        await importDocument(store, buildPlanDocument({ fiscalYear }), {
          organization: FACTORY_ORGANIZATION,
        });
      }
      app = createApp({ store });
    });

    it("shows every year's value and report, the selected year highlighted", async () => {
      const html = await (await app.request(`${BASE}/1?fy=2019`)).text();
      const text = textOf(html);
      expect(text).toMatch(
        /令和元年度末（2019年度末） （表示中の年度） 66件 .*令和2年度末（2020年度末） 70件/,
      );
      expect(text).toContain("80%（5年中4年）");
      expect(html.indexOf('id="report-2020"')).toBeLessThan(html.indexOf('id="report-2019"'));
      expect(html).toContain('<section class="report is-selected" aria-labelledby="report-2019">');
    });

    it("the plan's address goes to the latest year, and the overview switches years", async () => {
      expect((await app.request("/o/sakado/plans/1")).headers.get("location")).toBe("/o/sakado/plans/1/2020");
      const html = await (await app.request("/o/sakado/plans/1/2019")).text();
      expect(html).toContain(
        '<a href="/o/sakado/plans/1/2019" aria-current="page">令和元年度（2019年度）</a>',
      );
      expect(html).toContain('<a href="/o/sakado/plans/1/2020">令和2年度（2020年度）</a>');
    });
  });
});
