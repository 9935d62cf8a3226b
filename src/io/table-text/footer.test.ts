import { describe, expect, it } from "vitest";
import { parseFooter } from "./footer.ts";

describe("parseFooter: 本部会評価 A B C D", () => {
  it.each([
    [["本部会評価 8 10 5 1"]],
    [["本部会評価8 10 5 1"]],
    [["本部会評価　８　１０　５　１"]],
    [["本部会評価", "8", "10", "5", "1"]],
    [["本部会評価 A 8 B 10 C 5 D 1"]],
    [["本部会評価 A:8件 B:10件 C:5件 D:1件"]],
  ])("%j", (cells) => {
    expect(parseFooter(cells)).toEqual({ A: 8, B: 10, C: 5, D: 1 });
  });

  it("refuses a line without exactly four counts", () => {
    expect(parseFooter(["本部会評価 8 10 5"])).toBeUndefined();
    expect(parseFooter(["本部会評価 A 8 B 10 C 5"])).toBeUndefined();
    expect(parseFooter(["本部会評価"])).toBeUndefined();
  });
});
