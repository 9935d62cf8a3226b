import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, japanDate } from "../../src/domain/deadline.ts";
import { hashToken, newToken } from "../../src/security/tokens.ts";
import { announceDeadlines } from "../../src/workflow/deadlines.ts";
import { moveRound, openRound } from "../../src/workflow/round.ts";
import { actingAs, makeAccount } from "../support/signed-in.ts";
import { describeViolations, type Harness, SCREENS, seriousViolations, startHarness } from "./harness.ts";

/**
 * The notices on an editor's home page in Chromium: FY2020 opened from the sample and its deadline
 * two days away, so 政策企画課's editor has 「入力が始まりました」 and 「提出期限まであと2日」. No
 * serious or critical axe finding; 既読にする works as a plain form (JavaScript off).
 */
let harness: Harness;
let cookie: { name: string; value: string; url: string };

beforeAll(async () => {
  harness = await startHarness();
  const { store } = harness;
  const organization = (await store.organizations.list())[0];
  const plan = (await store.plans.list(organization?.id ?? 0))[0];
  const organizationId = organization?.id ?? 0;
  const secretariat = await makeAccount(store, organizationId, "jimukyoku", ["secretariat"]);
  const editor = await makeAccount(store, organizationId, "seisaku", ["editor"], ["政策企画課"]);
  const round = await openRound(store, actingAs(secretariat), {
    planId: plan?.id ?? 0,
    fiscalYear: 2020,
    entryDeadline: addDays(japanDate(new Date()), 2),
  });
  await moveRound(store, actingAs(secretariat), {
    roundId: round.id,
    expectedVersion: round.version,
    to: "entry",
  });
  await announceDeadlines(store, new Date());
  const token = newToken();
  await store.transaction({ actor: actingAs(editor).actor }, (tx) =>
    tx.sessions.create({
      organizationId,
      accountId: editor.id,
      tokenHash: hashToken(token),
      now: new Date(),
      address: null,
      userAgent: null,
    }),
  );
  cookie = { name: "shinchoku_session", value: token, url: harness.base };
});

afterAll(() => harness?.close());

describe("notices on the home page (Chromium)", () => {
  it("are readable, accessible, and marked read without JavaScript", async () => {
    // axe runs as a script: that look is taken with JavaScript on.
    const looked = await harness.browser.newContext({ bypassCSP: true, locale: "ja-JP" });
    await looked.addCookies([cookie]);
    const lookedPage = await looked.newPage();
    await lookedPage.goto(`${harness.base}/o/sakado/manage`);
    await lookedPage.screenshot({ path: `${SCREENS}/notices-home.png`, fullPage: true });
    expect(describeViolations(await seriousViolations(lookedPage))).toBe("");
    await looked.close();

    const context = await harness.browser.newContext({ javaScriptEnabled: false, locale: "ja-JP" });
    await context.addCookies([cookie]);
    const page = await context.newPage();
    await page.goto(`${harness.base}/o/sakado/manage`);
    const section = page.locator("#notices");
    await expect(section.locator("h2").textContent()).resolves.toContain("未読 2");
    await expect(section.textContent()).resolves.toContain("提出期限");
    await expect(section.textContent()).resolves.toContain("あと2日");

    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/notices/read")),
      section.getByRole("button", { name: "既読にする" }).first().click(),
    ]);
    expect(posted.status()).toBe(303);
    expect(page.url()).toBe(`${harness.base}/o/sakado/manage#notices`);
    await expect(page.locator("#notices h2").textContent()).resolves.toContain("未読 1");
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/o/sakado/manage")),
      page.locator("#notices").getByRole("button", { name: "既読にする" }).click(),
    ]);
    await expect(page.locator("#notices h2").textContent()).resolves.not.toContain("未読");
    await context.close();
  }, 120_000);
});
