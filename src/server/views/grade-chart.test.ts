import { describe, expect, it } from "vitest";
import { makeUi } from "../i18n.ts";
import { GradeChartLabel, type SummaryRow } from "./grade.tsx";
import { GRADE_CHART_LABEL_ID, gradeChartSvg } from "./grade-chart.ts";

const rows: SummaryRow[] = [
  { label: "全体", summary: { A: 8, B: 10, C: 5, D: 1 } },
  { label: "(ア) 市民と行政との協働体制の確立", fromSource: true, summary: { A: 2, B: 1, C: 3, D: 1 } },
];

const label = (ui: ReturnType<typeof makeUi>, fy: string) =>
  String(GradeChartLabel({ id: GRADE_CHART_LABEL_ID, rows, fiscalYearLabel: fy, ui }));

describe("grade chart", () => {
  it("is one SVG image named by a label with every number", () => {
    const svg = gradeChartSvg(rows, makeUi("ja"));
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="grade-chart-title"/);
    expect(label(makeUi("ja"), "令和元年度")).toBe(
      '<p id="grade-chart-title" hidden="">令和元年度の進捗状況の集計グラフ。全体：A 順調 8、B ほぼ順調 10、C やや遅れ 5、D 停滞 1。(ア) 市民と行政との協働体制の確立：A 順調 2、B ほぼ順調 1、C やや遅れ 3、D 停滞 1</p>',
    );
    expect(svg).not.toContain("<script");
  });

  it("tells grades apart by pattern and by labels, not by colour alone", () => {
    const svg = gradeChartSvg(rows, makeUi("ja"));
    for (const g of ["A", "B", "C", "D"]) expect(svg).toContain(`fill="url(#grade-pattern-${g})"`);
    expect(svg).toContain(">B 10</text>");
    expect(svg).not.toContain("A ほぼ順調");
    expect(svg).toContain("(ア)</text>");
  });

  it("speaks English with the English UI, the policy's Japanese name marked lang=ja", () => {
    expect(label(makeUi("en"), "FY2019")).toBe(
      '<p id="grade-chart-title" hidden="">Chart of the progress summary for FY2019. 全体: A On track 8, B Mostly on track 10, C Slightly behind 5, D Stalled 1. <span lang="ja">(ア) 市民と行政との協働体制の確立</span>: A On track 2, B Mostly on track 1, C Slightly behind 3, D Stalled 1</p>',
    );
  });
});
