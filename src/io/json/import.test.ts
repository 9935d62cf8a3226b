import { describe, expect, it } from "vitest";
import { initiative, seedDocument, smallDocument } from "../../../test/factories/test-documents.ts";
import { type Diagnostic, formatDiagnostic } from "../../domain/diagnostic.ts";
import { exportJson } from "../export/json.ts";
import { importPlanDocumentJson } from "./import.ts";

function messages(text: string): [string | undefined, string, string][] {
  return importPlanDocumentJson(text).diagnostics.map((d) => [d.field, d.severity, d.message]);
}

describe("importPlanDocumentJson", () => {
  it("reads back what exportJson wrote, unchanged", () => {
    const doc = seedDocument();
    const result = importPlanDocumentJson(exportJson(doc));
    expect(result.diagnostics).toEqual([]);
    expect(result.document).toEqual(doc);
  });

  it("reads a shinchoku.plan/v1 document, whose round was named report, as the same v2 document", () => {
    const doc = seedDocument();
    const { round, ...rest } = JSON.parse(exportJson(doc));
    const v1 = JSON.stringify({ ...rest, format: "shinchoku.plan/v1", report: round });
    const result = importPlanDocumentJson(v1);
    expect(result.diagnostics).toEqual([]);
    expect(result.document).toEqual(doc);
    expect(result.document?.format).toBe("shinchoku.plan/v2");
    expect(result.document?.round).toEqual({
      fiscalYear: 2019,
      asOf: "2020-03-31",
      title: "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）",
    });
  });

  it("reads bytes with a BOM", () => {
    const doc = seedDocument();
    const bytes = new TextEncoder().encode(`\uFEFF${exportJson(doc)}`);
    expect(importPlanDocumentJson(bytes).document?.plan).toEqual(doc.plan);
  });

  it("refuses another format with one clear message", () => {
    expect(messages(JSON.stringify({ format: "shinchoku.plan/v3", policies: 3 }))).toEqual([
      [
        "format",
        "error",
        "項目「format」が「shinchoku.plan/v2」でも「shinchoku.plan/v1」でもありません（「shinchoku.plan/v3」）。Shinchoku が書き出した計画データ（JSON形式）ではないか、対応していない版です。Shinchoku から書き出し直したファイルを指定してください",
      ],
    ]);
    expect(messages("[1, 2]")[0]?.[0]).toBe("format");
  });

  it("reports text that is not JSON", () => {
    const found = messages('{"format": ');
    expect(found).toHaveLength(1);
    // Node's own words ("Unexpected end of JSON input") are not the reader's.
    expect(found[0]?.[2]).toBe(
      "JSON として読み取れません。値が必要です。括弧・引用符・カンマを確かめてください",
    );
  });

  it("names the JSON path of every invalid field, in Japanese", () => {
    const doc = JSON.parse(exportJson(smallDocument([initiative(1), initiative(2), initiative(3)])));
    doc.plan.startFiscalYear = "2017";
    doc.round.asOf = "2020-02-30";
    doc.policies[0].initiatives[1].grade = "E";
    doc.policies[1].initiatives[0].kpis = [{ key: "3-1", name: "a", label: "a", relisted: "no" }];
    delete doc.policies[0].title;
    expect(messages(JSON.stringify(doc))).toEqual([
      [
        "plan.startFiscalYear",
        "error",
        "項目「startFiscalYear」：数値でなければなりません（文字列が書かれています）",
      ],
      [
        "round.asOf",
        "error",
        "項目「asOf」：日付として読み取れません。実在する日付を「2020-03-31」の形（西暦の年-月-日）で書いてください",
      ],
      ["policies[0].title", "error", "項目「title」：必須の項目がありません"],
      [
        "policies[0].initiatives[1].grade",
        "error",
        "項目「grade」：「E」は使えません。A・B・C・Dのいずれかに直してください",
      ],
      [
        "policies[1].initiatives[0].kpis[0].relisted",
        "error",
        "項目「relisted」：真偽値（true / false）でなければなりません（文字列が書かれています）",
      ],
      ["policies[1].initiatives[0].kpis[0].baseline", "error", "項目「baseline」：必須の項目がありません"],
      ["policies[1].initiatives[0].kpis[0].target", "error", "項目「target」：必須の項目がありません"],
      ["policies[1].initiatives[0].kpis[0].current", "error", "項目「current」：必須の項目がありません"],
    ]);
    expect(importPlanDocumentJson(JSON.stringify(doc)).document).toBeNull();
  });

  it("warns about unknown fields and reads the rest", () => {
    const doc = JSON.parse(exportJson(smallDocument([initiative(1)])));
    doc.plan.titel = "typo";
    const result = importPlanDocumentJson(JSON.stringify(doc));
    expect(result.diagnostics.map((d) => [d.field, d.severity, d.code])).toEqual([
      ["plan.titel", "warning", "json.unknown-field"],
    ]);
    // 「つづり」, and the names the plan takes, so the reader sees 「title」 beside 「titel」.
    expect(result.diagnostics[0]?.message).toMatch(
      /^項目「titel」は計画データにないため読み飛ばしました。つづりを確かめてください（使える項目：title、.*startFiscalYear.*）$/,
    );
    expect(result.document?.plan).toEqual({
      title: "行政改革後期アクションプラン",
      startFiscalYear: 2017,
      endFiscalYear: 2021,
      baselineFiscalYear: 2015,
    });
  });

  it("parses KPI values written as plain strings, era-less years in the plan's era", () => {
    const doc = JSON.parse(exportJson(smallDocument([initiative(1)])));
    doc.policies[0].initiatives[0].kpis = [
      {
        key: "1-1",
        name: "計画策定",
        label: "計画策定",
        relisted: false,
        baseline: "実施(元年度)",
        target: "実施(31年度)",
        current: "76,006千円",
      },
    ];
    const kpi = importPlanDocumentJson(JSON.stringify(doc)).document?.policies[0]?.initiatives[0]?.kpis[0];
    expect(kpi?.target).toEqual({ text: "実施(31年度)", kind: "stage", stage: "実施", fiscalYear: 2019 });
    // 元年度 in a plan that reaches into 令和 is 令和元年度, not 平成元年度 (1989).
    expect(kpi?.baseline).toEqual({ text: "実施(元年度)", kind: "stage", stage: "実施", fiscalYear: 2019 });
    expect(kpi?.current).toEqual({
      text: "76,006千円",
      kind: "money",
      value: 76006,
      unit: "千円",
      yen: 76006000,
    });
  });

  it("reports duplicated numbers and KPI keys, a missing 再掲 original, and recounts a wrong summary", () => {
    const doc = JSON.parse(
      exportJson(
        smallDocument([
          initiative(1, { grade: "A" }),
          initiative(1, { grade: "A" }),
          initiative(3, { grade: "C" }),
        ]),
      ),
    );
    const k = { name: "a", label: "a", relisted: false, baseline: "1件", target: "2件", current: "3件" };
    doc.policies[0].initiatives[0].kpis = [{ key: "1-1", ...k }];
    doc.policies[1].initiatives[0].kpis = [{ key: "1-1", ...k, relisted: true, relistOf: "9-9" }];
    doc.gradeSummary = { A: 1, B: 0, C: 0, D: 0 };
    const result = importPlanDocumentJson(JSON.stringify(doc));
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.field])).toEqual([
      ["json.duplicate-number", "error", "policies[0].initiatives[1].number"],
      ["json.duplicate-kpi-key", "error", "policies[1].initiatives[0].kpis[0].key"],
      ["json.relist-missing", "warning", "policies[1].initiatives[0].kpis[0].relistOf"],
      ["json.grade-summary-recounted", "warning", "gradeSummary"],
    ]);
    expect(result.document?.gradeSummary).toEqual({ A: 2, B: 0, C: 1, D: 0 });
    // The first of two equal numbers by its line (the document is one line here), with the fix.
    expect(result.diagnostics[0]?.message).toBe(
      "取組項目 No.1 が重複しています（最初は1行目）。どちらかの番号を直してください",
    );
    expect(result.diagnostics[3]?.message).toBe(
      "本部会評価の件数（A 1・B 0・C 0・D 0）が各取組項目の進捗状況を数えた件数（A 2・B 0・C 1・D 0）と違うため、数え直しました",
    );
  });

  it("reports a declared 本部会評価 that disagrees with the grades", () => {
    const doc = JSON.parse(exportJson(smallDocument([initiative(1, { grade: "A" })])));
    doc.declaredGradeSummary = { A: 0, B: 1, C: 0, D: 0 };
    const result = importPlanDocumentJson(JSON.stringify(doc));
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ["grade-summary.mismatch", "error"],
    ]);
  });
});

describe("findings in a JSON file point at its lines", () => {
  it("gives the line of each invalid field and of a syntax error, as an editor numbers them", () => {
    const doc = JSON.parse(exportJson(smallDocument([initiative(1), initiative(2)])));
    doc.policies[0].initiatives[1].grade = "E";
    const text = JSON.stringify(doc, null, 2);
    // Counted from the text itself: the line that writes the bad grade.
    const gradeLine = text.split("\n").findIndex((l) => l.includes('"grade": "E"')) + 1;
    const result = importPlanDocumentJson(text);
    const grade = result.diagnostics.find((d) => d.field === "policies[0].initiatives[1].grade");
    expect(grade?.line).toBe(gradeLine);
    expect(formatDiagnostic(grade as Diagnostic)).toBe(
      `エラー（${gradeLine}行目）：項目「grade」：「E」は使えません。A・B・C・Dのいずれかに直してください`,
    );

    const broken = importPlanDocumentJson('{\n  "format": "shinchoku.plan/v2",\n  "plan": {\n}');
    expect(broken.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [4, "JSON として読み取れません。「}」が足りません。括弧・引用符・カンマを確かめてください"],
    ]);
  });
});
