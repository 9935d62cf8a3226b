import { describe, expect, it } from "vitest";
import { asciiFileName, contentDisposition, contentType, exportFileName } from "./file-name.ts";

const doc = {
  plan: { title: "行政改革後期アクションプラン", startFiscalYear: 2017, endFiscalYear: 2021 },
  round: { fiscalYear: 2019, asOf: "2020-03-31" },
};

describe("exportFileName", () => {
  it("names the plan and the fiscal year in 和暦", () => {
    expect(exportFileName(doc, "xlsx")).toBe("行政改革後期アクションプラン_令和元年度.xlsx");
    expect(exportFileName({ ...doc, round: { fiscalYear: 2020, asOf: "2021-03-31" } }, ".pdf")).toBe(
      "行政改革後期アクションプラン_令和2年度.pdf",
    );
  });

  it("names a CSV's encoding, so the UTF-8 and the Shift_JIS download do not overwrite each other", () => {
    expect(exportFileName(doc, "csv")).toBe("行政改革後期アクションプラン_令和元年度_UTF-8.csv");
    expect(exportFileName(doc, "csv", { encoding: "shift_jis" })).toBe(
      "行政改革後期アクションプラン_令和元年度_Shift_JIS.csv",
    );
  });

  it("replaces characters file systems refuse", () => {
    const name = exportFileName({ ...doc, plan: { ...doc.plan, title: 'A/B:C*D?"E"<F>|G\\H' } }, "pdf");
    expect(name).toBe("A_B_C_D__E__F__G_H_令和元年度.pdf");
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the UTF-8 name percent-encoded (RFC 6266 / 5987)", () => {
    expect(contentDisposition("行政改革後期アクションプラン_令和元年度.xlsx")).toBe(
      `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent("行政改革後期アクションプラン_令和元年度.xlsx")}`,
    );
  });

  it("keeps ASCII parts in the fallback and encodes ' ( ) * in filename*", () => {
    expect(contentDisposition("plan (2019)'s.csv")).toBe(
      `attachment; filename="plan (2019)'s.csv"; filename*=UTF-8''plan%20%282019%29%27s.csv`,
    );
    expect(asciiFileName("計画_R1年度.pdf")).toBe("R1.pdf");
    expect(asciiFileName('a"b\\c.json')).toBe("a_b_c.json");
  });
});

describe("contentType", () => {
  it("names each format, and the CSV's charset", () => {
    expect(contentType("xlsx")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(contentType("pdf")).toBe("application/pdf");
    expect(contentType("json")).toBe("application/json; charset=utf-8");
    expect(contentType("csv")).toBe("text/csv; charset=utf-8");
    expect(contentType("csv", { encoding: "shift_jis" })).toBe("text/csv; charset=Shift_JIS");
  });
});
