import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../../../test/db.ts";
import { buildPlanDocument, FACTORY_ORGANIZATION } from "../../../../test/factories/plan-document.ts";
import { textOf } from "../../../../test/server-support.ts";
import { importDocument, TEST_ACTOR } from "../../../../test/store.ts";
import type { Principal, RoleName } from "../../../domain/permissions.ts";
import { csrfTokenFor, hashToken, newToken } from "../../../security/tokens.ts";
import type { SqlStore } from "../../../store/sql-store.ts";
import type { AccountRecord } from "../../../store/types.ts";
import { actorOf } from "../../../workflow/accounts.ts";
import { moveRound, openRound } from "../../../workflow/round.ts";
import { saveReport } from "../../../workflow/save-report.ts";
import { createApp } from "../../app.ts";
import { RenderPool } from "../../render/pool.ts";

/**
 * Excel in and out through the pages, on both databases: FY2019 imported (the factory's plan),
 * FY2020 opened from it and in 入力中. 政策企画課 leads No.1 (産・学・官連携, KPIs 1-1 and 1-2) and
 * is listed on No.4 (whose 4-2 is 1-2 again, 再掲); 財政課 has No.3.
 */
const NOW = new Date("2026-12-02T03:00:00.000Z");
const ORIGIN = "http://localhost";
const BASE = "/o/sakado/manage/plans/1/2020";

interface Session {
  account: AccountRecord;
  cookie: string;
  csrf: string;
  principal: Principal;
}

async function signedIn(
  store: SqlStore,
  organizationId: number,
  loginId: string,
  roles: RoleName[],
  departments: string[] = [],
): Promise<Session> {
  const all = await store.departments.list(organizationId);
  const account = await store.transaction({ actor: TEST_ACTOR }, (tx) =>
    tx.accounts.create({
      organizationId,
      loginId,
      displayName: loginId,
      email: null,
      roles,
      departmentIds: all.filter((d) => departments.includes(d.name)).map((d) => d.id),
    }),
  );
  const token = newToken();
  await store.transaction({ actor: TEST_ACTOR }, (tx) =>
    tx.sessions.create({
      organizationId,
      accountId: account.id,
      tokenHash: hashToken(token),
      now: NOW,
      address: null,
      userAgent: null,
    }),
  );
  return {
    account,
    cookie: `shinchoku_session=${token}`,
    csrf: csrfTokenFor(token),
    principal: {
      accountId: account.id,
      organizationId,
      roles: new Set(roles),
      departmentIds: account.departmentIds,
    },
  };
}

async function sheetOf(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  const sheet = workbook.getWorksheet("入力票");
  const meta = workbook.getWorksheet("_shinchoku");
  if (!sheet || !meta) throw new Error("not an entry workbook");
  return { workbook, sheet, meta };
}

async function editWorkbook(
  bytes: Uint8Array,
  edit: (sheet: ExcelJS.Worksheet, meta: ExcelJS.Worksheet) => void,
): Promise<Uint8Array> {
  const { workbook, sheet, meta } = await sheetOf(bytes);
  edit(sheet, meta);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function hidden(html: string, name: string): string {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
}

forEachDatabase((database) => {
  describe("entry workbooks and draft papers", () => {
    const pool = new RenderPool({ threads: 1, queue: 8 });
    afterAll(() => pool.close());
    let store: SqlStore;
    let app: ReturnType<typeof createApp>;
    let secretariat: Session;
    let seisaku: Session;
    let zaisei: Session;
    let committee: Session;

    beforeEach(async () => {
      store = await database.open();
      const { planId, organizationId } = await importDocument(store, buildPlanDocument(), {
        organization: FACTORY_ORGANIZATION,
      });
      secretariat = await signedIn(store, organizationId, "jimukyoku", ["secretariat"]);
      seisaku = await signedIn(store, organizationId, "seisaku", ["editor"], ["政策企画課"]);
      zaisei = await signedIn(store, organizationId, "zaisei", ["editor"], ["財政課"]);
      committee = await signedIn(store, organizationId, "iin", ["committee"]);
      const acting = { actor: actorOf(secretariat.account), principal: secretariat.principal };
      const round = await openRound(store, acting, { planId, fiscalYear: 2020 });
      await moveRound(store, acting, { roundId: round.id, expectedVersion: round.version, to: "entry" });
      app = createApp({ store, renderPool: pool, pageCache: false, security: { now: () => NOW } });
    });

    const get = (path: string, session?: Session) =>
      app.request(`${ORIGIN}${path}`, { headers: session ? { Cookie: session.cookie } : {} });
    const post = (path: string, session: Session, form: FormData) => {
      form.set("_csrf", session.csrf);
      return app.request(`${ORIGIN}${path}`, {
        method: "POST",
        headers: { Cookie: session.cookie, Origin: ORIGIN },
        body: form,
      });
    };
    const departmentId = async (name: string) =>
      (await store.departments.list(1)).find((d) => d.name === name)?.id ?? 0;
    const download = async (session: Session, department = "政策企画課") => {
      const res = await get(`${BASE}/workbook/${await departmentId(department)}/entry.xlsx`, session);
      expect(res.status).toBe(200);
      return new Uint8Array(await res.arrayBuffer());
    };
    const upload = (session: Session, bytes: Uint8Array, path = `${BASE}/workbook/upload`) => {
      const form = new FormData();
      form.set(
        "file",
        new File([new Uint8Array(bytes)], "入力票.xlsx", { type: "application/octet-stream" }),
      );
      return post(path, session, form);
    };
    const report = async (number: number) => {
      const round = await store.rounds.find(1, 2020);
      const found = await store.reports.find(round?.id ?? 0, number);
      if (!found) throw new Error(`no report ${number}`);
      return found;
    };
    /** The error summary's items, as read. */
    const refusals = async (res: Response) => {
      const html = await res.text();
      const summary = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "";
      return [...summary.matchAll(/<li><a href="#file">([\s\S]*?)<\/a><\/li>/g)].map((m) =>
        textOf(m[1] ?? ""),
      );
    };

    it("downloads a department's own initiatives only, with the grade list and its identity, never cached", async () => {
      const page = await get(`${BASE}/workbook`, seisaku);
      expect(page.status).toBe(200);
      const html = await page.text();
      // An editor is offered its own department only.
      expect(textOf(html)).toContain("政策企画課 2 入力票（Excel）");
      expect(textOf(html)).not.toContain("財政課");

      const res = await get(`${BASE}/workbook/${await departmentId("政策企画課")}/entry.xlsx`, seisaku);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      expect(res.headers.get("content-disposition")).toContain(
        `filename*=UTF-8''${encodeURIComponent("入力票_政策企画課_行政改革後期アクションプラン_令和2年度.xlsx")}`,
      );
      const { sheet, meta } = await sheetOf(new Uint8Array(await res.arrayBuffer()));
      const numbers: number[] = [];
      sheet.eachRow((row, r) => {
        const value = row.getCell(1).value;
        if (r >= 5 && typeof value === "number" && !numbers.includes(value)) numbers.push(value);
      });
      expect(numbers).toEqual([1, 4]);
      // No.1 as it was last year beside this year's empty cells.
      expect(sheet.getCell("C5").value).toBe("(D) 令和2年度取組内容");
      expect(sheet.getCell("F5").value).toBe(
        "城西大学をはじめ市内及び近隣の大学と協働し、にぎわいサロンの運営など多様な取組を継続した。",
      );
      expect(sheet.getCell("G5").value).toBeNull();
      expect(sheet.getCell("H5").value).toBe("市内3大学を中心に更なる連携強化に取り組む。");
      expect([6, 7].map((r) => [sheet.getCell(`C${r}`).value, sheet.getCell(`F${r}`).value])).toEqual([
        ["現状値：産・学・官連携協定(※)件数", "66件"],
        ["現状値：北坂戸にぎわいサロンの利用者数", "9,797人"],
      ]);
      expect(sheet.getCell("F8").value).toBe("本部会評価 B ほぼ順調");
      expect(sheet.getCell("G8").dataValidation).toMatchObject({ type: "list", formulae: ['"A,B,C,D"'] });
      expect(sheet.getCell("G8").protection?.locked).toBe(false);
      expect(sheet.getCell("F8").protection?.locked).not.toBe(false);
      // No.4's 再掲 line is entered on No.1's row.
      expect(sheet.getCell("G13").value).toBe("（G7 で入力します：同じ数値目標の再掲）");
      expect(meta.getCell("B6").value).toBe(await departmentId("政策企画課"));
      expect(meta.getCell("B4").value).toBe(2020);

      // Another department's workbook, a committee member, nobody: refused.
      expect((await get(`${BASE}/workbook/${await departmentId("財政課")}/entry.xlsx`, seisaku)).status).toBe(
        403,
      );
      expect((await get(`${BASE}/workbook`, committee)).status).toBe(403);
      const anonymous = await get(`${BASE}/workbook/${await departmentId("政策企画課")}/entry.xlsx`);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get("location")).toMatch(/^\/o\/sakado\/login\?next=/);
      // The secretariat may download any department's.
      await download(secretariat, "財政課");
    });

    it("previews the changes field by field and applies them as the department's entry, versioned and audited", async () => {
      // Something entered in the browser first: the preview shows it as "before".
      const before = await report(1);
      await saveReport(store, actorOf(seisaku.account), {
        principal: seisaku.principal,
        planId: 1,
        fiscalYear: 2020,
        initiativeNumber: 1,
        expectedVersion: before.version,
        changes: { nextYearGoal: "協定の成果を発信する。" },
      });
      const bytes = await editWorkbook(await download(seisaku), (sheet) => {
        sheet.getCell("G5").value = "オンラインで大学との意見交換を重ね、包括連携協定を4件締結した。";
        sheet.getCell("G6").value = "70件";
        sheet.getCell("G7").value = "1億円";
        sheet.getCell("G8").value = "Ａ";
        sheet.getCell("G10").value = "協定の成果を市民に分かりやすく発信する。";
      });
      const preview = await upload(seisaku, bytes);
      expect(preview.status).toBe(200);
      expect(preview.headers.get("cache-control")).toBe("private, no-store");
      const html = await preview.text();
      const rows = [...html.matchAll(/<tr><th scope="row">([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1] ?? ""));
      expect(rows).toEqual([
        "(D) 取組内容 G5 （空欄） オンラインで大学との意見交換を重ね、包括連携協定を4件締結した。",
        "現状値：産・学・官連携協定(※)件数 G6 （空欄） 70件 読み取り： 70件",
        "現状値：北坂戸にぎわいサロンの利用者数 G7 （空欄） 1億円 読み取り： 1億円 → 100,000,000円",
        "所管課の自己評価 G8 （空欄） A",
        "(H) 次年度の目標 G10 協定の成果を発信する。 協定の成果を市民に分かりやすく発信する。",
      ]);
      expect(textOf(html)).toContain("変更のない取組項目：No.4");
      // Nothing applied yet.
      expect((await report(1)).activities).toBe("");

      const form = new FormData();
      form.set("payload", hidden(html, "payload"));
      form.set("signature", hidden(html, "signature"));
      const applied = await post(`${BASE}/workbook/apply`, seisaku, form);
      expect(applied.status).toBe(303);
      expect(applied.headers.get("location")).toBe(`${BASE}/workbook?done=1`);
      const done = await get(`${BASE}/workbook?done=1`, seisaku);
      expect(textOf(await done.text())).toContain("入力票の内容を1件の取組項目に反映しました。");

      const after = await report(1);
      expect(after).toMatchObject({
        activities: "オンラインで大学との意見交換を重ね、包括連携協定を4件締結した。",
        selfGrade: "A",
        nextYearGoal: "協定の成果を市民に分かりやすく発信する。",
        state: "inProgress",
        version: before.version + 2,
      });
      const round = await store.rounds.find(1, 2020);
      const values = await store.kpiValues.list(round?.id ?? 0);
      expect(values.map((v) => v.value.text).sort()).toEqual(["1億円", "70件"]);
      expect(values.find((v) => v.value.text === "1億円")?.value).toMatchObject({
        kind: "money",
        yen: 100000000,
      });
      const audit = await store.audit.list(1, { entity: "report", entityId: after.id });
      expect(audit[0]).toMatchObject({
        actorName: "seisaku",
        action: "report.update",
        after: {
          activities: "オンラインで大学との意見交換を重ね、包括連携協定を4件締結した。",
          selfGrade: "A",
          nextYearGoal: "協定の成果を市民に分かりやすく発信する。",
        },
      });
      expect(await store.audit.list(1, { entity: "kpi_value" })).toHaveLength(2);

      // The same confirmation sent again changes nothing more: what it holds is what is entered now.
      const again = await post(`${BASE}/workbook/apply`, seisaku, form);
      expect(again.headers.get("location")).toBe(`${BASE}/workbook?done=0`);
      expect((await report(1)).version).toBe(after.version);
    });

    it("offers the plan's own scale (◎○△×) in the own view's cell and takes only its codes back", async () => {
      const marks = [
        { code: "◎", label: "順調" },
        { code: "○", label: "概ね順調" },
        { code: "△", label: "遅れ" },
        { code: "×", label: "停止" },
      ];
      await store.db
        .updateTable("plan")
        .set({ grade_scale: JSON.stringify(marks) })
        .where("id", "=", 1)
        .execute();
      const mine = await download(seisaku);
      const { sheet } = await sheetOf(mine);
      expect([sheet.getCell("C8").value, sheet.getCell("C14").value]).toEqual([
        "所管課の自己評価（◎・○・△・×）",
        "所管課の自己評価（◎・○・△・×）",
      ]);
      expect(sheet.getCell("G8").dataValidation).toMatchObject({ type: "list", formulae: ['"◎,○,△,×"'] });

      // A of the default scale is not this plan's.
      const refused = await upload(
        seisaku,
        await editWorkbook(mine, (input) => {
          input.getCell("G8").value = "A";
        }),
      );
      expect(refused.status).toBe(400);
      expect(await refusals(refused)).toEqual([
        "シート「入力票」のセル G8：No.1：自己評価「A」は、この計画の評価の区分にありません。◎・○・△・× のどれかを一覧から選んでください（空欄でもかまいません）。",
      ]);

      const preview = await upload(
        seisaku,
        await editWorkbook(mine, (input) => {
          input.getCell("G8").value = "〇";
        }),
      );
      expect(preview.status).toBe(200);
      const html = await preview.text();
      expect(textOf(html)).toContain("所管課の自己評価 G8 （空欄） ○");
      const form = new FormData();
      form.set("payload", hidden(html, "payload"));
      form.set("signature", hidden(html, "signature"));
      // The scale changes between the preview and the confirmation: checked again, nothing written.
      await store.db.updateTable("plan").set({ grade_scale: null }).where("id", "=", 1).execute();
      const late = await post(`${BASE}/workbook/apply`, seisaku, form);
      expect(await refusals(late)).toEqual([
        "シート「入力票」のセル G8：No.1：自己評価「○」は、この計画の評価の区分にありません。A・B・C・D のどれかを一覧から選んでください（空欄でもかまいません）。",
      ]);
      expect((await report(1)).selfGrade).toBeNull();
      await store.db
        .updateTable("plan")
        .set({ grade_scale: JSON.stringify(marks) })
        .where("id", "=", 1)
        .execute();
      expect((await post(`${BASE}/workbook/apply`, seisaku, form)).status).toBe(303);
      expect((await report(1)).selfGrade).toBe("○");

      // The scale changed after the workbook was made: its ○ is no longer the plan's.
      await store.db.updateTable("plan").set({ grade_scale: null }).where("id", "=", 1).execute();
      const stale = await upload(
        seisaku,
        await editWorkbook(mine, (input) => {
          input.getCell("G14").value = "△";
        }),
      );
      expect(await refusals(stale)).toEqual([
        "シート「入力票」のセル G14：No.4：自己評価「△」は、この計画の評価の区分にありません。A・B・C・D のどれかを一覧から選んでください（空欄でもかまいません）。",
      ]);
    });

    it("refuses a workbook of another department, round or organization, a malformed one, and one whose report moved on, naming the cell", async () => {
      const mine = await download(seisaku);
      const edited = (edit: (sheet: ExcelJS.Worksheet, meta: ExcelJS.Worksheet) => void) =>
        editWorkbook(mine, (sheet, meta) => {
          sheet.getCell("G5").value = "入力した取組内容";
          edit(sheet, meta);
        });

      // Another department's editor.
      let res = await upload(zaisei, await edited(() => {}));
      expect(res.status).toBe(400);
      expect(await refusals(res)).toEqual([
        "シート「入力票」のセル A2：この入力票は政策企画課のものです。あなたが入力を担当する課ではないため、アップロードできません。",
      ]);
      // Another round (uploaded on FY2019's page) and another organization.
      res = await upload(seisaku, await edited(() => {}), "/o/sakado/manage/plans/1/2019/workbook/upload");
      expect(await refusals(res)).toEqual([
        "シート「入力票」のセル A2：この入力票は「行政改革後期アクションプラン」令和2年度のものです。いま開いているのは「行政改革後期アクションプラン」令和元年度です。",
      ]);
      // Another plan's workbook whose own view holds that plan's grade (S of an S/A/B/C scale): what
      // it is for is said first, not that S is not on this plan's scale.
      res = await upload(
        seisaku,
        await edited((sheet) => {
          sheet.getCell("G8").value = "S";
        }),
        "/o/sakado/manage/plans/1/2019/workbook/upload",
      );
      expect(await refusals(res)).toEqual([
        "シート「入力票」のセル A2：この入力票は「行政改革後期アクションプラン」令和2年度のものです。いま開いているのは「行政改革後期アクションプラン」令和元年度です。",
      ]);
      res = await upload(
        seisaku,
        await edited((sheet, meta) => {
          sheet.getCell("G8").value = "S";
          meta.getCell("B2").value = 999;
          meta.getCell("C2").value = "川越市";
        }),
      );
      expect(await refusals(res)).toEqual([
        "シート「入力票」のセル A2：この入力票は別の自治体のものです（川越市）。坂戸市の入力票をアップロードしてください。",
      ]);
      res = await upload(
        seisaku,
        await edited((_sheet, meta) => {
          meta.getCell("B2").value = 999;
          meta.getCell("C2").value = "川越市";
        }),
      );
      expect(await refusals(res)).toEqual([
        "シート「入力票」のセル A2：この入力票は別の自治体のものです（川越市）。坂戸市の入力票をアップロードしてください。",
      ]);
      // Malformed: a grade outside the scale, a changed hidden sheet, not an xlsx at all, no file.
      res = await upload(
        seisaku,
        await edited((sheet) => {
          sheet.getCell("G8").value = "S";
        }),
      );
      expect(await refusals(res)).toEqual([
        "シート「入力票」のセル G8：No.1：自己評価「S」は、この計画の評価の区分にありません。A・B・C・D のどれかを一覧から選んでください（空欄でもかまいません）。",
      ]);
      res = await upload(
        seisaku,
        await edited((_sheet, meta) => {
          meta.getCell("A11").value = "Z9";
        }),
      );
      expect(await refusals(res)).toEqual([
        "シート「_shinchoku」のセル A11：入力票の情報（入力欄の一覧）を読み取れません。このシートは変更しないでください。新しい入力票をダウンロードし直してください。",
      ]);
      res = await upload(seisaku, new TextEncoder().encode("No.\t取組項目\n"));
      expect((await refusals(res))[0]).toMatch(/^ファイル：Excel ファイル（\.xlsx）として読み取れません。/);
      res = await post(`${BASE}/workbook/upload`, seisaku, new FormData());
      expect(await refusals(res)).toEqual(["アップロードする入力票のファイルを選んでください。"]);

      // The report changed since the workbook was made (someone saved it in the browser).
      const current = await report(1);
      await saveReport(store, actorOf(secretariat.account), {
        principal: secretariat.principal,
        planId: 1,
        fiscalYear: 2020,
        initiativeNumber: 1,
        expectedVersion: current.version,
        changes: { activities: "事務局が書いた取組内容" },
      });
      res = await upload(seisaku, await edited(() => {}));
      expect((await refusals(res))[0]).toMatch(
        /^シート「入力票」のセル G5：No\.1：この報告は、入力票を作成した後にほかの人が変更しました（上書きしないため、取り込みません）。/,
      );
      // A cell left as it was changes nothing, whatever happened to its report since.
      res = await upload(seisaku, mine);
      expect(res.status).toBe(200);
      expect(textOf(await res.text())).toContain(
        "入力票は、いまの入力内容と同じです。反映するものはありません。",
      );

      // A report that moved on (submitted): its department may no longer change it.
      const moved = await report(1);
      await store.transaction({ actor: TEST_ACTOR }, (tx) =>
        tx.reports.update(moved.id, moved.version, { state: "submitted" }),
      );
      const fresh = await editWorkbook(await download(seisaku), (sheet) => {
        sheet.getCell("G9").value = "順調に進んでいる。";
      });
      res = await upload(seisaku, fresh);
      expect(await refusals(res)).toEqual([
        "シート「入力票」のセル G9：No.1：この報告は「提出済」のため、変更できません（差戻しされると入力できます）。",
      ]);
      expect((await report(1)).selfGradeReason).toBe("");
    });

    it("refuses at confirmation a report saved by someone else after the preview, and a tampered form; nothing is written", async () => {
      const bytes = await editWorkbook(await download(seisaku), (sheet) => {
        sheet.getCell("G5").value = "入力票で書いた取組内容";
        sheet.getCell("G11").value = "No.4 の取組内容";
      });
      const previewed = await upload(seisaku, bytes);
      const html = await previewed.text();
      expect(previewed.status, textOf(html).slice(0, 600)).toBe(200);
      const form = new FormData();
      form.set("payload", hidden(html, "payload"));
      form.set("signature", hidden(html, "signature"));

      // The form of one session is not taken from another, nor altered.
      const other = await signedIn(store, 1, "seisaku2", ["editor"], ["政策企画課"]);
      let res = await post(`${BASE}/workbook/apply`, other, form);
      expect(await refusals(res)).toEqual([
        "確認画面の内容を読み取れません。もう一度アップロードしてください。",
      ]);
      const tampered = new FormData();
      tampered.set("payload", `${hidden(html, "payload")}A`);
      tampered.set("signature", hidden(html, "signature"));
      res = await post(`${BASE}/workbook/apply`, seisaku, tampered);
      expect(await refusals(res)).toEqual([
        "確認画面の内容を読み取れません。もう一度アップロードしてください。",
      ]);

      // No.4 saved by someone else between the preview and the confirmation: all refused, No.1 too.
      const four = await report(4);
      await saveReport(store, actorOf(secretariat.account), {
        principal: secretariat.principal,
        planId: 1,
        fiscalYear: 2020,
        initiativeNumber: 4,
        expectedVersion: four.version,
        changes: { activities: "事務局が先に保存した内容" },
      });
      res = await post(`${BASE}/workbook/apply`, seisaku, form);
      expect(res.status).toBe(400);
      expect((await refusals(res))[0]).toMatch(
        /^シート「入力票」のセル G11：No\.4：この報告は、入力票を作成した後にほかの人が変更しました/,
      );
      expect((await report(1)).activities).toBe("");
      expect((await report(4)).activities).toBe("事務局が先に保存した内容");
    });

    it("takes a form sent by Chromium under no-referrer (Origin: null) from this site only", async () => {
      const send = (site: string) => {
        const form = new FormData();
        form.set("_csrf", seisaku.csrf);
        return app.request(`${ORIGIN}${BASE}/workbook/upload`, {
          method: "POST",
          headers: { Cookie: seisaku.cookie, Origin: "null", "Sec-Fetch-Site": site },
          body: form,
        });
      };
      // Reaches the handler: the form's own refusal (no file), not the CSRF page.
      expect(await refusals(await send("same-origin"))).toEqual([
        "アップロードする入力票のファイルを選んでください。",
      ]);
      expect((await send("cross-site")).status).toBe(403);
    });

    it("prints the draft table as PDF and xlsx marked 案 with the date printed, for signed-in readers only", async () => {
      const folder = mkdtempSync(join(tmpdir(), "shinchoku-draft-"));
      try {
        const pdf = await get(`${BASE}/table.pdf`, committee);
        expect(pdf.status).toBe(200);
        expect(pdf.headers.get("content-type")).toBe("application/pdf");
        expect(pdf.headers.get("cache-control")).toBe("private, no-store");
        writeFileSync(join(folder, "draft.pdf"), Buffer.from(await pdf.arrayBuffer()));
        const text = execFileSync("pdftotext", ["-layout", join(folder, "draft.pdf"), "-"], {
          encoding: "utf8",
        });
        const pages = text.split("\f").filter((p) => p.trim() !== "");
        expect(pages.length).toBeGreaterThan(0);
        for (const page of pages) expect(page).toContain("案（令和8年12月2日印刷）");

        const xlsx = await get(`${BASE}/table.xlsx`, committee);
        expect(xlsx.status).toBe(200);
        expect(xlsx.headers.get("cache-control")).toBe("private, no-store");
        expect(xlsx.headers.get("content-disposition")).toContain(
          encodeURIComponent("案_行政改革後期アクションプラン_令和2年度.xlsx"),
        );
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
        for (const sheet of workbook.worksheets)
          expect(sheet.headerFooter.oddHeader, sheet.name).toContain("案（令和8年12月2日印刷）");

        // Never public: nobody signed in is sent to the login page.
        for (const format of ["pdf", "xlsx"]) {
          const anonymous = await get(`${BASE}/table.${format}`);
          expect(anonymous.status).toBe(303);
        }
        // FY2020 is not published: the public download does not exist.
        expect((await get("/api/v1/plans/1/rounds/2020/export.pdf")).status).toBe(404);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });
});
