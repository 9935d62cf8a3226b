import { createConfig, lintFromString } from "@redocly/openapi-core";
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../../../../test/db.ts";
import { seededApp, textOf } from "../../../../test/server-support.ts";
import type { createApp } from "../../app.ts";
import { untranslatedApiTexts } from "./openapi.ts";
import { schemaText } from "./views.tsx";

const PATHS = [
  "/api/v1/organizations",
  "/api/v1/organizations/{org}",
  "/api/v1/organizations/{org}/plans",
  "/api/v1/plans/{planId}",
  "/api/v1/plans/{planId}/rounds",
  "/api/v1/plans/{planId}/rounds/{fiscalYear}",
  "/api/v1/plans/{planId}/rounds/{fiscalYear}/initiatives",
  "/api/v1/plans/{planId}/rounds/{fiscalYear}/grade-summary",
  "/api/v1/plans/{planId}/rounds/{fiscalYear}/export.json",
  "/api/v1/plans/{planId}/rounds/{fiscalYear}/export.xlsx",
  "/api/v1/plans/{planId}/rounds/{fiscalYear}/export.pdf",
  "/api/v1/plans/{planId}/rounds/{fiscalYear}/export.csv",
  "/api/v1/plans/{planId}/initiatives/{number}",
  "/api/v1/plans/{planId}/rounds/{fiscalYear}/reports/{number}",
  "/api/v1/me",
];

forEachDatabase((database) => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ({ app } = await seededApp(database));
  });

  it("the OpenAPI 3.1 document is generated and lists every API path", async () => {
    const res = await app.request("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([...PATHS].sort());
    const initiatives = doc.paths["/api/v1/plans/{planId}/rounds/{fiscalYear}/initiatives"].get;
    expect(initiatives.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual([
      "path:planId",
      "path:fiscalYear",
      "query:policy",
      "query:department",
      "query:grade",
      "query:q",
    ]);
    expect(Object.keys(initiatives.responses)).toEqual(["200", "400", "404"]);
    expect(initiatives.responses["400"].content).toHaveProperty(["application/problem+json"]);
    expect(doc.components.schemas).toHaveProperty("Problem");
    expect(doc.components.schemas).toHaveProperty("PlanDocument");
  });

  it("passes Redocly's recommended lint with no error and no warning, in both languages", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    for (const lang of ["ja", "en"]) {
      const source = await (await app.request(`/api/v1/openapi.json?lang=${lang}`)).text();
      const problems = await lintFromString({ source, absoluteRef: "openapi.json", config });
      const found = problems.map(
        (p) => `${p.severity} ${p.ruleId}: ${p.message} ${p.location[0]?.pointer ?? ""}`,
      );
      expect(found, lang).toEqual([]);
    }
  });

  it("names every operation, serves relative to this host, and declares the write API's bearer scheme", async () => {
    const doc = await (await app.request("/api/v1/openapi.json")).json();
    const ids = Object.values(doc.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string }>).map((op) => op.operationId),
    );
    expect(ids).toHaveLength(PATHS.length);
    expect(new Set(ids).size).toBe(PATHS.length);
    expect(ids).toContain("listRoundInitiatives");
    expect(ids).toContain("exportCsv");
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/" })]);
    expect(doc.info.license).toEqual({ name: "MIT", identifier: "MIT" });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    // Reads are public: an empty requirement is one of the alternatives.
    expect(doc.security).toEqual([{}, { bearerAuth: [] }]);
    for (const path of PATHS) {
      const operation = doc.paths[path].get ?? doc.paths[path].patch;
      const codes = Object.keys(operation.responses);
      expect(
        codes.some((c) => /^4/.test(c)),
        path,
      ).toBe(true);
    }
  });

  it("has English for every summary and description (?lang=en)", async () => {
    const ja = await (await app.request("/api/v1/openapi.json")).json();
    expect(untranslatedApiTexts(ja)).toEqual([]);
    const en = await (await app.request("/api/v1/openapi.json?lang=en")).json();
    expect(en.paths["/api/v1/organizations"].get.summary).toBe("List organizations");
    // Outside quotes (the organizations' own words), no Japanese is left in the English prose.
    const prose = JSON.stringify(en, (key, value) =>
      key === "example" || key === "enum" ? undefined : value,
    );
    const unquoted = prose.replace(/\\"[^"\\]*\\"/g, "");
    expect(unquoted.match(/[\u3040-\u30ff\u4e00-\u9fff]+/g) ?? []).toEqual([]);
  });

  it("the docs page is rendered from that document, without scripts", async () => {
    const res = await app.request("/api/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("<script");
    const text = textOf(html);
    for (const path of PATHS)
      expect(text).toContain(`${path.endsWith("/reports/{number}") ? "PATCH" : "GET"} ${path}`);
    expect(text).toContain("grade query 任意 string | string[] 進捗状況: 計画の評価の区分の記号");
    expect(html).toContain('<dt id="problem-round.not-found">');
  });

  it("reads schemas as one line", () => {
    expect(schemaText({ type: "integer" })).toBe("integer");
    expect(schemaText({ type: "string", enum: ["A", "B"] })).toBe("string (A | B)");
    expect(
      schemaText({
        anyOf: [{ $ref: "#/components/schemas/Grade" }, { type: "array", items: { type: "string" } }],
      }),
    ).toBe("Grade | string[]");
  });
});
