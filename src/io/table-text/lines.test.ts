import { describe, expect, it } from "vitest";
import { classifyCells, readLines, splitCells, splitLines } from "./lines.ts";

const kind = (line: string) => classifyCells(splitCells(line));

describe("splitLines", () => {
  it("splits on LF, CRLF and CR alike", () => {
    expect(splitLines("a\nb\r\nc\rd")).toEqual(["a", "b", "c", "d"]);
  });

  it("does not add an empty line after a final line break, but keeps inner empty lines", () => {
    expect(splitLines("a\n\nb\n")).toEqual(["a", "", "b"]);
  });
});

describe("splitCells", () => {
  it("trims surrounding white space of each cell, including the ideographic space", () => {
    expect(splitCells(" A・B \t\u3000政策企画課 関係各課\u3000\t")).toEqual([
      "A・B",
      "政策企画課 関係各課",
      "",
    ]);
  });
});

describe("classifyCells: the page furniture of the seed", () => {
  it.each([
    ["", "blank"],
    ["\t\t\t", "blank"],
    ["行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）", "title"],
    ["A・B・C及びE(項目・当初・目標)はアクションプランからの転記項目", "note"],
    ["【項目進捗】", "section"],
    [" アクションプラン計画期間中の取組項目進捗状況", "section"],
    ["【項目進捗】アクションプラン計画期間中の取組項目進捗状況", "section"],
    [" A 順調 B ほぼ順調 C やや遅れ D 停滞", "legend"],
    ["Ａ　順調　Ｂ　ほぼ順調　Ｃ　やや遅れ　Ｄ　停滞", "legend"],
    [
      "基本方針\tNo.\t取組項目 (A)\t関係課 (B)\t取組の方針と内容 (C)\tR1年度取組内容 (D)\t数値目標等 (E)\t\t\t\t進捗状況 (F)\t本部会意見 (G)\tR2年度目標 (H)",
      "header",
    ],
    ["基本方針\tＮｏ．\t取組項目（Ａ）\t関係課（Ｂ）\t取組の方針と内容（Ｃ）", "header"],
    ["\t\t\t\t\t\t項目\t当初 (H27末)\t目標 (R3末)\t現状値 (R1末)\t\t\t", "subheader"],
    ["\t\t\t\t\t\t項目\t当初（Ｈ２７末）\t目標（Ｒ３末）\t現状値（Ｒ１末）", "subheader"],
    ["本部会評価 8 10 5 1", "footer"],
    ["本部会評価　８　１０　５　１", "footer"],
    ["本部会評価\t8\t10\t5\t1", "footer"],
  ])("%j is %s", (line, expected) => {
    expect(kind(line)).toBe(expected);
  });
});

describe("classifyCells: data", () => {
  it("an initiative row is a row", () => {
    expect(kind("(ア) 市民と行政との協働体制の確立\t1\t産・学・官連携体制の推進\t政策企画課 関係各課")).toBe(
      "row",
    );
  });

  it("a KPI continuation row is a row, whatever its leading tabs", () => {
    expect(kind("\t\t\t\t\tリサイクル率\t29.6%\t30%以上\t27.0%")).toBe("row");
    expect(kind("接遇の充実\t実施\t拡大\t実施\t\t\t")).toBe("row");
  });

  it("a lone cell of other text is text", () => {
    expect(kind("備考: 数値は速報値")).toBe("text");
  });
});

describe("readLines", () => {
  it("numbers lines from 1 and classifies each", () => {
    const lines = readLines("\n【項目進捗】\n\t1\t取組");
    expect(lines.map((l) => [l.number, l.kind])).toEqual([
      [1, "blank"],
      [2, "section"],
      [3, "row"],
    ]);
  });
});

describe("quoted cells (Excel's export of cells with line breaks)", () => {
  it("joins a quoted cell over line breaks, unescapes doubled quotes, and numbers the record by its first line", () => {
    const text = 'head\n\t1\t"活動1行目\n活動2行目"\t"意見 ""引用"" です"\tB\nnext';
    expect(readLines(text).map((l) => [l.number, l.cells])).toEqual([
      [1, ["head"]],
      [2, ["", "1", "活動1行目\n活動2行目", '意見 "引用" です', "B"]],
      [4, ["next"]],
    ]);
  });

  it("reads a quote that does not open a quoted cell literally", () => {
    expect(readLines('"いいねさかど"マップ\tx\n"閉じない\ty').map((l) => l.cells)).toEqual([
      ['"いいねさかど"マップ', "x"],
      ['"閉じない', "y"],
    ]);
  });
});
