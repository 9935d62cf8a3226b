import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PhraseKind, phrases } from "../../src/io/phrases.ts";
import { type Harness, startHarness } from "./harness.ts";

/**
 * Where Chromium breaks the lines of the progress table's cells, measured character by character, at
 * the screen width of a desktop and at the width of an A3 landscape page in print media. The issue
 * this answers: 「1,310,189／人」, 「72事業(累／計215)」, 「ほぼ順／調」, 「当初 (H27／末)」 on screen and
 * 「93.2% (90.6%H26.／3末)」, 「1億円(R2年／度)」 in print.
 */
interface Cell {
  text: string;
  lines: string[];
}

/** The lines of each element matched, as laid out: characters grouped by the top of their box. */
async function measuredLines(page: Page, selector: string): Promise<Cell[]> {
  return page.$$eval(selector, (elements) =>
    elements.map((element) => {
      const lines: { top: number; text: string }[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (let i = 0; i < text.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          const ch = text.charAt(i);
          if (!rect || ch === "\n") continue;
          const line = lines.find((l) => Math.abs(l.top - rect.top) < rect.height / 2);
          if (line) line.text += ch;
          else lines.push({ top: rect.top, text: ch });
        }
      }
      lines.sort((a, b) => a.top - b.top);
      return { text: element.textContent ?? "", lines: lines.map((l) => l.text.trim()).filter((t) => t) };
    }),
  );
}

/** Line breaks that fall inside a piece (src/io/phrases.ts) of the cell's text. */
function breaksInsidePieces(cell: Cell, kind: PhraseKind): string[] {
  const allowed = new Set<number>();
  let at = 0;
  for (const piece of phrases(cell.text, kind, { longValueTokens: 12 })) {
    at += piece.replace(/\s/g, "").length;
    allowed.add(at);
  }
  const bad: string[] = [];
  let position = 0;
  cell.lines.slice(0, -1).forEach((line, i) => {
    position += line.replace(/\s/g, "").length;
    if (!allowed.has(position)) bad.push(`${line}／${cell.lines[i + 1]}`);
  });
  return bad;
}

const LAYOUTS = [
  { name: "screen 1400 px", width: 1400, media: "screen", oneLine: ["1,310,189人", "649,417人", "30%以上"] },
  {
    name: "print, A3 landscape",
    width: 1512,
    media: "print",
    oneLine: ["1,310,189人", "649,417人", "30%以上", "1億円(R2年度)", "実施(29年度)", "350事業(累計)"],
  },
] as const;

describe("line breaks of the progress table in Chromium", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const layout of LAYOUTS) {
    describe(layout.name, () => {
      let page: Page;
      beforeAll(async () => {
        page = await h.open("/o/sakado/plans/1/2019/table", { width: layout.width, height: 900 });
        await page.emulateMedia({ media: layout.media });
      });
      afterAll(async () => {
        await page?.context().close();
      });

      it("breaks KPI values only between their number and their bracketed part", async () => {
        const cells = await measuredLines(page, "table.progress tbody td.r");
        expect(cells.length).toBe(62 * 3);
        expect(cells.flatMap((cell) => breaksInsidePieces(cell, "value"))).toEqual([]);
        // They fit on one line at this width: nothing to break, nothing to shrink.
        for (const text of layout.oneLine) {
          const cell = cells.find((c) => c.text === text);
          expect(cell?.lines, text).toEqual([text]);
        }
      });

      it("keeps each grade label on one line", async () => {
        const labels = await measuredLines(page, "table.progress tbody .grade-label");
        expect(labels).toHaveLength(24);
        for (const label of labels) expect(label.lines).toEqual([label.text]);
      });

      it("breaks the headers between phrases: 「当初」 / 「(H27末)」, never inside 「(H27末)」", async () => {
        const headers = await measuredLines(page, "table.progress thead th");
        expect(headers.length).toBeGreaterThanOrEqual(14);
        expect(headers.flatMap((cell) => breaksInsidePieces(cell, "prose"))).toEqual([]);
      });

      it("breaks indicator names between phrases, except a phrase wider than its column", async () => {
        const names = await measuredLines(page, "table.progress tbody td:not(.r):not(.c):not(.p):not(.cont)");
        const kpiNames = names.filter((n) => !/課/.test(n.text));
        const bad = kpiNames.flatMap((cell) =>
          breaksInsidePieces(cell, "prose").filter((b) => {
            // A phrase longer than a whole line may break inside: the line before is full.
            const [before] = b.split("／");
            return (before?.length ?? 0) < Math.max(...cell.lines.map((l) => l.length)) - 1;
          }),
        );
        expect(bad).toEqual([]);
      });
    });
  }
});
