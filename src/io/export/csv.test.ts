import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  initiative,
  kpi,
  LONG_TEXT,
  oddTextDocument,
  seedDocument,
  smallDocument,
} from "../../../test/factories/test-documents.ts";
import { encodeShiftJis, escapeFormulaText, exportCsv } from "./csv.ts";

/** The seed's round is FY2019 (R1) of a plan from FY2017 with its baseline at the end of FY2015 (H27). */
const HEADERS = [
  // 自治体標準オープンデータセット: the municipality's code and name first.
  "全国地方公共団体コード",
  "地方公共団体名",
  "計画名",
  "計画開始年度",
  "計画終了年度",
  "年度",
  "年度（和暦）",
  "基準日",
  "基本方針",
  "No.",
  "取組項目 (A)",
  "関係課 (B)",
  "取組の方針と内容 (C)",
  "R1年度取組内容 (D)",
  "項目 (E)",
  "再掲",
  "当初 (H27末)",
  "目標 (R3末)",
  "現状値 (R1末)",
  "単位",
  "当初 (H27末) 数値",
  "目標 (R3末) 数値",
  "現状値 (R1末) 数値",
  "達成状況",
  "達成率（%）",
  "算出方法",
  "算出不可の理由",
  "計画期間の経過率（%）",
  "経過率との比較",
  "進捗状況 (F)",
  "進捗状況の名称",
  "本部会意見 (G)",
  "R2年度目標 (H)",
];

function records(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}

function byHeader(rows: string[][]): Record<string, string>[] {
  const [header = [], ...body] = rows;
  return body.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ""])));
}

describe("exportCsv (UTF-8)", () => {
  const bytes = exportCsv(seedDocument());

  it("starts with a BOM and ends every record with CRLF", () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    // The seed's texts hold no line break, so every LF belongs to a CRLF record end.
    expect(text.split("\n").length - 1).toBe(text.split("\r\n").length - 1);
  });

  it("has the flat-row headers and one row per KPI", () => {
    const rows = records(bytes.toString("utf8"));
    expect(rows[0]).toEqual(HEADERS);
    // 62 KPIs; every seed initiative has at least one.
    expect(rows).toHaveLength(63);
  });

  it("writes texts verbatim and numbers in the numeric columns", () => {
    const rows = byHeader(records(bytes.toString("utf8")));
    const first = rows[0];
    expect(first).toMatchObject({
      全国地方公共団体コード: "",
      地方公共団体名: "",
      計画名: "行政改革後期アクションプラン",
      計画開始年度: "2017",
      計画終了年度: "2021",
      年度: "2019",
      "年度（和暦）": "令和元年度",
      基準日: "2020-03-31",
      // 3 of the plan's 5 fiscal years have ended by 2020-03-31.
      "計画期間の経過率（%）": "60.0",
      基本方針: "(ア) 市民と行政との協働体制の確立",
      "No.": "1",
      "取組項目 (A)": "産・学・官連携体制の推進",
      "関係課 (B)": "政策企画課、関係各課",
      "項目 (E)": "産・学・官連携協定(※)件数",
      再掲: "",
      "当初 (H27末)": "52件",
      "目標 (R3末)": "62件",
      "現状値 (R1末)": "66件",
      単位: "件",
      "当初 (H27末) 数値": "52",
      "目標 (R3末) 数値": "62",
      "現状値 (R1末) 数値": "66",
      // (66 − 52) / (62 − 52) = 140%
      達成状況: "達成（目標超過）",
      "達成率（%）": "140.0",
      算出方法: "数値",
      算出不可の理由: "",
      経過率との比較: "想定より先行",
      "進捗状況 (F)": "B",
      進捗状況の名称: "ほぼ順調",
    });
    const money = rows.find((r) => r["項目 (E)"] === "団体補助金額");
    expect(money).toMatchObject({
      "当初 (H27末)": "76,006千円",
      "目標 (R3末)": "縮小",
      単位: "円",
      "当初 (H27末) 数値": "76006000",
      // 75,683千円 < 76,006千円: met; 縮小 names no distance, so no percentage.
      達成状況: "達成",
      "達成率（%）": "",
      算出方法: "方向",
    });
    expect(money?.["目標 (R3末) 数値"]).toBe("");
    const relisted = rows.find((r) => r["No."] === "6" && r.再掲 === "○");
    expect(relisted?.["項目 (E)"]).toBe("北坂戸にぎわいサロンの利用者数(再掲)");
    const stage = rows.find((r) => r["項目 (E)"] === "統合型GISの活用");
    expect(stage).toMatchObject({
      "当初 (H27末)": "検討",
      "目標 (R3末)": "実施",
      "現状値 (R1末)": "検討",
      "当初 (H27末) 数値": "",
      // 検討 → 実施, still 検討: 0 of 3 steps, more than 10 points below 60%.
      達成状況: "遅れ",
      "達成率（%）": "0.0",
      算出方法: "段階",
      経過率との比較: "想定より遅れ",
    });
    // 7-2 リサイクル率: the CSV prints the same −650.0 the page and the xlsx print, with its status.
    const recycling = rows.find((r) => r["項目 (E)"] === "リサイクル率");
    expect(recycling).toMatchObject({ 達成状況: "後退（当初より悪化）", "達成率（%）": "-650.0" });
  });

  it("can leave out the BOM", () => {
    const plain = exportCsv(seedDocument(), { bom: false });
    expect(plain.equals(bytes.subarray(3))).toBe(true);
  });
});

describe("exportCsv (Shift_JIS)", () => {
  it("encodes as CP932 without BOM, reading back to the same records as the UTF-8 CSV", () => {
    const doc = seedDocument();
    const sjis = exportCsv(doc, { encoding: "shift_jis" });
    expect([...sjis.subarray(0, 2)]).toEqual([...iconv.encode("全", "cp932")]);
    const fromSjis = records(iconv.decode(sjis, "cp932"));
    const fromUtf8 = records(exportCsv(doc).toString("utf8"));
    expect(fromSjis).toHaveLength(63);
    expect(fromSjis).toEqual(fromUtf8);
  });

  it("writes characters Shift_JIS lacks as one ? each, and CP932's own forms of look-alikes", () => {
    expect(iconv.decode(encodeShiftJis("達成🎉です"), "cp932")).toBe("達成?です");
    expect(iconv.decode(encodeShiftJis("H26.6〜29.2 −5"), "cp932")).toBe("H26.6～29.2 －5");
    expect(iconv.decode(encodeShiftJis("①㈱髙"), "cp932")).toBe("①㈱髙");
  });
});

describe("exportCsv: formula injection and odd texts", () => {
  const rows = byHeader(records(exportCsv(oddTextDocument()).toString("utf8")));

  it("prefixes a quote to text cells that begin with = + - @", () => {
    expect(rows[0]).toMatchObject({
      "取組項目 (A)": "'=1+1",
      "関係課 (B)": "'+SUM(A1)",
      "取組の方針と内容 (C)": "'-2+3",
      "R1年度取組内容 (D)": "'@cmd",
      "項目 (E)": '\'=HYPERLINK("http://example.com")',
      "当初 (H27末)": "'-5%",
      "現状値 (R1末)": "'@SUM(1)",
    });
  });

  it("keeps a lone '-' (no value) and negative numbers in the numeric columns as they are", () => {
    expect(rows[0]?.["目標 (R3末)"]).toBe("-");
    expect(rows[0]?.["当初 (H27末) 数値"]).toBe("-5");
  });

  it("quotes every cell holding a line break, so a reader that ends a record at any LF (Excel) keeps it whole", () => {
    const doc = smallDocument([
      initiative(1, {
        nextYearGoal: "1行目\n2行目",
        committeeOpinion: "CRだけ\r改行",
        kpis: [kpi("1-1", "a", "1件", "2件", "3件")],
      }),
    ]);
    const text = exportCsv(doc).toString("utf8");
    expect(text).toContain(',"CRだけ\r改行","1行目\n2行目"\r\n');
    // Strict like Excel: LF, CRLF and CR all end a record unless inside quotes.
    const strict = parse(text, { bom: true, record_delimiter: ["\r\n", "\n", "\r"] }) as string[][];
    expect(strict).toHaveLength(2);
    expect(byHeader(strict)[0]).toMatchObject({
      "本部会意見 (G)": "CRだけ\r改行",
      "R2年度目標 (H)": "1行目\n2行目",
    });
  });

  it("keeps emoji, line breaks and a 40,000-character text whole", () => {
    expect(rows[0]?.["本部会意見 (G)"]).toBe("達成🎉おめでとう");
    expect(rows[0]?.["R2年度目標 (H)"]).toBe("1行目\n2行目\n3行目");
    expect(rows[1]?.["R1年度取組内容 (D)"]).toBe(LONG_TEXT);
  });

  it("writes one row for an initiative without KPIs, one per KPI otherwise", () => {
    // No.1: 1 KPI, No.2: none, No.3: 2 KPIs.
    expect(rows.map((r) => r["No."])).toEqual(["1", "2", "3", "3"]);
    expect(rows[1]).toMatchObject({
      "項目 (E)": "",
      "当初 (H27末)": "",
      "当初 (H27末) 数値": "",
      達成状況: "",
      "進捗状況 (F)": "",
      進捗状況の名称: "",
    });
  });

  it("prefixes TAB and CR too", () => {
    expect(escapeFormulaText("\tcmd")).toBe("'\tcmd");
    expect(escapeFormulaText("\rcmd")).toBe("'\rcmd");
    expect(escapeFormulaText("-")).toBe("-");
    expect(escapeFormulaText("通常の文")).toBe("通常の文");
  });

  it("quotes cells with commas and quotes so they survive a round trip", () => {
    const doc = smallDocument([
      initiative(1, { title: 'カンマ,と"引用符"', kpis: [kpi("1-1", "a", "1件", "2件", "3件")] }),
    ]);
    const back = byHeader(records(exportCsv(doc).toString("utf8")));
    expect(back[0]?.["取組項目 (A)"]).toBe('カンマ,と"引用符"');
  });
});

describe("exportCsv: the publisher first (全国地方公共団体コード, 地方公共団体名)", () => {
  it("writes the code as text in the first column and the name in the second, on every row", () => {
    const sakado = { ...seedDocument(), organization: { name: "坂戸市", localGovernmentCode: "112399" } };
    const rows = records(exportCsv(sakado).toString("utf8"));
    expect(rows.slice(1).every((r) => r[0] === "112399" && r[1] === "坂戸市")).toBe(true);
  });

  it("keeps a leading zero (北海道 010006): the code is text, not a number", () => {
    const hokkaido = { ...seedDocument(), organization: { name: "北海道", localGovernmentCode: "010006" } };
    const text = exportCsv(hokkaido).toString("utf8");
    expect(text.split("\r\n")[1]?.startsWith("010006,北海道,")).toBe(true);
  });

  it("reads back: shinchoku's own CSV imports with the code", async () => {
    const { importCsv } = await import("../csv/import.ts");
    const sakado = { ...seedDocument(), organization: { name: "坂戸市", localGovernmentCode: "112399" } };
    const again = importCsv(exportCsv(sakado));
    expect(again.document?.organization).toEqual({ name: "坂戸市", localGovernmentCode: "112399" });
  });
});
