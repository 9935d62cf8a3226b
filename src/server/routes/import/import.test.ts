import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../../../test/db.ts";
import { textOf } from "../../../../test/server-support.ts";
import { DEFAULT_GRADE_SCALE } from "../../../domain/grade.ts";
import type { SqlStore } from "../../../store/sql-store.ts";
import { createPlan } from "../../../workflow/plan-editor.ts";
import { createApp } from "../../app.ts";
import { acting, type Session, signIn, TEST_SYSTEM } from "../round/test-support.ts";
import { PendingUploads } from "./pending.ts";

/**
 * 取込 through the pages, on both databases: the seed table (坂戸市's published text) uploaded,
 * previewed with its counts and findings, confirmed; the same file again meets a published round;
 * another city's CSV through the column-mapping builder; and the refusals (size, zip bomb, a stale
 * preview, a second confirmation), after each of which nothing is stored.
 */
const NOW = new Date("2026-12-02T03:00:00.000Z");
const ORIGIN = "http://localhost";
const BASE = "/o/sakado/manage/import";
const SEED = readFileSync(new URL("../../../../test/fixtures/sakado-fy2019.txt", import.meta.url));
const CITY_CSV = readFileSync(new URL("../../../../test/fixtures/csv/city-marks-sjis.csv", import.meta.url));

forEachDatabase((database) => {
  describe("imports in the browser", () => {
    const dir = mkdtempSync(join(tmpdir(), "shinchoku-import-test-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    let store: SqlStore;
    let app: ReturnType<typeof createApp>;
    let secretariat: Session;
    let viewer: Session;

    beforeEach(async () => {
      store = await database.open();
      const { organization } = await store.transaction({ actor: TEST_SYSTEM }, (tx) =>
        tx.organizations.ensure({ slug: "sakado", name: "坂戸市" }),
      );
      secretariat = await signIn(store, organization.id, "jimukyoku", ["secretariat"]);
      viewer = await signIn(store, organization.id, "etsuran", ["viewer"]);
      app = createApp({
        store,
        pageCache: false,
        security: { now: () => NOW, uploadMaxBytes: 1024 * 1024 },
        uploads: new PendingUploads(dir),
      });
    });

    const get = (path: string, session: Session = secretariat) =>
      app.request(`${ORIGIN}${path}`, { headers: { Cookie: session.cookie } });
    const postForm = (path: string, fields: Record<string, string>, session: Session = secretariat) =>
      app.request(`${ORIGIN}${path}`, {
        method: "POST",
        headers: {
          Cookie: session.cookie,
          Origin: ORIGIN,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
      });
    const upload = (bytes: Uint8Array, name: string, session: Session = secretariat) => {
      const form = new FormData();
      form.set("_csrf", session.csrf);
      form.set("file", new File([new Uint8Array(bytes)], name));
      return app.request(`${ORIGIN}${BASE}`, {
        method: "POST",
        headers: { Cookie: session.cookie, Origin: ORIGIN },
        body: form,
      });
    };
    /** Uploads and follows the redirect to the preview (or the builder). */
    const uploaded = async (bytes: Uint8Array, name: string) => {
      const res = await upload(bytes, name);
      expect(res.status).toBe(303);
      const location = new URL(res.headers.get("Location") ?? "", ORIGIN).pathname;
      return { location, page: await get(location) };
    };
    const fingerprint = (html: string) => /name="fingerprint" value="([^"]*)"/.exec(html)?.[1] ?? "";
    const summary = (html: string) =>
      [
        ...(/<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "").matchAll(
          /<li>([\s\S]*?)<\/li>/g,
        ),
      ].map((m) => textOf(m[1] ?? ""));
    const rounds = async () => {
      const organization = await store.organizations.findBySlug("sakado");
      const plans = await store.plans.list(organization?.id ?? 0);
      return (await Promise.all(plans.map((p) => store.rounds.list(p.id)))).flat();
    };
    const pendingFiles = () => readdirSync(dir).length;
    /** みどり市's plan as the plan editor makes it: a ◎○△× scale, 対象外 not allowed. */
    const marksPlan = async () => {
      const organizationId = (await store.organizations.findBySlug("sakado"))?.id ?? 0;
      const marks = [
        { code: "◎", label: "順調" },
        { code: "○", label: "概ね順調" },
        { code: "△", label: "遅れ" },
        { code: "×", label: "停止" },
      ];
      const plan = await createPlan(store, acting(secretariat), {
        title: "第3次みどり市行財政改革大綱実施計画",
        startFiscalYear: 2020,
        endFiscalYear: 2024,
        baselineFiscalYear: null,
        gradeScale: marks,
        notAssessedAllowed: false,
      });
      return { organizationId, marks, plan };
    };

    it("previews the seed table with its counts and findings, stores nothing, then imports it on confirmation", async () => {
      const { location, page } = await uploaded(SEED, "sakado-fy2019.txt");
      expect(location).toMatch(/^\/o\/sakado\/manage\/import\/[A-Za-z0-9_-]{32}$/);
      expect(page.status).toBe(200);
      const html = await page.text();
      const text = textOf(html);
      // 坂戸市's table as published: 基本方針 (ア)(イ)(ウ), 取組項目 No.1–24.
      expect(/id="count-policies">([^<]*)</.exec(html)?.[1]).toBe("3件");
      expect(/id="count-initiatives">([^<]*)</.exec(html)?.[1]).toBe("24件");
      expect(text).toContain("行政改革後期アクションプラン");
      expect(text).toContain("この計画はまだ登録されていません");
      expect(/id="compare-counts">([^<]*)</.exec(html)?.[1]).toBe(
        "新規 24件・変更あり 0件・変更なし 0件・削除 0件",
      );
      expect(await rounds()).toEqual([]);

      const res = await postForm(location, { fingerprint: fingerprint(html) });
      expect(res.status).toBe(303);
      const done = new URL(res.headers.get("Location") ?? "", ORIGIN);
      expect(done.pathname).toBe(BASE);
      expect(done.searchParams.get("fy")).toBe("2019");
      expect(done.searchParams.get("revision")).toBe("1");
      const stored = await rounds();
      expect(stored.map((r) => [r.fiscalYear, r.state])).toEqual([[2019, "published"]]);
      const audit = await store.audit.list((await store.organizations.findBySlug("sakado"))?.id ?? 0, {});
      expect(
        audit.some((e) => e.action === "round.import" && e.actorAccountId === secretariat.account.id),
      ).toBe(true);
      const notice = textOf(await (await get(`${done.pathname}${done.search}`)).text());
      expect(notice).toContain("取り込みました");

      // The same confirmation again: the upload is gone, nothing more is stored.
      const again = await postForm(location, { fingerprint: fingerprint(html) });
      expect(again.status).toBe(400);
      expect(summary(await again.text())).toEqual([
        "確認の期限が切れたか、すでに取り込みが終わっています。もう一度アップロードしてください。",
      ]);
      expect((await rounds()).length).toBe(1);
    });

    it("shows findings with their line numbers, and offers no confirmation for a file with errors", async () => {
      const broken = new TextDecoder().decode(SEED).replace("進捗状況 (F)", "進捗 (F)");
      const cut = new TextEncoder().encode(broken.slice(0, Math.floor(broken.length / 2)));
      const { page } = await uploaded(cut, "cut.txt");
      const html = await page.text();
      const rows = [...html.matchAll(/<tr class="finding-(\w+)"><td>[^<]*<\/td><td>([^<]*)<\/td>/g)].map(
        (m) => [m[1], m[2]],
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(
        rows.some(
          ([severity, place]) => severity === "error" && /^\d+行目$|^ファイル全体$/.test(place ?? ""),
        ),
      ).toBe(true);
      expect(html).not.toContain('name="fingerprint"');
    });

    it("names a department merged or retired since, on its line; a retired one in the latest year stops the import", async () => {
      const first = await uploaded(SEED, "sakado.txt");
      expect(
        (await postForm(first.location, { fingerprint: fingerprint(await first.page.text()) })).status,
      ).toBe(303);
      const organizationId = (await store.organizations.findBySlug("sakado"))?.id ?? 0;
      const departments = await store.departments.list(organizationId);
      const merged = departments.find((d) => d.name === "広報広聴課");
      const into = departments.find((d) => d.name === "政策企画課");
      const retired = departments.find((d) => d.name === "情報政策課");
      if (!merged || !into || !retired) throw new Error("the seed's departments");
      await store.transaction({ actor: TEST_SYSTEM }, async (tx) => {
        await tx.departments.merge(organizationId, merged.id, merged.version, into.id);
        await tx.departments.retire(organizationId, retired.id, retired.version);
      });

      const { page } = await uploaded(SEED, "sakado.txt");
      const html = await page.text();
      const rows = [
        ...html.matchAll(/<tr class="finding-(\w+)"><td>[^<]*<\/td><td>([^<]*)<\/td><td[^>]*>([^<]*)</g),
      ].map((m) => [m[1], m[2], m[3]]);
      expect(rows).toContainEqual([
        "info",
        "14行目",
        "取組項目 No.2の関係課「広報広聴課」は「政策企画課」に統合されています。この年度の集計表には「広報広聴課」と書かれたとおりに取り込み、計画の関係課（次に開く年度から）は「政策企画課」にします。",
      ]);
      expect(rows).toContainEqual([
        "error",
        "15行目",
        "取組項目 No.3の関係課「情報政策課」は廃止した課です。最新の年度の集計表の関係課は計画の関係課になるため、廃止した課は使えません。課の管理で「情報政策課」を元に戻すか、ファイルの関係課を今ある課に直してから、もう一度取り込んでください。",
      ]);
      expect(html).not.toContain('name="fingerprint"');
    });

    it("refuses to replace a published round unless it is made a new revision, then publishes revision 2", async () => {
      const first = await uploaded(SEED, "sakado.txt");
      await postForm(first.location, { fingerprint: fingerprint(await first.page.text()) });

      const changed = new TextDecoder().decode(SEED).replace("66件", "67件");
      const second = await uploaded(new TextEncoder().encode(changed), "sakado-corrected.txt");
      const html = await second.page.text();
      expect(textOf(html)).toContain("取り込むと置き換え、新しい版として公表します");
      expect(/id="compare-counts">([^<]*)</.exec(html)?.[1]).toBe(
        "新規 0件・変更あり 1件・変更なし 23件・削除 0件",
      );
      expect(textOf(html)).toContain("No.1 産・学・官連携協定(※)件数 現状値 66件 67件");

      const refused = await postForm(second.location, { fingerprint: fingerprint(html) });
      expect(refused.status).toBe(409);
      expect(summary(await refused.text())).toEqual([
        "この年度はすでに公表されています。取り込むには「新しい版として公表する」を選んでください。",
      ]);
      const organization = await store.organizations.findBySlug("sakado");
      const publications = async () =>
        (await store.publications.listLatest(organization?.id ?? 0, 1)).map((p) => p.revision);
      expect(await publications()).toEqual([1]);

      const res = await postForm(second.location, { fingerprint: fingerprint(html), replace: "yes" });
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get("Location") ?? "", ORIGIN).searchParams.get("revision")).toBe("2");
      expect(await publications()).toEqual([2]);
    });

    it("refuses a confirmation when what is stored changed after the preview", async () => {
      const first = await uploaded(SEED, "a.txt");
      const second = await uploaded(SEED, "b.txt");
      const staleFingerprint = fingerprint(await second.page.text());
      await postForm(first.location, { fingerprint: fingerprint(await first.page.text()) });
      const res = await postForm(second.location, { fingerprint: staleFingerprint, replace: "yes" });
      expect(res.status).toBe(409);
      expect(summary(await res.text())[0]).toContain("確認の後に、取り込み先の年度の内容が変わりました");
      const organization = await store.organizations.findBySlug("sakado");
      expect((await store.publications.listLatest(organization?.id ?? 0, 1)).map((p) => p.revision)).toEqual([
        1,
      ]);
    });

    it("maps another city's CSV in the builder, saves the mapping as --mapping reads it, and imports it", async () => {
      const { page: redirected } = await uploaded(CITY_CSV, "city-marks.csv");
      // Not Shinchoku's own CSV: the preview sends the person to the builder.
      expect(redirected.status).toBe(303);
      const location = new URL(redirected.headers.get("Location") ?? "", ORIGIN).pathname;
      expect(location).toMatch(/\/mapping$/);
      const builder = await get(location);
      const html = await builder.text();
      expect(builder.status).toBe(200);
      // The header row is offered column by column.
      expect(html).toContain('<option value="C">C：取組名</option>');
      expect(html).toContain('<option value="K">K：評価</option>');

      const fields = {
        headerRows: "2",
        "col-policy": "A",
        "col-number": "B",
        "col-title": "C",
        "col-departments": "D",
        "col-description": "E",
        "col-activities": "F",
        "col-kpiName": "G",
        "col-baseline": "H",
        "col-target": "I",
        "col-current": "J",
        "col-grade": "K",
        "col-committeeOpinion": "L",
        "col-nextYearGoal": "M",
        departmentSeparator: "／",
        "plan-title": "第3次みどり市行財政改革大綱実施計画",
        "plan-start": "令和2年度",
        "plan-end": "令和6年度",
        "plan-baseline": "2019",
        "round-fiscalYear": "令和4年度",
        "round-asOf": "令和5年3月31日",
      };
      // The grade column's words are not A–D: each must be given a grade.
      const first = await postForm(location, fields);
      expect(first.status).toBe(400);
      const words = await first.text();
      expect(summary(words)).toEqual([
        "進捗状況の「○」をどの評価にするか選んでください。",
        "進捗状況の「◎」をどの評価にするか選んでください。",
        "進捗状況の「△」をどの評価にするか選んでください。",
        "進捗状況の「×」をどの評価にするか選んでください。",
      ]);
      // Answers are kept.
      expect(words).toContain('<option value="K" selected="">K：評価</option>');
      const grades = {
        "gradeWord-0": "○",
        "grade-0": "B",
        "gradeWord-1": "◎",
        "grade-1": "A",
        "gradeWord-2": "△",
        "grade-2": "C",
        "gradeWord-3": "×",
        "grade-3": "D",
      };
      const mapped = await postForm(location, { ...fields, ...grades });
      expect(mapped.status).toBe(303);
      const previewPath = new URL(mapped.headers.get("Location") ?? "", ORIGIN).pathname;
      const preview = await (await get(previewPath)).text();
      expect(/id="count-initiatives">([^<]*)</.exec(preview)?.[1]).toBe("4件");

      const json = await get(`${previewPath}/mapping.json`);
      expect(json.status).toBe(200);
      expect(await json.json()).toEqual({
        headerRows: 2,
        columns: {
          policy: "A",
          number: "B",
          title: "C",
          departments: "D",
          description: "E",
          activities: "F",
          kpiName: "G",
          baseline: "H",
          target: "I",
          current: "J",
          grade: "K",
          committeeOpinion: "L",
          nextYearGoal: "M",
        },
        departmentSeparator: "／",
        gradeScale: { "○": "B", "◎": "A", "△": "C", "×": "D" },
        plan: {
          title: "第3次みどり市行財政改革大綱実施計画",
          startFiscalYear: 2020,
          endFiscalYear: 2024,
          baselineFiscalYear: 2019,
        },
        round: { fiscalYear: 2022, asOf: "2023-03-31" },
      });

      const res = await postForm(previewPath, { fingerprint: fingerprint(preview) });
      expect(res.status).toBe(303);
      expect((await rounds()).map((r) => r.fiscalYear)).toEqual([2022]);

      // Kept for next year: the organization's mapping (audited) fills the builder of the next upload.
      const organizationId = (await store.organizations.findBySlug("sakado"))?.id ?? 0;
      expect((await store.importMappings.find(organizationId))?.mapping).toMatchObject({
        columns: { grade: "K" },
      });
      const audit = await store.audit.list(organizationId, {});
      expect(audit.filter((e) => e.action === "import-mapping.save").map((e) => e.actorAccountId)).toEqual([
        secretariat.account.id,
      ]);
      const next = await uploaded(CITY_CSV, "next-year.csv");
      const nextBuilder = await get(new URL(next.page.headers.get("Location") ?? "", ORIGIN).pathname);
      const nextHtml = await nextBuilder.text();
      expect(textOf(nextHtml)).toContain("前回保存した列の対応表を初期値にしています。");
      expect(nextHtml).toContain('<option value="K" selected="">K：評価</option>');
    });

    /** The builder's form for みどり市's CSV, without the plan and its grades. */
    const CITY_FIELDS = {
      headerRows: "2",
      "col-policy": "A",
      "col-number": "B",
      "col-title": "C",
      "col-departments": "D",
      "col-kpiName": "G",
      "col-baseline": "H",
      "col-target": "I",
      "col-current": "J",
      "col-grade": "K",
      departmentSeparator: "／",
      "round-fiscalYear": "令和4年度",
      "round-asOf": "令和5年3月31日",
    };
    const CITY_PLAN = {
      "plan-title": "第3次みどり市行財政改革大綱実施計画",
      "plan-start": "令和2年度",
      "plan-end": "令和6年度",
    };
    const WORDS = { "gradeWord-0": "○", "gradeWord-1": "◎", "gradeWord-2": "△", "gradeWord-3": "×" };
    /** The choices offered for the progress column's first word (○). */
    const choicesOf = (html: string) => {
      const select = /<select id="grade-0"[\s\S]*?<\/select>/.exec(html)?.[0] ?? "";
      return [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
    };
    const builderOf = async (bytes: Uint8Array, name: string) => {
      const { page } = await uploaded(bytes, name);
      return new URL(page.headers.get("Location") ?? "", ORIGIN).pathname;
    };

    it("offers a new plan the default A–D and 対象外, and the mapping carries a word mapped to 対象外", async () => {
      const location = await builderOf(CITY_CSV, "city-marks.csv");
      const first = await postForm(location, { ...CITY_FIELDS, ...CITY_PLAN });
      expect(first.status).toBe(400);
      const html = await first.text();
      expect(choicesOf(html)).toEqual([
        ["", "そのまま読む"],
        ["A", "A 順調"],
        ["B", "B ほぼ順調"],
        ["C", "C やや遅れ"],
        ["D", "D 停滞"],
        ["対象外", "対象外（今年度は評価しない）"],
      ]);
      expect(textOf(html)).toContain(
        "新しい計画として取り込むため、既定の評価の区分（A 順調、B ほぼ順調、C やや遅れ、D 停滞）です。",
      );

      // A code of no scale sent by hand is refused on its field.
      const forged = await postForm(location, {
        ...CITY_FIELDS,
        ...CITY_PLAN,
        ...WORDS,
        "grade-0": "S",
        "grade-1": "A",
        "grade-2": "C",
        "grade-3": "対象外",
      });
      expect(forged.status).toBe(400);
      expect(summary(await forged.text())).toEqual([
        "進捗状況の「○」に選んだ「S」は、取込先の計画の評価の区分にありません。A 順調、B ほぼ順調、C やや遅れ、D 停滞から選んでください。",
      ]);

      const mapped = await postForm(location, {
        ...CITY_FIELDS,
        ...CITY_PLAN,
        ...WORDS,
        "grade-0": "B",
        "grade-1": "A",
        "grade-2": "C",
        "grade-3": "対象外",
      });
      expect(mapped.status).toBe(303);
      const previewPath = new URL(mapped.headers.get("Location") ?? "", ORIGIN).pathname;
      const json = await (await get(`${previewPath}/mapping.json`)).json();
      expect(json.grades).toBeUndefined();
      expect(json.gradeScale).toEqual({ "○": "B", "◎": "A", "△": "C", "×": "対象外" });
      const preview = await (await get(previewPath)).text();
      const confirmed = await postForm(previewPath, { fingerprint: fingerprint(preview) });
      expect(confirmed.status).toBe(303);
      const organizationId = (await store.organizations.findBySlug("sakado"))?.id ?? 0;
      const [plan] = await store.plans.list(organizationId);
      const round = plan && (await store.rounds.find(plan.id, 2022));
      const reports = round ? await store.reports.list(round.id) : [];
      expect(reports.map((r) => [r.initiativeNumber, r.grade, r.notAssessed])).toEqual([
        [1, "B", false],
        [2, "A", false],
        [3, "C", false],
        [4, null, true],
      ]);
    });

    it("offers the plan imported into its own scale (◎○△×) without 対象外 when it does not allow it; the mapping names the scale", async () => {
      const { organizationId, marks, plan } = await marksPlan();
      const location = await builderOf(CITY_CSV, "city-marks.csv");

      // Without the plan named, a new plan's scale; named, the plan's own.
      const unnamed = await postForm(location, CITY_FIELDS);
      expect(choicesOf(await unnamed.text()).map(([value]) => value)).toEqual([
        "",
        "A",
        "B",
        "C",
        "D",
        "対象外",
      ]);
      const named = await postForm(location, { ...CITY_FIELDS, ...CITY_PLAN, ...WORDS, "grade-3": "対象外" });
      expect(named.status).toBe(400);
      const html = await named.text();
      expect(choicesOf(html)).toEqual([
        ["", "そのまま読む"],
        ["◎", "◎ 順調"],
        ["○", "○ 概ね順調"],
        ["△", "△ 遅れ"],
        ["×", "× 停止"],
      ]);
      expect(textOf(html)).toContain(
        "取込先の計画「第3次みどり市行財政改革大綱実施計画」の評価の区分：◎ 順調、○ 概ね順調、△ 遅れ、× 停止 この計画では対象外を選べません（事務局が計画の設定で決めます）。",
      );
      expect(summary(html)).toEqual([
        "取込先の計画では対象外を選べません。進捗状況の「×」は◎ 順調、○ 概ね順調、△ 遅れ、× 停止から選んでください。",
      ]);
      // A of the default scale is not this plan's either.
      const a = await postForm(location, { ...CITY_FIELDS, ...CITY_PLAN, ...WORDS, "grade-1": "A" });
      expect(summary(await a.text())).toEqual([
        "進捗状況の「◎」に選んだ「A」は、取込先の計画の評価の区分にありません。◎ 順調、○ 概ね順調、△ 遅れ、× 停止から選んでください。",
      ]);

      // The plan's own words read as they are; one mapped by hand.
      const mapped = await postForm(location, { ...CITY_FIELDS, ...CITY_PLAN, ...WORDS, "grade-2": "△" });
      expect(mapped.status).toBe(303);
      const previewPath = new URL(mapped.headers.get("Location") ?? "", ORIGIN).pathname;
      const json = await (await get(`${previewPath}/mapping.json`)).json();
      expect(json.grades).toEqual(marks);
      expect(json.gradeScale).toEqual({ "△": "△" });
      const preview = await (await get(previewPath)).text();
      const confirmed = await postForm(previewPath, { fingerprint: fingerprint(preview) });
      expect(confirmed.status).toBe(303);
      expect((await store.plans.list(organizationId)).map((p) => [p.id, p.gradeScale])).toEqual([
        [plan.id, marks],
      ]);
      const round = await store.rounds.find(plan.id, 2022);
      const reports = round ? await store.reports.list(round.id) : [];
      expect(reports.map((r) => [r.initiativeNumber, r.grade])).toEqual([
        [1, "○"],
        [2, "◎"],
        [3, "△"],
        [4, "×"],
      ]);
    });

    it("finds the target plan from the file's title row: its own scale is offered and kept, and 対象外 must be given a grade where the plan does not allow it", async () => {
      const { organizationId, marks, plan } = await marksPlan();
      // The city's table with a title row naming the plan and its period; No.4 says 対象外.
      const [, ...rest] = new TextDecoder("shift_jis").decode(CITY_CSV).split("\n");
      const titled = [
        "第3次みどり市行財政改革大綱実施計画（令和2年度～令和6年度）進行管理集計表（令和5年3月31日現在）,,,,,,,,,,,,",
        ...rest,
      ]
        .join("\n")
        .replace(",×,", ",対象外,");
      const location = await builderOf(new TextEncoder().encode(titled), "titled.csv");
      const words = { ...WORDS, "gradeWord-3": "対象外" };

      const first = await postForm(location, { ...CITY_FIELDS, ...words });
      expect(first.status).toBe(400);
      const html = await first.text();
      expect(choicesOf(html)).toEqual([
        ["", "そのまま読む"],
        ["◎", "◎ 順調"],
        ["○", "○ 概ね順調"],
        ["△", "△ 遅れ"],
        ["×", "× 停止"],
      ]);
      expect(summary(html)).toEqual([
        "取込先の計画では対象外を選べません。進捗状況の「対象外」は◎ 順調、○ 概ね順調、△ 遅れ、× 停止から選んでください。",
      ]);
      expect(/for="grade-3"[^>]*>[\s\S]*?<\/label>/.exec(html)?.[0]).toContain("tag-required");

      const mapped = await postForm(location, { ...CITY_FIELDS, ...words, "grade-3": "×" });
      expect(mapped.status).toBe(303);
      const previewPath = new URL(mapped.headers.get("Location") ?? "", ORIGIN).pathname;
      const json = await (await get(`${previewPath}/mapping.json`)).json();
      expect(json.plan).toBeUndefined();
      expect(json.grades).toEqual(marks);
      expect(json.gradeScale).toEqual({ 対象外: "×" });
      const preview = await (await get(previewPath)).text();
      expect(textOf(preview)).toContain("第3次みどり市行財政改革大綱実施計画");
      const confirmed = await postForm(previewPath, { fingerprint: fingerprint(preview) });
      expect(confirmed.status).toBe(303);
      expect((await store.plans.list(organizationId)).map((p) => [p.id, p.gradeScale])).toEqual([
        [plan.id, marks],
      ]);
      const round = await store.rounds.find(plan.id, 2022);
      const reports = round ? await store.reports.list(round.id) : [];
      expect(reports.map((r) => [r.initiativeNumber, r.grade, r.notAssessed])).toEqual([
        [1, "○", false],
        [2, "◎", false],
        [3, "△", false],
        [4, "×", false],
      ]);
    });

    it("shows 対象外 on a plan that no longer allows it as an error on the grade's cell and refuses the confirmation", async () => {
      const organizationId = (await store.organizations.findBySlug("sakado"))?.id ?? 0;
      const plan = await createPlan(store, acting(secretariat), {
        title: "第3次みどり市行財政改革大綱実施計画",
        startFiscalYear: 2020,
        endFiscalYear: 2024,
        baselineFiscalYear: null,
        gradeScale: DEFAULT_GRADE_SCALE,
        notAssessedAllowed: true,
      });
      const location = await builderOf(CITY_CSV, "city-marks.csv");
      const mapped = await postForm(location, {
        ...CITY_FIELDS,
        ...CITY_PLAN,
        ...WORDS,
        "grade-0": "B",
        "grade-1": "A",
        "grade-2": "C",
        "grade-3": "対象外",
      });
      expect(mapped.status).toBe(303);
      const previewPath = new URL(mapped.headers.get("Location") ?? "", ORIGIN).pathname;
      const before = await (await get(previewPath)).text();
      expect(before).toContain('name="fingerprint"');

      // The secretariat turns 対象外 off in the plan's settings meanwhile.
      await store.db
        .updateTable("plan")
        .set({ not_assessed_allowed: store.dialect === "sqlite" ? 0 : false })
        .where("id", "=", plan.id)
        .execute();
      const html = await (await get(previewPath)).text();
      const rows = [
        ...html.matchAll(/<tr class="finding-(\w+)"><td>[^<]*<\/td><td>([^<]*)<\/td><td[^>]*>([^<]*)</g),
      ].map((m) => [m[1], m[2], m[3]]);
      expect(rows).toEqual([
        [
          "error",
          "K8",
          "取組項目 No.4の進捗状況は「対象外」ですが、計画「第3次みどり市行財政改革大綱実施計画」では対象外を認めていません。ファイルの進捗状況を A・B・C・D のどれかにするか、計画の設定で「評価しない取組項目（対象外）を認める」を選んでから、もう一度取り込んでください。",
        ],
      ]);
      expect(html).not.toContain('name="fingerprint"');
      const refused = await postForm(previewPath, { fingerprint: fingerprint(before) });
      expect(refused.status).toBe(400);
      expect(await store.rounds.list(plan.id)).toEqual([]);
      expect((await store.plans.list(organizationId)).map((p) => p.notAssessedAllowed)).toEqual([false]);
    });

    it("refuses a file over the size limit and a zip bomb, each with its reason, storing nothing", async () => {
      const before = pendingFiles();
      const big = new Uint8Array(1024 * 1024 + 1).fill(0x41);
      const res = await upload(big, "big.txt");
      expect(res.status).toBe(413);
      expect(textOf(await res.text())).toContain("ファイルが大きすぎます（上限 1 MB）");
      expect(pendingFiles()).toBe(before);

      const zip = new JSZip();
      zip.file("xl/worksheets/sheet1.xml", new Uint8Array(40 * 1024 * 1024).fill(0x20));
      const bomb = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
      expect(bomb.length).toBeLessThan(200_000);
      const { page } = await uploaded(bomb, "bomb.xlsx");
      const text = textOf(await page.text());
      expect(text).toContain("xlsx を展開した大きさ（40 MB）が上限（32 MB）を超えています。");
      expect(text).not.toContain("--limit");
      expect(await rounds()).toEqual([]);
    });

    it("is the secretariat's alone", async () => {
      expect((await get(BASE, viewer)).status).toBe(403);
      expect((await upload(SEED, "x.txt", viewer)).status).toBe(403);
      expect(await rounds()).toEqual([]);
    });
  });
});
