import { beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../../../../test/db.ts";
import { allMatches, seededApp, textOf } from "../../../../test/server-support.ts";
import type { createApp } from "../../app.ts";

const TABLE = "/o/sakado/plans/1/2019/table";

/** The page without its line-break hints (<wbr> between phrases, numbers kept whole), to read its text. */
const withoutBreakHints = (markup: string) =>
  markup.replaceAll("<wbr>", "").replace(/<span class="(?:nw|p)">([^<]*)<\/span>/g, "$1");

forEachDatabase((database) => {
  let app: ReturnType<typeof createApp>;
  let markup: string;
  let html: string;
  beforeAll(async () => {
    ({ app } = await seededApp(database));
    const res = await app.request(TABLE);
    expect(res.status).toBe(200);
    markup = await res.text();
    html = withoutBreakHints(markup);
  });

  /** The <thead> of the progress table. */
  const thead = () => {
    const start = html.indexOf("<thead>", html.indexOf('<table class="progress">'));
    return html.slice(start, html.indexOf("</thead>", start));
  };

  it("has the seed's title, note, legend, and the print stylesheet", () => {
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain(
      '<h1 class="progress-heading">行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）</h1>',
    );
    expect(html).toContain("<p>A・B・C及びE(項目・当初・目標)はアクションプランからの転記項目</p>");
    expect(html).toContain('<p class="progress-legend">A 順調 B ほぼ順調 C やや遅れ D 停滞</p>');
    expect(html).toContain('<link rel="stylesheet" href="/assets/progress-table.css"/>');
    // 西暦 once, no brackets inside brackets (issue 13).
    expect(html).toContain('<caption id="progress-caption">令和元年度（2019年度）の進行管理集計表</caption>');
  });

  it("has the two header rows with the letters (A)–(H) and the KPI group over four columns", () => {
    const [notes, row1, row2] = thead().split("</tr>");
    expect(notes).toContain('<tr class="print-notes">');
    expect(allMatches(row1 ?? "", /<th [^>]*>([^<]*)<\/th>/)).toEqual([
      "基本方針",
      "No.",
      "取組項目 (A)",
      "関係課 (B)",
      "取組の方針と内容 (C)",
      "R1年度取組内容 (D)",
      "数値目標等 (E)",
      "進捗状況 (F)",
      "本部会意見 (G)",
      "R2年度目標 (H)",
    ]);
    expect(row1).toContain('<th scope="colgroup" colspan="4">数値目標等 (E)</th>');
    expect(row1).toContain('<th scope="col" rowspan="2">基本方針</th>');
    expect(allMatches(row2 ?? "", /<th scope="col">([^<]*)<\/th>/)).toEqual([
      "項目",
      "当初 (H27末)",
      "目標 (R3末)",
      "現状値 (R1末)",
    ]);
  });

  it("has one row group per initiative and one sub-row per KPI", () => {
    const groups = allMatches(html, /<tbody id="initiative-(\d+)">/).map(Number);
    expect(groups).toEqual(Array.from({ length: 24 }, (_, k) => k + 1));
    // No.1 has three KPIs: its cells span three rows, the KPI cells do not.
    const no1 = html.slice(html.indexOf('id="initiative-1"'), html.indexOf('id="initiative-2"'));
    expect(allMatches(no1, /(<tr>)/)).toHaveLength(3);
    expect(no1).toContain('<th scope="row" rowspan="3" class="c">1</th>');
    expect(no1).toContain('<th scope="rowgroup" rowspan="3">(ア) 市民と行政との協働体制の確立</th>');
    expect(textOf(no1)).toContain("北坂戸にぎわいサロンの利用者数 11,007人 13,000人 9,797人");
  });

  it("names each policy once, on its first initiative; later ones continue it", () => {
    expect(allMatches(html, /<th scope="rowgroup"[^>]*>([^<]*)<\/th>/)).toEqual([
      "(ア) 市民と行政との協働体制の確立",
      "(イ) 効率的な自治体運営",
      "(ウ) 市民満足度の向上",
    ]);
    expect(allMatches(html, /(class="cont")/)).toHaveLength(21);
  });

  it("keeps the text verbatim, typos and line breaks included, numbers right-aligned", () => {
    expect(html).toContain("コロナウイルス補");
    expect(html).toContain(">納税課\n関係各課</td>");
    const no16 = html.slice(html.indexOf('id="initiative-16"'), html.indexOf('id="initiative-17"'));
    expect(no16).toContain(
      '<td>市税徴収率</td><td class="r">93.2% (90.6%H26.3末)</td><td class="r">94.0%</td><td class="r">96.5%</td>',
    );
    expect(textOf(no16)).toContain("A 順調");
  });

  it("ends with the committee's grade summary and the as-of date", () => {
    const tail = textOf(html.slice(html.indexOf('<div class="grade-summary-line">')));
    expect(tail).toContain(
      "【項目進捗】アクションプラン計画期間中の取組項目進捗状況 A 順調 B ほぼ順調 C やや遅れ D 停滞 本部会評価 8 10 5 1",
    );
    expect(tail).toContain("令和2年3月31日 （2020年3月31日） 現在");
  });

  it("in English, translates the headers and keeps the data as published", async () => {
    const en = withoutBreakHints(await (await app.request(`${TABLE}?lang=en`)).text());
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<th scope="colgroup" colspan="4">KPIs (E)</th>');
    expect(en).toContain("市税等の徴収率の向上");
  });

  it("in English, marks the published Japanese text as Japanese and the grade labels as English (WCAG 3.1.2)", async () => {
    const en = await (await app.request(`${TABLE}?lang=en`)).text();
    expect(en).toMatch(
      /<h1 class="progress-heading" lang="ja">行政改革後期アクションプラン（平成29年度～令和3年度）/,
    );
    // The note and the legend are the table's interface: in English on an English page.
    expect(en).toContain(
      "<p>Columns A, B, C and E (indicator, baseline, target) are transcribed from the action plan.</p>",
    );
    expect(en).toContain(
      '<p class="progress-legend">A On track  B Mostly on track  C Slightly behind  D Stalled</p>',
    );
    expect(en).toContain('<tbody id="initiative-16" lang="ja">');
    expect(en).toMatch(
      /<span class="grade grade-A" lang="en"><span class="grade-letter">A<\/span> <span class="grade-label">On track<\/span>/,
    );
    // The Japanese page says nothing it need not: the page language covers it.
    expect(html).toContain('<tbody id="initiative-16">');
    expect(html).not.toMatch(/<span class="grade grade-A" lang=/);
  });

  it("marks where lines may break: between phrases and a value's parts, never inside a number with its unit", () => {
    const no2 = markup.slice(markup.indexOf('id="initiative-2"'), markup.indexOf('id="initiative-3"'));
    // On screen 「1,310,189／人」 and 「ほぼ順／調」 were cut; a value is one piece when it has no parts.
    expect(no2).toContain('<td class="r">1,310,189人</td>');
    // An indicator name breaks between the phrases BudouX finds, and only there.
    const name = markup.match(/<td>(北坂戸[^/]*?利用者数)<\/td>/)?.[1] ?? "";
    expect(name).toContain("<wbr>");
    expect(withoutBreakHints(name)).toBe("北坂戸にぎわいサロンの利用者数");
    const no8 = markup.slice(markup.indexOf('id="initiative-8"'), markup.indexOf('id="initiative-9"'));
    expect(no8).toContain('<td class="r">72事業<wbr>(累計215)</td>');
    expect(no8).toContain('<td class="r">350事業<wbr>(累計)</td>');
    const no16 = markup.slice(markup.indexOf('id="initiative-16"'), markup.indexOf('id="initiative-17"'));
    // A space is a break already; a part too long for the column may break before its date.
    expect(no16).toContain('<td class="r">93.2% (90.6%<wbr>H26.3末)</td>');
    // Paragraphs break anywhere (class p) but keep a number with its unit.
    expect(no16).toContain('<span class="nw">12,201,264円</span>');
    expect(no16).toMatch(/<td rowspan="3" class="p">1 任期付職員/);
    // A phrase too long for a narrow column breaks as ordinary Japanese (kinsoku), not anywhere.
    expect(no2).toContain('<span class="p">シティプロモーションの</span><wbr>推進');
    // Headers break between phrases: 「当初」 / 「(H27末)」, not 「当初 (H27／末)」.
    expect(thead()).toContain('<th scope="col">当初 (H27末)</th>');
  });

  it("refuses a malformed or unknown fiscal year", async () => {
    expect((await app.request("/o/sakado/plans/1/20x9/table")).status).toBe(400);
    expect((await app.request("/o/sakado/plans/1/2018/table")).status).toBe(404);
  });
});
