import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../../../test/db.ts";
import { textOf } from "../../../../test/server-support.ts";
import type { SqlStore } from "../../../store/sql-store.ts";
import { createApp } from "../../app.ts";
import { type Session, signIn, TEST_SYSTEM } from "../round/test-support.ts";
import { PendingUploads } from "./pending.ts";

/**
 * The column-mapping builder for a table whose years sit in its headers, on both databases:
 * ひかり市's CSV (test/fixtures/csv/city-years.csv) with a 単位 column, 基準値（H27）/目標値（R3）, and
 * one 実績 column per year. The builder offers the unit column and, for 現状値, "one column per
 * year" with the year read from each header; the import reads the R1 column, units appended.
 */
const NOW = new Date("2026-12-02T03:00:00.000Z");
const ORIGIN = "http://localhost";
const BASE = "/o/hikari/manage/import";
const CSV = readFileSync(new URL("../../../../test/fixtures/csv/city-years.csv", import.meta.url));

forEachDatabase((database) => {
  describe("the column-mapping builder: units and years in headers", () => {
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-mapping-years-test-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    let store: SqlStore;
    let app: ReturnType<typeof createApp>;
    let secretariat: Session;

    beforeEach(async () => {
      store = await database.open();
      const { organization } = await store.transaction({ actor: TEST_SYSTEM }, (tx) =>
        tx.organizations.ensure({ slug: "hikari", name: "ひかり市" }),
      );
      secretariat = await signIn(store, organization.id, "jimukyoku", ["secretariat"]);
      app = createApp({
        store,
        pageCache: false,
        security: { now: () => NOW, uploadMaxBytes: 1024 * 1024 },
        uploads: new PendingUploads(dir),
      });
    });

    const get = (path: string) =>
      app.request(`${ORIGIN}${path}`, { headers: { Cookie: secretariat.cookie } });
    /** A form post; a field may repeat (the year columns' checkboxes). */
    const postForm = (path: string, fields: [string, string][]) =>
      app.request(`${ORIGIN}${path}`, {
        method: "POST",
        headers: {
          Cookie: secretariat.cookie,
          Origin: ORIGIN,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams([["_csrf", secretariat.csrf], ...fields]).toString(),
      });
    const summary = (html: string) =>
      [
        ...(/<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "").matchAll(
          /<li>([\s\S]*?)<\/li>/g,
        ),
      ].map((m) => textOf(m[1] ?? ""));
    const fingerprint = (html: string) => /name="fingerprint" value="([^"]*)"/.exec(html)?.[1] ?? "";

    it("maps the unit column and 現状値 per year, keeps the answers of a refusal, and imports the R1 column", async () => {
      const form = new FormData();
      form.set("_csrf", secretariat.csrf);
      form.set("file", new File([new Uint8Array(CSV)], "city-years.csv"));
      const uploaded = await app.request(`${ORIGIN}${BASE}`, {
        method: "POST",
        headers: { Cookie: secretariat.cookie, Origin: ORIGIN },
        body: form,
      });
      const previewPath = new URL(uploaded.headers.get("Location") ?? "", ORIGIN).pathname;
      const redirected = await get(previewPath);
      expect(redirected.status).toBe(303);
      const location = new URL(redirected.headers.get("Location") ?? "", ORIGIN).pathname;
      const builder = await get(location);
      expect(builder.status).toBe(200);
      const html = await builder.text();
      // The unit column is a field of its own; 現状値 may be "one column per year".
      expect(html).toContain('<select id="col-unit" name="col-unit"');
      expect(html).toContain('<option value="each-year">年度ごとの列（下で選ぶ）</option>');
      // No mapping saved yet: each field starts at the column its header suggests, and the page says so.
      expect(html).toContain('<option value="E" selected="">E：単位</option>');
      expect(html).toContain('<option value="F" selected="">F：基準値（H27）</option>');
      expect(textOf(html)).toContain("見出しの文字から、各項目の列を推測して選んであります。");
      // The columns whose header names a year, each with the year it was read as .
      const years = [
        ...html.matchAll(/name="current-years" value="([A-Z]+)"[^>]*\/?>([\s\S]*?)<\/label>/g),
      ].map((m) => [m[1], textOf(m[2] ?? "")]);
      expect(years).toEqual([
        ["F", "F：基準値（H27） → 平成27年度（2015年度）"],
        ["G", "G：目標値（R3） → 令和3年度（2021年度）"],
        ["H", "H：H29実績 → 平成29年度（2017年度）"],
        ["I", "I：H30実績 → 平成30年度（2018年度）"],
        ["J", "J：R1実績 → 令和元年度（2019年度）"],
      ]);

      const fields: [string, string][] = [
        ["headerRows", "2"],
        ["col-number", "A"],
        ["col-title", "B"],
        ["col-departments", "C"],
        ["col-kpiName", "D"],
        ["col-unit", "E"],
        ["col-baseline", "F"],
        ["col-target", "G"],
        ["col-current", "each-year"],
        ["col-grade", "K"],
        ["plan-title", "ひかり市行政改革推進計画"],
        ["plan-start", "平成29年度"],
        ["plan-end", "令和3年度"],
        ["round-fiscalYear", "令和元年度"],
        ["round-asOf", "令和2年3月31日"],
      ];
      // "One column per year" without any column ticked: refused, every answer kept.
      const refused = await postForm(location, fields);
      expect(refused.status).toBe(400);
      const again = await refused.text();
      expect(summary(again)).toEqual(["現状値の年度ごとの列を1つ以上選んでください。"]);
      expect(again).toContain('<a href="#current-years">');
      expect(again).toContain('<option value="each-year" selected="">年度ごとの列（下で選ぶ）</option>');
      expect(again).toContain('<option value="E" selected="">E：単位</option>');
      expect(again).not.toMatch(/name="current-years" value="[A-Z]+"[^>]*checked/);

      // The round's year (令和元年度) not ticked: the preview says what to do on the builder's page,
      // not which key of the JSON file to edit.
      const withoutR1 = await postForm(location, [...fields, ["current-years", "H"], ["current-years", "I"]]);
      expect(withoutR1.status).toBe(303);
      const notImportable = textOf(
        await (await get(new URL(withoutR1.headers.get("Location") ?? "", ORIGIN).pathname)).text(),
      );
      expect(notImportable).toContain(
        "現状値の年度ごとの列に、この表の年度（令和元年度）の列がありません（見出しから読んだ年度：H29実績＝平成29年度、H30実績＝平成30年度）。「列の対応表を変更する」から、「現状値の年度ごとの列」で令和元年度の列を選ぶか、この表の年度を確かめてください",
      );
      expect(notImportable).not.toContain("columns.current.eachYear");

      const mapped = await postForm(location, [
        ...fields,
        ["current-years", "H"],
        ["current-years", "I"],
        ["current-years", "J"],
      ]);
      expect(mapped.status).toBe(303);
      const reviewPath = new URL(mapped.headers.get("Location") ?? "", ORIGIN).pathname;
      const review = await (await get(reviewPath)).text();
      expect(/id="count-initiatives">([^<]*)</.exec(review)?.[1]).toBe("5件");
      expect(/id="count-kpis">([^<]*)</.exec(review)?.[1]).toBe("6件");
      expect(textOf(review)).toContain("指摘はありません。");

      // The mapping as --mapping reads it: the unit column, and 現状値 per year by letter.
      const json = await (await get(`${reviewPath}/mapping.json`)).json();
      expect(json.columns).toEqual({
        number: "A",
        title: "B",
        departments: "C",
        kpiName: "D",
        unit: "E",
        baseline: "F",
        target: "G",
        current: { eachYear: ["H", "I", "J"] },
        grade: "K",
      });

      // The builder opened again shows the saved answers.
      const reopened = await (await get(location)).text();
      expect(reopened).toContain('<option value="each-year" selected="">年度ごとの列（下で選ぶ）</option>');
      expect(
        [...reopened.matchAll(/name="current-years" value="([A-Z]+)"[^>]*checked/g)].map((m) => m[1]),
      ).toEqual(["H", "I", "J"]);

      const res = await postForm(reviewPath, [["fingerprint", fingerprint(review)]]);
      expect(res.status).toBe(303);
      const organization = await store.organizations.findBySlug("hikari");
      const [plan] = await store.plans.list(organization?.id ?? 0);
      const round = await store.rounds.find(plan?.id ?? 0, 2019);
      const stored = (await store.rounds.snapshot(round?.id ?? 0))?.document;
      // 基準値（H27）: the plan's baseline year from the header.
      expect(stored?.plan.baselineFiscalYear).toBe(2015);
      const kpis = stored?.policies.flatMap((p) => p.initiatives.flatMap((i) => i.kpis)) ?? [];
      expect(kpis.map((k) => [k.key, k.baseline.text, k.target.text, k.current.text])).toEqual([
        ["1-1", "72.5%", "80%", "76.3%"],
        ["1-2", "1,200件", "3,000件", "2,610件"],
        ["2-1", "-", "10%以上", "4.0%"],
        ["3-1", "42手続", "100手続", "72手続"],
        ["4-1", "検討", "実施", "実施"],
        ["5-1", "0件", "20件", ""],
      ]);
      expect(kpis[1]?.current).toMatchObject({ kind: "quantity", value: 2610, unit: "件" });
    });

    it("offers era-less year columns (30年度実績, 元年度実績) once the form gives the plan period, as the import reads them", async () => {
      const csv = new TextDecoder()
        .decode(CSV)
        .replace("H29実績,H30実績,R1実績", "29年度実績,30年度実績,元年度実績");
      const form = new FormData();
      form.set("_csrf", secretariat.csrf);
      form.set("file", new File([csv], "city-years.csv"));
      const uploaded = await app.request(`${ORIGIN}${BASE}`, {
        method: "POST",
        headers: { Cookie: secretariat.cookie, Origin: ORIGIN },
        body: form,
      });
      const previewPath = new URL(uploaded.headers.get("Location") ?? "", ORIGIN).pathname;
      const location = `${previewPath}/mapping`;
      const yearsOf = (html: string) =>
        [...html.matchAll(/name="current-years" value="([A-Z]+)"[^>]*\/?>([\s\S]*?)<\/label>/g)].map((m) => [
          m[1],
          textOf(m[2] ?? ""),
        ]);
      // No plan period yet: 29年度 could be 平成 or 令和; only the headers with an era are offered.
      const first = await (await get(location)).text();
      expect(yearsOf(first)).toEqual([
        ["F", "F：基準値（H27） → 平成27年度（2015年度）"],
        ["G", "G：目標値（R3） → 令和3年度（2021年度）"],
      ]);
      const fields: [string, string][] = [
        ["headerRows", "2"],
        ["col-number", "A"],
        ["col-title", "B"],
        ["col-kpiName", "D"],
        ["col-unit", "E"],
        ["col-current", "each-year"],
        ["plan-title", "ひかり市行政改革推進計画"],
        ["plan-start", "平成29年度"],
        ["plan-end", "令和3年度"],
        ["round-fiscalYear", "令和元年度"],
        ["round-asOf", "令和2年3月31日"],
      ];
      // With the period 平成29年度～令和3年度, 元年度 is 令和元年度 (nearest to the plan), as the import reads it.
      const refused = await postForm(location, fields);
      expect(refused.status).toBe(400);
      expect(yearsOf(await refused.text())).toEqual([
        ["F", "F：基準値（H27） → 平成27年度（2015年度）"],
        ["G", "G：目標値（R3） → 令和3年度（2021年度）"],
        ["H", "H：29年度実績 → 平成29年度（2017年度）"],
        ["I", "I：30年度実績 → 平成30年度（2018年度）"],
        ["J", "J：元年度実績 → 令和元年度（2019年度）"],
      ]);
      const mapped = await postForm(location, [
        ...fields,
        ["current-years", "H"],
        ["current-years", "I"],
        ["current-years", "J"],
      ]);
      expect(mapped.status).toBe(303);
      const review = await (await get(previewPath)).text();
      expect(textOf(review)).toContain("指摘はありません。");
    });
  });
});
