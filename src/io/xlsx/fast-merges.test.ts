import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import "./fast-merges.ts";

describe("fast merges (exceljs's merge check without the quadratic cost)", () => {
  it("still refuses a range that overlaps a merged one, and allows it after an unmerge", () => {
    const sheet = new ExcelJS.Workbook().addWorksheet("s");
    sheet.mergeCells("B2:C4");
    expect(() => sheet.mergeCells("C4:D5")).toThrow("Cannot merge already merged cells");
    expect(() => sheet.mergeCells("A1:B2")).toThrow("Cannot merge already merged cells");
    sheet.mergeCells("D2:D4");
    sheet.unMergeCells("B2");
    sheet.mergeCells("C3:C5");
    expect(sheet.model.merges.sort()).toEqual(["C3:C5", "D2:D4"]);
    expect(sheet.getCell("C5").master.address).toBe("C3");
  });

  // Quadratic checking took about 20 s for this many merges; the speed itself is bench/export.ts's.
  it("writes and reads 24,000 merges", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("s");
    for (let r = 0; r < 3000; r++) for (let c = 1; c <= 8; c++) sheet.mergeCells(r * 2 + 1, c, r * 2 + 2, c);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await workbook.xlsx.writeBuffer()) as never);
    expect(back.getWorksheet("s")?.model.merges).toHaveLength(24_000);
  });
});
