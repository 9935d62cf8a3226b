/**
 * Accounts in Chromium: the first-run story (setup URL → first secretariat → sign-in → invite a
 * department editor → the editor sets a password → signs in → sees the organization's home → signs
 * out), and axe-core on every accounts page, in Japanese and in English, blank and in its error state.
 * Screenshots go to .out/screens/accounts-*.png.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csrfTokenFor, hashToken, newToken } from "../../src/security/tokens.ts";
import { SESSION_COOKIE } from "../../src/server/session-cookie.ts";
import { issueSetupToken } from "../../src/workflow/accounts.ts";
import { describeViolations, type Harness, SCREENS, seriousViolations, startHarness } from "./harness.ts";

const SECRETARIAT_PASSWORD = "first secretariat passphrase 1";
const EDITOR_PASSWORD = "the editor's own passphrase 22";

async function context(h: Harness): Promise<BrowserContext> {
  return h.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: "ja-JP" });
}

describe("accounts in the browser", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("first-run setup → sign-in → invite an editor → the editor sets a password, signs in, sees the home, signs out", async () => {
    const organization = await h.store.organizations.findBySlug("sakado");
    if (!organization) throw new Error("no 坂戸市");
    const setupToken = await issueSetupToken(
      h.store,
      { kind: "system", name: "test" },
      organization.id,
      new Date(),
    );
    expect(setupToken).toBeDefined();

    const chief = await (await context(h)).newPage();
    await chief.goto(`${h.base}/setup/${setupToken}`);
    await chief.locator('[name="loginId"]').fill("chief");
    await chief.locator('[name="displayName"]').fill("事務局 太郎");
    await chief.locator('[name="password"]').fill(SECRETARIAT_PASSWORD);
    await chief.locator('[name="passwordConfirm"]').fill(SECRETARIAT_PASSWORD);
    await chief.getByRole("button", { name: "アカウントを作成する" }).click();
    await chief.waitForURL(/\/o\/sakado\/manage$/);
    expect(await chief.locator(".account-bar").textContent()).toContain("事務局 太郎さんがログイン中");
    // The setup URL works once.
    const again = await (await context(h)).newPage();
    const reused = await again.goto(`${h.base}/setup/${setupToken}`);
    expect(reused?.status()).toBe(404);
    await again.context().close();

    // Signs out and in again with the password just set.
    await chief.getByRole("button", { name: "ログアウト" }).click();
    await chief.waitForURL(/\/o\/sakado\/login/);
    await chief.locator('[name="loginId"]').fill("chief");
    await chief.locator('[name="password"]').fill(SECRETARIAT_PASSWORD);
    await chief.getByRole("button", { name: "ログインする" }).click();
    await chief.waitForURL(/\/o\/sakado\/manage$/);

    // Invites a department editor.
    await chief.goto(`${h.base}/o/sakado/manage/accounts/new`);
    await chief.locator('[name="loginId"]').fill("s-0042");
    await chief.locator('[name="displayName"]').fill("政策 花子");
    await chief.locator('input[name="roles"][value="editor"]').check();
    await chief.locator('input[name="departmentIds"]').first().check();
    await chief.getByRole("button", { name: "追加する" }).click();
    await chief.waitForLoadState();
    const link = (await chief.locator("main").textContent())?.match(
      /http:\/\/\S+\/password\/[A-Za-z0-9_-]{43}/,
    )?.[0];
    expect(link).toBeDefined();
    await chief.screenshot({ path: `${SCREENS}/accounts-flow-invited.png`, fullPage: true });
    await chief.context().close();

    // The editor opens the URL in their own browser and sets a password: signed in at once.
    const editor = await (await context(h)).newPage();
    await editor.goto(link as string);
    await editor.locator('[name="password"]').fill(EDITOR_PASSWORD);
    await editor.locator('[name="passwordConfirm"]').fill(EDITOR_PASSWORD);
    await editor.getByRole("button", { name: "パスワードを設定する" }).click();
    await editor.waitForURL(/\/o\/sakado\/manage$/);
    await editor.getByRole("button", { name: "ログアウト" }).click();
    await editor.waitForURL(/\/o\/sakado\/login/);

    // …and signs in with it.
    await editor.locator('[name="loginId"]').fill("s-0042");
    await editor.locator('[name="password"]').fill(EDITOR_PASSWORD);
    await editor.getByRole("button", { name: "ログインする" }).click();
    await editor.waitForURL(/\/o\/sakado\/manage$/);
    expect(await editor.locator("body").textContent()).toContain("坂戸市");
    expect(await editor.locator(".account-bar").textContent()).toContain("政策 花子さんがログイン中");
    await editor.screenshot({ path: `${SCREENS}/accounts-flow-editor-home.png`, fullPage: true });
    // An editor has no account pages.
    const refused = await editor.goto(`${h.base}/o/sakado/manage/accounts`);
    expect(refused?.status()).toBe(403);
    await editor.goto(`${h.base}/o/sakado/manage`);
    await editor.getByRole("button", { name: "ログアウト" }).click();
    await editor.waitForURL(/\/o\/sakado\/login/);
    expect(await editor.locator("main").textContent()).toContain("ログアウトしました。");
    // Signed out: the home sends them to sign in.
    await editor.goto(`${h.base}/o/sakado/manage`);
    expect(editor.url()).toMatch(/\/o\/sakado\/login\?next=/);
    await editor.context().close();
  }, 120_000);

  describe("axe-core on every accounts page, blank and with errors", () => {
    let signedIn: BrowserContext;
    let targetId = 0;
    let setupToken = "";
    let inviteToken = "";
    const found: string[] = [];

    beforeAll(async () => {
      const organization = await h.store.organizations.findBySlug("sakado");
      if (!organization) throw new Error("no 坂戸市");
      const system = { actor: { kind: "system" as const, name: "test" } };
      const [department] = await h.store.departments.list(organization.id);
      const accounts = await h.store.transaction(system, async (tx) => {
        const secretariat = await tx.accounts.create({
          organizationId: organization.id,
          loginId: "axe-secretariat",
          displayName: "検査 事務局",
          email: null,
          roles: ["secretariat"],
          departmentIds: [],
        });
        const target = await tx.accounts.create({
          organizationId: organization.id,
          loginId: "axe-editor",
          displayName: "検査 所管課",
          email: "editor@example.jp",
          roles: ["editor"],
          departmentIds: department ? [department.id] : [],
        });
        return { secretariat, target };
      });
      targetId = accounts.target.id;
      const session = newToken();
      const invite = newToken();
      const setup = newToken();
      const now = new Date();
      const expiresAt = new Date(now.getTime() + 3600_000);
      await h.store.transaction(system, async (tx) => {
        await tx.sessions.create({
          organizationId: organization.id,
          accountId: accounts.secretariat.id,
          tokenHash: hashToken(session),
          now,
          address: null,
          userAgent: null,
        });
        await tx.tokens.createOneTime({
          organizationId: organization.id,
          accountId: accounts.target.id,
          purpose: "invite",
          tokenHash: hashToken(invite),
          now,
          expiresAt,
        });
        await tx.tokens.createOneTime({
          organizationId: organization.id,
          accountId: null,
          purpose: "setup",
          tokenHash: hashToken(setup),
          now,
          expiresAt,
        });
      });
      inviteToken = invite;
      setupToken = setup;
      expect(csrfTokenFor(session)).toBeTruthy();
      signedIn = await context(h);
      await signedIn.addCookies([{ name: SESSION_COOKIE.plain, value: session, url: h.base }]);
    });

    afterAll(async () => {
      await signedIn?.close();
    });

    async function check(page: Page, name: string): Promise<void> {
      await page.screenshot({ path: `${SCREENS}/accounts-${name}.png`, fullPage: true });
      const violations = await seriousViolations(page);
      if (violations.length > 0) found.push(`${name}:\n${describeViolations(violations)}`);
    }

    /** Opens the page, checks it, submits its main form as it is (blank), checks the error state. */
    async function sweep(
      browser: BrowserContext,
      path: string,
      name: string,
      lang: "ja" | "en",
      submit?: { button: RegExp; before?: (page: Page) => Promise<void> },
    ): Promise<void> {
      const page = await browser.newPage();
      const url = `${h.base}${path}${lang === "en" ? `${path.includes("?") ? "&" : "?"}lang=en` : ""}`;
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      expect(await page.locator("html").getAttribute("lang")).toBe(lang);
      await check(page, `${name}-${lang}`);
      if (submit) {
        await submit.before?.(page);
        await page.locator("main").getByRole("button", { name: submit.button }).first().click();
        await page.waitForLoadState();
        const title = await page.title();
        expect(title, `${name} error state`).toMatch(lang === "ja" ? /^エラー：/ : /^Error: /);
        // The error summary is at the top and links to a field.
        const summaryLink = page.locator(".error-summary a").first();
        expect(await summaryLink.count(), `${name} error summary`).toBe(1);
        await check(page, `${name}-${lang}-error`);
      }
      await page.close();
    }

    type Sweep = {
      path: () => string;
      name: string;
      signedIn: boolean;
      submit?: Parameters<typeof sweep>[4];
    };
    const pages: Sweep[] = [
      {
        path: () => "/o/sakado/login",
        name: "login",
        signedIn: false,
        submit: { button: /ログインする|Sign in/ },
      },
      {
        path: () => `/setup/${setupToken}`,
        name: "setup",
        signedIn: false,
        submit: { button: /アカウントを作成する|Create/ },
      },
      {
        path: () => `/o/sakado/password/${inviteToken}`,
        name: "set-password",
        signedIn: false,
        submit: { button: /パスワードを設定する|Set the password/ },
      },
      { path: () => "/o/sakado/manage", name: "manage-home", signedIn: true },
      { path: () => "/o/sakado/manage/accounts", name: "account-list", signedIn: true },
      {
        path: () => "/o/sakado/manage/accounts/new",
        name: "account-invite",
        signedIn: true,
        submit: { button: /追加する|Add/ },
      },
      {
        path: () => `/o/sakado/manage/accounts/${targetId}`,
        name: "account-edit",
        signedIn: true,
        submit: {
          button: /保存する|Save/,
          before: async (page) => {
            await page.locator('[name="displayName"]').fill("");
          },
        },
      },
      {
        path: () => "/o/sakado/manage/account",
        name: "my-account-tokens",
        signedIn: true,
        submit: { button: /トークンを作成する|Create/ },
      },
      {
        path: () => "/o/sakado/manage/password",
        name: "password-change",
        signedIn: true,
        submit: { button: /パスワードを変更する|Change the password/ },
      },
    ];

    for (const lang of ["ja", "en"] as const) {
      for (const page of pages) {
        it(`${page.name} (${lang}): no serious or critical violation, blank or with errors`, async () => {
          found.length = 0;
          const browser = page.signedIn ? signedIn : await context(h);
          await sweep(browser, page.path(), page.name, lang, page.submit);
          if (!page.signedIn) await browser.close();
          expect(found, found.join("\n\n")).toEqual([]);
        }, 120_000);
      }
    }
  });
});
