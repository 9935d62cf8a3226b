import { inflateSync } from "node:zlib";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import {
  initiative,
  kpi,
  longText,
  planDocument,
  seedDocument,
} from "../../../test/factories/test-documents.ts";
import type { PlanDocument } from "../../domain/plan-document.ts";
import { exportPdf, placeColumns } from "./pdf.ts";

const NOW = new Date("2020-04-01T09:00:00Z");

/** Extracted text without white space: pdf.js puts spaces and newlines between lines of a cell. */
const squeeze = (text: string) => text.replace(/\s+/g, "");

type PdfProxy = Awaited<ReturnType<typeof getDocumentProxy>>;

interface Extracted {
  bytes: Buffer;
  pdf: PdfProxy;
  /** Text of each page, white space removed. */
  pages: string[];
}

async function exportAndRead(doc: PlanDocument): Promise<Extracted> {
  const bytes = await exportPdf(doc, { now: NOW });
  // pdf.js takes ownership of the array it is given: hand it a copy.
  // verbosity 0: pdf.js warns about the hinting of subset fonts (fontkit drops fpgm), which is harmless.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  const { text } = await extractText(pdf, { mergePages: false });
  return { bytes, pdf, pages: text.map(squeeze) };
}

/** Pages on which `needle` occurs (1-based). */
function pagesWith(pages: string[], needle: string): number[] {
  return pages.flatMap((text, i) => (text.includes(needle) ? [i + 1] : []));
}

/** The page content streams, inflated: the drawing operators as text. */
function contentStreams(bytes: Buffer): string {
  const raw = bytes.toString("latin1");
  const out: string[] = [];
  for (const match of raw.matchAll(/\/Filter \/FlateDecode[\s\S]*?stream\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = raw.indexOf("\nendstream", start);
    try {
      out.push(inflateSync(bytes.subarray(start, end)).toString("latin1"));
    } catch {
      // not a content stream (fonts are compressed too, and fine to skip)
    }
  }
  return out.join("\n");
}

function firstDifference(a: string, b: string): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

// Written by hand from the seed's printed table.
const SEED_TITLE =
  "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）";
const AS_OF = "令和2年3月31日現在";
const HEADERS = [
  "基本方針",
  "No.",
  "取組項目 (A)",
  "関係課 (B)",
  "取組の方針と内容 (C)",
  "R1年度取組内容 (D)",
  "数値目標等 (E)",
  "項目",
  "当初 (H27末)",
  "目標 (R3末)",
  "現状値 (R1末)",
  "進捗状況 (F)",
  "本部会意見 (G)",
  "R2年度目標 (H)",
];
const GRADE_LABELS = { A: "順調", B: "ほぼ順調", C: "やや遅れ", D: "停滞" } as const;

describe("exportPdf: the seed table", () => {
  let seed: PlanDocument;
  let out: Extracted;
  beforeAll(async () => {
    seed = seedDocument();
    out = await exportAndRead(seed);
  });

  it("prints A3 landscape pages (1190.55 × 841.89 pt)", async () => {
    for (let n = 1; n <= out.pdf.numPages; n++) {
      const page = await out.pdf.getPage(n);
      expect(page.view.map((v) => Math.round(v * 100) / 100)).toEqual([0, 0, 1190.55, 841.89]);
    }
    expect(out.bytes.toString("latin1")).toContain("/MediaBox [0 0 1190.55 841.89]");
  });

  it("needs more than one page, each numbered n / N at its foot", () => {
    const total = out.pages.length;
    expect(total).toBeGreaterThanOrEqual(2);
    out.pages.forEach((text, i) => {
      expect(text.endsWith(`${i + 1}/${total}`)).toBe(true);
    });
  });

  it("repeats the title, as-of date, note, legend and both header rows on every page", () => {
    for (const text of out.pages) {
      expect(text).toContain(SEED_TITLE);
      expect(text.split(AS_OF).length - 1).toBeGreaterThanOrEqual(2); // in the title and at the top right
      expect(text).toContain("A・B・C及びE(項目・当初・目標)はアクションプランからの転記項目");
      expect(text).toContain(squeeze("A 順調 B ほぼ順調 C やや遅れ D 停滞"));
      for (const header of HEADERS) expect(text).toContain(squeeze(header));
    }
  });

  it("prints every initiative once, in order, on a single page", () => {
    const initiatives = seed.policies.flatMap((p) => p.initiatives);
    expect(initiatives).toHaveLength(24);
    expect(initiatives[0]?.title).toBe("産・学・官連携体制の推進");
    expect(initiatives[23]?.title).toBe("権限移譲事務の受入れ推進");
    let lastPage = 1;
    for (const item of initiatives) {
      const pages = pagesWith(out.pages, squeeze(`${item.number}${item.title}`));
      expect(pages, `No. ${item.number}`).toHaveLength(1);
      expect(pages[0]).toBeGreaterThanOrEqual(lastPage);
      lastPage = pages[0] ?? lastPage;
    }
    expect(lastPage).toBe(out.pages.length);
  });

  it("prints each grade as its letter and label, in its initiative's row", () => {
    for (const item of seed.policies.flatMap((p) => p.initiatives)) {
      if (!item.grade) throw new Error(`No. ${item.number} has no grade`);
      // The grade cell is followed by the 本部会意見 cell of the same row.
      const cell = `${item.grade}${GRADE_LABELS[item.grade as keyof typeof GRADE_LABELS]}${squeeze(item.committeeOpinion).slice(0, 12)}`;
      expect(pagesWith(out.pages, cell), `No. ${item.number}`).toHaveLength(1);
    }
  });

  it("prints every KPI value", () => {
    const kpis = seed.policies.flatMap((p) => p.initiatives.flatMap((i) => i.kpis));
    expect(kpis).toHaveLength(62);
    for (const k of kpis) {
      // A KPI's cells are written name, 当初, 目標, 現状値, one after the other. pdf.js reads the glyphs
      // drawn, and "~" is drawn as "–" (the text underneath is checked below).
      const row = squeeze(`${k.label}${k.baseline.text}${k.target.text}${k.current.text}`).replaceAll(
        "~",
        "–",
      );
      expect(pagesWith(out.pages, row).length, `KPI ${k.key}`).toBeGreaterThanOrEqual(1);
    }
  });

  it("draws the ASCII range mark ~ as an en dash, with the source text ~ underneath (ActualText)", () => {
    expect(out.pages.join("")).toContain("2,938人(H26.6–29.2)");
    expect(out.pages.join("")).not.toContain("~");
    // The line with the en dash is drawn inside a marked span whose ActualText is the source's line.
    expect(contentStreams(out.bytes)).toContain("/Span <<\n/ActualText (\\(H26.6~29.2\\))\n>> BDC");
    // And the table cell's structure element reads as the source, for screen readers.
    // (A literal string of UTF-16BE bytes, as pdfkit writes it, its parentheses escaped.)
    const utf16 = Buffer.from("\ufeff2,938人 (H26.6~29.2)", "utf16le").swap16().toString("latin1");
    expect(out.bytes.toString("latin1")).toContain(`/ActualText (${utf16.replace(/[()\\]/g, "\\$&")})`);
    // The city's own full-width ～ (in the title) is drawn as it is.
    expect(out.pages[0]).toContain("平成29年度～令和3年度");
  });

  it("ends with the committee's grade summary 本部会評価 A 8 B 10 C 5 D 1", () => {
    expect(pagesWith(out.pages, "本部会評価A8B10C5D1")).toEqual([out.pages.length]);
  });

  it("embeds BIZ UDPGothic as a small subset", () => {
    const raw = out.bytes.toString("latin1");
    expect(raw).toContain("/FontFile2");
    expect(raw).toMatch(/\/[A-Z]{6}\+BIZUDPGothic-Regular/);
    expect(raw).toMatch(/\/[A-Z]{6}\+BIZUDPGothic-Bold/);
    expect(out.bytes.length).toBeLessThan(500_000);
  });

  it("writes the document metadata, pinned creation date included", async () => {
    const { info } = (await out.pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
    expect(info.Title).toBe(SEED_TITLE);
    expect(info.Creator).toBe("Shinchoku");
    expect(info.Author).toBeUndefined(); // the seed does not name its organization
    expect(info.CreationDate).toBe("D:20200401090000Z");
    expect(out.bytes.toString("latin1")).toContain("/Lang (ja)");
  });

  it("is deterministic for a pinned clock", async () => {
    const again = await exportPdf(seed, { now: NOW });
    expect(again.equals(out.bytes)).toBe(true);
  });
});

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/** Per page: the text of each marked-content sequence by id, and text drawn outside any sequence. */
async function markedText(pdf: PdfProxy, pageNumber: number) {
  const page = await pdf.getPage(pageNumber);
  const { items } = await page.getTextContent({ includeMarkedContent: true });
  const byId = new Map<string, string>();
  const stack: { id: string | null; tag: string }[] = [];
  const artifacts: string[] = [];
  const unmarked: string[] = [];
  for (const item of items as Array<{ type?: string; id?: string | null; tag?: string; str?: string }>) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
      stack.push({ id: item.id ?? null, tag: item.tag ?? "" });
    } else if (item.type === "endMarkedContent") {
      stack.pop();
    } else if (item.str?.trim()) {
      const owner = [...stack].reverse().find((m) => m.id !== null);
      if (owner?.id) byId.set(owner.id, (byId.get(owner.id) ?? "") + item.str);
      else if (stack.some((m) => m.tag === "Artifact")) artifacts.push(item.str);
      else unmarked.push(item.str);
    }
  }
  return { tree: (await page.getStructTree()) as StructNode, byId, artifacts, unmarked };
}

/** The element's text (white space removed) from its content on one page. */
function textOf(node: StructNode, byId: Map<string, string>): string {
  if (node.type === "content" && node.id) return squeeze(byId.get(node.id) ?? "");
  return (node.children ?? []).map((child) => textOf(child, byId)).join("");
}

function roles(node: StructNode | undefined): string[] {
  return (node?.children ?? []).filter((c) => c.role).map((c) => c.role as string);
}

describe("exportPdf: a tagged PDF a screen reader reads as a table", () => {
  let out: Extracted;
  beforeAll(async () => {
    out = await exportAndRead(seedDocument());
  });

  it("declares itself tagged, in Japanese, titled by its title (catalog)", () => {
    const raw = out.bytes.toString("latin1");
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(raw).toContain("/Marked true");
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(raw).toContain("/Lang (ja)");
    expect(raw).toContain("/DisplayDocTitle true");
    expect(raw.startsWith("%PDF-1.7")).toBe(true);
  });

  it("reads title, as-of date, note and legend, then the table and the summary, in that order", async () => {
    const { tree, byId } = await markedText(out.pdf, 1);
    const document = tree.children?.[0];
    expect(document?.role).toBe("Document");
    // pdf.js shows a page's part of the tree: the elements with content on that page.
    expect(roles(document)).toEqual(["H1", "P", "P", "P", "Table"]);
    const [h1, asOf, note] = document?.children ?? [];
    expect(textOf(h1 as StructNode, byId)).toBe(SEED_TITLE);
    expect(textOf(asOf as StructNode, byId)).toBe(AS_OF);
    expect(textOf(note as StructNode, byId)).toBe(
      "A・B・C及びE(項目・当初・目標)はアクションプランからの転記項目",
    );
    const last = await markedText(out.pdf, out.pdf.numPages);
    const lastDocument = last.tree.children?.[0];
    expect(roles(lastDocument)).toEqual(["Table", "Table"]);
    const summaryRow = lastDocument?.children?.[1]?.children?.[0];
    expect(roles(summaryRow)).toEqual(["TH", "TD", "TD", "TD", "TD"]);
    expect((summaryRow?.children ?? []).map((c) => textOf(c, last.byId))).toEqual([
      "本部会評価",
      "A8",
      "B10",
      "C5",
      "D1",
    ]);
  });

  it("has two header rows of TH and one body row per KPI, the initiative's cells spanning them", async () => {
    const { tree, byId } = await markedText(out.pdf, 1);
    const table = tree.children?.[0]?.children?.[4];
    expect(roles(table)).toEqual(["THead", "TBody"]);
    const [thead, tbody] = table?.children ?? [];
    const [row1, row2] = thead?.children ?? [];
    expect(roles(row1)).toEqual(Array(10).fill("TH"));
    expect((row1?.children ?? []).map((th) => textOf(th, byId))).toEqual(
      HEADERS.filter((h) => !["項目", "当初 (H27末)", "目標 (R3末)", "現状値 (R1末)"].includes(h)).map(
        squeeze,
      ),
    );
    expect((row2?.children ?? []).map((th) => textOf(th, byId))).toEqual(
      ["項目", "当初 (H27末)", "目標 (R3末)", "現状値 (R1末)"].map(squeeze),
    );
    // The seed's 62 KPIs, one row each.
    expect(roles(tbody)).toEqual(Array(62).fill("TR"));
    // No.1: policy, No. and title are row headers; three KPI rows.
    const [first, second] = tbody?.children ?? [];
    expect(roles(first).slice(0, 4)).toEqual(["TH", "TH", "TH", "TD"]);
    expect((first?.children ?? []).slice(0, 3).map((c) => textOf(c, byId))).toEqual([
      "(ア)市民と行政との協働体制の確立",
      "1",
      "産・学・官連携体制の推進",
    ]);
    expect((second?.children ?? []).map((c) => textOf(c, byId))).toEqual([
      "坂戸市産農畜産物のプラント認証件数",
      "0件",
      "20件",
      "24件",
    ]);
    const raw = out.bytes.toString("latin1");
    expect(raw).toMatch(/\/A <<\n\/O \/Table\n\/Scope \/Row\n\/RowSpan 3\n>>/);
    expect(raw).toMatch(/\/A <<\n\/O \/Table\n\/Scope \/Column\n\/ColSpan 4\n>>/);
  });

  it("marks every text drawn either as content or as an artifact (page numbers, repeated header rows)", async () => {
    for (let n = 1; n <= out.pdf.numPages; n++) {
      const { unmarked, artifacts } = await markedText(out.pdf, n);
      expect(unmarked, `page ${n}`).toEqual([]);
      expect(artifacts.join(""), `page ${n}`).toContain(`${n} / ${out.pdf.numPages}`);
      // From the second page on, the title and the header rows repeat as artifacts only.
      if (n > 1) expect(artifacts.join(""), `page ${n}`).toContain("基本方針");
    }
  });
});

/** Three policies, six initiatives: short and long cells, several KPIs, one without any, one ungraded. */
function handMadeDocument(): PlanDocument {
  return planDocument(
    [
      {
        code: "(ア)",
        title: "市民と行政との協働体制の確立",
        initiatives: [
          initiative(1, {
            title: "産・学・官連携体制の推進",
            activities: longText(600),
            kpis: [
              kpi("1-1", "産・学・官連携協定(※)件数", "52件", "62件", "66件"),
              kpi("1-2", "坂戸市産農畜産物のプラント認証件数", "0件", "20件", "24件"),
              kpi("1-3", "北坂戸にぎわいサロンの利用者数", "11,007人", "13,000人", "9,797人"),
            ],
          }),
          initiative(2, {
            title: "シティプロモーションの推進",
            grade: "C",
            committeeOpinion: longText(400),
            kpis: [kpi("2-1", "ホームページサイト訪問者数", "649,417人", "886,000人", "1,310,189人")],
          }),
        ],
      },
      {
        code: "(イ)",
        title: "効率的な自治体経営",
        initiatives: [
          initiative(3, { title: "事務事業の見直し", grade: "A" }),
          initiative(4, {
            title: "補助金の適正化",
            grade: "D",
            nextYearGoal: longText(300),
            kpis: [
              kpi("4-1", "補助金の見直し件数", "-", "拡大", "72事業(累計215)"),
              kpi("4-2", "北坂戸にぎわいサロンの利用者数(再掲)", "11,007人", "13,000人", "9,797人"),
            ],
          }),
        ],
      },
      {
        code: "(ウ)",
        title: "市民満足度の向上",
        initiatives: [
          initiative(5, { title: "窓口サービスの向上", grade: "A" }),
          initiative(6, {
            title: "未評価の取組",
            grade: null,
            activities: "未評価の取組に取り組んだ。",
            committeeOpinion: "引き続き取り組む必要がある。",
          }),
        ],
      },
    ],
    { organization: { name: "坂戸市" } },
  );
}

describe("exportPdf: a small hand-made document", () => {
  let out: Extracted;
  beforeAll(async () => {
    out = await exportAndRead(handMadeDocument());
  });

  it("names the organization as the author", async () => {
    const { info } = (await out.pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
    expect(info.Author).toBe("坂戸市");
  });

  it("prints every policy, an initiative without KPIs and one without a grade", () => {
    const text = out.pages.join("");
    for (const policy of [
      "(ア)市民と行政との協働体制の確立",
      "(イ)効率的な自治体経営",
      "(ウ)市民満足度の向上",
    ]) {
      expect(text).toContain(policy);
    }
    expect(text).toContain("3事務事業の見直し");
    // No. 6 is not graded: its 本部会意見 follows its activities directly.
    expect(text).toContain("未評価の取組に取り組んだ。引き続き取り組む必要がある。");
    expect(text).toContain("本部会評価A2B1C1D1");
  });

  it("keeps KPI values whole (1,310,189人 and 72事業(累計215))", () => {
    const text = out.pages.join("");
    expect(text).toContain("ホームページサイト訪問者数649,417人886,000人1,310,189人");
    expect(text).toContain("補助金の見直し件数-拡大72事業(累計215)");
  });
});

describe("exportPdf: odd text", () => {
  const LONG = longText(20_000);
  const doc = planDocument([
    {
      code: "(ア)",
      title: "協働体制の確立",
      initiatives: [
        initiative(1, {
          title: "=1+1",
          grade: "A",
          description: "=SUM(A1:A2)",
          activities: "絵文字😀と家族👨‍👩‍👧と𠮷野家",
          kpis: [kpi("1-1", "=1+1", "=1+1", "-", "😀")],
        }),
        initiative(2, {
          title: "とても長い説明の取組",
          description: LONG,
          kpis: [kpi("2-1", "件数", "1件", "2件", "3件"), kpi("2-2", "人数", "1人", "2人", "3人")],
        }),
        initiative(3, { title: "後続の取組", grade: "C", description: "後続の説明。" }),
      ],
    },
  ]);
  let out: Extracted;
  beforeAll(async () => {
    out = await exportAndRead(doc);
  });

  it("prints formula-like text verbatim", () => {
    expect(out.pages[0]).toContain("1=1+1");
    expect(out.pages[0]).toContain("=SUM(A1:A2)");
    expect(out.pages[0]).toContain("=1+1=1+1-");
  });

  it("prints 〓 for characters the font lacks (emoji, 𠮷), one per character", () => {
    expect(out.pages[0]).toContain("絵文字〓と家族〓と〓野家");
    const text = out.pages.join("");
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(text).not.toContain("\uFFFD");
  });

  it("splits a 20,000-character description over pages under （続き）, losing nothing", async () => {
    const split = pagesWith(out.pages, "2とても長い説明の取組");
    // About 18 characters a line and 70 lines a page in the (C) column: well over 10 pages.
    expect(split.length).toBeGreaterThanOrEqual(10);
    expect(split).toEqual(Array.from({ length: split.length }, (_, i) => (split[0] ?? 0) + i));
    for (const page of split.slice(1)) expect(out.pages[page - 1]).toContain("2とても長い説明の取組（続き）");

    const column = placeColumns(doc).find((c) => c.id === "description");
    if (!column) throw new Error("no description column");
    let printed = "";
    for (let n = 1; n <= out.pdf.numPages; n++) {
      const content = await (await out.pdf.getPage(n)).getTextContent();
      for (const item of content.items) {
        if (!("str" in item) || !("transform" in item)) continue;
        // transform = [size, 0, 0, size, x, y]: body text is set at 7 pt, the title and summary larger.
        const [size, , , , x] = item.transform as number[];
        if (size === 7 && x !== undefined && x >= column.x && x < column.x + column.width)
          printed += item.str;
      }
    }
    // The column's header (also 7 pt) and the （続き） marks are not part of the cells' text.
    const body = squeeze(printed).replaceAll("取組の方針と内容(C)", "").replaceAll("（続き）", "");
    const expected = squeeze(`=SUM(A1:A2)${LONG}後続の説明。`);
    // Compared by hand so that a failure shows where, not 20,000 characters twice.
    const at = firstDifference(body, expected);
    expect(
      at,
      `differs at ${at}: "${body.slice(at - 10, at + 20)}" / "${expected.slice(at - 10, at + 20)}"`,
    ).toBe(-1);
  });

  it("keeps the next initiative whole on one page after the split", () => {
    const pages = pagesWith(out.pages, "3後続の取組");
    expect(pages).toHaveLength(1);
    expect(pages[0]).toBe(Math.max(...pagesWith(out.pages, "2とても長い説明の取組")));
  });
});
