import { describe, expect, it } from "vitest";
import { initiative, kpi, seedDocument, smallDocument } from "../../test/factories/test-documents.ts";
import type { PlanDocument } from "./plan-document.ts";
import { checkPlanDocument } from "./plan-document-check.ts";

const codes = (doc: PlanDocument) => checkPlanDocument(doc).map((d) => [d.code, d.field]);

function small(): PlanDocument {
  return smallDocument([
    initiative(1, { kpis: [kpi("1-1", "協働事業の参加者数", "1,200人", "2,000人", "1,650人")] }),
    initiative(2, { kpis: [kpi("2-1", "協働事業の参加者数(再掲)", "1,200人", "2,000人", "1,650人")] }),
  ]);
}

describe("checkPlanDocument: what a document must be to be stored", () => {
  it("the seed and a small document pass", () => {
    expect(checkPlanDocument(seedDocument())).toEqual([]);
    const doc = small();
    const relist = doc.policies[0]?.initiatives[1]?.kpis[0];
    if (relist) relist.relistOf = "1-1";
    expect(checkPlanDocument(doc)).toEqual([]);
  });

  it("a fiscal year outside the plan period (9998 in FY2017–2021) is refused", () => {
    const doc = small();
    doc.round.fiscalYear = 2025;
    expect(checkPlanDocument(doc)).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "document.round-outside-period",
        field: "round.fiscalYear",
        message: "報告の年度（2025年度）が計画期間（2017～2021年度）の外にあります。",
      }),
    ]);
    doc.round.fiscalYear = 9998;
    expect(codes(doc)).toEqual([["document.fiscal-year-range", "round.fiscalYear"]]);
    expect(checkPlanDocument(doc)[0]?.message).toBe(
      "報告の年度（9998）は西暦の年度で、1900～2999の整数で書いてください。",
    );
  });

  it("a plan period that is reversed or outside the years a URL can name is refused", () => {
    const reversed = small();
    reversed.plan.endFiscalYear = 2016;
    expect(codes(reversed)).toEqual([["document.plan-period", "plan"]]);
    const ancient = small();
    ancient.plan.baselineFiscalYear = 15;
    expect(codes(ancient)).toEqual([["document.fiscal-year-range", "plan.baselineFiscalYear"]]);
  });

  it("numbers a database integer cannot hold: initiative No. 2^31, a count of 2^31", () => {
    const doc = small();
    const first = doc.policies[0]?.initiatives[0];
    if (first) first.number = 2 ** 31;
    doc.declaredGradeSummary = { A: 2 ** 31, B: 0, C: 0, D: 0 };
    expect(codes(doc)).toEqual([
      ["document.initiative-number", "policies[0].initiatives[0].number"],
      ["document.count-range", "declaredGradeSummary.A"],
    ]);
    expect(checkPlanDocument(doc)[0]?.message).toBe(
      "取組項目の番号（No.）「2147483648」は1～1000000の整数で書いてください。",
    );
  });

  it("NUL and half a surrogate pair in any text are refused, naming the field", () => {
    const doc = small();
    const first = doc.policies[0]?.initiatives[0];
    if (!first?.kpis[0]) throw new Error("fixture");
    first.title = "取組\u0000";
    first.kpis[0].current.text = "1,650人\uD800";
    doc.plan.title = "絵文字は保存できます🎉";
    expect(codes(doc)).toEqual([
      ["document.text-character", "policies[0].initiatives[0].title"],
      ["document.text-character", "policies[0].initiatives[0].kpis[0].current.text"],
    ]);
    const [nul, surrogate] = checkPlanDocument(doc);
    expect(nul?.message).toContain("NUL U+0000");
    expect(surrogate?.message).toContain("U+D800");
  });

  it("an embedded error diagnostic, a duplicate No., an unknown 再掲 and a grade outside A–D are refused", () => {
    const doc = small();
    doc.diagnostics = [{ severity: "error", code: "x", message: "見出し行が見つかりません", line: 12 }];
    const second = doc.policies[0]?.initiatives[1];
    if (!second?.kpis[0]) throw new Error("fixture");
    second.number = 1;
    second.kpis[0].relistOf = "9-9";
    second.grade = "E" as never;
    expect(codes(doc)).toEqual([
      ["document.has-errors", undefined],
      ["document.duplicate-initiative", "policies[0].initiatives[1].number"],
      ["document.grade", "policies[0].initiatives[1].grade"],
      ["document.unknown-relist", "policies[0].initiatives[1].kpis[0].relistOf"],
    ]);
    expect(checkPlanDocument(doc)[0]?.message).toBe(
      "計画データにエラーが1件あります。1件目は12行目の「見出し行が見つかりません」。エラーを直してから取り込んでください。",
    );
  });

  it("written numbers: kept when distinct, refused when two initiatives are written alike or the text is not a cell's", () => {
    const doc = small();
    const [first, second] = doc.policies[0]?.initiatives ?? [];
    if (!first || !second) throw new Error("fixture");
    first.numberText = "(1)-①";
    second.numberText = "No.R1-1";
    expect(checkPlanDocument(doc).filter((d) => d.code !== "document.unknown-relist")).toEqual([]);
    second.numberText = "（１）－①";
    const [duplicate] = checkPlanDocument(doc);
    expect([duplicate?.code, duplicate?.field]).toEqual([
      "document.duplicate-number-text",
      "policies[0].initiatives[1].numberText",
    ]);
    expect(duplicate?.message).toBe(
      "取組項目の番号 No.（１）－① が重複しています（最初は1番目の取組項目）。",
    );
    // A written "2" on another key is the plain No.2 written twice.
    first.numberText = "2";
    delete second.numberText;
    expect(codes(doc)[0]).toEqual(["document.duplicate-number-text", "policies[0].initiatives[1].number"]);
    for (const text of ["", " 1-2", "x".repeat(21)]) {
      first.numberText = text;
      expect(codes(doc)[0]).toEqual(["document.number-text", "policies[0].initiatives[0].numberText"]);
    }
  });

  it("a number no database can hold (1e999 read from JSON is Infinity) is refused", () => {
    const doc = small();
    const value = doc.policies[0]?.initiatives[0]?.kpis[0]?.current;
    if (value) value.value = Number.POSITIVE_INFINITY;
    expect(codes(doc)).toEqual([
      ["document.number-not-finite", "policies[0].initiatives[0].kpis[0].current.value"],
    ]);
  });
});
