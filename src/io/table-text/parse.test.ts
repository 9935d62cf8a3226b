import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../domain/diagnostic.ts";
import type { Initiative, Kpi, PlanDocument } from "../../domain/plan-document.ts";
import { importTableText } from "./index.ts";

const seed = readFileSync(new URL("../../../test/fixtures/sakado-fy2019.txt", import.meta.url), "utf8");

const TITLE = "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）";
const HEADER =
  "基本方針\tNo.\t取組項目 (A)\t関係課 (B)\t取組の方針と内容 (C)\tR1年度取組内容 (D)\t数値目標等 (E)\t\t\t\t進捗状況 (F)\t本部会意見 (G)\tR2年度目標 (H)";
const SUBHEADER = "\t\t\t\t\t\t項目\t当初 (H27末)\t目標 (R3末)\t現状値 (R1末)\t\t\t";

/** An initiative row in the columnar layout of pages 2–4. */
function row(policy: string, no: number | string, kpi: string[], grade = "B"): string {
  return [
    policy,
    String(no),
    `取組${no}`,
    "政策企画課 関係各課",
    `方針${no}`,
    `内容${no}`,
    ...kpi,
    grade,
    `意見${no}`,
    `目標${no}`,
  ].join("\t");
}

function table(rows: string[], footer = ""): string {
  return [TITLE, "", HEADER, SUBHEADER, ...rows, footer].join("\n");
}

function doc(text: string): PlanDocument {
  const result = importTableText(text);
  if (!result.document) throw new Error(JSON.stringify(result.diagnostics));
  return result.document;
}

const initiatives = (d: PlanDocument): Initiative[] => d.policies.flatMap((p) => p.initiatives);
const kpis = (d: PlanDocument): Kpi[] => initiatives(d).flatMap((i) => i.kpis);
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.code, d.severity, d.line]);

describe("the seed table", () => {
  const result = importTableText(seed, { organizationName: "坂戸市" });
  const d = result.document as PlanDocument;
  const byNumber = (n: number) => initiatives(d).find((i) => i.number === n) as Initiative;

  it("reads without any diagnostic", () => {
    expect(result.diagnostics).toEqual([]);
    expect(d.diagnostics).toEqual([]);
  });

  it("has 3 policies (ア)(イ)(ウ), 24 initiatives numbered 1–24 and 62 KPIs", () => {
    expect(d.policies.map((p) => [p.code, p.title, p.initiatives.length])).toEqual([
      ["(ア)", "市民と行政との協働体制の確立", 7],
      ["(イ)", "効率的な自治体運営", 12],
      ["(ウ)", "市民満足度の向上", 5],
    ]);
    expect(initiatives(d).map((i) => i.number)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(kpis(d)).toHaveLength(62);
  });

  it("counts the grades 8/10/5/1 and keeps the printed footer", () => {
    expect(d.gradeSummary).toEqual({ A: 8, B: 10, C: 5, D: 1 });
    expect(d.declaredGradeSummary).toEqual({ A: 8, B: 10, C: 5, D: 1 });
  });

  it("reads the plan period, the baseline and the reporting round from the title and headers", () => {
    expect(d.plan).toEqual({
      title: "行政改革後期アクションプラン",
      startFiscalYear: 2017,
      endFiscalYear: 2021,
      baselineFiscalYear: 2015,
    });
    expect(d.round).toEqual({ fiscalYear: 2019, asOf: "2020-03-31", title: TITLE });
    expect(d.organization).toEqual({ name: "坂戸市" });
  });

  it("carries a policy over the rows below it (No.7 is the last of (ア), No.8 the first of (イ))", () => {
    expect(d.policies[0]?.initiatives.at(-1)?.number).toBe(7);
    expect(d.policies[1]?.initiatives[0]?.number).toBe(8);
  });

  it("reads page 1's inline KPIs: No.5 has two, then its grade C", () => {
    const five = byNumber(5);
    expect(five.grade).toBe("C");
    expect(five.kpis.map((k) => [k.key, k.label, k.baseline.text, k.target.text, k.current.text])).toEqual([
      ["5-1", "各種団体の自主運営", "実施", "拡大", "継続実施"],
      ["5-2", "団体補助金額", "76,006千円", "縮小", "75,683千円"],
    ]);
  });

  it("reads the rows shifted one column right (No.9–11) like any other", () => {
    const nine = byNumber(9);
    expect(nine.title).toBe("適正な職員定数の管理等");
    expect(nine.departments).toEqual(["政策企画課", "関係各課"]);
    expect(nine.grade).toBe("B");
    expect(nine.kpis.map((k) => k.label)).toEqual([
      "定数管理計画の策定",
      "組織体制の見直し",
      "一部事務組合の効率的な運営",
    ]);
    expect(byNumber(10).departments).toEqual(["政策企画課", "施設管理課", "関係各課"]);
    expect(byNumber(10).kpis[1]?.label).toBe("指定管理者導入施設数");
  });

  it("reads No.23's continuation rows with 1 and 0 leading tabs", () => {
    expect(byNumber(23).kpis.map((k) => k.label)).toEqual([
      "臨時窓口の開設",
      "子育て相談窓口の充実",
      "地域包括支援センターの充実",
      "接遇の充実",
    ]);
    expect(byNumber(24).kpis.map((k) => k.current.text)).toEqual(["74事務 (1事務対象外)"]);
  });

  it("keeps texts verbatim, typos included", () => {
    expect(byNumber(20).activities.startsWith("台風19号、コロナウイルスの緊急事態時には")).toBe(true);
    expect(byNumber(16).description.startsWith("徴入の確保")).toBe(true);
  });

  it("parses KPI values with the plan's era: 実施(29年度) is FY2017", () => {
    expect(byNumber(12).kpis[0]?.target).toMatchObject({ kind: "stage", stage: "実施", fiscalYear: 2017 });
    expect(byNumber(16).kpis[0]?.baseline.secondary).toMatchObject({ value: 90.6, asOf: "2014-03-31" });
  });

  it("reads era-less years written in 令和 by the plan period: 実施(元年度) is FY2019, not 1989", () => {
    // The plan runs 平成29年度～令和3年度; its R1 report may write 元年度 / 2年度 without the era.
    const text = seed
      .replace(
        "公共施設予約システム\t検討\t実施(29年度)\t実施",
        "公共施設予約システム\t検討\t実施(29年度)\t実施(元年度)",
      )
      .replace("電子申請システム\t実施\t拡大\t実施", "電子申請システム\t実施\t拡大(2年度)\t実施");
    const no22 = initiatives(doc(text)).find((i) => i.number === 22) as Initiative;
    expect(no22.kpis[0]?.target.fiscalYear).toBe(2017);
    expect(no22.kpis[0]?.current).toMatchObject({ text: "実施(元年度)", stage: "実施", fiscalYear: 2019 });
    expect(no22.kpis[1]?.target).toMatchObject({
      text: "拡大(2年度)",
      direction: "increase",
      fiscalYear: 2020,
    });
  });

  it("links the five relisted KPIs", () => {
    expect(kpis(d).flatMap((k) => (k.relisted ? [[k.key, k.name, k.relistOf]] : []))).toEqual([
      ["6-2", "北坂戸にぎわいサロンの利用者数", "1-3"],
      ["14-2", "公共施設等マネジメント計画アクションプランの策定", "13-2"],
      ["20-1", "ホームページサイト訪問者数", "2-1"],
      ["22-3", "マイナポータルによる情報提供", "20-2"],
      ["22-4", "コンビニでの証明書の発行", "21-2"],
    ]);
  });
});

describe("policies", () => {
  it("carries a policy over until the next one; full-width brackets are read", () => {
    const d = doc(
      table([
        row("(ア) 協働", 1, ["件数", "1件", "2件", "3件"]),
        row("", 2, ["件数2", "1件", "2件", "3件"]),
        row("（イ） 効率", 3, ["件数3", "1件", "2件", "3件"]),
        row("", 4, ["件数4", "1件", "2件", "3件"]),
      ]),
    );
    expect(d.policies.map((p) => [p.code, p.title, p.initiatives.map((i) => i.number)])).toEqual([
      ["(ア)", "協働", [1, 2]],
      ["（イ）", "効率", [3, 4]],
    ]);
  });

  it("continues a policy printed again on a later page instead of starting a second one", () => {
    const d = doc(
      table([
        row("(ア) 協働", 1, ["a", "1件", "2件", "3件"]),
        HEADER,
        row("(ア) 協働", 2, ["b", "1件", "2件", "3件"]),
      ]),
    );
    expect(d.policies).toHaveLength(1);
    expect(d.policies[0]?.initiatives.map((i) => i.number)).toEqual([1, 2]);
  });

  it("reads a policy on a row of its own", () => {
    const d = doc(table(["(ア) 協働", row("", 1, ["a", "1件", "2件", "3件"])]));
    expect(d.policies[0]).toMatchObject({ code: "(ア)", title: "協働" });
  });

  it("warns and keeps the initiative when no policy precedes it", () => {
    const result = importTableText(table([row("", 1, ["a", "1件", "2件", "3件"])]));
    expect(codes(result.diagnostics)).toContainEqual(["policy.missing", "warning", 5]);
    expect(result.document?.policies[0]).toMatchObject({ code: "", title: "", initiatives: [{ number: 1 }] });
  });
});

describe("continuation rows", () => {
  it("add KPIs to the initiative above, whatever their leading tabs, keyed by position", () => {
    const d = doc(
      table([
        row("(ア) 協働", 7, ["ごみ排出量", "617g", "現状以下", "615g"], "C"),
        "\t\t\t\t\tリサイクル率\t29.6%\t30%以上\t27.0%\t\t\t\t\t",
        "\tBPRによる業務の最適化\t検討\t実施\t検討",
        "接遇の充実\t実施\t拡大\t実施",
      ]),
    );
    expect(kpis(d).map((k) => [k.key, k.label, k.current.text])).toEqual([
      ["7-1", "ごみ排出量", "615g"],
      ["7-2", "リサイクル率", "27.0%"],
      ["7-3", "BPRによる業務の最適化", "検討"],
      ["7-4", "接遇の充実", "実施"],
    ]);
    expect(kpis(d)[1]?.target).toMatchObject({ kind: "bound", comparison: "atLeast", value: 30 });
  });

  it("accept a continuation row written inline", () => {
    const d = doc(
      table([row("(ア) 協働", 1, ["a", "1件", "2件", "3件"]), "\t\t\t\t\t\t追加の指標 5件 6件 7件"]),
    );
    expect(kpis(d).map((k) => [k.key, k.label, k.target.text])).toEqual([
      ["1-1", "a", "2件"],
      ["1-2", "追加の指標", "6件"],
    ]);
  });

  it("say what was skipped when a row belongs to no initiative", () => {
    const result = importTableText(
      table(["\t\tリサイクル率\t29.6%\t30%以上\t27.0%", row("(ア) 協働", 1, ["a", "1件", "2件", "3件"])]),
    );
    const skipped = result.diagnostics.find((d) => d.code === "row.unplaced");
    expect(skipped).toMatchObject({ severity: "warning", line: 5 });
    expect(skipped?.message).toContain("リサイクル率 29.6% 30%以上 27.0%");
  });

  it("report a stray line of text rather than drop it silently", () => {
    const result = importTableText(
      table([row("(ア) 協働", 1, ["a", "1件", "2件", "3件"]), "\t\t\t\t\t\t\t\t\t\t\t\t補足説明"]),
    );
    expect(result.diagnostics.find((d) => d.code === "line.unrecognized")).toMatchObject({ line: 6 });
    expect(kpis(result.document as PlanDocument)).toHaveLength(1);
  });
});

describe("full-width and half-width variants", () => {
  it("reads full-width headers, numbers, grades and footer", () => {
    const text = [
      "行政改革後期アクションプラン(平成２９年度~令和３年度)進行管理集計表(令和２年３月３１日現在)",
      "基本方針\tＮｏ．\t取組項目（Ａ）\t関係課（Ｂ）\t取組の方針と内容（Ｃ）\tＲ１年度取組内容（Ｄ）\t数値目標等（Ｅ）\t\t\t\t進捗状況（Ｆ）\t本部会意見（Ｇ）\tＲ２年度目標（Ｈ）",
      "\t\t\t\t\t\t項目\t当初（Ｈ２７末）\t目標（Ｒ３末）\t現状値（Ｒ１末）",
      row("（ア）　協働", "１２", ["件数", "５２件", "６２件", "６６件"], "Ａ"),
      "本部会評価　１　０　０　０",
    ].join("\r\n");
    const result = importTableText(text);
    expect(result.diagnostics).toEqual([]);
    const d = result.document as PlanDocument;
    expect(d.plan).toEqual({
      title: "行政改革後期アクションプラン",
      startFiscalYear: 2017,
      endFiscalYear: 2021,
      baselineFiscalYear: 2015,
    });
    expect(initiatives(d)[0]).toMatchObject({ number: 12, grade: "A" });
    expect(kpis(d)[0]?.current).toMatchObject({ text: "６６件", value: 66 });
    expect(d.declaredGradeSummary).toEqual({ A: 1, B: 0, C: 0, D: 0 });
  });
});

describe("diagnostics", () => {
  const ok = (n: number) => row(n === 1 ? "(ア) 協働" : "", n, [`指標${n}`, "1件", "2件", "3件"]);

  it("a duplicate initiative number is an error on its line", () => {
    const result = importTableText(table([ok(1), ok(2), ok(2)]));
    // Document-wide findings (no line) come first.
    expect(codes(result.diagnostics)).toEqual([
      ["footer.missing", "error", undefined],
      ["initiative.duplicate-number", "error", 7],
    ]);
  });

  it("numbers out of order are a warning", () => {
    const result = importTableText(table([ok(1), ok(3), ok(2)], "本部会評価 0 3 0 0"));
    expect(codes(result.diagnostics)).toEqual([["initiative.out-of-order", "warning", 7]]);
  });

  it("a grade outside A–D is an error and leaves the grade empty; 順調… words are read", () => {
    const result = importTableText(
      table([
        row("(ア) 協働", 1, ["a", "1件", "2件", "3件"], "E"),
        row("", 2, ["b", "1件", "2件", "3件"], "やや遅れ"),
      ]),
    );
    expect(result.diagnostics.find((d) => d.code === "grade.invalid")).toMatchObject({
      severity: "error",
      line: 5,
      field: "policies[0].initiatives[0].grade",
    });
    expect(initiatives(result.document as PlanDocument).map((i) => i.grade)).toEqual([null, "C"]);
  });

  it("an empty grade is a warning (not yet graded)", () => {
    const result = importTableText(
      table([row("(ア) 協働", 1, ["a", "1件", "2件", "3件"], "")], "本部会評価 0 0 0 0"),
    );
    expect(codes(result.diagnostics)).toEqual([["grade.missing", "warning", 5]]);
    expect(initiatives(result.document as PlanDocument)[0]?.committeeOpinion).toBe("意見1");
  });

  it("an unreadable KPI value is a warning naming the line and field; the text is kept", () => {
    const result = importTableText(
      table([ok(1), row("", 2, ["指標", "1件", "2件", "集計中です"])], "本部会評価 0 2 0 0"),
    );
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      code: "kpi.unreadable",
      severity: "warning",
      line: 6,
      field: "policies[0].initiatives[1].kpis[0].current",
    });
    expect(kpis(result.document as PlanDocument)[1]?.current).toMatchObject({
      text: "集計中です",
      kind: "text",
    });
  });

  it("a relisted KPI without an original, or with other values, is a warning", () => {
    const result = importTableText(
      table(
        [
          row("(ア) 協働", 1, ["来場者数", "1件", "2件", "3件"]),
          row("", 2, ["来場者数(再掲)", "1件", "2件", "4件"]),
          "\t\t\t\t\t\t存在しない指標（再掲）\t1件\t2件\t3件",
        ],
        "本部会評価 0 2 0 0",
      ),
    );
    expect(codes(result.diagnostics)).toEqual([
      ["kpi.relist-differs", "warning", 6],
      ["kpi.relist-not-found", "warning", 7],
    ]);
    expect(result.diagnostics[0]?.field).toBe("policies[0].initiatives[1].kpis[0].current");
    expect(kpis(result.document as PlanDocument).map((k) => k.relistOf)).toEqual([
      undefined,
      "1-1",
      undefined,
    ]);
  });

  it("a missing title is an error, but the rest is still read", () => {
    const text = [HEADER, SUBHEADER, ok(1), "本部会評価 0 1 0 0"].join("\n");
    const result = importTableText(text);
    expect(codes(result.diagnostics)).toEqual([["title.missing", "error", undefined]]);
    expect(result.document?.round.fiscalYear).toBe(2019);
    expect(initiatives(result.document as PlanDocument)).toHaveLength(1);
  });

  it("a title without period or date is an error on the title's line", () => {
    const text = ["進行管理集計表", "", HEADER, ok(1), "本部会評価 0 1 0 0"].join("\n");
    expect(codes(importTableText(text).diagnostics)).toEqual([
      ["title.period-missing", "error", 1],
      ["title.as-of-missing", "error", 1],
    ]);
  });

  it("a header year that disagrees with the as-of date is a warning", () => {
    const text = table([ok(1)], "本部会評価 0 1 0 0").replace("R1年度取組内容", "R2年度取組内容");
    expect(codes(importTableText(text).diagnostics)).toEqual([["report.fiscal-year-mismatch", "warning", 3]]);
  });

  it("without a header row or without initiatives there is no document", () => {
    const noHeader = importTableText([TITLE, ok(1)].join("\n"));
    expect(noHeader.document).toBeNull();
    expect(codes(noHeader.diagnostics)).toContainEqual(["header.missing", "error", undefined]);
    const noRows = importTableText(table([]));
    expect(noRows.document).toBeNull();
    expect(codes(noRows.diagnostics)).toContainEqual(["initiative.none", "error", undefined]);
  });

  it("empty input has no document", () => {
    expect(importTableText("")).toMatchObject({
      document: null,
      diagnostics: [{ code: "input.empty", severity: "error" }],
    });
    expect(importTableText(new Uint8Array())).toMatchObject({ document: null });
  });

  it("a row cut short is an error naming the missing fields; missing G/H alone only a warning", () => {
    const cut = ["", "2", "取組2", "政策企画課", "方針2", "内容2"].join("\t");
    const result = importTableText(table([ok(1), cut]));
    const truncated = result.diagnostics.find((d) => d.code === "initiative.truncated");
    expect(truncated).toMatchObject({ severity: "error", line: 6 });
    expect(truncated?.message).toContain("数値目標等 (E)、進捗状況 (F)、本部会意見 (G)、R2年度目標 (H)");

    const noGoal = row("", 2, ["b", "1件", "2件", "3件"]).split("\t").slice(0, -1).join("\t");
    const lenient = importTableText(table([ok(1), noGoal], "本部会評価 0 2 0 0"));
    expect(codes(lenient.diagnostics)).toEqual([["initiative.cells-missing", "warning", 6]]);
  });

  it("extra cells at the end of a row are reported, not dropped silently", () => {
    const result = importTableText(table([`${ok(1)}\t\t余分な注記`], "本部会評価 0 1 0 0"));
    expect(result.diagnostics[0]).toMatchObject({ code: "row.extra-cells", line: 5 });
    expect(result.diagnostics[0]?.message).toContain("余分な注記");
  });

  it("a footer that disagrees with the grades is an error on the footer's line", () => {
    const result = importTableText(table([ok(1)], "本部会評価 1 0 0 0"));
    expect(codes(result.diagnostics)).toEqual([["grade-summary.mismatch", "error", 6]]);
    expect(result.document?.declaredGradeSummary).toEqual({ A: 1, B: 0, C: 0, D: 0 });
  });

  it("copies the diagnostics into the document", () => {
    const result = importTableText(table([ok(1)], "本部会評価 1 0 0 0"));
    expect(result.document?.diagnostics).toEqual(result.diagnostics);
    expect(result.document?.diagnostics).not.toBe(result.diagnostics);
  });
});

describe("no quadratic traps", () => {
  // Each input takes a few milliseconds; a backtracking regex or an O(n²) loop would take minutes.
  const cases: [string, string][] = [
    ["a 600,000-character line of spaces and brackets", `H1${" ".repeat(300_000)}(${" ".repeat(300_000)}`],
    ["a line of 300,000 opening brackets", `${"(".repeat(300_000)}\t1\t${"(".repeat(300_000)}`],
    ["500,000 tabs", `${"\t".repeat(500_000)}x`],
    [
      "a KPI cell of 100,000 words",
      `${HEADER}\n(ア) 方針\t1\t取組\t課\tC\tD\t${"a ".repeat(100_000)}1件 2件 3件\tB\tG\tH`,
    ],
    [
      "a KPI value with 50,000 spaces before a bracket",
      `${HEADER}\n(ア) 方針\t1\t取組\t課\tC\tD\t指標\t${"1".repeat(50_000)}${" ".repeat(50_000)}(x\t2件\t3件\tB\tG\tH`,
    ],
  ];

  // No clock here: a quadratic pattern on 100,000 characters runs for minutes, which the test
  // timeout catches on any machine; the time a linear read takes is measured by bench/import.ts.
  it.each(cases)("%s", (_name, text) => {
    const result = importTableText(text);
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });
});

describe("grades and page numbers", () => {
  it.each([
    ["B", "B"],
    ["ｂ", "B"],
    ["ほぼ順調", "B"],
    ["B（ほぼ順調）", "B"],
    ["C:やや遅れ", "C"],
  ])("grade %j reads as %s", (cell, grade) => {
    const result = importTableText(
      table([row("(ア) 協働", 1, ["指標", "1件", "2件", "3件"], cell)], "本部会評価 0 0 0 0"),
    );
    expect(initiatives(result.document as PlanDocument)[0]?.grade).toBe(grade);
  });

  it.each(["A（停滞）", "constructor", "E"])("grade %j is invalid", (cell) => {
    const result = importTableText(table([row("(ア) 協働", 1, ["指標", "1件", "2件", "3件"], cell)]));
    expect(result.diagnostics.find((d) => d.code === "grade.invalid")).toMatchObject({
      severity: "error",
      line: 5,
    });
    expect(initiatives(result.document as PlanDocument)[0]?.grade).toBeNull();
  });

  it("a number alone on a line is skipped with a warning, not read as an initiative", () => {
    const result = importTableText(
      table([row("(ア) 協働", 1, ["a", "1件", "2件", "3件"]), "\t\t2\t\t"], "本部会評価 0 1 0 0"),
    );
    expect(codes(result.diagnostics)).toEqual([["line.unrecognized", "warning", 6]]);
    expect(initiatives(result.document as PlanDocument)).toHaveLength(1);
  });
});

describe("quoted multi-line cells", () => {
  it("keep their line breaks and the rows below keep their line numbers", () => {
    const initiative = [
      "(ア) 協働",
      "1",
      "取組1",
      "政策企画課",
      '"方針の1行目\n方針の2行目"',
      "内容1",
      "a",
      "1件",
      "2件",
      "3件",
      "B",
      "意見1",
      "目標1",
    ];
    const result = importTableText(
      table([initiative.join("\t"), "\t\t\t\t\t\tb\t1件\t2件\tx件"], "本部会評価 0 1 0 0"),
    );
    expect(initiatives(result.document as PlanDocument)[0]?.description).toBe("方針の1行目\n方針の2行目");
    expect(kpis(result.document as PlanDocument).map((k) => k.label)).toEqual(["a", "b"]);
    // The continuation row is on line 7: the quoted cell spans lines 5 and 6.
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: "kpi.unreadable", line: 7 })]);
  });
});

describe("inline KPI cells with line breaks (Excel cells saved as quoted text)", () => {
  it("split on the line breaks like on spaces", () => {
    const lead = ["(ア) 協働", "1", "取組1", "政策企画課", "方針1", "内容1"];
    const kpiCells = ['"件数\n52件\n62件\n66件"', '"利用者数\r\n11,007人\r\n13,000人\r\n9,797人"'];
    const result = importTableText(
      table([[...lead, ...kpiCells, "B", "意見1", "目標1"].join("\t")], "本部会評価 0 1 0 0"),
    );
    expect(result.diagnostics).toEqual([]);
    const d = result.document as PlanDocument;
    expect(kpis(d).map((k) => [k.name, k.baseline.text, k.target.text, k.current.text])).toEqual([
      ["件数", "52件", "62件", "66件"],
      ["利用者数", "11,007人", "13,000人", "9,797人"],
    ]);
    expect(initiatives(d)[0]).toMatchObject({ grade: "B", committeeOpinion: "意見1", nextYearGoal: "目標1" });
  });
});

describe("initiatives without KPIs", () => {
  const lead = ["(ア) 協働", "1", "取組1", "政策企画課", "方針1", "内容1"];

  it.each([
    ["the grade right after (D)", [...lead, "B", "意見1", "目標1"]],
    ["one empty KPI cell", [...lead, "", "B", "意見1", "目標1"]],
    ["four empty KPI cells", [...lead, "", "", "", "", "B", "意見1", "目標1"]],
  ])("%s", (_name, cells) => {
    const result = importTableText(table([cells.join("\t")], "本部会評価 0 1 0 0"));
    expect(result.diagnostics).toEqual([]);
    expect(initiatives(result.document as PlanDocument)[0]).toMatchObject({
      grade: "B",
      committeeOpinion: "意見1",
      nextYearGoal: "目標1",
      kpis: [],
    });
  });

  it("an ungraded columnar row keeps its texts in place", () => {
    const cells = [...lead, "指標", "1件", "2件", "3件", "", "意見1", "目標1"];
    const result = importTableText(table([cells.join("\t")], "本部会評価 0 0 0 0"));
    expect(codes(result.diagnostics)).toEqual([["grade.missing", "warning", 5]]);
    expect(initiatives(result.document as PlanDocument)[0]).toMatchObject({
      grade: null,
      committeeOpinion: "意見1",
      nextYearGoal: "目標1",
    });
  });
});

describe("policy cells", () => {
  it("take the code from the brackets only, even when the title has brackets of the other width", () => {
    const d = doc(
      table([row("（ア）市民(仮称)との協働", 1, ["指標", "1件", "2件", "3件"])], "本部会評価 0 1 0 0"),
    );
    expect(d.policies[0]).toMatchObject({ code: "（ア）", title: "市民(仮称)との協働" });
  });

  it("a policy without a code is read on a full initiative row; a KPI row with bare numbers is not an initiative", () => {
    const d = doc(
      table(
        [row("市民との協働", 1, ["指標", "1件", "2件", "3件"]), "\t\t\t\t\t\t件数\t52\t62\t66"],
        "本部会評価 0 1 0 0",
      ),
    );
    expect(d.policies.map((p) => [p.code, p.title])).toEqual([["", "市民との協働"]]);
    expect(kpis(d).map((k) => [k.key, k.label, k.current.value])).toEqual([
      ["1-1", "指標", 3],
      ["1-2", "件数", 66],
    ]);
  });
});

describe("KPI rows that start like initiative rows", () => {
  it.each([
    ["a coded label", "\t\t\t\t\t\t(1) 参加件数\t52\t62\t66"],
    ["no label, bare numbers", "\t\t\t\t\t\t\t52\t62\t66"],
  ])("%s is a KPI of the initiative above, not initiative No.52", (_name, kpiRow) => {
    const d = doc(table([row("(ア) 協働", 1, ["指標", "1件", "2件", "3件"]), kpiRow], "本部会評価 0 1 0 0"));
    expect(initiatives(d).map((i) => i.number)).toEqual([1]);
    expect(kpis(d)).toHaveLength(2);
    expect(d.policies).toHaveLength(1);
  });

  it("a row of three values without a name is kept as a nameless KPI, with a warning", () => {
    const result = importTableText(
      table(
        [row("(ア) 協働", 1, ["指標", "1件", "2件", "3件"]), "\t\t\t\t\t\t\t52\t62\t66"],
        "本部会評価 0 1 0 0",
      ),
    );
    expect(codes(result.diagnostics)).toEqual([["kpi.label-empty", "warning", 6]]);
    expect(kpis(result.document as PlanDocument)[1]).toMatchObject({
      key: "1-2",
      label: "",
      current: { value: 66 },
    });
  });
});
