import { describe, expect, it } from "vitest";
import { seedDocument } from "../../test/factories/test-documents.ts";
import { finerPhrases, phrases } from "./phrases.ts";

describe("phrases: where a line of the progress table may break", () => {
  it("keeps each part of a KPI value whole: the number with its unit, the bracketed part", () => {
    // The seed's values that screen, print and PDF cut inside a token (issue: 「72事業(累／計215)」,
    // 「93.2% (90.6／%H26.3末)」, 「2,938人 (H／26.6~29.2)」, 「74事務 (1事／務対象外)」, 「1,310,189／人」).
    expect(phrases("1,310,189人", "value")).toEqual(["1,310,189人"]);
    expect(phrases("72事業(累計215)", "value")).toEqual(["72事業", "(累計215)"]);
    expect(phrases("93.2% (90.6%H26.3末)", "value")).toEqual(["93.2% ", "(90.6%H26.3末)"]);
    expect(phrases("2,938人 (H26.6~29.2)", "value")).toEqual(["2,938人 ", "(H26.6~29.2)"]);
    expect(phrases("74事務 (1事務対象外)", "value")).toEqual(["74事務 ", "(1事務対象外)"]);
    expect(phrases("1億円(R2年度)", "value")).toEqual(["1億円", "(R2年度)"]);
    expect(phrases("実施(31年度)", "value")).toEqual(["実施", "(31年度)"]);
    expect(phrases("50回/年", "value")).toEqual(["50回/年"]);
    expect(phrases("-", "value")).toEqual(["-"]);
  });

  it("gives every seed KPI value back whole, with breaks only at a space or before a bracket", () => {
    const kpis = seedDocument().policies.flatMap((p) => p.initiatives.flatMap((i) => i.kpis));
    for (const kpi of kpis) {
      for (const value of [kpi.baseline, kpi.target, kpi.current]) {
        const pieces = phrases(value.text, "value");
        expect(pieces.join("")).toBe(value.text);
        pieces.slice(1).forEach((piece, i) => {
          const before = pieces[i] ?? "";
          expect(before.endsWith(" ") || piece.startsWith("("), `${kpi.key} ${value.text}`).toBe(true);
        });
      }
    }
  });

  it("cuts a bracketed part too wide for its column before its date or after a range mark", () => {
    expect(finerPhrases("(90.6%H26.3末)", "value")).toEqual(["(90.6%", "H26.3末)"]);
    expect(finerPhrases("(H26.6~29.2)", "value")).toEqual(["(H26.6~", "29.2)"]);
    expect(finerPhrases("(H26.6～29.2)", "value")).toEqual(["(H26.6～", "29.2)"]);
    expect(finerPhrases("(1事務対象外)", "value")).toEqual(["(1事務", "対象外)"]);
    expect(phrases("93.2% (90.6%H26.3末)", "value", { longValueTokens: 12 })).toEqual([
      "93.2% ",
      "(90.6%",
      "H26.3末)",
    ]);
  });

  it("cuts prose into phrases, keeping a grade label, a header's bracket and a number whole", () => {
    expect(phrases("ほぼ順調", "prose")).toEqual(["ほぼ順調"]);
    // A grade label is a word of the table's own vocabulary: the PDF breaks it as a value (whole).
    for (const label of ["順調", "ほぼ順調", "やや遅れ", "停滞"])
      expect(phrases(label, "value")).toEqual([label]);
    expect(phrases("当初 (H27末)", "prose")).toEqual(["当初 ", "(H27末)"]);
    expect(phrases("政策企画課\n関係各課", "prose")).toEqual(["政策企画課", "\n", "関係各課"]);
    const policy = phrases("(ア) 市民と行政との協働体制の確立", "prose");
    expect(policy.join("")).toBe("(ア) 市民と行政との協働体制の確立");
    expect(policy.length).toBeGreaterThan(2);
    for (const text of [
      "平成20年6月に包括協定を締結した",
      "令和2年度から1社追加し、2社のポータルサイトにより",
    ]) {
      const pieces = phrases(text, "prose");
      expect(pieces.join("")).toBe(text);
      // No piece ends in a digit: a number stays with what follows it (its unit).
      for (const piece of pieces) expect(piece, text).not.toMatch(/[0-9]$/);
    }
  });

  it("keeps a paragraph's numbers with their units and leaves the rest to break anywhere", () => {
    const pieces = phrases("収納額 12,201,264円 前年度から201千円減額となった。", "paragraph");
    expect(pieces.join("")).toBe("収納額 12,201,264円 前年度から201千円減額となった。");
    expect(pieces).toContain("12,201,264円");
    expect(pieces).toContain("201千円");
  });
});
