import { z } from "@hono/zod-openapi";
import { GRADES } from "../domain/grade.ts";
import { PLAN_DOCUMENT_FORMAT } from "../domain/plan-document.ts";
import { kpiValueSchema as documentKpiValueSchema } from "../io/json/kpi-value-schema.ts";

/**
 * The JSON shapes of /api/v1, as zod schemas: the OpenAPI document is generated from them, and the
 * handlers are type-checked against them.
 */

export const problemSchema = z
  .object({
    type: z.string().openapi({ example: "/api/docs#problem-round.not-found" }),
    title: z.string().openapi({ example: "この年度の報告はありません" }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string(),
    instance: z.string().openapi({ example: "/api/v1/plans/1/rounds/2030" }),
    errors: z
      .array(z.object({ name: z.string(), in: z.string(), detail: z.string() }))
      .optional()
      .openapi({ description: "検証エラーのとき、問題のある項目ごとに一つ" }),
  })
  .openapi("Problem", { description: "RFC 9457 problem details (application/problem+json)" });

export const PROBLEM = "application/problem+json";

export function problemResponse(description: string) {
  return { description, content: { [PROBLEM]: { schema: problemSchema } } };
}

export const apiGradeSchema = z
  .enum(GRADES)
  .openapi("Grade", { description: "進捗状況 A 順調 / B ほぼ順調 / C やや遅れ / D 停滞" });

export const gradeSummarySchema = z
  .object({ A: z.number().int(), B: z.number().int(), C: z.number().int(), D: z.number().int() })
  .openapi("GradeSummary", { description: "本部会評価: 進捗状況ごとの取組項目数" });

export const documentGradeSummarySchema = z
  .object({
    total: gradeSummarySchema,
    byPolicy: z.array(z.object({ code: z.string(), title: z.string(), summary: gradeSummarySchema })),
    ungraded: z.number().int(),
  })
  .openapi("DocumentGradeSummary");

export const expectedShareSchema = z
  .object({ elapsedYears: z.number().int(), totalYears: z.number().int(), share: z.number() })
  .openapi("ExpectedShare", { description: "計画期間のうち経過した年数と割合" });

export const kpiValueSchema = documentKpiValueSchema(false).openapi("KpiValue", {
  description: "KPI の値: 記載どおりの text と、その読み取り結果",
});

export const kpiSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    label: z.string(),
    relisted: z.boolean(),
    relistOf: z.string().optional(),
    baseline: kpiValueSchema,
    target: kpiValueSchema,
    current: kpiValueSchema,
  })
  .openapi("Kpi");

export const policyRefSchema = z.object({ code: z.string(), title: z.string() }).openapi("PolicyRef");

export const initiativeSchema = z
  .object({
    number: z.number().int(),
    title: z.string(),
    policy: policyRefSchema,
    departments: z.array(z.string()),
    description: z.string(),
    activities: z.string(),
    grade: apiGradeSchema.nullable(),
    gradeLabel: z.string().nullable().openapi({ example: "ほぼ順調" }),
    committeeOpinion: z.string(),
    nextYearGoal: z.string(),
    kpis: z.array(kpiSchema),
  })
  .openapi("Initiative");

export const planDocumentSchema = z
  .object({
    format: z.literal(PLAN_DOCUMENT_FORMAT),
    organization: z.object({ name: z.string() }).optional(),
    plan: z.object({
      title: z.string(),
      startFiscalYear: z.number().int(),
      endFiscalYear: z.number().int(),
      baselineFiscalYear: z.number().int().optional(),
    }),
    round: z.object({ fiscalYear: z.number().int(), asOf: z.string(), title: z.string().optional() }),
    policies: z.array(
      z.object({
        code: z.string(),
        title: z.string(),
        initiatives: z.array(initiativeSchema.omit({ policy: true, gradeLabel: true })),
      }),
    ),
    gradeSummary: gradeSummarySchema,
    declaredGradeSummary: gradeSummarySchema.optional(),
    diagnostics: z.array(z.object({ severity: z.string(), code: z.string(), message: z.string() }).loose()),
  })
  .openapi("PlanDocument", { description: "計画文書 (shinchoku.plan/v2): 取り込み・書き出しの共通形式" });
