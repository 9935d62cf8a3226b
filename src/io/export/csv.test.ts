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

const HEADERS = [
  "基本方針",
  "No.",
  "取組項目",
  "関係課",
  "取組の方針と内容",
  "取組内容",
  "項目",
  "再掲",
  "当初",
  "目標",
  "現状値",
  "単位",
  "当初(数値)",
  "目標(数値)",
  "現状値(数値)",
  "達成率",
  "進捗状況",
  "進捗状況(名称)",
  "本部会意見",
  "次年度目標",
  "年度",
  "現在",
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
      基本方針: "(ア) 市民と行政との協働体制の確立",
      "No.": "1",
      取組項目: "産・学・官連携体制の推進",
      関係課: "政策企画課、関係各課",
      項目: "産・学・官連携協定(※)件数",
      再掲: "",
      当初: "52件",
      目標: "62件",
      現状値: "66件",
      単位: "件",
      "当初(数値)": "52",
      "目標(数値)": "62",
      "現状値(数値)": "66",
      // (66 − 52) / (62 − 52) = 140%
      達成率: "140",
      進捗状況: "B",
      "進捗状況(名称)": "ほぼ順調",
      年度: "令和元年度",
      現在: "2020-03-31",
    });
    const money = rows.find((r) => r.項目 === "団体補助金額");
    expect(money).toMatchObject({ 当初: "76,006千円", 目標: "縮小", 単位: "円", "当初(数値)": "76006000" });
    expect(money?.["目標(数値)"]).toBe("");
    const relisted = rows.find((r) => r["No."] === "6" && r.再掲 === "○");
    expect(relisted?.項目).toBe("北坂戸にぎわいサロンの利用者数(再掲)");
    const stage = rows.find((r) => r.項目 === "統合型GISの活用");
    expect(stage).toMatchObject({
      当初: "検討",
      目標: "実施",
      現状値: "検討",
      "当初(数値)": "",
      達成率: "0",
    });
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
    expect([...sjis.subarray(0, 2)]).toEqual([...iconv.encode("基", "cp932")]);
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
      取組項目: "'=1+1",
      関係課: "'+SUM(A1)",
      取組の方針と内容: "'-2+3",
      取組内容: "'@cmd",
      項目: '\'=HYPERLINK("http://example.com")',
      当初: "'-5%",
      現状値: "'@SUM(1)",
    });
  });

  it("keeps a lone '-' (no value) and negative numbers in the numeric columns as they are", () => {
    expect(rows[0]?.目標).toBe("-");
    expect(rows[0]?.["当初(数値)"]).toBe("-5");
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
    expect(text).toContain(',"CRだけ\r改行","1行目\n2行目",');
    // Strict like Excel: LF, CRLF and CR all end a record unless inside quotes.
    const strict = parse(text, { bom: true, record_delimiter: ["\r\n", "\n", "\r"] }) as string[][];
    expect(strict).toHaveLength(2);
    expect(byHeader(strict)[0]).toMatchObject({ 本部会意見: "CRだけ\r改行", 次年度目標: "1行目\n2行目" });
  });

  it("keeps emoji, line breaks and a 40,000-character text whole", () => {
    expect(rows[0]?.本部会意見).toBe("達成🎉おめでとう");
    expect(rows[0]?.次年度目標).toBe("1行目\n2行目\n3行目");
    expect(rows[1]?.取組内容).toBe(LONG_TEXT);
  });

  it("writes one row for an initiative without KPIs, one per KPI otherwise", () => {
    // No.1: 1 KPI, No.2: none, No.3: 2 KPIs.
    expect(rows.map((r) => r["No."])).toEqual(["1", "2", "3", "3"]);
    expect(rows[1]).toMatchObject({
      項目: "",
      当初: "",
      "当初(数値)": "",
      進捗状況: "",
      "進捗状況(名称)": "",
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
    expect(back[0]?.取組項目).toBe('カンマ,と"引用符"');
  });
});
