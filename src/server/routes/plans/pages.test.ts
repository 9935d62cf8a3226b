import { beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../../../test/db.ts";
import {
  allMatches,
  elementsMarkedJapanese,
  langOfText,
  seededApp,
  textOf,
} from "../../../../test/server-support.ts";
import type { createApp } from "../../app.ts";

const OVERVIEW = "/o/sakado/plans/1/2019";

/** The numbers of the initiatives listed in the overview's table. */
function listedNumbers(html: string): number[] {
  const table = html.slice(html.indexOf('<table class="data initiatives">'));
  return allMatches(table.slice(0, table.indexOf("</table>")), /<tr><td class="num">(\d+)<\/td>/).map(Number);
}

forEachDatabase((database) => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ({ app } = await seededApp(database));
  });
  const page = async (path: string) => {
    const res = await app.request(path);
    return { res, html: await res.text() };
  };

  it("the plan's address redirects to its latest round, keeping the language", async () => {
    const ja = await app.request("/o/sakado/plans/1");
    expect(ja.status).toBe(302);
    expect(ja.headers.get("location")).toBe(OVERVIEW);
    expect((await app.request("/o/sakado/plans/1?lang=en")).headers.get("location")).toBe(
      `${OVERVIEW}?lang=en`,
    );
  });

  describe("overview", () => {
    it("has the title, period, as-of date in 和暦 with 西暦, and the expected share", async () => {
      const { res, html } = await page(OVERVIEW);
      expect(res.status).toBe(200);
      expect(html).toContain('<html lang="ja">');
      expect(html).toContain(
        "<title>行政改革後期アクションプラン 令和元年度（2019年度） | 坂戸市 | Shinchoku 進捗</title>",
      );
      // 西暦 once in the lead, which already says 2019年度: no bracket inside a bracket.
      expect(html).toContain(
        '<p class="lead">令和元年度（2019年度）の進行管理（<time datetime="2020-03-31">令和2年3月31日</time>現在）</p>',
      );
      const text = textOf(html);
      expect(text).toContain("計画期間 平成29年度～令和3年度（2017～2021年度）");
      expect(text).toContain("計画期間5年のうち3年経過（60%）");
    });

    it("summarizes the grades in a table with caption and scopes, and in an SVG chart with the numbers", async () => {
      const { html } = await page(OVERVIEW);
      expect(html).toContain(
        '<caption id="summary-caption">令和元年度（2019年度）の進捗状況（全体と基本方針別の件数と割合）</caption>',
      );
      expect(textOf(html)).toContain("全体 8件（33%） 10件（42%） 5件（21%） 1件（4%） 24件（100%）");
      expect(html).toContain('<th scope="row">(ア) 市民と行政との協働体制の確立</th>');
      const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>"));
      expect(svg).toMatch(/^<svg[^>]* role="img" aria-labelledby="grade-chart-title"/);
      expect(html).toMatch(
        /<p id="grade-chart-title" hidden="">[^<]*全体：A 順調 8、B ほぼ順調 10、C やや遅れ 5、D 停滞 1/,
      );
      expect(svg).toContain('fill="url(#grade-pattern-B)"');
    });

    it("lists every initiative with its grade as text, and offers the filters", async () => {
      const { html } = await page(OVERVIEW);
      expect(listedNumbers(html)).toHaveLength(24);
      expect(html).toContain('<p class="result-count" role="status">24件中24件を表示しています。</p>');
      expect(html).toContain('<select id="filter-policy" name="policy">');
      expect(html).toContain('<option value="納税課">納税課</option>');
      expect(html).toContain('<input type="checkbox" name="grade" value="D"/>');
      expect(textOf(html)).toContain(
        "16 市税等の徴収率の向上 (イ) 効率的な自治体運営 納税課、関係各課 A 順調",
      );
      expect(html).toContain('href="/o/sakado/plans/1/initiatives/16?fy=2019"');
    });

    it("applies the filters from the query string and keeps them in the form", async () => {
      const policy = await page(`${OVERVIEW}?policy=${encodeURIComponent("(ウ)")}`);
      expect(listedNumbers(policy.html)).toEqual([20, 21, 22, 23, 24]);
      expect(policy.html).toContain('<option value="(ウ)" selected="">(ウ) 市民満足度の向上</option>');
      expect(policy.html).toContain("24件中5件を表示しています。");

      const grades = await page(`${OVERVIEW}?grade=C&grade=D`);
      expect(listedNumbers(grades.html)).toEqual([2, 5, 6, 7, 11, 24]);
      expect(grades.html).toContain('<input type="checkbox" name="grade" value="C" checked=""/>');

      const text = await page(`${OVERVIEW}?q=${encodeURIComponent("オープンデータ")}&department=&policy=`);
      expect(listedNumbers(text.html)).toEqual([3]);
      expect(text.html).toContain('value="オープンデータ"');

      const none = await page(`${OVERVIEW}?department=${encodeURIComponent("納税課")}&grade=D`);
      expect(listedNumbers(none.html)).toEqual([]);
      expect(none.html).toContain("条件に合う取組項目はありません。");
    });

    it("switches fiscal year by links and offers the JSON download", async () => {
      const { html } = await page(OVERVIEW);
      expect(html).toContain(
        '<a href="/o/sakado/plans/1/2019" aria-current="page">令和元年度（2019年度）</a>',
      );
      expect(html).toContain('href="/api/v1/plans/1/rounds/2019/export.json" download=""');
      expect(html).toContain('href="/o/sakado/plans/1/2019/table"');
    });

    it("the year switcher keeps the reader's conditions", async () => {
      const { html } = await page(`${OVERVIEW}?policy=${encodeURIComponent("(イ)")}&grade=C&grade=D&q=ICT`);
      expect(html).toContain(
        '<a href="/o/sakado/plans/1/2019?policy=%28%E3%82%A4%29&amp;grade=C&amp;grade=D&amp;q=ICT" aria-current="page">',
      );
      const en = await page(`${OVERVIEW}?grade=C&lang=en`);
      expect(en.html).toContain('<a href="/o/sakado/plans/1/2019?grade=C&amp;lang=en" aria-current="page">');
    });

    it("offers no 「関係各課」 (every related department) in the department filter: it would narrow nothing", async () => {
      const { html } = await page(OVERVIEW);
      const select = html.slice(
        html.indexOf('<select id="filter-department"'),
        html.indexOf("</select>", html.indexOf('<select id="filter-department"')),
      );
      expect(select).toContain('<option value="納税課">納税課</option>');
      expect(select).not.toContain("関係各課");
    });

    it("in English keeps lang=en in the form and the links", async () => {
      const { html } = await page(`${OVERVIEW}?lang=en&grade=A`);
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('<input type="hidden" name="lang" value="en"/>');
      expect(html).toContain("Showing 8 of 24 initiatives.");
      expect(html).toContain('href="/o/sakado/plans/1/2019?grade=A"');
      expect(html).toContain('hreflang="ja"');
    });

    it("in English marks the organization's Japanese text lang=ja, UI words staying English (WCAG 3.1.2)", async () => {
      const { html } = await page(`${OVERVIEW}?lang=en`);
      expect(langOfText(html, "市税等の徴収率の向上")).toBe("ja"); // an initiative title
      expect(langOfText(html, "納税課")).toBe("ja"); // a department
      expect(langOfText(html, "(イ) 効率的な自治体運営")).toBe("ja"); // a policy, in the list
      expect(langOfText(html, "行政改革後期アクションプラン")).toBe("ja"); // the plan's title
      expect(langOfText(html, "坂戸市")).toBe("ja"); // the header's organization name
      expect(html).toContain('<span lang="ja">行政改革後期アクションプラン</span> FY2019');
      expect(html).toMatch(/<option value="[^"]*" lang="ja">\(ア\) 市民と行政との協働体制の確立<\/option>/);
      expect(html).toContain('<option value="納税課" lang="ja">納税課</option>');
      expect(html).toContain('<th scope="row" lang="ja">(ア) 市民と行政との協働体制の確立</th>');
      expect(html).toContain(
        '. <span lang="ja">(ア) 市民と行政との協働体制の確立</span>: A On track 2, B Mostly on track 1',
      );
      expect(langOfText(html, "Initiatives in FY2019")).toBe("en");
      expect(langOfText(html, "Mostly on track")).toBe("en");
    });

    it("in Japanese adds no lang=ja: the page's own language covers it", async () => {
      const { html } = await page(OVERVIEW);
      expect(elementsMarkedJapanese(html)).toEqual(["a"]); // the language switch's 日本語 only
      expect(langOfText(html, "市税等の徴収率の向上")).toBe("ja");
    });
  });

  describe("refusals", () => {
    it("400 for a fiscal year that is not a number, and for an unknown grade", async () => {
      const fy = await page("/o/sakado/plans/1/abc");
      expect(fy.res.status).toBe(400);
      expect(fy.html).toContain("<h1>指定された値が正しくありません</h1>");
      // In the reader's words, never a parameter's name.
      expect(fy.html).toContain("年度（西暦。例：2019）を確認してください。");
      expect(fy.html).toContain("<li>年度（西暦。例：2019）は数字で指定してください。</li>");
      expect(fy.html).not.toContain("fy：");
      const grade = await page(`${OVERVIEW}?grade=E`);
      expect(grade.res.status).toBe(400);
      expect(grade.html).toContain("<li>進捗状況はA・B・C・D・対象外のいずれかで指定してください。</li>");
      const en = await page(`${OVERVIEW}?grade=E&lang=en`);
      expect(en.html).toContain("<li>The progress grade must be one of A, B, C, D, 対象外.</li>");
    });

    it("404 for an unknown plan, a plan of another organization's address, and an unknown year", async () => {
      expect((await page("/o/sakado/plans/99/2019")).res.status).toBe(404);
      expect((await page("/o/nowhere/plans/1/2019")).res.status).toBe(404);
      const year = await page("/o/sakado/plans/1/2030");
      expect(year.res.status).toBe(404);
      expect(year.html).toContain("<h1>この年度の進行管理の結果はありません</h1>");
      // The way on, not only the home page: the years published, the plan and the city's plans.
      expect(year.html).toContain(
        "令和12年度（2030年度）の進行管理の結果はありません。公表済みの年度：令和元年度（2019年度）",
      );
      expect(year.html).toContain(
        '<a href="/o/sakado/plans/1/2019">行政改革後期アクションプラン（令和元年度の進行管理）</a>',
      );
      expect(year.html).toContain('<a href="/o/sakado">坂戸市の計画一覧</a>');
      const plan = await page("/o/sakado/plans/99/2019");
      expect(plan.html).toContain("計画番号99の計画はありません。");
      expect(plan.html).toContain('<a href="/o/sakado">坂戸市の計画一覧</a>');
      const organization = await page("/o/nowhere/plans/1/2019");
      expect(organization.html).toContain('<a href="/">自治体一覧</a>');
      const en = await page("/o/sakado/plans/1/2030?lang=en");
      expect(en.html).toContain("There are no progress results for FY2030. Published: FY2019.");
      expect(en.html).toContain('<a href="/o/sakado?lang=en">Plans of <span lang="ja">坂戸市</span></a>');
    });
  });
});
