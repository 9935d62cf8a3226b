import { describe, expect, it } from "vitest";
import { withUnit, yearColumns } from "./header-years.ts";
import type { SheetRow } from "./sheet.ts";

describe("withUnit", () => {
  it("appends the unit column's text to a bare number, and leaves every other value as written", () => {
    const cases: [string, string, string][] = [
      ["42", "件", "42件"],
      ["42件", "件", "42件"],
      ["", "件", ""],
      ["1,200", "人", "1,200人"],
      ["72.5", "%", "72.5%"],
      ["80以上", "%", "80%以上"],
      ["約3.5", "万人", "約3.5万人"],
      ["４２", "件", "４２件"],
      ["42", "（件）", "42件"],
      ["42", "", "42"],
      ["42", "―", "42"],
      ["42人", "件", "42人"],
      ["実施", "件", "実施"],
      ["-", "件", "-"],
      ["52(H27年度)", "件", "52(H27年度)"],
      // Dashes of every width say there is no unit.
      ["42", "－", "42"],
      ["42", "—", "42"],
      ["42", "–", "42"],
      ["42", "-", "42"],
      ["42", "ー", "42"],
      // So do the words for none.
      ["42", "単位なし", "42"],
      ["42", "無", "42"],
      ["42", "なし", "42"],
      ["42", "（なし）", "42"],
      // A negative as Japanese tables write it, and a number with 万.
      ["▲2.0", "%", "▲2.0%"],
      ["△3", "件", "△3件"],
      ["-1.5", "%", "-1.5%"],
      ["1.2万", "人", "1.2万人"],
      ["約1.2万", "人", "約1.2万人"],
      // A full-width unit is appended as written.
      ["42", "％", "42％"],
    ];
    expect(cases.map(([value, unit]) => [value, unit, withUnit(value, unit)])).toEqual(cases);
  });
});

describe("yearColumns", () => {
  const row = (number: number, cells: string[]): SheetRow => ({ number, cells });

  it("lists the header's columns that name a year, with the year each was read as", () => {
    const rows = [
      row(1, ["ひかり市行政改革推進計画 取組状況一覧（令和元年度）"]),
      row(2, [
        "No.",
        "取組項目",
        "単位",
        "基準値（H27）",
        "目標値（R3）",
        "H29実績",
        "H30実績",
        "R1実績",
        "評価",
      ]),
      row(3, ["1", "窓口", "%", "72.5", "80", "74.1", "75.0", "76.3", "A"]),
    ];
    expect(yearColumns(rows, 2).map((y) => [y.letter, y.header, y.fiscalYear])).toEqual([
      ["D", "基準値（H27）", 2015],
      ["E", "目標値（R3）", 2021],
      ["F", "H29実績", 2017],
      ["G", "H30実績", 2018],
      ["H", "R1実績", 2019],
    ]);
    // The title above the header names a year, but no column's.
    expect(yearColumns(rows, 1)).toEqual([]);
  });

  it("reads a year under a group heading (実績値 over H29 / H30 / R1)", () => {
    const rows = [row(1, ["No.", "指標", "実績値", "", ""]), row(2, ["", "", "H29", "H30", "R1"])];
    expect(yearColumns(rows, 2).map((y) => [y.letter, y.header, y.fiscalYear])).toEqual([
      ["C", "H29", 2017],
      ["D", "H30", 2018],
      ["E", "R1", 2019],
    ]);
  });
});
