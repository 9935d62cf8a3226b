import { readFileSync, writeFileSync } from "node:fs";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Initiative, Kpi } from "../../src/domain/plan-document.ts";
import { loadPublished } from "../store.ts";
import { type Harness, SCREENS, startHarness } from "./harness.ts";

/**
 * PDF text is read back through the font's glyph names: CJK fonts give compatibility code points (⽅
 * U+2F45 for 方, ‧ for ・, 〜 for ～) and line wrapping inserts spaces. Compare both sides in this form.
 */
const normalize = (text: string) =>
  text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[‧･]/g, "・")
    .replace(/[〜～]/g, "~");

describe("printing the progress table (A3 landscape)", () => {
  let h: Harness;
  let pages: string[];
  beforeAll(async () => {
    h = await startHarness();
    const page = await h.open("/o/sakado/plans/1/2019/table");
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: `${SCREENS}/progress-table-print-media.png` });
    // The page's own @page rule (A3 landscape, its margins and their boxes), as a browser's print dialog.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(`${SCREENS}/progress-table.pdf`, pdf);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
    pages = (text as string[]).map(normalize);
    await page.context().close();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("takes several pages of A3 landscape, like the four printed pages of the original", async () => {
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(`${SCREENS}/progress-table.pdf`)));
    const { view } = await pdf.getPage(1);
    // 420 × 297 mm in points.
    expect([Math.round(view[2] ?? 0), Math.round(view[3] ?? 0)]).toEqual([1191, 842]);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0]).toContain(
      normalize("行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）"),
    );
  });

  it("repeats both header rows on every page", () => {
    for (const [index, text] of pages.entries()) {
      for (const header of [
        "基本方針",
        "取組項目 (A)",
        "数値目標等 (E)",
        "進捗状況 (F)",
        "本部会意見 (G)",
        "当初 (H27",
        "現状値 (R1",
      ]) {
        expect(text, `page ${index + 1}: ${header}`).toContain(normalize(header));
      }
    }
  });

  it("numbers every page n / N in its bottom margin", () => {
    for (const [index, text] of pages.entries()) {
      // The margin box is drawn before the page's content.
      expect(text.startsWith(`${index + 1}/${pages.length}`), `page ${index + 1}`).toBe(true);
    }
  });

  it("repeats the note and the A–D legend above the table on every page, as the original does", () => {
    for (const [index, text] of pages.entries()) {
      const note = text.indexOf(normalize("A・B・C及びE(項目・当初・目標)はアクションプランからの転記項目"));
      const legend = text.indexOf(normalize("A 順調 B ほぼ順調 C やや遅れ D 停滞"));
      expect(note, `page ${index + 1}`).toBeGreaterThanOrEqual(0);
      expect(legend, `page ${index + 1}`).toBeGreaterThan(note);
      expect(legend, `page ${index + 1}`).toBeLessThan(text.indexOf(normalize("基本方針")));
    }
  });

  it("closes the 基本方針 column at the foot of every page (a rule repeated as the table's footer)", async () => {
    const page = await h.open("/o/sakado/plans/1/2019/table");
    await page.emulateMedia({ media: "print" });
    const footer = page.locator("table.progress tfoot");
    expect(await footer.evaluate((el) => getComputedStyle(el).display)).toBe("table-footer-group");
    const rule = await footer.locator("td").evaluate((td) => getComputedStyle(td).borderTopStyle);
    expect(rule).toBe("solid");
    await page.emulateMedia({ media: "screen" });
    expect(await footer.evaluate((el) => getComputedStyle(el).display)).toBe("none");
    await page.context().close();
  });

  it("cuts no initiative in two: all KPI rows of an initiative are on one page", async () => {
    const doc = await loadPublished(h.store, 1, 2019);
    const result = splitInitiatives(pages, doc?.policies.flatMap((p) => p.initiatives) ?? []);
    expect(result.checked).toBeGreaterThanOrEqual(10);
    expect(result.split).toEqual([]);
    expect(pages.at(-1)).toContain(normalize("本部会評価 8 10 5 1"));
  });

  it("(the check above does see a split when one is forced)", async () => {
    const page = await h.open("/o/sakado/plans/1/2019/table");
    await page.addStyleTag({ content: "#initiative-8 tr:nth-child(2) { break-before: page; }" });
    const pdf = await page.pdf({ format: "A3", landscape: true });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
    const doc = await loadPublished(h.store, 1, 2019);
    const result = splitInitiatives(
      (text as string[]).map(normalize),
      doc?.policies.flatMap((p) => p.initiatives) ?? [],
    );
    expect(result.split).toContain(8);
    await page.context().close();
  });

  it("leaves navigation, filters and downloads off the paper", () => {
    const all = pages.join(" ");
    expect(all).not.toContain("本文へ移動");
    expect(all).not.toContain("ダウンロード");
    expect(all).not.toContain("概要に戻る");
    expect(all).not.toContain("English");
  });
});

/**
 * Initiatives whose KPI rows fall on more than one page. A row is found by its three values (names
 * may hold characters the PDF font maps oddly); rows whose values are not unique are not used.
 */
function splitInitiatives(pages: string[], initiatives: Initiative[]): { checked: number; split: number[] } {
  const rowText = (k: Kpi) => normalize(`${k.baseline.text}${k.target.text}${k.current.text}`);
  const all = initiatives.flatMap((i) => i.kpis.map(rowText));
  const unique = (text: string) =>
    all.filter((t) => t === text).length === 1 && pages.filter((p) => p.includes(text)).length === 1;
  let checked = 0;
  const split: number[] = [];
  for (const initiative of initiatives) {
    const rows = initiative.kpis.map(rowText).filter(unique);
    if (rows.length < 2) continue;
    checked += 1;
    if (new Set(rows.map((row) => pages.findIndex((p) => p.includes(row)))).size > 1)
      split.push(initiative.number);
  }
  return { checked, split };
}
