import { describe, expect, it } from "vitest";
import { parseHeader, parseSubheader } from "./header.ts";
import { splitCells } from "./lines.ts";

const header = splitCells(
  "基本方針\tNo.\t取組項目 (A)\t関係課 (B)\t取組の方針と内容 (C)\tR1年度取組内容 (D)\t数値目標等 (E)\t\t\t\t進捗状況 (F)\t本部会意見 (G)\tR2年度目標 (H)",
);

describe("parseHeader", () => {
  it("reads the field order and the years of (D) and (H)", () => {
    const info = parseHeader(header, 11);
    expect(info.order).toEqual(["A", "B", "C", "D", "E", "F", "G", "H"]);
    expect(info.labels.D).toBe("R1年度取組内容 (D)");
    expect(info.activitiesFiscalYear).toBe(2019);
    expect(info.nextGoalFiscalYear).toBe(2020);
  });

  it("reads full-width headers and a layout without the (B) column", () => {
    const info = parseHeader(
      splitCells(
        "基本方針\tＮｏ．\t取組項目（Ａ）\t取組の方針と内容（Ｃ）\t令和2年度取組内容（Ｄ）\t数値目標等（Ｅ）\t進捗状況（Ｆ）",
      ),
      1,
    );
    expect(info.order).toEqual(["A", "C", "D", "E", "F"]);
    expect(info.activitiesFiscalYear).toBe(2020);
  });
});

describe("parseSubheader", () => {
  it("reads the years of 当初, 目標 and 現状値", () => {
    const info = parseSubheader(
      splitCells("\t\t\t\t\t\t項目\t当初 (H27末)\t目標 (R3末)\t現状値 (R1末)\t\t\t"),
      12,
    );
    expect(info.baseline).toEqual({ text: "当初 (H27末)", fiscalYear: 2015 });
    expect(info.target).toEqual({ text: "目標 (R3末)", fiscalYear: 2021 });
    expect(info.current).toEqual({ text: "現状値 (R1末)", fiscalYear: 2019 });
  });

  it("reads full-width brackets and digits", () => {
    const info = parseSubheader(splitCells("項目\t当初（Ｈ２７末）\t目標（Ｒ３末）\t現状値（Ｒ１末）"), 1);
    expect(info.baseline?.fiscalYear).toBe(2015);
    expect(info.current?.fiscalYear).toBe(2019);
  });
});
