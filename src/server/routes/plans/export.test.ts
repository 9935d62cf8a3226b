import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../../../test/db.ts";
import { seededApp } from "../../../../test/server-support.ts";
import type { PlanDocument } from "../../../domain/plan-document.ts";
import type { createApp } from "../../app.ts";

const ROUND = "/api/v1/plans/1/rounds/2019";
const JAPANESE_NAME = encodeURIComponent("行政改革後期アクションプラン_令和元年度");

forEachDatabase((database) => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ({ app } = await seededApp(database));
  });

  const download = async (path: string) => {
    const res = await app.request(path);
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  describe("export downloads", () => {
    it("export.xlsx: an Excel workbook with the progress table and the analysis sheet", async () => {
      const { res, bytes } = await download(`${ROUND}/export.xlsx`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      expect(res.headers.get("content-disposition")).toBe(
        `attachment; filename="plan-1-fy2019.xlsx"; filename*=UTF-8''${JAPANESE_NAME}.xlsx`,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(["進行管理集計表", "数値目標一覧", "列の説明"]);
      const sheet = workbook.getWorksheet("進行管理集計表");
      expect(String(sheet?.getCell("A1").value)).toBe(
        "行政改革後期アクションプラン（平成29年度～令和3年度）進行管理集計表（令和2年3月31日現在）",
      );
    });

    it("export.pdf: an A3 PDF whose text holds every initiative title and the as-of date", async () => {
      const { res, bytes } = await download(`${ROUND}/export.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toContain(`filename*=UTF-8''${JAPANESE_NAME}.pdf`);
      const pdf = await getDocumentProxy(bytes, { verbosity: 0 });
      const { text } = await extractText(pdf, { mergePages: true });
      const flat = text.replace(/\s+/g, "");
      for (const title of ["産・学・官連携体制の推進", "市税等の徴収率の向上", "権限移譲事務の受入れ推進"]) {
        expect(flat).toContain(title);
      }
      expect(flat).toContain("令和2年3月31日現在");
    });

    it("export.csv: UTF-8 with BOM by default, Shift_JIS on request, one row per initiative × KPI", async () => {
      const utf8 = await download(`${ROUND}/export.csv`);
      expect(utf8.res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect([...utf8.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(Buffer.from(utf8.bytes), { bom: true, columns: true }) as Record<string, string>[];
      // 62 KPIs in the seed, every initiative has at least one.
      expect(rows).toHaveLength(62);
      expect(Object.keys(rows[0] ?? {}).slice(0, 2)).toEqual(["全国地方公共団体コード", "地方公共団体名"]);
      expect(rows[0]).toMatchObject({
        全国地方公共団体コード: "112399",
        地方公共団体名: "坂戸市",
        "No.": "1",
        "取組項目 (A)": "産・学・官連携体制の推進",
        "項目 (E)": "産・学・官連携協定(※)件数",
      });
      expect(utf8.res.headers.get("content-disposition")).toBe(
        `attachment; filename="plan-1-fy2019-utf-8.csv"; filename*=UTF-8''${JAPANESE_NAME}_UTF-8.csv`,
      );

      const sjis = await download(`${ROUND}/export.csv?encoding=shift_jis`);
      expect(sjis.res.headers.get("content-type")).toBe("text/csv; charset=Shift_JIS");
      // A second name, so that saving both downloads keeps both files.
      expect(sjis.res.headers.get("content-disposition")).toBe(
        `attachment; filename="plan-1-fy2019-shift_jis.csv"; filename*=UTF-8''${JAPANESE_NAME}_Shift_JIS.csv`,
      );
      const decoded = parse(iconv.decode(Buffer.from(sjis.bytes), "Shift_JIS"), { columns: true });
      expect(decoded).toEqual(rows);
    });

    it("export.csv refuses an unknown encoding with a problem document", async () => {
      const res = await app.request(`${ROUND}/export.csv?encoding=latin1`);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as { errors?: { name?: string; field?: string }[] };
      expect(JSON.stringify(body.errors)).toContain("encoding");
    });

    it("export.json: the plan document, re-importable", async () => {
      const { res, bytes } = await download(`${ROUND}/export.json`);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe(
        `attachment; filename="plan-1-fy2019.json"; filename*=UTF-8''${JAPANESE_NAME}.json`,
      );
      const document = JSON.parse(new TextDecoder().decode(bytes)) as PlanDocument;
      expect(document.format).toBe("shinchoku.plan/v2");
      expect(document.gradeSummary).toEqual({ A: 8, B: 10, C: 5, D: 1 });
    });

    it("names a publication's bytes with an ETag and answers 304 to a reader who has them", async () => {
      const first = await app.request(`${ROUND}/export.pdf`);
      const etag = first.headers.get("etag");
      expect(etag).toMatch(/^"p\d+-pdf"$/);
      expect(first.headers.get("cache-control")).toBe("no-cache");
      const again = await app.request(`${ROUND}/export.pdf`, { headers: { "If-None-Match": etag ?? "" } });
      expect(again.status).toBe(304);
      expect((await again.arrayBuffer()).byteLength).toBe(0);
      // Each representation has its own name: the Shift_JIS CSV is not the UTF-8 one.
      const utf8 = (await app.request(`${ROUND}/export.csv`)).headers.get("etag");
      const sjis = (await app.request(`${ROUND}/export.csv?encoding=shift_jis`)).headers.get("etag");
      expect(utf8).not.toBe(sjis);
      const stale = await app.request(`${ROUND}/export.csv?encoding=shift_jis`, {
        headers: { "If-None-Match": utf8 ?? "" },
      });
      expect(stale.status).toBe(200);
    });

    it("refuses unknown rounds and plans (404) and malformed ones (400) for every format", async () => {
      for (const format of ["xlsx", "pdf", "csv", "json"]) {
        const missing = await app.request(`/api/v1/plans/1/rounds/2030/export.${format}`);
        expect(missing.status).toBe(404);
        expect(missing.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        expect((await app.request(`/api/v1/plans/99/rounds/2019/export.${format}`)).status).toBe(404);
        expect((await app.request(`/api/v1/plans/1/rounds/abc/export.${format}`)).status).toBe(400);
      }
      expect((await app.request(`${ROUND}/export.docx`)).status).toBe(404);
    });

    it("the OpenAPI document lists the four downloads", async () => {
      const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
        paths: Record<string, unknown>;
      };
      for (const format of ["xlsx", "pdf", "csv", "json"]) {
        expect(Object.keys(doc.paths)).toContain(
          `/api/v1/plans/{planId}/rounds/{fiscalYear}/export.${format}`,
        );
      }
    });

    it("the progress table page links every download", async () => {
      const html = await (await app.request("/o/sakado/plans/1/2019/table")).text();
      for (const href of [
        "export.xlsx",
        "export.pdf",
        "export.csv",
        "export.csv?encoding=shift_jis",
        "export.json",
      ]) {
        expect(html).toContain(`href="${ROUND}/${href}"`);
      }
      expect(html).toContain("進行管理集計表（Excel形式）");
    });
  });
});
