import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import type { Lang } from "../../i18n.ts";
import { API_TEXT_EN } from "./english.ts";

/** The security scheme of the write API (personal API tokens). */
export const BEARER = "bearerAuth";

export type OpenApiDocument = ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>;

/** The OpenAPI 3.1 document, generated from the routes' zod schemas (never written by hand). */
export function openApiDocument(app: OpenAPIHono<AppEnv>): OpenApiDocument {
  // Writes accept a personal API token (or a signed-in browser session with its CSRF token). Reads
  // stay public: the root requirement [{}, bearer] makes authentication optional (an empty
  // requirement is satisfied by none), and the write operations require the bearer alone.
  app.openAPIRegistry.registerComponent("securitySchemes", BEARER, {
    type: "http",
    scheme: "bearer",
    description: "個人用 API トークン（アカウント画面で作成）。公表済みのデータの読み出しには不要です。",
  });
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Shinchoku API",
      version: "1.0.0",
      description:
        "行政改革アクションプランの進行管理 (計画・年度・取組項目・進捗状況) を読み出す API です。エラーは application/problem+json (RFC 9457) で返します。",
      // `identifier` (SPDX) is OpenAPI 3.1; the generator's types know 3.0's license object only.
      license: { name: "MIT", identifier: "MIT" } as { name: string },
    },
    // Relative: the API is served by the same host as the pages, whatever its name.
    servers: [{ url: "/", description: "この Shinchoku のサーバー" }],
    security: [{}, { [BEARER]: [] }],
    tags: [
      { name: "organizations", description: "自治体" },
      { name: "plans", description: "計画" },
      { name: "rounds", description: "年度ごとの進行管理" },
      { name: "initiatives", description: "取組項目" },
      { name: "export", description: "書き出し" },
      { name: "reports", description: "報告（ログインが必要）" },
      { name: "accounts", description: "利用者（ログインが必要）" },
    ],
  });
}

/** Keys whose text is the document's own prose (examples and names are data, left as they are). */
const PROSE = new Set(["summary", "description"]);

/** Japanese summaries and descriptions of `document` that the English catalog lacks. */
export function untranslatedApiTexts(document: OpenApiDocument): string[] {
  const missing: string[] = [];
  walkProse(document, (text) => {
    if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text) && !(text in API_TEXT_EN)) missing.push(text);
    return text;
  });
  return missing;
}

/**
 * The document in the reader's language: Japanese as generated, or a copy with every summary and
 * description in English (english.ts). A text the catalog lacks stays Japanese (a test catches it).
 */
export function localizedApiDocument(document: OpenApiDocument, lang: Lang): OpenApiDocument {
  if (lang === "ja") return document;
  const copy = structuredClone(document);
  walkProse(copy, (text) => API_TEXT_EN[text] ?? text);
  return copy;
}

function walkProse(node: unknown, replace: (text: string) => string): void {
  if (Array.isArray(node)) {
    for (const item of node) walkProse(item, replace);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    // "properties" maps names to schemas: a property called "description" is a schema, not prose.
    if (PROSE.has(key) && typeof value === "string") record[key] = replace(value);
    else walkProse(value, replace);
  }
}
