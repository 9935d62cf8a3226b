import { describe, expect, it } from "vitest";
import type { SheetRow } from "../../../io/mapping/sheet.ts";
import { guessColumns } from "./column-guess.ts";

const rows = (...lines: string[][]): SheetRow[] => lines.map((cells, i) => ({ number: i + 1, cells }));

describe("the builder's first guess at each field's column", () => {
  it("reads the headers of test/fixtures/mapping/city-marks' table (by hand: one field per column)", () => {
    const header =
      "柱,番号,取組名,担当課,取組の概要,令和4年度の実績,指標,基準値(R1),目標値(R6),実績値(R4),評価,推進委員会の意見,令和5年度の目標".split(
        ",",
      );
    expect(guessColumns(rows(["タイトル"], header), 2)).toEqual({
      policy: "A",
      number: "B",
      title: "C",
      departments: "D",
      description: "E",
      activities: "F",
      kpiName: "G",
      baseline: "H",
      target: "I",
      current: "J",
      grade: "K",
      committeeOpinion: "L",
      nextYearGoal: "M",
    });
  });

  it("a table with a unit column and one column per year: 実績 by year is left to the year boxes", () => {
    const header =
      "No.,取組項目,担当課,指標名,単位,基準値（H27）,目標値（R3）,H29実績,H30実績,R1実績,評価".split(",");
    expect(guessColumns(rows(["ひかり市"], header), 2)).toEqual({
      number: "A",
      title: "B",
      departments: "C",
      kpiName: "D",
      unit: "E",
      baseline: "F",
      target: "G",
      grade: "K",
    });
  });

  it("two header rows read together (数値目標等 over 項目・当初・目標); a header no field knows is left unused", () => {
    const top = ["基本方針", "No.", "取組項目", "数値目標等", "", "", "備考"];
    const bottom = ["", "", "", "項目", "当初", "目標", ""];
    expect(guessColumns(rows(top, bottom), 2)).toEqual({
      policy: "A",
      number: "B",
      title: "C",
      kpiName: "D",
      baseline: "E",
      target: "F",
    });
  });
});
