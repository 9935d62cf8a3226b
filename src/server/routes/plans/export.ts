import { createHash } from "node:crypto";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { withPublisher } from "../../../domain/publisher.ts";
import {
  contentDisposition,
  contentType,
  type ExportFormat,
  exportFileName,
} from "../../../io/export/file-name.ts";
import { planDocumentSchema, problemResponse } from "../../api-schema.ts";
import { PUBLIC, withRule } from "../../auth/rules.ts";
import type { AppEnv } from "../../env.ts";
import { findRound, loadPlan, loadPublication } from "../../load.ts";
import { apiPathParams } from "../../params.ts";

/**
 * Downloads of one reporting round in every published format. All four are rendered from the
 * round's publication by the exporters in src/io/export/ (which the CLI uses too), in a worker of
 * the render pool (src/server/render/pool.ts), once: the export cache keeps them by publication.
 */
const roundParams = z.object({ planId: apiPathParams.planId, fiscalYear: apiPathParams.fiscalYear });

const csvQuery = z.object({
  encoding: z
    .enum(["utf-8", "shift_jis"])
    .default("utf-8")
    .openapi({ description: "文字コード。utf-8 は BOM 付き (Excel で文字化けしない)", example: "shift_jis" }),
});

const refused = {
  400: problemResponse("パラメーターが正しくない"),
  404: problemResponse("計画または年度がない"),
  503: problemResponse("ファイルの作成を待つ要求が多すぎる (Retry-After 秒後にもう一度)"),
};

/** The formats that are text: kept gzip-compressed too, and sent so to readers that accept it. */
const TEXT_FORMATS = new Set<ExportFormat>(["csv", "json"]);

const binary = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: z.string().openapi({ format: "binary" }) } },
});

const formats = {
  xlsx: {
    summary: "進行管理集計表 (Excel) のダウンロード",
    description: "集計表のシートと、取組項目×数値目標の分析用シート。A3 横で印刷できます。",
    response: binary(contentType("xlsx"), "xlsx ファイル (Content-Disposition: attachment)"),
  },
  pdf: {
    summary: "進行管理集計表 (PDF) のダウンロード",
    description: "A3 横。各ページに見出し行・基準日・ページ番号。文字は検索・選択できます。",
    response: binary(contentType("pdf"), "PDF ファイル (Content-Disposition: attachment)"),
  },
  csv: {
    summary: "オープンデータ (CSV) のダウンロード",
    description:
      "取組項目×数値目標ごとに1行。列名は集計表の見出しのとおり (年度入り)。列の説明は docs/open-data.md。ファイル名に文字コードが入ります。数式として解釈される文字で始まるセルは無害化。",
    response: binary("text/csv", "CSV ファイル (Content-Disposition: attachment)"),
  },
  json: {
    summary: "計画データ（JSON形式） のダウンロード",
    description: "shinchoku.plan/v2 形式。shinchoku import でそのまま取り込み直せます。",
    response: {
      description: "計画データ (Content-Disposition: attachment)",
      content: { [contentType("json")]: { schema: planDocumentSchema } },
    },
  },
} satisfies Record<ExportFormat, unknown>;

export function exportPath(planId: number, fiscalYear: number, format: ExportFormat): string {
  return `/api/v1/plans/${planId}/rounds/${fiscalYear}/export.${format}`;
}

export function registerExportApi(app: OpenAPIHono<AppEnv>): void {
  for (const format of Object.keys(formats) as ExportFormat[]) {
    const spec = formats[format];
    const route = createRoute({
      method: "get",
      // exportXlsx, exportPdf, exportCsv, exportJson: client generators name their functions after these.
      operationId: `export${format.charAt(0).toUpperCase()}${format.slice(1)}`,
      path: `/api/v1/plans/{planId}/rounds/{fiscalYear}/export.${format}`,
      summary: spec.summary,
      description: spec.description,
      tags: ["rounds", "export"],
      request: format === "csv" ? { params: roundParams, query: csvQuery } : { params: roundParams },
      responses: { 200: spec.response, ...refused },
    });
    app.openapi(withRule(app, route, PUBLIC), async (c) => {
      const { planId, fiscalYear } = c.req.valid("param");
      const encoding = format === "csv" ? csvQuery.parse(c.req.query()).encoding : "utf-8";
      c.set("keptElsewhere", true);
      const { plan, organization } = await loadPlan(c, planId);
      const publication = await loadPublication(c, findRound(plan, fiscalYear));
      const stored = publication.document;
      // The open data names its publisher (全国地方公共団体コード, 地方公共団体名), which the stored
      // round may not carry: then the bytes depend on the organization's current name and code too,
      // and so do their key and tag.
      const filled = format === "csv" ? withPublisher(stored, organization) : stored;
      const document = filled;
      const publisher =
        filled === stored
          ? undefined
          : `${filled.organization?.name ?? ""}\u0000${filled.organization?.localGovernmentCode ?? ""}`;
      const variant = [
        format,
        ...(format === "csv" ? [encoding] : []),
        ...(publisher ? [createHash("sha256").update(publisher).digest("base64url").slice(0, 8)] : []),
      ].join("-");
      // A publication never changes: its id names the bytes, and a reader who has them is told so
      // without anything being rendered. The address itself follows the latest revision, so
      // readers revalidate (no-cache) rather than keep it. The gzip copy is another
      // representation, with a tag of its own.
      const zipped = TEXT_FORMATS.has(format) && /\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "");
      const tag = `p${publication.record.id}-${variant}`;
      const etag = zipped ? `"${tag}-gz"` : `"${tag}"`;
      const headers: Record<string, string> = { ETag: etag, "Cache-Control": "no-cache" };
      if (TEXT_FORMATS.has(format)) headers.Vary = "Accept-Encoding";
      if (c.req.header("If-None-Match") === etag) return c.body(null, 304, headers);
      const rendered = await c
        .get("exports")
        .get(tag, () =>
          c.get("renderPool").render({ format, document, encoding, created: publication.record.publishedAt }),
        );
      const gzip = zipped ? rendered.gzip : undefined;
      if (zipped && !gzip) headers.ETag = `"${tag}"`;
      if (gzip) headers["Content-Encoding"] = "gzip";
      return c.body(gzip ?? rendered.body, 200, {
        ...headers,
        "Content-Type": contentType(format, { encoding }),
        "Content-Disposition": contentDisposition(
          exportFileName(document, format, { encoding }),
          format === "csv"
            ? `plan-${plan.id}-fy${fiscalYear}-${encoding}.csv`
            : `plan-${plan.id}-fy${fiscalYear}.${format}`,
        ),
      });
    });
  }
}
