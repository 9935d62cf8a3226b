import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";

export type OpenApiDocument = ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>;

/** The OpenAPI 3.1 document, generated from the routes' zod schemas (never written by hand). */
export function openApiDocument(app: OpenAPIHono<AppEnv>): OpenApiDocument {
  // Writes accept a personal API token (or a signed-in browser session with its CSRF token).
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "個人用 API トークン（アカウント画面で作成）。公開データの読み出しには不要です。",
  });
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Shinchoku API",
      version: "1.0.0",
      description:
        "行政改革アクションプランの進行管理 (計画・年度・取組項目・進捗状況) を読み出す API です。エラーは application/problem+json (RFC 9457) で返します。",
    },
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
