import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cast, cast, type Session } from "../../src/server/routes/round/test-support.ts";
import { describeViolations, type Harness, SCREENS, seriousViolations, startHarness } from "./harness.ts";

/**
 * The plan editor in Chromium, as the secretariat of 坂戸市 (the seed loaded): a plan made from
 * nothing with JavaScript off — two policies, three initiatives, KPIs including 「1億円(R2年度)」, a
 * 再掲 — publishing nothing; a refused form keeps what was typed; axe finds no serious or critical
 * violation on any of the editor's pages, each screenshotted; with JavaScript on, a KPI value is
 * read as it is typed.
 */
describe("the plan editor in a browser", () => {
  let h: Harness;
  let who: Cast;
  const visited = new Map<string, string>();

  beforeAll(async () => {
    h = await startHarness();
    who = await cast(h.store);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  async function signedIn(session: Session, javaScriptEnabled: boolean): Promise<BrowserContext> {
    const context = await h.browser.newContext({
      bypassCSP: true,
      javaScriptEnabled,
      viewport: { width: 1280, height: 900 },
      locale: "ja-JP",
    });
    const [name, value] = session.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: h.base }]);
    return context;
  }

  async function shot(page: Page, name: string) {
    visited.set(name, new URL(page.url()).pathname);
    await page.screenshot({ path: `${SCREENS}/plan-editor-${name}.png`, fullPage: true });
  }

  it("creates a plan with two policies, three initiatives, KPIs and a 再掲, without JavaScript", async () => {
    const context = await signedIn(who.secretariat, false);
    const page = await context.newPage();
    await page.goto(`${h.base}/o/sakado/manage`);
    await page.click("a:has-text('計画の編集')");
    await shot(page, "plans");
    await page.click("a:has-text('新しい計画を作る')");

    // Refused: no title, an unreadable period; the error summary leads, the answers are kept.
    await page.fill("#period", "平成29年度から");
    await page.fill("#baseline", "H27末");
    await page.click("button:has-text('計画を作る')");
    expect(await page.title()).toMatch(/^エラー：/);
    const summary = await page.locator(".error-summary a").allTextContents();
    expect(summary).toEqual([
      "計画の名前を入力してください。",
      "計画期間を「平成29年度～令和3年度」または「2017年度～2021年度」の形で入力してください。",
    ]);
    expect(await page.inputValue("#period")).toBe("平成29年度から");
    expect(await page.inputValue("#baseline")).toBe("H27末");
    await shot(page, "new-error");

    await page.fill("#title", "第2次行政改革アクションプラン");
    await page.fill("#period", "平成29年度～令和3年度");
    await page.check("#scale-sabc");
    await page.click("button:has-text('計画を作る')");
    expect(await page.textContent("body")).toContain("計画を作りました。");
    expect(await page.textContent("body")).toContain("平成29年度～令和3年度（2017～2021年度）");
    expect(await page.textContent("body")).toContain("S 順調以上 / A 順調 / B やや遅れ / C 遅れ");

    const policies: [code: string, title: string][] = [
      ["(ア)", "市民と行政との協働体制の確立"],
      ["(イ)", "効率的・効果的な行財政運営"],
    ];
    for (const [code, title] of policies) {
      await page.fill("#code", code);
      await page.fill("#policyTitle", title);
      await page.click("form:has(#policyTitle) button[type=submit]");
      expect(await page.textContent("body")).toContain("追加しました。");
    }
    await shot(page, "structure");

    const initiatives: [policy: string, number: string, title: string, departments: string[]][] = [
      ["(ア) 市民と行政との協働体制の確立", "1", "産・学・官連携体制の推進", ["政策企画課", "関係各課"]],
      ["(ア) 市民と行政との協働体制の確立", "2", "市民活動の支援", ["施設管理課"]],
      ["(イ) 効率的・効果的な行財政運営", "3", "補助金の見直し", ["財政課", "政策企画課"]],
    ];
    for (const [policy, number, title, departments] of initiatives) {
      await page.click("a:has-text('取組項目を追加する')");
      await page.selectOption("#policyId", { label: policy });
      await page.fill("#number", number);
      await page.fill("#initiativeTitle", title);
      await page.fill("#description", `${title}に取り組む。`);
      for (const [index, name] of departments.entries())
        await page.selectOption(`#department-${index + 1}`, {
          label: name === "関係各課" ? "関係各課" : name,
        });
      await page.click("button:has-text('追加する')");
      expect(await page.textContent("body")).toContain("追加しました。");
      if (number === "3") await shot(page, "initiative");
      await page.click("nav[aria-label] a:has-text('第2次行政改革アクションプラン')");
    }

    // KPIs: No.3's 補助金の削減額 with 1億円(R2年度), No.1's 協定件数; read after saving without JS.
    const addKpi = async (initiative: string, name: string, baseline: string, target: string) => {
      await page.click(`a[aria-label='編集：${initiative}']`);
      await page.click("a:has-text('数値目標を追加する')");
      await page.fill("#kpiName", name);
      await page.fill("#kpiBaseline", baseline);
      await page.fill("#kpiTarget", target);
      await page.click("button:has-text('追加する')");
      expect(await page.textContent("body")).toContain("追加しました。");
    };
    await addKpi("No.3 補助金の見直し", "補助金の削減額", "0円(H27年度)", "1億円(R2年度)");
    const reading = await page.textContent("#kpiTarget-reading");
    expect(reading).toContain("100,000,000円");
    expect(reading).toContain("令和2年度");
    await shot(page, "kpi");
    await page.click("nav[aria-label] a:has-text('第2次行政改革アクションプラン')");
    await addKpi("No.1 産・学・官連携体制の推進", "協定件数", "2件(H27年度)", "5件(R3年度)");

    // 再掲: No.3's KPI listed under No.1 too.
    await page.click("a:has-text('No.1 産・学・官連携体制の推進')");
    await page.selectOption("#kpiId", { label: "No.3 補助金の削減額" });
    await page.click("button:has-text('再掲する')");
    expect(await page.textContent("body")).toContain("再掲しました。");
    expect(await page.textContent("body")).toContain("補助金の削減額(再掲)");
    await shot(page, "initiative-relisted");

    await page.click("nav[aria-label] a:has-text('第2次行政改革アクションプラン')");
    const text = (await page.textContent("main")) ?? "";
    for (const expected of [
      "No.1 産・学・官連携体制の推進",
      "関係課：政策企画課、関係各課",
      "No.2 市民活動の支援",
      "No.3 補助金の見直し",
      "補助金の削減額　当初 0円(H27年度)　目標 1億円(R2年度)",
      "補助金の削減額(再掲)",
    ])
      expect(text).toContain(expected);
    await page.click("a:has-text('変更履歴')");
    expect(await page.locator("table.data tbody tr").count()).toBeGreaterThanOrEqual(9);
    await shot(page, "history");

    // Nothing is published: the plan has no round, and no publication.
    const plans = await h.store.plans.list(who.organizationId);
    const plan = plans.find((p) => p.title === "第2次行政改革アクションプラン");
    expect(plan).toMatchObject({ startFiscalYear: 2017, endFiscalYear: 2021, baselineFiscalYear: 2015 });
    expect(await h.store.rounds.list(plan?.id ?? 0)).toEqual([]);
    expect(await h.store.planStructures.hasPublication(plan?.id ?? 0)).toBe(false);
    await context.close();
  }, 120_000);

  it("every page of the editor: axe finds no serious or critical WCAG 2.1 A/AA violation", async () => {
    const context = await signedIn(who.secretariat, true);
    const page = await context.newPage();
    const seedEdit = `/o/sakado/manage/plan-editor/${who.planId}`;
    // One retired initiative and one retired KPI in the seed, so the retired list shows their marks.
    const seed =
      (await h.store.planStructures.load(who.planId))?.policies.flatMap((p) => p.initiatives) ?? [];
    const last = seed.at(-1);
    const kpi = seed[1]?.kpis.find((k) => !k.relisted);
    if (!last || !kpi) throw new Error("the seed's initiatives");
    await h.store.transaction({ actor: { kind: "system", name: "test" } }, async (tx) => {
      await tx.planStructures.setRetired("initiative", last.id, last.version, true);
      await tx.planStructures.setRetired("kpi", kpi.kpiId, kpi.version, true);
    });
    const paths: [name: string, path: string][] = [
      ...visited.entries(),
      ["new", "/o/sakado/manage/plan-editor/new"],
      ["seed-structure", seedEdit],
      ["seed-settings", `${seedEdit}/settings`],
      ["seed-structure-en", `${seedEdit}?lang=en`],
      // Retired items listed and marked (廃止), and the change history's field-by-field lines.
      ["seed-structure-retired", `${seedEdit}?retired=show`],
      ["seed-history", `${seedEdit}/history`],
    ];
    const failures: string[] = [];
    for (const [name, path] of paths) {
      const response = await page.goto(h.base + path);
      if (response?.status() !== 200 && name !== "new-error") failures.push(`${name}: ${response?.status()}`);
      if (name.startsWith("seed"))
        await page.screenshot({ path: `${SCREENS}/plan-editor-${name}.png`, fullPage: true });
      const violations = await seriousViolations(page);
      if (violations.length > 0) failures.push(`${name} ${path}\n${describeViolations(violations)}`);
    }
    expect(failures).toEqual([]);
    await context.close();
  }, 120_000);

  it("reads a KPI value as it is typed (JavaScript on, the entry page's script and endpoint)", async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: true, locale: "ja-JP" });
    const [name, value] = who.secretariat.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: h.base }]);
    const page = await context.newPage();
    const structure = await h.store.planStructures.load(who.planId);
    const initiative = structure?.policies[0]?.initiatives[0];
    await page.goto(
      `${h.base}/o/sakado/manage/plan-editor/${who.planId}/initiatives/${initiative?.id}/kpis/new`,
    );
    await page.fill("#kpiTarget", "3,000万円(R3年度)");
    await expect
      .poll(() => page.textContent("#kpiTarget-reading"), { timeout: 5_000 })
      .toContain("30,000,000円");
    await page.screenshot({ path: `${SCREENS}/plan-editor-kpi-live.png`, fullPage: true });
    await context.close();
  }, 60_000);
});
