import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seedDocument } from "../../test/factories/test-documents.ts";
import { exportJson } from "./export/json.ts";
import { exportXlsx } from "./export/xlsx.ts";
import { detectImportFormat, importFile } from "./import-file.ts";
import { parseMapping } from "./mapping/schema.ts";

const fixtures = new URL("../../test/fixtures/", import.meta.url);

describe("detectImportFormat", () => {
  it("goes by the extension, then by the content", () => {
    const none = new Uint8Array();
    expect(detectImportFormat("a.XLSX", none)).toBe("xlsx");
    expect(detectImportFormat("a.csv", none)).toBe("csv");
    expect(detectImportFormat("a.json", none)).toBe("json");
    expect(detectImportFormat("a.tsv", none)).toBe("table-text");
    expect(detectImportFormat("upload", new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe("xlsx");
    expect(detectImportFormat("upload", new TextEncoder().encode('\uFEFF  {"format":'))).toBe("json");
    expect(detectImportFormat("upload", new TextEncoder().encode("基本方針\tNo."))).toBe("table-text");
  });
});

describe("importFile", () => {
  it("reads the seed table text from a path", async () => {
    const result = await importFile(new URL("sakado-fy2019.txt", fixtures).pathname, {
      organizationName: "坂戸市",
    });
    expect(result.format).toBe("table-text");
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.organization).toEqual({ name: "坂戸市" });
    expect(result.document?.policies.flatMap((p) => p.initiatives)).toHaveLength(24);
  });

  it("reads the xlsx and JSON exports of the same document back to the same policies", async () => {
    const doc = seedDocument();
    const xlsx = await importFile(new Uint8Array(await exportXlsx(doc)), { fileName: "plan.xlsx" });
    const json = await importFile(new TextEncoder().encode(exportJson(doc)), { fileName: "plan.json" });
    expect(xlsx.format).toBe("xlsx");
    expect(json.format).toBe("json");
    expect(xlsx.document?.policies).toEqual(doc.policies);
    expect(json.document?.policies).toEqual(doc.policies);
  });

  it("passes the mapping to the CSV importer", async () => {
    const mapping = parseMapping(readFileSync(new URL("mapping/city-marks.json", fixtures), "utf8")).mapping;
    if (!mapping) throw new Error("mapping");
    const result = await importFile(new URL("csv/city-marks-sjis.csv", fixtures).pathname, { mapping });
    expect(result.format).toBe("csv");
    expect(result.document?.organization).toEqual({ name: "みどり市" });
    expect(result.rows).toHaveLength(6);
  });

  it("reports a file it cannot read", async () => {
    const result = await importFile("/nonexistent/plan.xlsx");
    expect(result.format).toBeNull();
    expect(result.document).toBeNull();
    expect(result.diagnostics[0]?.code).toBe("input.unreadable");
    expect(result.diagnostics[0]?.message).toContain("/nonexistent/plan.xlsx");
  });
});
