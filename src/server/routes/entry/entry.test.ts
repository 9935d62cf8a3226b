import { describe, expect, it } from "vitest";
import { forEachDatabase } from "../../../../test/db.ts";
import { allMatches, seededApp, textOf, untranslatedText } from "../../../../test/server-support.ts";
import {
  actingAs,
  openEntryRound,
  sessionFor,
  type TestSession,
} from "../../../../test/support/entry-round.ts";
import type { Store } from "../../../store/types.ts";
import { returnReport } from "../../../workflow/round.ts";

/**
 * The department's entry page on both databases, with the seed's FY2019 carried over into FY2020.
 * No.8 行政評価システムの推進 (関係課 政策企画課 lead, 関係各課) has two KPIs: 8-1 事務事業評価件数 (当初
 * 101事業, 目標 350事業(累計), FY2019 72事業(累計215)) and 8-2 外部評価事業件数 (6事業, 30事業(累計),
 * 6事業(累計18)); its FY2019 (H) begins 「事務事業評価を実施し」 and it was graded A. No.2
 * シティプロモーションの推進 is led by 広報広聴課 with 政策企画課 second.
 */
type App = Awaited<ReturnType<typeof seededApp>>["app"];

async function setup(database: Parameters<typeof seededApp>[0]) {
  const { app, store } = await seededApp(database);
  const secretariat = await sessionFor(store, "jimukyoku", ["secretariat"]);
  const editor = await sessionFor(store, "seisaku", ["editor"], ["政策企画課"]);
  const colleague = await sessionFor(store, "seisaku2", ["editor"], ["政策企画課"]);
  const tax = await sessionFor(store, "nozei", ["editor"], ["納税課"]);
  const viewer = await sessionFor(store, "etsuran", ["viewer"]);
  const { planId } = await openEntryRound(store, secretariat);
  const page = (number: number) => `/o/sakado/manage/plans/${planId}/2020/initiatives/${number}`;
  return { app, store, planId, secretariat, editor, colleague, tax, viewer, page };
}

function get(app: App, path: string, session: TestSession) {
  return app.request(path, { headers: { Cookie: session.cookie } });
}

function post(app: App, path: string, session: TestSession, fields: Record<string, string>) {
  return app.request(path, {
    method: "POST",
    headers: {
      Cookie: session.cookie,
      Origin: "http://localhost",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
  });
}

/** The form's hidden fields as the page rendered them. */
function hidden(html: string): Record<string, string> {
  return Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="(version|kpiVersion-[\w-]+)" value="(\d*)"/g)].map((m) => [
      m[1] ?? "",
      m[2] ?? "",
    ]),
  );
}

async function report(store: Store, planId: number, number: number) {
  const round = await store.rounds.find(planId, 2020);
  const found = round && (await store.reports.find(round.id, number));
  if (!found) throw new Error("no report");
  return found;
}

const COMPLETE = {
  activities: "一次評価（75事業）、二次評価（12事業）、三次評価（6事業）を実施した。",
  "kpi-8-1": "75事業(累計290)",
  "kpi-8-2": "6事業(累計24)",
  nextYearGoal: "事務事業評価を継続し、外部評価の提案を予算に反映する。",
};

forEachDatabase((database) => {
  describe("the department's entry page", () => {
    it("shows the initiative, last year's values, H and grade, and an empty form in 未着手", async () => {
      const { app, editor, page } = await setup(database);
      const response = await get(app, page(8), editor);
      expect(response.status).toBe(200);
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      // The app's policy with one addition: its own same-origin script and the endpoint it asks.
      const general = (await app.request("/")).headers.get("Content-Security-Policy");
      expect(general).not.toContain("script-src");
      expect(response.headers.get("Content-Security-Policy")).toBe(
        `${general}; script-src 'self'; connect-src 'self'`,
      );
      const html = await response.text();
      const text = textOf(html);
      expect(text).toContain("No.8 行政評価システムの推進 の報告");
      expect(text).toContain("報告の状態： 未着手");
      expect(text).toContain("関係課 政策企画課（主担当）、関係各課");
      expect(text).toContain("前年度に立てた今年度の目標（令和2年度目標） 事務事業評価を実施し");
      expect(text).toContain("前年度の進捗状況（本部会評価） A 順調");
      expect(text).toContain("当初 101事業 ／ 目標 350事業(累計) ／ 前年度の現状値 72事業(累計215)");
      expect(text).toContain("当初 6事業 ／ 目標 30事業(累計) ／ 前年度の現状値 6事業(累計18)");
      // Shinchoku's own label writes the era in full, never 「R2末」.
      expect(text).toContain("現状値（令和2年度末）");
      expect(text).not.toContain("R2末");
      expect(html).toMatch(/<input type="text" id="kpi-8-1" name="kpi-8-1"[^>]* value=""/);
      expect(hidden(html)).toEqual({
        version: expect.stringMatching(/^\d+$/),
        "kpiVersion-8-1": "",
        "kpiVersion-8-2": "",
      });
      expect(allMatches(html, /<button type="submit" name="intent" value="(\w+)"/)).toEqual([
        "save",
        "submit",
      ]);
      expect(html).toContain('<script src="/assets/entry.js" defer=""></script>');
    });

    it("saves a draft: 入力中, the text kept exactly as typed, and what each value was read as", async () => {
      const { app, store, planId, editor, page } = await setup(database);
      const form = hidden(await (await get(app, page(8), editor)).text());
      const saved = await post(app, page(8), editor, {
        ...form,
        intent: "save",
        activities: "評価を実施した。",
        "kpi-8-1": "75事業(累計290)",
        "kpi-8-2": "1,2,00件",
        selfGrade: "B",
        selfGradeReason: "件数は順調",
      });
      expect(saved.status).toBe(303);
      expect(saved.headers.get("Location")).toBe(`${page(8)}?done=saved`);
      const html = await (await get(app, `${page(8)}?done=saved`, editor)).text();
      const text = textOf(html);
      expect(text).toContain("下書きを保存しました。");
      expect(text).toContain("報告の状態： 入力中");
      // 290 of 350 (cumulative): 83%.
      expect(text).toContain("読み取り： 75事業／累計 290／目標 350事業(累計) に対して 83%");
      expect(text).toContain(
        "読み取り： 数値として読み取れません（文字のまま公表されます） 理由：桁区切りのカンマの位置が正しくありません",
      );
      expect(html).toMatch(/id="kpi-8-2" name="kpi-8-2"[^>]* value="1,2,00件"/);
      expect(html).toMatch(/<input type="radio" name="selfGrade" id="selfGrade-B" value="B" checked=""/);
      const stored = await report(store, planId, 8);
      expect(stored).toMatchObject({
        state: "inProgress",
        activities: "評価を実施した。",
        selfGrade: "B",
        selfGradeReason: "件数は順調",
      });
      const round = await store.rounds.find(planId, 2020);
      const values = await store.kpiValues.list(round?.id ?? 0);
      expect(values.map((v) => v.value.text).sort()).toEqual(["1,2,00件", "75事業(累計290)"]);
    });

    it("refuses an incomplete submission with a summary linked to each missing field, keeping the draft", async () => {
      const { app, store, planId, editor, page } = await setup(database);
      const form = hidden(await (await get(app, page(8), editor)).text());
      const response = await post(app, page(8), editor, {
        ...form,
        intent: "submit",
        activities: "",
        "kpi-8-1": "75事業(累計290)",
        "kpi-8-2": "",
        nextYearGoal: "",
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toMatch(/<title>エラー：No\.8 /);
      const summary = html.slice(
        html.indexOf('class="error-summary"'),
        html.indexOf("</ul>", html.indexOf('class="error-summary"')),
      );
      expect(allMatches(summary, /<a href="#([\w-]+)">/)).toEqual(["activities", "kpi-8-2", "nextYearGoal"]);
      expect(textOf(summary)).toContain("「外部評価事業件数」の現状値を入力してください。");
      expect(textOf(html)).toContain("下書きは保存しました。提出するには、次の項目を入力してください。");
      // The answers are kept, and the draft with them.
      expect(html).toMatch(/id="kpi-8-1" name="kpi-8-1"[^>]* value="75事業\(累計290\)"/);
      expect((await report(store, planId, 8)).state).toBe("inProgress");
    });

    it("submits a complete report: 提出済, no longer editable by the department", async () => {
      const { app, store, planId, editor, page } = await setup(database);
      const form = hidden(await (await get(app, page(8), editor)).text());
      const response = await post(app, page(8), editor, { ...form, intent: "submit", ...COMPLETE });
      expect(response.status).toBe(303);
      expect(response.headers.get("Location")).toBe(`${page(8)}?done=submitted`);
      const stored = await report(store, planId, 8);
      expect(stored.state).toBe("submitted");
      expect(stored.submittedAt).not.toBeNull();
      const html = await (await get(app, page(8), editor)).text();
      expect(textOf(html)).toContain("報告の状態： 提出済");
      expect(html).not.toContain('name="activities"');
      expect(textOf(html)).toContain(COMPLETE.activities);
    });

    it("a department that is not the lead may save but not submit", async () => {
      const { app, store, planId, editor, page } = await setup(database);
      const html = await (await get(app, page(2), editor)).text();
      expect(allMatches(html, /<button type="submit" name="intent" value="(\w+)"/)).toEqual(["save"]);
      expect(textOf(html)).toContain("提出は主担当の広報広聴課が行います。");
      const before = await report(store, planId, 2);
      const forged = await post(app, page(2), editor, { ...hidden(html), intent: "submit", activities: "x" });
      expect(forged.status).toBe(403);
      // Nothing was written by the refused submission.
      expect(await report(store, planId, 2)).toEqual(before);
      const draft = await post(app, page(2), editor, {
        ...hidden(html),
        intent: "save",
        activities: "協力した",
      });
      expect(draft.status).toBe(303);
      expect((await report(store, planId, 2)).activities).toBe("協力した");
    });

    it("another department's editor and a viewer are refused; another plan's number is not found", async () => {
      const { app, tax, viewer, editor, page, planId } = await setup(database);
      expect((await get(app, page(8), tax)).status).toBe(403);
      expect((await post(app, page(8), tax, { version: "1", intent: "save", activities: "x" })).status).toBe(
        403,
      );
      expect((await get(app, page(8), viewer)).status).toBe(403);
      expect((await get(app, page(999), editor)).status).toBe(404);
      expect(
        (await get(app, `/o/sakado/manage/plans/${planId + 99}/2020/initiatives/8`, editor)).status,
      ).toBe(404);
      // Not signed in: to the login page.
      const anonymous = await app.request(page(8));
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get("Location")).toMatch(/^\/o\/sakado\/login\?next=/);
    });

    it("two people save the same report: exactly one is applied, the other sees both texts", async () => {
      const { app, store, planId, editor, colleague, page } = await setup(database);
      const mine = hidden(await (await get(app, page(8), editor)).text());
      const theirs = hidden(await (await get(app, page(8), colleague)).text());
      const first = await post(app, page(8), colleague, {
        ...theirs,
        intent: "save",
        activities: "外部評価委員会を3回開いた。",
        "kpi-8-1": "75事業(累計290)",
      });
      expect(first.status).toBe(303);
      const second = await post(app, page(8), editor, {
        ...mine,
        intent: "save",
        activities: "外部評価委員会を4回開いた。",
        "kpi-8-1": "76事業(累計291)",
      });
      expect(second.status).toBe(409);
      const html = await second.text();
      const text = textOf(html);
      expect(html).toMatch(/<title>エラー：/);
      expect(text).toContain("保存されていません：ほかの人が先に保存しました");
      expect(text).toContain("seisaku2がこの報告を保存しました");
      // Mine stays in the fields…
      expect(html).toMatch(/<textarea id="activities"[^>]*>外部評価委員会を4回開いた。<\/textarea>/);
      expect(html).toMatch(/id="kpi-8-1" name="kpi-8-1"[^>]* value="76事業\(累計291\)"/);
      // …theirs beside, the differences marked.
      const beside = html.slice(html.indexOf('id="activities-theirs"'));
      expect(beside).toMatch(/<del><span class="visually-hidden">［あなたの入力にだけある：<\/span>4/);
      expect(beside).toMatch(/<ins><span class="visually-hidden">［ほかの人が追加：<\/span>3/);
      expect(
        allMatches(
          html.slice(0, html.indexOf("</ul>", html.indexOf("conflict-summary"))),
          /<a href="#([\w-]+)">/,
        ),
      ).toEqual(["activities", "kpi-8-1"]);
      // Only the first was applied.
      expect((await report(store, planId, 8)).activities).toBe("外部評価委員会を3回開いた。");
      // The form now carries the current versions: saving again applies mine, knowingly.
      const again = await post(app, page(8), editor, {
        ...hidden(html),
        intent: "save",
        activities: "外部評価委員会を4回開いた。",
        "kpi-8-1": "76事業(累計291)",
      });
      expect(again.status).toBe(303);
      expect((await report(store, planId, 8)).activities).toBe("外部評価委員会を4回開いた。");
    });

    it("in English, only the organization's own words are Japanese (and marked so)", async () => {
      const { app, editor, page } = await setup(database);
      for (const path of [`${page(8)}?lang=en`, "/o/sakado/manage/my-work?lang=en"]) {
        const response = await get(app, path, editor);
        expect(response.status).toBe(200);
        expect(untranslatedText(await response.text()), path).toEqual([]);
      }
    });

    it("a browser's own form POST with Origin: null (Referrer-Policy no-referrer) passes on Sec-Fetch-Site", async () => {
      const { app, editor, page } = await setup(database);
      const send = (site: string) =>
        app.request(`${page(8)}/comments`, {
          method: "POST",
          headers: {
            Cookie: editor.cookie,
            Origin: "null",
            "Sec-Fetch-Site": site,
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams({ _csrf: editor.csrf, comment: "確認します。" }),
        });
      expect((await send("cross-site")).status).toBe(403);
      expect((await send("same-origin")).status).toBe(303);
    });

    it("keeps a comment thread with the secretariat; an empty comment is refused", async () => {
      const { app, secretariat, editor, page } = await setup(database);
      const empty = await post(app, `${page(8)}/comments`, editor, { comment: "  " });
      expect(empty.status).toBe(400);
      expect(allMatches(await empty.text(), /<a href="#([\w-]+)">/)).toContain("comment");
      const sent = await post(app, `${page(8)}/comments`, editor, {
        comment: "累計の数え方を確認させてください。",
      });
      expect(sent.status).toBe(303);
      expect(sent.headers.get("Location")).toBe(`${page(8)}?done=commented#entry-comments`);
      await post(app, `${page(8)}/comments`, secretariat, { comment: "H29からの累計でお願いします。" });
      const text = textOf(await (await get(app, page(8), editor)).text());
      expect(text).toMatch(
        /コメント ・ seisaku ・ .* 累計の数え方を確認させてください。 コメント ・ jimukyoku ・ .* H29からの累計でお願いします。/,
      );
    });

    it("my work lists the editor's initiatives, returned first with the secretariat's reason", async () => {
      const { app, store, planId, secretariat, editor, page } = await setup(database);
      const form = hidden(await (await get(app, page(8), editor)).text());
      await post(app, page(8), editor, { ...form, intent: "submit", ...COMPLETE });
      const submitted = await report(store, planId, 8);
      await returnReport(store, actingAs(secretariat), {
        planId,
        fiscalYear: 2020,
        initiativeNumber: 8,
        expectedVersion: submitted.version,
        comment: "二次評価の件数を確認してください。",
      });
      const home = await (await get(app, "/o/sakado/manage", editor)).text();
      expect(home).toContain('<a href="/o/sakado/manage/my-work">わたしの担当（入力する報告）</a>');
      const response = await get(app, "/o/sakado/manage/my-work", editor);
      expect(response.status).toBe(200);
      const html = await response.text();
      const numbers = allMatches(html, /<td class="num">(\d+)<\/td>/).map(Number);
      expect(numbers[0]).toBe(8);
      expect(numbers).toContain(2);
      expect(numbers.slice(1)).toEqual([...numbers.slice(1)].sort((a, b) => a - b));
      expect(textOf(html)).toContain("差戻し 二次評価の件数を確認してください。");
      expect(html).toContain(`href="${page(8)}"`);
      // The returned report is open again, with the reason on its page.
      const entry = textOf(await (await get(app, page(8), editor)).text());
      expect(entry).toContain("事務局から差し戻されました： 二次評価の件数を確認してください。");
      // Another department's editor sees none of 政策企画課's initiatives.
      const other = await sessionFor(store, "nozei2", ["editor"], ["納税課"]);
      const theirs = allMatches(
        await (await get(app, "/o/sakado/manage/my-work", other)).text(),
        /<td class="num">(\d+)<\/td>/,
      );
      expect(theirs).toEqual(["16"]);
    });

    it("reads a value as it is typed (JSON for the page's script)", async () => {
      const { app, editor, planId } = await setup(database);
      const ask = async (query: string) => {
        const response = await get(app, `/o/sakado/manage/kpi-reading?${query}`, editor);
        expect(response.status).toBe(200);
        expect(response.headers.get("Cache-Control")).toBe("private, no-store");
        return response.json();
      };
      expect(await ask(`value=${encodeURIComponent("1億円")}&plan=${planId}`)).toMatchObject({
        readable: true,
        line: "1億円 → 100,000,000円",
      });
      expect(
        await ask(
          `value=${encodeURIComponent("72事業(累計215)")}&target=${encodeURIComponent("350事業(累計)")}&baseline=${encodeURIComponent("101事業")}`,
        ),
      ).toMatchObject({ line: "72事業／累計 215／目標 350事業(累計) に対して 61%" });
      expect(await ask(`value=${encodeURIComponent("1,2,00件")}`)).toMatchObject({
        readable: false,
        line: "数値として読み取れません（文字のまま公表されます）",
        why: "理由：桁区切りのカンマの位置が正しくありません",
      });
      expect((await get(app, "/o/sakado/manage/kpi-reading?value=1&other=2", editor)).status).toBe(400);
      expect((await app.request("/o/sakado/manage/kpi-reading?value=1")).status).toBe(303);
    });
  });
});
