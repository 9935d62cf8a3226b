import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { seedDocument } from "../../test/factories/test-documents.ts";
import { hasErrors } from "../domain/diagnostic.ts";
import { exportJson } from "./export/json.ts";
import { renderXlsx } from "./export/xlsx.ts";
import { importFile } from "./import-file.ts";
import { checkLines, DEFAULT_LIMITS, type ImportLimits, parseLimitOptions } from "./limits.ts";

const seed = readFileSync(new URL("../../test/fixtures/sakado-fy2019.txt", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "shinchoku-limits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const limits = (changes: Partial<ImportLimits>): ImportLimits => ({ ...DEFAULT_LIMITS, ...changes });

/** The single finding of a refused import: its code and where. */
async function refusal(input: string | Uint8Array, options: Parameters<typeof importFile>[1] = {}) {
  const result = await importFile(input, options);
  expect(result.document).toBeNull();
  expect(result.diagnostics.filter((d) => d.severity === "error")).toHaveLength(1);
  return result.diagnostics.find((d) => d.severity === "error");
}

describe("the defaults are far above a real table", () => {
  it("the seed (24 initiatives) and its xlsx, JSON and the limits' own words", async () => {
    for (const [name, bytes] of [
      ["seed.txt", new Uint8Array(seed)],
      ["seed.xlsx", (await renderXlsx(seedDocument())).buffer],
      ["seed.json", new TextEncoder().encode(exportJson(seedDocument()))],
    ] as const) {
      const result = await importFile(bytes, { fileName: name });
      expect(hasErrors(result.diagnostics), name).toBe(false);
    }
    expect(DEFAULT_LIMITS.fileBytes).toBe(32 * 1024 * 1024);
    expect(DEFAULT_LIMITS.initiatives).toBe(10_000);
  });
});

describe("--limit NAME=VALUE", () => {
  it("reads sizes with units and counts, onto the defaults", () => {
    const parsed = parseLimitOptions([
      "file-size=64MB",
      "initiatives=50000",
      "text-length=200000",
      "xlsx-size=1g",
    ]);
    expect(parsed).toEqual({
      limits: {
        ...DEFAULT_LIMITS,
        fileBytes: 64 * 1024 * 1024,
        initiatives: 50_000,
        textLength: 200_000,
        xlsxBytes: 1024 * 1024 * 1024,
      },
    });
  });

  it("refuses an unknown name, a unit on a count, zero and text", () => {
    for (const bad of ["rowz=5", "rows=5MB", "rows=0", "file-size=big", "rows"]) {
      expect(parseLimitOptions([bad]), bad).toHaveProperty("error");
    }
    expect((parseLimitOptions(["rowz=5"]) as { error: string }).error).toContain("file-size, line-length");
  });
});

describe("every input has a size", () => {
  it("a 200 MB file is refused from its size, before a byte is read (exit-1 finding naming the limit)", async () => {
    const path = join(dir, "huge.txt");
    writeFileSync(path, "");
    truncateSync(path, 200 * 1024 * 1024);
    const found = await refusal(path);
    expect(found).toMatchObject({ code: "limit.file-size" });
    expect(found?.message).toBe(
      "ファイルの大きさ（200 MB）が上限（32 MB）を超えています。上限を上げるには --limit file-size=… を指定してください",
    );
    expect(found?.messageEn).toBe(
      "The file size (200 MB) exceeds the limit (32 MB); raise it with --limit file-size=…",
    );
  });

  it("a device or a pipe is not read at all", async () => {
    const found = await refusal("/dev/zero");
    expect(found?.message).toContain("通常のファイルではありません");
  });

  it("a 5-million-character line is refused, naming the line", async () => {
    const found = await refusal(new TextEncoder().encode(`${"x".repeat(5_000_000)}\n`), {
      fileName: "line.txt",
    });
    expect(found).toMatchObject({ code: "limit.line-length", line: 1 });
    expect(found?.message).toContain("5,000,000文字");
  });

  it("rows, cells per row and cells of text and CSV are counted before anything is split", () => {
    const text = ["a\tb\tc", "d\te", "f"].join("\n");
    expect(checkLines(text, DEFAULT_LIMITS)).toBeUndefined();
    expect(checkLines(text, limits({ rows: 2 }))).toMatchObject({ code: "limit.rows", line: 3 });
    expect(checkLines(text, limits({ cellsPerRow: 2 }))).toMatchObject({
      code: "limit.cells-per-row",
      line: 1,
    });
    expect(checkLines(text, limits({ cells: 5 }))).toMatchObject({ code: "limit.cells" });
    expect(checkLines("a,b,c\r\nd", limits({ cellsPerRow: 2 }), ",")).toMatchObject({ line: 1 });
    expect(checkLines("a\n", limits({ rows: 1 }))).toBeUndefined();
  });

  it("initiatives, KPIs and the length of one text field, for every format", async () => {
    expect(
      (await refusal(new Uint8Array(seed), { fileName: "s.txt", limits: limits({ initiatives: 23 }) }))?.code,
    ).toBe("limit.initiatives");
    expect(
      (await refusal(new Uint8Array(seed), { fileName: "s.txt", limits: limits({ kpis: 61 }) }))?.code,
    ).toBe("limit.kpis");
    const doc = seedDocument();
    const first = doc.policies[0]?.initiatives[0];
    if (first) first.description = "長".repeat(200_000);
    const found = await refusal(new TextEncoder().encode(exportJson(doc)), { fileName: "long.json" });
    expect(found).toMatchObject({
      code: "limit.text-length",
      field: "policies[0].initiatives[0].description",
    });
  });

  it("a plan document nested 1,000 levels deep is refused before it is parsed or validated", async () => {
    const deep = `{"format":"shinchoku.plan/v2","policies":${"[".repeat(1000)}${"]".repeat(1000)}}`;
    const found = await refusal(new TextEncoder().encode(deep), { fileName: "deep.json" });
    expect(found?.code).toBe("limit.json-depth");
    const secondary = `{"text":"1","kind":"quantity","secondary":`.repeat(1000);
    expect(
      (await refusal(new TextEncoder().encode(`${secondary}{}${"}".repeat(1000)}`), { fileName: "d.json" }))
        ?.code,
    ).toBe("limit.json-depth");
  });

  it("a million wrong values in a plan document give at most 100 findings", async () => {
    const doc = JSON.parse(exportJson(seedDocument())) as Record<string, unknown>;
    doc.policies = new Array(1_000_000).fill(0);
    const result = await importFile(new TextEncoder().encode(JSON.stringify(doc)), {
      fileName: "flood.json",
    });
    expect(result.document).toBeNull();
    expect(result.diagnostics).toHaveLength(100);
  });
});

describe("an xlsx is measured before it is inflated", () => {
  async function zip(files: Record<string, Uint8Array | string>): Promise<Uint8Array> {
    const archive = new JSZip();
    for (const [name, content] of Object.entries(files)) archive.file(name, content);
    return archive.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }

  it("a zip bomb: the sizes its directory declares are over the limit", async () => {
    const bytes = await zip({ "xl/worksheets/sheet1.xml": new Uint8Array(4 * 1024 * 1024).fill(0x20) });
    expect(bytes.length).toBeLessThan(20_000);
    const found = await refusal(bytes, { fileName: "bomb.xlsx", limits: limits({ xlsxBytes: 1024 * 1024 }) });
    expect(found?.code).toBe("limit.xlsx-size");
    expect(found?.message).toBe(
      "xlsx を展開した大きさ（4 MB）が上限（1 MB）を超えています。上限を上げるには --limit xlsx-size=… を指定してください",
    );
  });

  it("a directory that lies about the inflated size: inflation stops at the declared size", async () => {
    const size = 4 * 1024 * 1024;
    const bytes = Buffer.from(await zip({ "xl/worksheets/sheet1.xml": new Uint8Array(size).fill(0x20) }));
    // Both headers (local and central) claim 1 KB.
    for (let i = 0; i + 4 <= bytes.length; i++)
      if (bytes.readUInt32LE(i) === size) bytes.writeUInt32LE(1024, i);
    const found = await refusal(new Uint8Array(bytes), { fileName: "lie.xlsx" });
    expect(found?.code).toBe("input.not-xlsx");
    expect(found?.message).toContain("too many bytes");
  });

  it("too many files inside, and too many cells (counted while streaming)", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`x/${i}.xml`] = "<a/>";
    expect(
      (await refusal(await zip(files), { fileName: "many.xlsx", limits: limits({ xlsxEntries: 20 }) }))?.code,
    ).toBe("limit.xlsx-entries");
    const row = `<row r="1">${'<c r="A1"><v>1</v></c>'.repeat(300)}</row>`;
    const sheet = `<worksheet><sheetData>${row.repeat(20)}</sheetData></worksheet>`;
    const cells = await zip({ "xl/worksheets/sheet1.xml": sheet });
    expect((await refusal(cells, { fileName: "cells.xlsx", limits: limits({ cells: 5_000 }) }))?.code).toBe(
      "limit.cells",
    );
  });

  it("a 6 KB workbook with a cell at XFD1048576 is refused by its extent, naming the cell", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("進行管理集計表");
    sheet.getCell("A1").value = "x";
    sheet.getCell("XFD1048576").value = "far";
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const found = await refusal(bytes, { fileName: "far.xlsx" });
    expect(found).toMatchObject({ code: "limit.rows", sheet: "進行管理集計表", cell: "XFD1048576" });
  });
});
