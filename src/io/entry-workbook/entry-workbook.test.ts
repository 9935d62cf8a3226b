import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { DEFAULT_GRADE_SCALE, type GradeLevel } from "../../domain/grade.ts";
import type { EntryWorkbookModel } from "./model.ts";
import { readEntryWorkbook } from "./read.ts";
import { writeEntryWorkbook } from "./write.ts";

/**
 * The entry workbook on its own (no store): what is written where, what is locked, the grade list,
 * the hidden identity, and what reading it back finds. The model is written by hand after the
 * factory's No.1 (政策企画課, two KPIs) and No.4 (which lists No.1's salon KPI again as 再掲).
 */
const MODEL: EntryWorkbookModel = {
  identity: {
    organizationId: 7,
    organizationName: "坂戸市",
    planId: 3,
    planTitle: "行政改革後期アクションプラン",
    fiscalYear: 2020,
    roundId: 11,
    departmentId: 5,
    departmentName: "政策企画課",
    createdAt: "2026-12-02T01:00:00.000Z",
  },
  asOf: "2021-03-31",
  asksNextYearGoal: true,
  gradeScale: DEFAULT_GRADE_SCALE,
  initiatives: [
    {
      number: 1,
      title: "産・学・官連携体制の推進",
      departments: ["政策企画課", "関係各課"],
      reportVersion: 4,
      activities: "",
      selfGrade: null,
      selfGradeReason: "",
      nextYearGoal: "",
      kpis: [
        {
          kpiId: 21,
          label: "産・学・官連携協定(※)件数",
          baseline: "52件",
          target: "62件",
          current: "",
          version: null,
          lastYear: "66件",
        },
        {
          kpiId: 22,
          label: "北坂戸にぎわいサロンの利用者数",
          baseline: "11,007人",
          target: "13,000人",
          current: "4,120人",
          version: 2,
          lastYear: "9,797人",
        },
      ],
      lastYear: {
        activities: "城西大学をはじめ市内及び近隣の大学と協働した。",
        grade: "B",
        nextYearGoal: "市内3大学を中心に更なる連携強化に取り組む。",
      },
    },
    {
      number: 4,
      title: "住宅(団)地対応の推進",
      departments: ["政策企画課", "都市計画課", "関係各課"],
      reportVersion: 1,
      activities: "団地の現状を調べた。",
      selfGrade: "C",
      selfGradeReason: "",
      nextYearGoal: "",
      kpis: [
        {
          kpiId: 22,
          label: "北坂戸にぎわいサロンの利用者数(再掲)",
          baseline: "11,007人",
          target: "13,000人",
          current: "4,120人",
          version: 2,
          lastYear: "9,797人",
        },
      ],
    },
  ],
};

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  return workbook;
}

async function edited(bytes: Uint8Array, edit: (sheet: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
  const workbook = await load(bytes);
  const sheet = workbook.getWorksheet("入力票");
  if (!sheet) throw new Error("no input sheet");
  edit(sheet, workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("the entry workbook", () => {
  it("writes each field's row with last year's value beside it, only the input cells unlocked", async () => {
    const bytes = await writeEntryWorkbook(MODEL);
    const workbook = await load(bytes);
    const sheet = workbook.getWorksheet("入力票");
    if (!sheet) throw new Error("no input sheet");
    const text = (address: string) => String(sheet.getCell(address).value ?? "");
    expect(text("A1")).toBe("行政改革後期アクションプラン　令和2年度 進行管理 入力票");
    expect(text("A2")).toBe(
      "自治体：坂戸市　所管課：政策企画課　年度：令和2年度（令和3年3月31日現在）　作成：令和8年12月2日",
    );
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => text(`${String.fromCharCode(64 + c)}4`))).toEqual([
      "No.",
      "取組項目",
      "入力する項目",
      "当初",
      "目標",
      "前年度の値（参考）",
      "今年度の入力（黄色のセル）",
      "前年度に定めた目標 (H)（参考）",
    ]);
    // No.1: (D), two KPIs, own view, its reason, (H) — rows 5 to 10.
    expect([5, 6, 7, 8, 9, 10].map((r) => text(`C${r}`))).toEqual([
      "(D) 令和2年度取組内容",
      "現状値：産・学・官連携協定(※)件数",
      "現状値：北坂戸にぎわいサロンの利用者数",
      "所管課の自己評価（A・B・C・D）",
      "自己評価の理由",
      "(H) 令和3年度目標",
    ]);
    expect(sheet.getCell("A5").value).toBe(1);
    expect(text("F5")).toBe("城西大学をはじめ市内及び近隣の大学と協働した。");
    expect([text("D6"), text("E6"), text("F6"), text("G6")]).toEqual(["52件", "62件", "66件", ""]);
    expect(text("G7")).toBe("4,120人");
    expect(text("F8")).toBe("本部会評価 B ほぼ順調");
    expect(text("H5")).toBe("市内3大学を中心に更なる連携強化に取り組む。");
    // No.4 starts at row 11; its 再掲 line is entered on No.1's row.
    expect(sheet.getCell("A11").value).toBe(4);
    expect(text("G12")).toBe("（G7 で入力します：同じ数値目標の再掲）");
    expect(text("G13")).toBe("C");

    // Locked everywhere but the yellow input cells; the sheet is protected (no password).
    const unlocked = (address: string) => sheet.getCell(address).protection?.locked === false;
    for (const address of ["G5", "G6", "G7", "G8", "G9", "G10", "G11", "G13", "G14", "G15"])
      expect(unlocked(address), address).toBe(true);
    for (const address of ["A5", "B5", "C5", "D6", "E6", "F5", "H5", "G12", "A2", "G4"])
      expect(unlocked(address), address).toBe(false);
    expect((sheet as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection).toMatchObject({
      sheet: true,
    });
    expect(
      (sheet as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection.hashValue,
    ).toBeUndefined();

    // The grade cells take A–D from a list.
    for (const address of ["G8", "G13"]) {
      expect(sheet.getCell(address).dataValidation).toMatchObject({
        type: "list",
        formulae: ['"A,B,C,D"'],
        showErrorMessage: true,
      });
    }
    expect(sheet.getCell("G6").numFmt).toBe("@");

    // Printed A3 landscape, one page wide, the header row on every page.
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 8,
      orientation: "landscape",
      fitToWidth: 1,
      printTitlesRow: "4:4",
    });

    // The identity, very hidden.
    const meta = workbook.getWorksheet("_shinchoku");
    expect(meta?.state).toBe("veryHidden");
    const m = (address: string) => meta?.getCell(address).value;
    expect([m("B1"), m("B2"), m("B3"), m("B4"), m("B5"), m("B6"), m("C6")]).toEqual([
      "shinchoku.entry-workbook/1",
      7,
      3,
      2020,
      11,
      5,
      "政策企画課",
    ]);
    // One row per input cell, with the versions it was made from.
    expect([m("A10"), m("B10"), m("C10"), m("E10")]).toEqual(["G5", 1, "activities", 4]);
    expect([m("A12"), m("C12"), m("D12"), m("F12")]).toEqual(["G7", "kpi", 22, 2]);
    expect([m("A11"), m("D11"), m("F11")]).toEqual(["G6", 21, null]);
  });

  it("reads back an untouched workbook as changing nothing, and edited cells as edited", async () => {
    const bytes = await writeEntryWorkbook(MODEL);
    const untouched = await readEntryWorkbook(bytes);
    if (!untouched.ok) throw new Error(JSON.stringify(untouched.problems));
    expect(untouched.workbook.identity).toMatchObject({ organizationId: 7, planId: 3, departmentId: 5 });
    expect(untouched.workbook.fields.filter((f) => f.edited)).toEqual([]);
    expect(untouched.workbook.fields.map((f) => f.cell)).toEqual([
      "G5",
      "G6",
      "G7",
      "G8",
      "G9",
      "G10",
      "G11",
      "G13",
      "G14",
      "G15",
    ]);

    const changed = await edited(bytes, (sheet) => {
      sheet.getCell("G5").value = "大学と連携協定を4件締結した。\r\nにぎわいサロンを運営した。";
      sheet.getCell("G6").value = 70;
      sheet.getCell("G8").value = "ｂ";
    });
    const read = await readEntryWorkbook(changed);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const fields = read.workbook.fields.filter((f) => f.edited);
    expect(fields.map((f) => [f.cell, f.field, f.kpiId, f.value])).toEqual([
      ["G5", "activities", null, "大学と連携協定を4件締結した。\nにぎわいサロンを運営した。"],
      ["G6", "kpi", 21, "70"],
      ["G8", "selfGrade", null, "B"],
    ]);
    expect(fields[1]).toMatchObject({ reportVersion: 4, kpiVersion: null });
  });

  it("refuses a grade outside the scale, a row moved, an error value, and a file that is not an entry workbook, naming the cell", async () => {
    const bytes = await writeEntryWorkbook(MODEL);
    const problems = async (edit: (sheet: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) => {
      const read = await readEntryWorkbook(await edited(bytes, edit));
      return read.ok ? [] : read.problems.map((p) => [p.sheet, p.cell, p.message]);
    };
    expect(
      await problems((sheet) => {
        sheet.getCell("G8").value = "E";
      }),
    ).toEqual([
      [
        "入力票",
        "G8",
        "No.1：自己評価「E」は、この計画の評価の区分にありません。A・B・C・D のどれかを一覧から選んでください（空欄でもかまいません）。",
      ],
    ]);
    expect(
      await problems((sheet) => {
        sheet.getCell("G6").value = "x".repeat(1001);
      }),
    ).toEqual([["入力票", "G6", "No.1：現状値は1,000文字以内にしてください（いまは1,001文字）。"]]);
    const moved = await problems((sheet) => {
      sheet.getCell("C9").value = "(H) 令和3年度目標";
    });
    expect(moved[0]?.slice(0, 2)).toEqual(["入力票", "C9"]);
    expect(
      await problems((sheet) => {
        sheet.getCell("G10").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellValue;
      }),
    ).toEqual([["入力票", "G10", "セルがエラー値（#DIV/0!）です。文字で入力してください。"]]);
    expect(
      await problems((_sheet, workbook) => {
        const meta = workbook.getWorksheet("_shinchoku");
        if (meta) meta.getCell("B6").value = "政策企画課";
      }),
    ).toEqual([
      [
        "_shinchoku",
        "B6",
        "入力票の情報（所管課）を読み取れません。このシートは変更しないでください。新しい入力票をダウンロードし直してください。",
      ],
    ]);

    const other = new ExcelJS.Workbook();
    other.addWorksheet("Sheet1").getCell("A1").value = "No.";
    const foreign = await readEntryWorkbook(new Uint8Array(await other.xlsx.writeBuffer()));
    expect(foreign.ok).toBe(false);
    if (!foreign.ok) expect(foreign.problems[0]?.message).toContain("シート「_shinchoku」がありません");
    const notZip = await readEntryWorkbook(new TextEncoder().encode("No.\t取組項目\n"));
    expect(notZip.ok ? "" : notZip.problems[0]?.message).toMatch(
      /^Excel ファイル（\.xlsx）として読み取れません。/,
    );
  });

  it("offers the plan's own scale (S/A/B/C): the label, the guide, the cell's list, and reads back only its codes", async () => {
    const SABC: GradeLevel[] = [
      { code: "S", label: "達成" },
      { code: "A", label: "概ね達成" },
      { code: "B", label: "やや遅れ" },
      { code: "C", label: "未達成" },
    ];
    const model: EntryWorkbookModel = { ...MODEL, gradeScale: SABC };
    const bytes = await writeEntryWorkbook(model);
    const workbook = await load(bytes);
    const sheet = workbook.getWorksheet("入力票");
    if (!sheet) throw new Error("no input sheet");
    expect(sheet.getCell("C8").value).toBe("所管課の自己評価（S・A・B・C）");
    expect(String(sheet.getCell("A3").value)).toContain(
      "自己評価は一覧から選びます：S 達成／A 概ね達成／B やや遅れ／C 未達成。",
    );
    // Last year's committee grade B, told in this plan's words.
    expect(sheet.getCell("F8").value).toBe("本部会評価 B やや遅れ");
    for (const address of ["G8", "G13"])
      expect(sheet.getCell(address).dataValidation).toMatchObject({
        type: "list",
        formulae: ['"S,A,B,C"'],
        error:
          "S・A・B・C のどれか（S 達成／A 概ね達成／B やや遅れ／C 未達成）を選んでください。空欄でもかまいません。",
        prompt: "S 達成／A 概ね達成／B やや遅れ／C 未達成",
      });
    const meta = workbook.getWorksheet("_shinchoku");
    expect(["A8", "B8", "C8", "D8", "E8"].map((a) => meta?.getCell(a).value)).toEqual([
      "gradeScale",
      "S",
      "A",
      "B",
      "C",
    ]);

    const filled = await edited(bytes, (input) => {
      input.getCell("G8").value = "S";
      input.getCell("G13").value = "ｃ（未達成）";
    });
    const read = await readEntryWorkbook(filled, { gradeScale: SABC });
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.workbook.fields.filter((f) => f.edited).map((f) => [f.cell, f.field, f.value])).toEqual([
      ["G8", "selfGrade", "S"],
      ["G13", "selfGrade", "C"],
    ]);

    // D is the default scale's, not this plan's: refused, naming the cell and the plan's codes.
    const refused = await readEntryWorkbook(
      await edited(bytes, (input) => {
        input.getCell("G8").value = "D";
      }),
      { gradeScale: SABC },
    );
    expect(refused.ok ? [] : refused.problems).toEqual([
      {
        sheet: "入力票",
        cell: "G8",
        message:
          "No.1：自己評価「D」は、この計画の評価の区分にありません。S・A・B・C のどれかを一覧から選んでください（空欄でもかまいません）。",
      },
    ]);
  });

  it("offers ◎○△× and reads a look-alike 〇 as ○; a code with a comma is listed from the hidden sheet", async () => {
    const MARKS: GradeLevel[] = [
      { code: "◎", label: "順調" },
      { code: "○", label: "概ね順調" },
      { code: "△", label: "遅れ" },
      { code: "×", label: "停止" },
    ];
    const bytes = await writeEntryWorkbook({ ...MODEL, gradeScale: MARKS });
    const sheet = (await load(bytes)).getWorksheet("入力票");
    expect(sheet?.getCell("C8").value).toBe("所管課の自己評価（◎・○・△・×）");
    expect(sheet?.getCell("G8").dataValidation).toMatchObject({ type: "list", formulae: ['"◎,○,△,×"'] });
    const read = await readEntryWorkbook(
      await edited(bytes, (input) => {
        input.getCell("G8").value = "〇";
        input.getCell("G13").value = "△ 遅れ";
      }),
      { gradeScale: MARKS },
    );
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.workbook.fields.filter((f) => f.edited).map((f) => [f.cell, f.value])).toEqual([
      ["G8", "○"],
      ["G13", "△"],
    ]);
    const refused = await readEntryWorkbook(
      await edited(bytes, (input) => {
        input.getCell("G13").value = "B";
      }),
      { gradeScale: MARKS },
    );
    expect(refused.ok ? [] : refused.problems.map((p) => [p.cell, p.message])).toEqual([
      [
        "G13",
        "No.4：自己評価「B」は、この計画の評価の区分にありません。◎・○・△・× のどれかを一覧から選んでください（空欄でもかまいません）。",
      ],
    ]);

    const comma: GradeLevel[] = [
      { code: "1,0", label: "" },
      { code: "0,5", label: "" },
      { code: "0", label: "" },
    ];
    const listed = (await load(await writeEntryWorkbook({ ...MODEL, gradeScale: comma }))).getWorksheet(
      "入力票",
    );
    expect(listed?.getCell("G8").dataValidation?.formulae).toEqual(["'_shinchoku'!$B$8:$D$8"]);
  });
});
