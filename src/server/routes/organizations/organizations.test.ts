import { beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../../../test/db.ts";
import { elementsMarkedJapanese, langOfText, seededApp, textOf } from "../../../../test/server-support.ts";
import type { createApp } from "../../app.ts";

forEachDatabase((database) => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ({ app } = await seededApp(database));
  });

  describe("pages", () => {
    it("/ lists the organizations with a link to each", async () => {
      const res = await app.request("/");
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toMatch(/^<!DOCTYPE html><html lang="ja">/);
      expect(html).toContain('<a href="/o/sakado">坂戸市</a>');
      expect(html).toContain("<title>自治体一覧 | Shinchoku 進捗</title>");
    });

    it("/o/sakado shows the plan with its latest round and grade counts", async () => {
      const res = await app.request("/o/sakado");
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<caption id="plans-caption">坂戸市の計画と最新の進捗状況</caption>');
      expect(html).toContain('<th scope="col" class="num">A 順調</th>');
      const text = textOf(html);
      expect(text).toContain(
        "行政改革後期アクションプラン 平成29年度～令和3年度（2017～2021年度） 令和元年度（2019年度） 令和2年3月31日 （2020年3月31日） 8 10 5 1",
      );
      expect(html).toContain('<time datetime="2020-03-31">令和2年3月31日</time>');
    });

    it("/o/sakado?lang=en is in English and keeps the language in its links", async () => {
      const html = await (await app.request("/o/sakado?lang=en")).text();
      expect(html).toContain('<html lang="en">');
      expect(html).toContain(
        '<caption id="plans-caption">Plans of <span lang="ja">坂戸市</span> and their latest progress</caption>',
      );
      expect(html).toContain('href="/o/sakado/plans/1/2019?lang=en"');
      expect(html).toContain("FY2019 (R1)");
    });

    it("in English marks the organization's and the plan's Japanese names lang=ja (WCAG 3.1.2)", async () => {
      const en = await (await app.request("/o/sakado?lang=en")).text();
      expect(en).toContain('<h1 lang="ja">坂戸市</h1>');
      expect(en).toContain('Plans of <span lang="ja">坂戸市</span> and their latest progress');
      expect(langOfText(en, "行政改革後期アクションプラン")).toBe("ja");
      expect(langOfText(await (await app.request("/?lang=en")).text(), "坂戸市")).toBe("ja");
      expect(elementsMarkedJapanese(await (await app.request("/o/sakado")).text())).toEqual(["a"]);
    });

    it("refuses an unknown organization with a Japanese 404 page", async () => {
      const res = await app.request("/o/nowhere");
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain("<h1>自治体が見つかりません</h1>");
      expect(html).toContain("「nowhere」という自治体は登録されていません。");
    });
  });

  describe("API", () => {
    it("GET /api/v1/organizations", async () => {
      const res = await app.request("/api/v1/organizations");
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ organizations: [{ slug: "sakado", name: "坂戸市" }] });
    });

    it("GET /api/v1/organizations/{org}", async () => {
      expect(await (await app.request("/api/v1/organizations/sakado")).json()).toEqual({
        slug: "sakado",
        name: "坂戸市",
      });
    });

    it("GET /api/v1/organizations/{org}/plans lists the plan with its latest round", async () => {
      const body = await (await app.request("/api/v1/organizations/sakado/plans")).json();
      expect(body.organization).toEqual({ slug: "sakado", name: "坂戸市" });
      expect(body.plans).toHaveLength(1);
      expect(body.plans[0]).toMatchObject({
        organization: "sakado",
        title: "行政改革後期アクションプラン",
        startFiscalYear: 2017,
        endFiscalYear: 2021,
        baselineFiscalYear: 2015,
        fiscalYears: [2019],
        latestRound: {
          fiscalYear: 2019,
          asOf: "2020-03-31",
          gradeSummary: { A: 8, B: 10, C: 5, D: 1 },
          initiativeCount: 24,
        },
      });
    });

    it("refuses an unknown organization with a problem document", async () => {
      for (const path of ["/api/v1/organizations/nowhere", "/api/v1/organizations/nowhere/plans"]) {
        const res = await app.request(path);
        expect(res.status).toBe(404);
        expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        expect(await res.json()).toEqual({
          type: "/api/docs#problem-organization.not-found",
          title: "自治体が見つかりません",
          status: 404,
          detail:
            "「nowhere」という自治体は登録されていません。アドレスを確認するか、自治体一覧から選んでください。",
          instance: path,
        });
      }
    });
  });
});
