import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { seedDocument } from "../../test/factories/test-documents.ts";
import { type Diagnostic, hasErrors } from "../domain/diagnostic.ts";
import { renderXlsx } from "./export/xlsx.ts";
import { importFile } from "./import-file.ts";
import { SUMMARY_FIRST_COLUMN } from "./xlsx/layout.ts";

/** A partial or padded table must not pass as a whole one. */
const seed = new Uint8Array(readFileSync(new URL("../../test/fixtures/sakado-fy2019.txt", import.meta.url)));
const seedText = new TextDecoder().decode(seed);

const errors = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.line]);

describe("a table cut off", () => {
  it("in the middle of a character (an interrupted download): an error, a warning with allowPartial", async () => {
    // 「效率的な自治体運営」… cut one byte into a three-byte character on page 1.
    const at = Buffer.from(seed).indexOf(Buffer.from("効率的な自治体運営", "utf8")) + 1;
    const cut = seed.subarray(0, at);
    const strict = await importFile(cut, { fileName: "cut.txt" });
    expect(errors(strict.diagnostics)).toContainEqual(["input.cut", undefined]);
    expect(strict.diagnostics.find((d) => d.code === "input.cut")?.message).toContain("--allow-partial");
    const allowed = await importFile(cut, { fileName: "cut.txt", allowPartial: true });
    expect(hasErrors(allowed.diagnostics)).toBe(false);
    expect(allowed.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(["input.cut", "footer.missing", "input.replacement"]),
    );
    // What was there is read: the initiatives before the cut.
    expect(allowed.document?.policies.flatMap((p) => p.initiatives).length).toBeGreaterThan(0);
  });

  it("inside a character in Shift_JIS and UTF-16 too", async () => {
    const sjis = new Uint8Array(iconv.encode(seedText, "cp932"));
    const sjisCut = sjis.subarray(0, Buffer.from(sjis).indexOf(iconv.encode("効率的", "cp932")) + 1);
    expect(errors((await importFile(sjisCut, { fileName: "s.txt" })).diagnostics)).toContainEqual([
      "input.cut",
      undefined,
    ]);
    const utf16 = new Uint8Array(iconv.encode(`\uFEFF${seedText}`, "utf16le"));
    const odd = utf16.subarray(0, 20_001);
    expect(errors((await importFile(odd, { fileName: "u.txt" })).diagnostics)).toContainEqual([
      "input.cut",
      undefined,
    ]);
  });

  it("at the end of a line before the footer: the missing footer is an error", async () => {
    const lines = seedText.split("\n");
    const text = lines.slice(0, 60).join("\n");
    const result = await importFile(new TextEncoder().encode(text), { fileName: "cut.txt" });
    expect(errors(result.diagnostics)).toContainEqual(["footer.missing", undefined]);
  });

  it("anywhere at all: no cut of the seed reads without an error", async () => {
    const lastLine = seedText.lastIndexOf("本部会評価");
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: seed.length - 1 }), async (at) => {
        const cut = seed.subarray(0, at);
        // Cutting only white space off the end leaves the whole table.
        if (new TextDecoder().decode(cut).trimEnd() === seedText.trimEnd()) return;
        const result = await importFile(cut, { fileName: "cut.txt" });
        expect(hasErrors(result.diagnostics), `cut at byte ${at}`).toBe(true);
      }),
      { numRuns: 150, examples: [[Buffer.byteLength(seedText.slice(0, lastLine + 12))]] },
    );
  });
});

describe("a table padded after its footer", () => {
  const padded = `${seedText}\n${"\t\t\t\t\t\t指標\t1件\t2件\t3件\n".repeat(2000)}`;

  it("2,000 junk rows after the footer are an error, and never KPIs of the last initiative", async () => {
    const strict = await importFile(new TextEncoder().encode(padded), { fileName: "padded.txt" });
    expect(errors(strict.diagnostics)).toEqual([["footer.trailing", 96]]);
    expect(strict.diagnostics.find((d) => d.code === "footer.trailing")?.message).toBe(
      "本部会評価の行（95行目）の後に2000行あります。最初は96行目の「指標 1件 2件 3件」です。表の後に何かが付け足されています。読み飛ばして取り込む場合は --allow-partial を指定してください",
    );
    const allowed = await importFile(new TextEncoder().encode(padded), {
      fileName: "padded.txt",
      allowPartial: true,
    });
    expect(hasErrors(allowed.diagnostics)).toBe(false);
    const kpis = allowed.document?.policies.flatMap((p) => p.initiatives).flatMap((i) => i.kpis);
    expect(kpis).toHaveLength(62);
  });

  it("a footer cut short (本部会評価 8 10 5) is as good as none", async () => {
    const text = seedText.replace(/本部会評価 8 10 5 1\s*$/, "本部会評価 8 10 5");
    expect(
      errors((await importFile(new TextEncoder().encode(text), { fileName: "t.txt" })).diagnostics),
    ).toEqual([["footer.unreadable", 95]]);
  });
});

describe("the product's own xlsx layout", () => {
  async function workbook(edit: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderXlsx(seedDocument())).buffer as never);
    edit(book.getWorksheet("進行管理集計表") as ExcelJS.Worksheet);
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  const labelColumn = SUMMARY_FIRST_COLUMN - 1;
  const summaryRow = (sheet: ExcelJS.Worksheet) => {
    let found = 0;
    sheet.eachRow((row, n) => {
      if (found === 0 && String(row.getCell(labelColumn).value ?? "").startsWith("本部会評価")) found = n;
    });
    return found;
  };

  it("without its 本部会評価 block: an error, a warning with allowPartial", async () => {
    const bytes = await workbook((sheet) => {
      const at = summaryRow(sheet);
      sheet.unMergeCells(at, labelColumn, at + 1, labelColumn);
      for (let r = at; r <= sheet.rowCount; r++)
        for (let c = 1; c <= SUMMARY_FIRST_COLUMN + 4; c++) sheet.getCell(r, c).value = null;
    });
    expect(errors((await importFile(bytes, { fileName: "t.xlsx" })).diagnostics)).toEqual([
      ["footer.missing", undefined],
    ]);
    expect(hasErrors((await importFile(bytes, { fileName: "t.xlsx", allowPartial: true })).diagnostics)).toBe(
      false,
    );
  });

  it("with rows after it (other than the as-of line): an error naming the first", async () => {
    const bytes = await workbook((sheet) => {
      const at = sheet.rowCount + 2;
      sheet.getCell(at, 3).value = "付け足された行";
      sheet.getCell(at + 1, 3).value = "もう一行";
    });
    const result = await importFile(bytes, { fileName: "t.xlsx" });
    const trailing = result.diagnostics.find((d) => d.code === "footer.trailing");
    expect(trailing).toMatchObject({ severity: "error", sheet: "進行管理集計表" });
    expect(trailing?.message).toContain("2行あります（最初は「付け足された行」）");
  });
});
