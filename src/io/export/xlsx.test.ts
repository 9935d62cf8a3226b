import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { LONG_TEXT, oddTextDocument, seedDocument } from "../../../test/factories/test-documents.ts";
import { heightForLines, wrappedLineCount } from "../xlsx/text-lines.ts";
import { FONT_REGULAR } from "./pdf/fonts.ts";
import { sharedMeasurer } from "./pdf/measure.ts";
import { exportXlsx, renderXlsx } from "./xlsx.ts";

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as never);
  return workbook;
}

/** One file of a zip archive (an xlsx), found through the central directory. */
function zipEntry(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const entry = zip.toString("utf8", at + 46, at + 46 + nameLength);
    if (entry === name) {
      const local = zip.readUInt32LE(at + 42);
      const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(data, data + zip.readUInt32LE(at + 20));
      return (zip.readUInt16LE(at + 10) === 8 ? inflateRawSync(raw) : raw).toString("utf8");
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`no ${name} in the archive`);
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

describe("exportXlsx: the seed's progress table", () => {
  let workbook: ExcelJS.Workbook;
  let table: ExcelJS.Worksheet;
  let kpis: ExcelJS.Worksheet;
  let bytes: Buffer;

  beforeAll(async () => {
    bytes = await exportXlsx(seedDocument(), { now: new Date("2020-04-01T00:00:00Z") });
    workbook = await load(bytes);
    table = sheetOf(workbook, "進行管理集計表");
    kpis = sheetOf(workbook, "数値目標一覧");
  });

  it("has the three sheets in order", () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["進行管理集計表", "数値目標一覧", "列の説明"]);
  });

  it("writes the title, the note and the legend above the table", () => {
    expect(table.getCell("A1").value).toBe(
      "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）",
    );
    expect(table.getCell("A2").value).toBe("A・B・C及びE(項目・当初・目標)はアクションプランからの転記項目");
    expect(table.getCell("A4").value).toBe("A 順調 B ほぼ順調 C やや遅れ D 停滞");
  });

  it("writes both header rows with the column letters", () => {
    const row5 = [
      "基本方針",
      "No.",
      "取組項目 (A)",
      "関係課 (B)",
      "取組の方針と内容 (C)",
      "R1年度取組内容 (D)",
    ];
    row5.forEach((text, i) => {
      expect(table.getCell(5, i + 1).value).toBe(text);
    });
    expect(table.getCell("G5").value).toBe("数値目標等 (E)");
    expect(["G6", "H6", "I6", "J6"].map((a) => table.getCell(a).value)).toEqual([
      "項目",
      "当初 (H27末)",
      "目標 (R3末)",
      "現状値 (R1末)",
    ]);
    expect(["K5", "L5", "M5"].map((a) => table.getCell(a).value)).toEqual([
      "進捗状況 (F)",
      "本部会意見 (G)",
      "R2年度目標 (H)",
    ]);
  });

  it("merges (E) over its four KPI columns and every other header over both header rows", () => {
    const merges = table.model.merges;
    expect(merges).toContain("G5:J5");
    for (const col of ["A", "B", "C", "D", "E", "F", "K", "L", "M"])
      expect(merges).toContain(`${col}5:${col}6`);
  });

  it("writes one sub-row per KPI and merges each initiative's cells over its KPI rows", () => {
    // No.1 has three KPIs on rows 7–9; No.2 starts on row 10.
    expect(table.getCell("B7").value).toBe(1);
    expect(table.getCell("C7").value).toBe("産・学・官連携体制の推進");
    expect(table.getCell("D7").value).toBe("政策企画課\n関係各課");
    expect(["G7", "H7", "I7", "J7"].map((a) => table.getCell(a).value)).toEqual([
      "産・学・官連携協定(※)件数",
      "52件",
      "62件",
      "66件",
    ]);
    expect(table.getCell("G9").value).toBe("北坂戸にぎわいサロンの利用者数");
    expect(table.getCell("K7").value).toBe("B");
    expect(table.getCell("B10").value).toBe(2);
    expect(table.getCell("K10").value).toBe("C");
    const merges = table.model.merges;
    for (const col of ["B", "C", "D", "E", "F", "K", "L", "M"]) expect(merges).toContain(`${col}7:${col}9`);
    // KPI cells are never merged.
    expect(merges.some((m) => /^[G-J]7:/.test(m))).toBe(false);
  });

  it("merges the policy cell over all rows of its initiatives", () => {
    // (ア) holds No.1–7 with 3+3+3+3+2+2+3 = 19 KPI rows: rows 7–25; (イ) starts on row 26.
    expect(table.getCell("A7").value).toBe("(ア) 市民と行政との協働体制の確立");
    expect(table.model.merges).toContain("A7:A25");
    expect(table.getCell("A26").value).toBe("(イ) 効率的な自治体運営");
  });

  it("keeps the relisted marker in the KPI cell", () => {
    // No.5 has two KPIs (rows 19–20); No.6 (rows 21–22) relists 北坂戸にぎわいサロンの利用者数.
    expect(table.getCell("B21").value).toBe(6);
    expect(table.getCell("G22").value).toBe("北坂戸にぎわいサロンの利用者数(再掲)");
  });

  it("wraps text, aligns it to the top and draws thin borders", () => {
    const cell = table.getCell("F7");
    expect(cell.alignment).toMatchObject({ wrapText: true, vertical: "top" });
    expect(cell.border?.top?.style).toBe("thin");
    expect(table.getCell("H7").alignment?.horizontal).toBe("right");
  });

  it("takes the column widths from the column model", () => {
    expect(table.getColumn(1).width).toBe(14);
    expect(table.getColumn(6).width).toBe(40);
    expect(table.getColumn(11).width).toBe(10);
  });

  it("sets rows as tall as the longest text of each initiative, and no taller", async () => {
    const heights = [7, 8, 9].map((r) => table.getRow(r).height ?? 0);
    // No.1's activities (D) are its tallest cell: as many lines as the PDF's line breaker makes of
    // them in the column, at 1.2 em a line; each row is rounded up to a whole point.
    const measurer = await sharedMeasurer();
    const activities = seedDocument().policies[0]?.initiatives[0]?.activities ?? "";
    const lines = wrappedLineCount(measurer, {
      text: activities,
      width: 40,
      size: 9,
      font: FONT_REGULAR,
      breaks: "paragraph",
    });
    expect(lines).toBeGreaterThan(10);
    const total = heights.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(heightForLines(lines, 9));
    expect(total).toBeLessThan(heightForLines(lines, 9) + 3);
  });

  it("prints on A3 landscape, one page wide, repeating note, legend and headers on every page", () => {
    const setup = table.pageSetup;
    expect(setup.paperSize).toBe(8);
    expect(setup.orientation).toBe("landscape");
    expect(setup.fitToPage).toBe(true);
    expect(setup.fitToWidth).toBe(1);
    expect(setup.fitToHeight).toBe(0);
    expect(setup.printTitlesRow).toBe("2:6");
  });

  it("breaks printed pages between initiatives only, never inside one", () => {
    // exceljs does not read page breaks back: they are taken from the sheet's XML.
    const xml = zipEntry(bytes, "xl/worksheets/sheet1.xml");
    const breaks = [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]));
    // The seed's 24 initiatives fill about four A3 pages.
    expect(breaks.length).toBeGreaterThanOrEqual(2);
    const summaryGap = table.getSheetValues().findIndex((r) => Array.isArray(r) && r[7] === "本部会評価") - 1;
    expect(summaryGap).toBeGreaterThan(7);
    for (const row of breaks) {
      // A break goes below `row`: the next row starts an initiative (a No. in B) or the summary.
      const next = table.getCell(row + 1, 2).value;
      expect(typeof next === "number" || row + 1 === summaryGap, `break below row ${row}`).toBe(true);
    }
  });

  it("freezes the header rows", () => {
    expect(table.views[0]).toMatchObject({ state: "frozen", ySplit: 6 });
  });

  it("ends with the 本部会評価 counts and the as-of date", () => {
    const rows = table.getSheetValues();
    // Under 項目 (G) and 当初・目標・現状値・進捗状況 (H–K).
    const at = rows.findIndex((row) => Array.isArray(row) && row[7] === "本部会評価");
    expect(at).toBeGreaterThan(0);
    const labels = table.getRow(at).values as unknown[];
    const counts = table.getRow(at + 1).values as unknown[];
    expect(labels.slice(8, 12)).toEqual(["A 順調", "B ほぼ順調", "C やや遅れ", "D 停滞"]);
    expect(counts.slice(8, 12)).toEqual([8, 10, 5, 1]);
    expect(table.getCell(at + 3, 1).value).toBe("令和2年3月31日現在");
  });

  /** The analysis sheet's cell under a header, in the row whose 項目 (E) is `kpiName`. */
  function kpiCell(kpiName: string, header: string): ExcelJS.Cell {
    const headers = kpis.getRow(1).values as unknown[];
    const column = headers.indexOf(header);
    const name = headers.indexOf("項目 (E)");
    const row = kpis.getSheetValues().findIndex((r) => Array.isArray(r) && r[name] === kpiName);
    if (column < 1 || row < 2) throw new Error(`no cell ${header} for ${kpiName}`);
    return kpis.getRow(row).getCell(column);
  }

  it("gives the four grades of the summary columns of about one width (D 停滞 was 3.7 × B)", () => {
    const widths = [8, 9, 10, 11].map((c) => table.getColumn(c).width ?? 0);
    expect(Math.max(...widths) / Math.min(...widths)).toBeLessThanOrEqual(1.3);
  });

  it("writes the flat KPI rows with numbers as number cells, an autofilter and a frozen header", () => {
    const headers = (kpis.getRow(1).values as unknown[]).slice(1);
    // The CSV's columns (src/io/kpi-rows.ts), named as the table names them with the round's years.
    // The code and the name of the municipality first (自治体標準オープンデータセット), then the plan.
    expect(headers).toHaveLength(33);
    expect(headers.slice(0, 2)).toEqual(["全国地方公共団体コード", "地方公共団体名"]);
    expect(headers.slice(8, 14)).toEqual([
      "基本方針",
      "No.",
      "取組項目 (A)",
      "関係課 (B)",
      "取組の方針と内容 (C)",
      "R1年度取組内容 (D)",
    ]);
    // 62 KPIs, every initiative of the seed has at least one.
    expect(kpis.rowCount).toBe(63);
    expect(kpis.autoFilter).toBe("A1:AG63");
    expect(kpis.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    // No.5's second KPI: 団体補助金額 76,006千円 → 75,683千円, in yen.
    expect(kpiCell("団体補助金額", "当初 (H27末)").value).toBe("76,006千円");
    expect(kpiCell("団体補助金額", "単位").value).toBe("円");
    expect(kpiCell("団体補助金額", "当初 (H27末) 数値").value).toBe(76_006_000);
    expect(kpiCell("団体補助金額", "当初 (H27末) 数値").type).toBe(ExcelJS.ValueType.Number);
    expect(kpiCell("団体補助金額", "現状値 (R1末) 数値").value).toBe(75_683_000);
    // 縮小 met: a status without a percentage.
    expect(kpiCell("団体補助金額", "達成状況").value).toBe("達成");
    expect(kpiCell("団体補助金額", "算出方法").value).toBe("方向");
    expect(kpiCell("団体補助金額", "達成率（%）").value).toBeNull();
    // 審議会等の公募市民割合 5.7% → 6.0%, current 6.0%: a percentage as its number, achievement 100.0 %.
    const share = (header: string) => kpiCell("審議会等の公募市民割合", header);
    expect(share("当初 (H27末) 数値").value).toBe(5.7);
    expect(share("単位").value).toBe("%");
    expect(share("達成状況").value).toBe("達成");
    expect(share("達成率（%）").value).toBe(100);
    expect(share("達成率（%）").numFmt).toBe("0.0");
    // No.4, graded A.
    expect(share("進捗状況の名称").value).toBe("順調");
    expect(share("年度").value).toBe(2019);
    expect(share("年度（和暦）").value).toBe("令和元年度");
    expect(share("基準日").value).toBe("2020-03-31");
    // 7-2 リサイクル率: −650.0 as in the CSV and on the page, with the status that explains it.
    expect(kpiCell("リサイクル率", "達成率（%）").value).toBe(-650);
    expect(kpiCell("リサイクル率", "達成状況").value).toBe("後退（当初より悪化）");
    expect(kpiCell("リサイクル率", "計画期間の経過率（%）").value).toBe(60);
    expect(kpiCell("リサイクル率", "経過率との比較").value).toBe("想定より遅れ");
  });

  it("describes every column of the analysis sheet in 「列の説明」", () => {
    const notes = sheetOf(workbook, "列の説明");
    const names = notes.getColumn(1).values.slice(2);
    expect(names).toEqual((kpis.getRow(1).values as unknown[]).slice(1));
    const row = names.indexOf("達成率（%）") + 2;
    expect(notes.getCell(row, 2).value).toBe("数値（%）");
    expect(String(notes.getCell(row, 3).value)).toContain("100.0で目標どおり");
  });

  it("sets the workbook properties", () => {
    expect(workbook.creator).toBe("Shinchoku");
    expect(workbook.title).toBe("行政改革後期アクションプラン");
    expect(workbook.created.toISOString()).toBe("2020-04-01T00:00:00.000Z");
  });
});

describe("exportXlsx: texts that trip up spreadsheets", () => {
  let table: ExcelJS.Worksheet;
  let kpis: ExcelJS.Worksheet;
  let diagnostics: Awaited<ReturnType<typeof renderXlsx>>["diagnostics"];

  beforeAll(async () => {
    const result = await renderXlsx(oddTextDocument());
    diagnostics = result.diagnostics;
    const workbook = await load(result.buffer);
    table = sheetOf(workbook, "進行管理集計表");
    kpis = sheetOf(workbook, "数値目標一覧");
  });

  it("stores text beginning with = + - @ as strings, never as formulas", () => {
    for (const [address, text] of [
      ["C7", "=1+1"],
      ["D7", "+SUM(A1)"],
      ["E7", "-2+3"],
      ["F7", "@cmd"],
      ["G7", '=HYPERLINK("http://example.com")'],
      ["H7", "-5%"],
      ["J7", "@SUM(1)"],
    ] as const) {
      const cell = table.getCell(address);
      expect(cell.type, address).toBe(ExcelJS.ValueType.String);
      expect(cell.value, address).toBe(text);
      expect(cell.formula, address).toBeUndefined();
    }
    // 取組項目 (A) is the analysis sheet's column J.
    expect(kpis.getCell("K1").value).toBe("取組項目 (A)");
    expect(kpis.getCell("K2").type).toBe(ExcelJS.ValueType.String);
    expect(kpis.getCell("K2").value).toBe("=1+1");
  });

  it("keeps emoji and line breaks", () => {
    expect(table.getCell("L7").value).toBe("達成🎉おめでとう");
    expect(table.getCell("M7").value).toBe("1行目\n2行目\n3行目");
  });

  it("keeps a negative percentage readable as a number in the analysis sheet", () => {
    expect(kpis.getCell("U1").value).toBe("当初 (H27末) 数値");
    expect(kpis.getCell("U2").value).toBe(-5);
  });

  it("cuts a text longer than 32,767 characters there, with a marker and a warning naming the cell", () => {
    // No.2 has no KPI: one row (8); its activities (D) are 40,000 characters.
    const text = String(table.getCell("F8").value);
    expect(LONG_TEXT.length).toBe(40_000);
    expect(text.length).toBeLessThanOrEqual(32_767);
    expect(text.length).toBeGreaterThan(32_700);
    expect(text.startsWith("長長長")).toBe(true);
    expect(text.endsWith("以下を省略しました）")).toBe(true);
    const cut = diagnostics.filter((d) => d.code === "xlsx.cell-truncated");
    expect(cut.map((d) => `${d.sheet}!${d.cell}`)).toEqual(["進行管理集計表!F8", "数値目標一覧!N3"]);
    expect(cut[0]?.severity).toBe("warning");
    expect(cut[0]?.message).toContain("32,767");
  });

  it("writes an initiative without KPIs as one row with empty KPI cells and no grade", () => {
    expect(table.getCell("B8").value).toBe(2);
    expect(table.getCell("G8").value).toBe("");
    expect(table.getCell("K8").value).toBe("");
    expect(table.getCell("B9").value).toBe(3);
  });
});
