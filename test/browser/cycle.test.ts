import { mkdirSync } from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RoleName } from "../../src/domain/permissions.ts";
import type { PlanDocument } from "../../src/domain/plan-document.ts";
import { hashPassword } from "../../src/security/passwords.ts";
import { forEachDatabase } from "../db.ts";
import { describeViolations, type Harness, seriousViolations, startHarness } from "./harness.ts";

/**
 * The yearly cycle end to end in Chromium, through the pages' own forms, on SQLite and (with
 * TEST_DATABASE_URL) PostgreSQL. Set up in the store: the sample (坂戸市 FY2019 as published) and
 * four accounts with passwords; everything else is done by people signing in and using the pages:
 *
 *   the secretariat opens FY2020 from FY2019 and opens it for entry → 政策企画課 enters No.8's (D),
 *   現状値 and (H) and submits → the secretariat returns it with a comment → the department sees the
 *   comment (my work, the entry page), fixes and resubmits → the secretariat accepts it (and, through
 *   the same entry and review forms, every other initiative, so the round can be published) → two
 *   committee members grade No.8 (the second meets the first's save and sees both) → the secretariat
 *   publishes → signed out, the public table shows FY2020 and its CSV, JSON and xlsx say what the
 *   page says → a correction after publication makes 第2版 with its reason, listed beside 第1版.
 *
 * Entry submission, return, grading and publication are done with JavaScript switched off (each
 * person has a second browser context without it). axe-core runs on every page visited (on the
 * same address in the person's JavaScript context when the visit had none: axe is a script).
 * Screenshots: /tmp/e2e-shots/<database>-<step>.png.
 */
const SHOTS = "/tmp/e2e-shots";
const SLOW = 600_000;

const PASSWORD = "correct horse battery staple 2020";
const NO = 8;
const TITLE = "行政評価システムの推進";
/** The first (D) carries a slip (外部評委員会) that the secretariat corrects after publication. */
const D1 = "外部評委員会を3回開催し、6事業の外部評価を実施した。事務事業評価は75事業で行った。";
const SELF_REASON = "評価件数は計画どおりに伸びている。";
const RETURN_COMMENT = "外部評価を行った6事業の名称を書き加えてください。";
const D2 = `${D1}対象は市民活動支援事業、観光振興事業ほか4事業。`;
const D3 = D2.replace("外部評委員会", "外部評価委員会");
const KPI_1 = "75事業(累計290)";
const KPI_2 = "6事業(累計24)";
const H = "外部評価の結果を予算編成に反映させる。";
const G1 = "外部評価の対象拡大を期待する。";
const G_TYPED_BY_SECOND = "順調に進んでいる。";
const G_FINAL = `${G1}評価結果の公表を進めること。`;
const CORRECTION_REASON = "No.8 の取組内容の誤記（外部評委員会）を訂正";
/** FY2019's (H) of No.8, as the sample prints it: shown beside this year's entry. */
const LAST_YEAR_GOAL = "事務事業評価を実施し、内部外部両面から事務事業の見直しを図る。";

interface Person {
  loginId: string;
  name: string;
  roles: RoleName[];
  departments: string[];
}

const PEOPLE = {
  secretariat: { loginId: "jimukyoku", name: "事務局 太郎", roles: ["secretariat"], departments: [] },
  editor: { loginId: "seisaku", name: "政策 花子", roles: ["editor"], departments: ["政策企画課"] },
  member1: { loginId: "iin1", name: "委員 一郎", roles: ["committee"], departments: [] },
  member2: { loginId: "iin2", name: "委員 二郎", roles: ["committee"], departments: [] },
} satisfies Record<string, Person>;

/** A person's two browsers: with JavaScript (and axe) and without. */
interface Browsers {
  js: BrowserContext;
  noJs: BrowserContext;
}

/** Whitespace aside: the table breaks lines between phrases, the files do not. */
const squash = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, "");

forEachDatabase((database) => {
  let h: Harness;
  let planId = 0;
  const visited: string[] = [];
  let step = 0;
  let t0 = Date.now();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    h = await startHarness({ store: await database.open() });
    const organization = await h.store.organizations.findBySlug("sakado");
    if (!organization) throw new Error("the sample is not loaded");
    planId = (await h.store.plans.list(organization.id))[0]?.id ?? 0;
    const departments = await h.store.departments.list(organization.id);
    const passwordHash = await hashPassword(PASSWORD);
    await h.store.transaction({ actor: { kind: "system", name: "test" } }, async (tx) => {
      for (const person of Object.values(PEOPLE) as Person[]) {
        const account = await tx.accounts.create({
          organizationId: organization.id,
          loginId: person.loginId,
          displayName: person.name,
          email: null,
          roles: person.roles,
          departmentIds: departments.filter((d) => person.departments.includes(d.name)).map((d) => d.id),
        });
        await tx.accounts.setPassword(organization.id, account.id, passwordHash);
      }
    });
  }, SLOW);

  afterAll(async () => {
    await h?.close();
  });

  async function browsers(): Promise<Browsers> {
    const options = { viewport: { width: 1280, height: 900 }, locale: "ja-JP" } as const;
    return {
      // CSP bypassed so that axe can be injected (the pages bring no script but the entry page's).
      js: await h.browser.newContext({ ...options, bypassCSP: true }),
      noJs: await h.browser.newContext({ ...options, javaScriptEnabled: false }),
    };
  }

  /**
   * A screenshot, and axe on the page: in place when it runs JavaScript, else on the same address
   * in `twin` (the same person's JavaScript context).
   */
  async function look(
    page: Page,
    name: string,
    options: { twin?: BrowserContext; shot?: string } = {},
  ): Promise<void> {
    const { twin, shot } = options;
    const began = Date.now();
    step += 1;
    const label = `${database.name}-${String(step).padStart(2, "0")}-${name}`;
    // A page of every initiative (grading) is 25,000 px tall: its part in question is pictured.
    if (shot) await page.locator(shot).screenshot({ path: `${SHOTS}/${label}.png` });
    else await page.screenshot({ path: `${SHOTS}/${label}.png`, fullPage: true });
    let target = page;
    if (twin) {
      target = await twin.newPage();
      const response = await target.goto(page.url());
      expect(response?.status(), `${name}: ${page.url()} again with JavaScript`).toBe(200);
    }
    const violations = await seriousViolations(target);
    expect(violations, `${name} (${page.url()})\n${describeViolations(violations)}`).toEqual([]);
    if (twin) await target.close();
    visited.push(new URL(page.url()).pathname);
    if (process.env.E2E_TIMES)
      console.log(`${label} ${Date.now() - began} ms (since start ${Date.now() - t0} ms)`);
  }

  const url = (path: string) => h.base + path;
  const main = async (page: Page) => (await page.locator("main").textContent()) ?? "";

  /** Signs in through the login form; the JavaScript-less context gets the same session. */
  async function signIn(person: Person, people: Browsers, page?: Page): Promise<Page> {
    const p = page ?? (await people.js.newPage());
    await p.goto(url("/o/sakado/login"));
    if (!visited.includes("/o/sakado/login")) await look(p, "login");
    await p.locator('[name="loginId"]').fill(person.loginId);
    await p.locator('[name="password"]').fill(PASSWORD);
    await p.getByRole("button", { name: "ログインする" }).click();
    await p.waitForURL(/\/o\/sakado\/manage$/);
    expect(await p.locator(".account-bar").textContent()).toContain(`${person.name}さんがログイン中`);
    await people.noJs.clearCookies();
    await people.noJs.addCookies(await people.js.cookies());
    return p;
  }

  async function signOut(page: Page): Promise<void> {
    await page.getByRole("button", { name: "ログアウト" }).click();
    await page.waitForURL(/\/o\/sakado\/login\?ended=1/);
    expect(await main(page)).toContain("ログアウトしました。");
  }

  it(
    "open → enter → return → fix → accept → grade twice → publish → public downloads → correction",
    async () => {
      t0 = Date.now();
      const manage = `/o/sakado/manage/plans/${planId}`;
      const round = `${manage}/2020`;
      const entry = (n: number) => `${round}/initiatives/${n}`;
      const secretariat = await browsers();
      const editor = await browsers();
      const member1 = await browsers();
      const member2 = await browsers();

      // — The secretariat opens FY2020 from FY2019 and opens it for entry.
      const sec = await signIn(PEOPLE.secretariat, secretariat);
      await look(sec, "secretariat-home");
      await sec.goto(url(`${manage}/rounds/new`));
      expect(await sec.inputValue("#fiscalYear")).toBe("2020");
      await look(sec, "round-open");
      await sec.fill("#asOf", "令和3年3月31日");
      await sec.fill("#entryDeadline", "令和3年5月31日");
      await sec.getByRole("button", { name: "開始する" }).click();
      await sec.waitForURL(/\/2020\/settings\?done=opened$/);
      expect(await main(sec)).toContain("準備中");
      await look(sec, "round-opened");
      await sec.getByRole("button", { name: "「入力中」に進める" }).click();
      await sec.waitForURL(/\/2020\/settings\?done=entry$/);
      expect(await main(sec)).toContain("現在の段階：入力中");
      await look(sec, "round-entry");
      // A draft is not public: no table for FY2020 yet (and the page cache must not keep that answer).
      const table = `/o/sakado/plans/${planId}/2020/table`;
      const outsider = await h.browser.newContext();
      expect((await outsider.request.get(url(table))).status()).toBe(404);

      // — 政策企画課 finds No.8 in its work, enters (D), both 現状値 and (H), and submits.
      const ed = await signIn(PEOPLE.editor, editor);
      await ed.goto(url("/o/sakado/manage/my-work"));
      const myRow = ed.locator("tr", { has: ed.getByRole("link", { name: TITLE }) });
      expect(await myRow.textContent()).toContain("未着手");
      await look(ed, "my-work");
      await myRow.getByRole("link", { name: TITLE }).click();
      await ed.waitForURL(new RegExp(`${entry(NO)}$`));
      // Last year's goal and grade stand beside this year's entry.
      expect(await main(ed)).toContain(LAST_YEAR_GOAL);
      await look(ed, "entry");
      await ed.fill("#activities", D1);
      await ed.fill(`#kpi-${NO}-1`, KPI_1);
      // The page's own script reads the value as it is typed.
      await expect
        .poll(() => ed.locator(`#kpi-${NO}-1-reading`).textContent())
        .toBe("読み取り：75事業／累計 290／目標 350事業(累計) に対して 83%");
      await ed.fill(`#kpi-${NO}-2`, KPI_2);
      await ed.fill("#nextYearGoal", H);
      await ed.check("#selfGrade-B");
      await ed.fill("#selfGradeReason", SELF_REASON);
      await ed.getByRole("button", { name: "提出", exact: true }).click();
      await ed.waitForURL(new RegExp(`${entry(NO)}\\?done=submitted$`));
      expect(await main(ed)).toContain("報告を提出しました。");
      await look(ed, "entry-submitted");

      // — The secretariat reads it on the dashboard and returns it with a comment (no JavaScript).
      const secNoJs = await secretariat.noJs.newPage();
      await secNoJs.goto(url(round));
      const dashboardRow = secNoJs.locator("tr", { has: secNoJs.getByRole("link", { name: TITLE }) });
      expect(await dashboardRow.textContent()).toContain("提出済");
      await look(secNoJs, "dashboard", { twin: secretariat.js });
      await dashboardRow.getByRole("link", { name: TITLE }).click();
      await secNoJs.waitForURL(new RegExp(`${round}/review/${NO}$`));
      expect(squash(await main(secNoJs))).toContain(squash(D1));
      expect(await main(secNoJs)).toContain(KPI_1);
      await look(secNoJs, "review-submitted", { twin: secretariat.js });
      await secNoJs.fill("#returnComment", RETURN_COMMENT);
      await secNoJs.getByRole("button", { name: "差し戻す" }).click();
      await secNoJs.waitForURL(new RegExp(`${round}/review/${NO}\\?done=return$`));
      expect(await main(secNoJs)).toContain("状態：差戻し");
      await look(secNoJs, "review-returned", { twin: secretariat.js });

      // — The department sees why on its home, in its work and on the entry page, fixes (D) and
      // resubmits (no JavaScript).
      const edNoJs = await editor.noJs.newPage();
      await edNoJs.goto(url("/o/sakado/manage"));
      expect(await main(edNoJs)).toContain(`No.${NO} の報告が差し戻されました。`);
      expect(await main(edNoJs)).toContain(`事務局のコメント：${RETURN_COMMENT}`);
      await look(edNoJs, "editor-home-returned", { twin: editor.js });
      await edNoJs.goto(url("/o/sakado/manage/my-work"));
      const returnedRow = edNoJs.locator("tr", { has: edNoJs.getByRole("link", { name: TITLE }) });
      expect(await returnedRow.textContent()).toContain("差戻し");
      expect(await returnedRow.textContent()).toContain(RETURN_COMMENT);
      await look(edNoJs, "my-work-returned", { twin: editor.js });
      await returnedRow.getByRole("link", { name: TITLE }).click();
      await edNoJs.waitForURL(new RegExp(`${entry(NO)}$`));
      expect(await main(edNoJs)).toContain(`事務局から差し戻されました：${RETURN_COMMENT}`);
      // What was typed is still there, kept exactly.
      expect(await edNoJs.inputValue("#activities")).toBe(D1);
      expect(await edNoJs.inputValue(`#kpi-${NO}-2`)).toBe(KPI_2);
      await look(edNoJs, "entry-returned", { twin: editor.js });
      await edNoJs.fill("#activities", D2);
      await edNoJs.getByRole("button", { name: "提出", exact: true }).click();
      await edNoJs.waitForURL(new RegExp(`${entry(NO)}\\?done=submitted$`));
      expect(await main(edNoJs)).toContain("報告を提出しました。");
      await look(edNoJs, "entry-resubmitted", { twin: editor.js });

      // — The secretariat accepts it.
      await sec.goto(url(`${round}/review/${NO}`));
      expect(await main(sec)).toContain(RETURN_COMMENT);
      expect(squash(await main(sec))).toContain(squash(D2));
      await look(sec, "review-resubmitted");
      await sec.fill("#acceptComment", "確認しました。");
      await sec.getByRole("button", { name: "確認済みにする" }).click();
      await sec.waitForURL(new RegExp(`${round}/review/${NO}\\?done=accept$`));
      expect(await main(sec)).toContain("状態：確認済");
      await look(sec, "review-accepted");

      // Every other initiative reaches 確認済 through the same two forms (the secretariat may enter
      // for a department), so that the round can be published. Not looked at: the same pages.
      await acceptTheRest(sec, entry, (n) => `${round}/review/${n}`);

      // — The round moves to 確認中 and 評価中.
      await sec.goto(url(`${round}/settings`));
      await sec.getByRole("button", { name: "「確認中」に進める" }).click();
      await sec.waitForURL(/\/2020\/settings\?done=review$/);
      await sec.getByRole("button", { name: "「評価中」に進める" }).click();
      await sec.waitForURL(/\/2020\/settings\?done=grading$/);
      expect(await main(sec)).toContain("現在の段階：評価中");
      await look(sec, "round-grading");

      // — Two committee members grade No.8 from the same page: the first (no JavaScript) saves, the
      // second's save meets it and shows both, keeping what the second typed.
      await signIn(PEOPLE.member1, member1);
      const one = await member1.noJs.newPage();
      await one.goto(url(`${round}/grading`));
      await look(one, "grading", { twin: member1.js, shot: `#item-${NO}` });
      const two = await signIn(PEOPLE.member2, member2);
      await two.goto(url(`${round}/grading`));
      await one.check(`#grade-${NO}-B`);
      await one.fill(`#opinion-${NO}`, G1);
      await one.click(`#item-${NO} button[type=submit]`);
      await one.waitForURL(new RegExp(`${round}/grading\\?saved=${NO}#item-${NO}$`));
      expect(await main(one)).toContain(`No.${NO} の評価を保存しました。`);
      await look(one, "grading-saved", { twin: member1.js, shot: `#item-${NO}` });
      await two.check(`#grade-${NO}`);
      await two.fill(`#opinion-${NO}`, G_TYPED_BY_SECOND);
      await two.click(`#item-${NO} button[type=submit]`);
      await two.waitForURL(new RegExp(`${round}/grading/${NO}#item-${NO}$`));
      const conflict = two.locator(`#item-${NO} [role=alert]`);
      // The answer opens at the item, not at the top of a page of every initiative.
      const top = await two.locator(`#item-${NO}`).evaluate((e) => e.getBoundingClientRect().top);
      expect(top).toBeGreaterThan(-2); // sub-pixel layout
      expect(top).toBeLessThan(900);
      expect(await conflict.textContent()).toContain("B ほぼ順調");
      expect(await conflict.textContent()).toContain(G1);
      expect(await conflict.textContent()).toContain(G_TYPED_BY_SECOND);
      expect(await two.inputValue(`#opinion-${NO}`)).toBe(G_TYPED_BY_SECOND);
      expect(await two.isChecked(`#grade-${NO}`)).toBe(true);
      await look(two, "grading-conflict", { shot: `#item-${NO}` });
      // Having read the first member's, the second agrees on B and adds to the opinion.
      await two.check(`#grade-${NO}-B`);
      await two.fill(`#opinion-${NO}`, G_FINAL);
      await two.click(`#item-${NO} button[type=submit]`);
      await two.waitForURL(new RegExp(`${round}/grading\\?saved=${NO}#item-${NO}$`));
      expect(await two.inputValue(`#opinion-${NO}`)).toBe(G_FINAL);
      await look(two, "grading-agreed", { shot: `#item-${NO}` });

      // — The secretariat publishes (no JavaScript).
      await secNoJs.goto(url(`${round}/publish`));
      await look(secNoJs, "publish", { twin: secretariat.js });
      await secNoJs.getByRole("button", { name: "この内容で公表する" }).click();
      await secNoJs.waitForURL(new RegExp(`${round}/publish\\?done=1$`));
      expect(await main(secNoJs)).toContain("第1版");
      await look(secNoJs, "published", { twin: secretariat.js });

      // — Signed out, the public table shows FY2020, and its downloads say what it says.
      await sec.goto(url("/o/sakado/manage"));
      await signOut(sec);
      await look(sec, "signed-out");
      await sec.goto(url(table));
      expect(await sec.locator("table.progress caption").textContent()).toContain("令和2年度");
      await look(sec, "public-table");
      await expectDownloadsMatchPage(sec, { activities: D2, grade: "B" });
      // The department's own view and the review thread stay inside.
      const publicText = await main(sec);
      for (const inside of [SELF_REASON, RETURN_COMMENT]) expect(publicText).not.toContain(inside);

      // — A correction after publication: back to 評価中 with a reason, the wording fixed, 第2版.
      await signIn(PEOPLE.secretariat, secretariat, sec);
      await sec.goto(url(`${round}/settings`));
      await sec.fill("#reason", "No.8 の取組内容に誤記があったため");
      await sec.getByRole("button", { name: "「評価中」に戻す" }).click();
      await sec.waitForURL(/\/2020\/settings\?done=grading$/);
      await look(sec, "reopened");
      await sec.goto(url(`${round}/review/${NO}`));
      await sec.fill("#activities", D3);
      await sec.fill("#fixNote", "誤記を訂正しました。");
      await sec.getByRole("button", { name: "修正を保存する" }).click();
      await sec.waitForURL(new RegExp(`${round}/review/${NO}\\?done=fix$`));
      await look(sec, "review-corrected");
      await sec.goto(url(`${round}/publish`));
      await sec.fill("#reason", CORRECTION_REASON);
      await sec.getByRole("button", { name: "この内容で公表する" }).click();
      await sec.waitForURL(new RegExp(`${round}/publish\\?done=2$`));
      await look(sec, "published-again");
      // The department sees the secretariat's correction in its report's thread.
      await ed.goto(url(entry(NO)));
      expect(await main(ed)).toContain("誤記を訂正しました。");
      await look(ed, "entry-after-publication");

      await signOut(sec);
      await sec.goto(url(`/o/sakado/plans/${planId}/2020/revisions`));
      const revisions = await main(sec);
      expect(revisions).toContain("第1版");
      expect(revisions).toContain("第2版");
      expect(revisions).toContain(CORRECTION_REASON);
      await look(sec, "public-revisions");
      // Each revision is still downloadable, as it was published.
      for (const [revision, activities] of [
        [1, D2],
        [2, D3],
      ] as const) {
        const response = await outsider.request.get(
          url(`/o/sakado/plans/${planId}/2020/revisions/${revision}/json`),
        );
        expect(response.status()).toBe(200);
        const document = (await response.json()) as PlanDocument;
        const no8 = document.policies.flatMap((p) => p.initiatives).find((i) => i.number === NO);
        expect(no8?.activities, `第${revision}版`).toBe(activities);
      }
      await sec.goto(url(`/o/sakado/plans/${planId}/2020/revisions/compare?from=1&to=2`));
      expect(squash(await main(sec))).toContain(squash(D3));
      await look(sec, "public-revisions-compare");
      await sec.goto(url(table));
      await look(sec, "public-table-corrected");
      await expectDownloadsMatchPage(sec, { activities: D3, grade: "B" });

      await outsider.close();
      for (const people of [secretariat, editor, member1, member2]) {
        await people.js.close();
        await people.noJs.close();
      }
      expect(new Set(visited).size).toBeGreaterThanOrEqual(14);
    },
    SLOW,
  );

  /**
   * Enters and submits every initiative but No.8 through its entry form (a 現状値 line left empty
   * gets 「1件」), then accepts each through its review form: the forms are read and posted by the
   * secretariat's browser (fetch, same origin, its session and CSRF token) without rendering each
   * page, which would only repeat what No.8 showed. An initiative whose 再掲 line waits for another
   * initiative's value is submitted again once that one is in.
   */
  async function acceptTheRest(
    page: Page,
    entry: (n: number) => string,
    review: (n: number) => string,
  ): Promise<void> {
    const numbers = Array.from({ length: 24 }, (_, i) => i + 1).filter((n) => n !== NO);
    const refused = await page.evaluate(
      async ({ numbers, entries, reviews }) => {
        const formOf = async (address: string, field: string) => {
          const html = await (await fetch(address)).text();
          const doc = new DOMParser().parseFromString(html, "text/html");
          const form = doc.querySelector(`#${field}`)?.closest("form");
          if (!form) throw new Error(`no form with #${field} at ${address}`);
          return form;
        };
        const post = async (address: string, form: HTMLFormElement, change: (data: FormData) => void) => {
          const data = new FormData(form);
          change(data);
          const body = new URLSearchParams(data as unknown as Record<string, string>);
          return (await fetch(form.getAttribute("action") || address, { method: "POST", body })).url;
        };
        const submit = async (n: number, fill: boolean) => {
          const address = entries[n] as string;
          const form = await formOf(address, "activities");
          return post(address, form, (data) => {
            data.set("intent", "submit");
            if (!fill) return;
            data.set("activities", `No.${n} の取組を進めた。`);
            if (data.has("nextYearGoal")) data.set("nextYearGoal", "継続する。");
            const empty: string[] = [];
            data.forEach((value, name) => {
              if (/^kpi-/.test(name) && value === "") empty.push(name);
            });
            for (const name of empty) data.set(name, "1件");
          });
        };
        const again: number[] = [];
        for (const n of numbers) if (!(await submit(n, true)).endsWith("?done=submitted")) again.push(n);
        const refused: string[] = [];
        for (const n of again)
          if (!(await submit(n, false)).endsWith("?done=submitted")) refused.push(`submit ${n}`);
        for (const n of numbers) {
          const address = reviews[n] as string;
          const done = await post(address, await formOf(address, "acceptComment"), () => {});
          if (!done.endsWith("?done=accept")) refused.push(`accept ${n}`);
        }
        return refused;
      },
      {
        numbers,
        entries: Object.fromEntries(numbers.map((n) => [n, entry(n)])),
        reviews: Object.fromEntries(numbers.map((n) => [n, review(n)])),
      },
    );
    expect(refused).toEqual([]);
    const round = await h.store.rounds.find(planId, 2020);
    const states = (await h.store.reports.list(round?.id ?? 0)).map((r) => r.state);
    expect(new Set(states)).toEqual(new Set(["accepted"]));
  }

  /**
   * The public table's No.8 against its CSV, JSON and xlsx (fetched signed out): the same (D),
   * 現状値, (F), (G) and (H), each as the page shows it.
   */
  async function expectDownloadsMatchPage(
    page: Page,
    expected: { activities: string; grade: string },
  ): Promise<void> {
    const rows = page.locator("table.progress tbody", {
      has: page.locator(`a[href*="/initiatives/${NO}?"]`),
    });
    expect(await rows.count()).toBe(1);
    const pageText = squash(await rows.textContent());
    for (const text of [expected.activities, KPI_1, KPI_2, G_FINAL, H])
      expect(pageText, `the page's No.${NO}`).toContain(squash(text));

    const links = page.locator(".downloads-inline a");
    const href = async (label: RegExp) => {
      const found = await links.filter({ hasText: label }).first().getAttribute("href");
      if (!found) throw new Error(`no download link ${label}`);
      return found;
    };
    const anonymous = await h.browser.newContext();
    const fetched = async (label: RegExp) => {
      const response = await anonymous.request.get(url(await href(label)));
      expect(response.status(), String(label)).toBe(200);
      return response.body();
    };

    // JSON: the plan document.
    const document = JSON.parse((await fetched(/JSON/)).toString("utf8")) as PlanDocument;
    expect(document.round.fiscalYear).toBe(2020);
    const initiative = document.policies.flatMap((p) => p.initiatives).find((i) => i.number === NO);
    expect({
      activities: initiative?.activities,
      grade: initiative?.grade,
      opinion: initiative?.committeeOpinion,
      goal: initiative?.nextYearGoal,
      kpis: initiative?.kpis.map((k) => k.current.text),
    }).toEqual({
      activities: expected.activities,
      grade: expected.grade,
      opinion: G_FINAL,
      goal: H,
      kpis: [KPI_1, KPI_2],
    });
    for (const text of [initiative?.activities, initiative?.committeeOpinion, initiative?.nextYearGoal])
      expect(pageText, "JSON text on the page").toContain(squash(text));

    // CSV (UTF-8): one row per KPI, the initiative's columns repeated.
    const csv = parse((await fetched(/CSV（UTF-8）/)).toString("utf8"), { bom: true }) as string[][];
    const [header = [], ...body] = csv;
    const column = (test: (h: string) => boolean) => {
      const index = header.findIndex(test);
      expect(index, header.join(",")).toBeGreaterThanOrEqual(0);
      return index;
    };
    const number = column((h) => h === "No.");
    const activities = column((h) => h.includes("(D)"));
    const current = column((h) => h.startsWith("現状値") && !h.endsWith("数値"));
    const grade = column((h) => h.includes("(F)"));
    const opinion = column((h) => h.includes("(G)"));
    const goal = column((h) => h.includes("(H)"));
    const mine = body.filter((r) => r[number] === String(NO));
    expect(mine.map((r) => r[current])).toEqual([KPI_1, KPI_2]);
    for (const r of mine) {
      expect(r[activities]).toBe(expected.activities);
      expect(r[opinion]).toBe(G_FINAL);
      expect(r[goal]).toBe(H);
      expect(r[grade]).toMatch(new RegExp(`^${expected.grade}`));
      for (const index of [activities, current, opinion, goal])
        expect(pageText, `CSV ${header[index]} on the page`).toContain(squash(r[index]));
    }

    // xlsx: the table sheet holds the same texts.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await fetched(/Excel/)) as unknown as ArrayBuffer);
    const cells = new Set<string>();
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) => row.eachCell((cell) => cells.add(squash(cell.text))));
    for (const text of [expected.activities, KPI_1, KPI_2, G_FINAL, H])
      expect(cells.has(squash(text)), `xlsx holds ${text}`).toBe(true);
    await anonymous.close();
  }
});
