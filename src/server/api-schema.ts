import { z } from "@hono/zod-openapi";
import { type AchievementAssessment, ratioToPercent } from "../domain/achievement.ts";
import {
  formatAssessment,
  methodLabel,
  paceLabel,
  reasonText,
  STATUS_WORDS,
  statusLabel,
} from "../domain/achievement-words.ts";
import { GRADE_CODE_MAX_LENGTH } from "../domain/grade.ts";
import { PLAN_DOCUMENT_FORMAT } from "../domain/plan-document.ts";
import { kpiValueSchema as documentKpiValueSchema } from "../io/json/kpi-value-schema.ts";

/**
 * The JSON shapes of /api/v1, as zod schemas: the OpenAPI document is generated from them, and the
 * handlers are type-checked against them.
 */

export const problemSchema = z
  .object({
    type: z.string().openapi({ example: "/api/docs#problem-round.not-found" }),
    title: z.string().openapi({ example: "この年度の進行管理の結果はありません" }),
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

export const apiGradeSchema = z.string().min(1).max(GRADE_CODE_MAX_LENGTH).openapi("Grade", {
  description: "進捗状況: 計画の評価段階の記号（既定は A 順調 / B ほぼ順調 / C やや遅れ / D 停滞）",
  example: "B",
});

export const gradeLevelSchema = z
  .object({ code: z.string(), label: z.string() })
  .openapi("GradeLevel", { description: "評価段階の一つ: 記号と名称" });

export const gradeScaleSchema = z
  .array(gradeLevelSchema)
  .openapi("GradeScale", { description: "計画の評価段階（3～6段階、良い順）" });

export const gradeSummarySchema = z.record(z.string(), z.number().int()).openapi("GradeSummary", {
  description: "本部会評価: 進捗状況ごとの取組項目数（評価段階の記号ごと、段階の順）",
  example: { A: 8, B: 10, C: 5, D: 1 },
});

export const documentGradeSummarySchema = z
  .object({
    total: gradeSummarySchema,
    byPolicy: z.array(z.object({ code: z.string(), title: z.string(), summary: gradeSummarySchema })),
    ungraded: z.number().int(),
    assessed: z.number().int().openapi({ description: "評価対象項目の数" }),
    notAssessed: z.number().int().openapi({ description: "対象外項目の数（今年度は評価しない取組項目）" }),
    scale: gradeScaleSchema,
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

export const achievementSchema = z
  .object({
    status: z.enum(["met", "onTrack", "behind", "regressed", "notComputable"]).openapi({
      description: `達成状況: ${Object.entries(STATUS_WORDS)
        .map(([k, w]) => `${k} ${w.ja}`)
        .join(" / ")}`,
    }),
    statusLabel: z.string().openapi({ example: "達成（目標超過）" }),
    statusLabelEn: z.string().openapi({ example: "Met (beyond the target)" }),
    percent: z.number().nullable().openapi({
      description:
        "達成率 (%、小数1桁): 当初から目標までのうち進んだ割合。100で目標どおり、負は当初より悪化。達成したかどうかだけを見る目標と算出不可は null",
      example: 140,
    }),
    computable: z.boolean(),
    method: z.enum(["numeric", "bound", "direction", "stage", "cumulative"]).nullable(),
    methodLabel: z.string().openapi({ example: "数値" }),
    methodLabelEn: z.string().openapi({ example: "numeric" }),
    met: z.boolean(),
    regressed: z.boolean().openapi({ description: "当初より悪化した" }),
    binary: z.boolean().openapi({ description: "達成したかどうかだけを見る目標 (percent は null)" }),
    direction: z.enum(["increase", "decrease"]).nullable(),
    expectedShare: z.number().openapi({ description: "計画期間の経過率 (%、小数1桁)", example: 60 }),
    pace: z.enum(["ahead", "onTrack", "behind"]).nullable().openapi({
      description: "達成率と計画期間の経過率の比較 (±10ポイント)。percent が null なら null",
    }),
    paceLabel: z.string().openapi({ example: "想定より先行" }),
    paceLabelEn: z.string(),
    code: z.string().nullable().openapi({ description: "算出できない理由の識別子" }),
    reason: z.string().openapi({ description: "算出できない理由 (算出できるときは空)" }),
    reasonEn: z.string(),
    text: z.string().openapi({ example: "達成（目標超過） 140.0%［数値］" }),
    textEn: z.string().openapi({ example: "Met (beyond the target) 140.0% [numeric]" }),
  })
  .openapi("Achievement", { description: "達成状況と達成率 (docs/ACHIEVEMENT.md)" });

/** An assessment as the API gives it: the status first, the percentage and the method as support. */
export function presentAchievement(a: AchievementAssessment): z.infer<typeof achievementSchema> {
  const x = a.achievement;
  return {
    status: a.status,
    statusLabel: statusLabel(a, "ja"),
    statusLabelEn: statusLabel(a, "en"),
    percent: a.percent,
    computable: x.computable,
    method: x.computable ? x.method : null,
    methodLabel: methodLabel(a, "ja"),
    methodLabelEn: methodLabel(a, "en"),
    met: x.computable && x.met,
    regressed: x.computable && x.regressed,
    binary: x.computable && x.binary === true,
    direction: (x.computable && x.direction) || null,
    expectedShare: ratioToPercent(a.expectedShare),
    pace: a.pace,
    paceLabel: paceLabel(a, "ja"),
    paceLabelEn: paceLabel(a, "en"),
    code: x.computable ? null : x.code,
    reason: reasonText(a, "ja"),
    reasonEn: reasonText(a, "en"),
    text: formatAssessment(a, "ja"),
    textEn: formatAssessment(a, "en"),
  };
}

export const policyRefSchema = z.object({ code: z.string(), title: z.string() }).openapi("PolicyRef");

export const initiativeSchema = z
  .object({
    number: z.number().int(),
    numberText: z
      .string()
      .optional()
      .openapi({ description: "市の書き方の No.（1-2、(1)-①、No.R1-1 など。ないときは number のとおり）" }),
    title: z.string(),
    policy: policyRefSchema,
    departments: z.array(z.string()),
    description: z.string(),
    activities: z.string(),
    grade: apiGradeSchema.nullable(),
    notAssessed: z
      .literal(true)
      .optional()
      .openapi({ description: "対象外: 今年度は評価しない（grade は null）" }),
    gradeLabel: z.string().nullable().openapi({ example: "ほぼ順調" }),
    committeeOpinion: z.string(),
    nextYearGoal: z.string(),
    kpis: z.array(kpiSchema),
  })
  .openapi("Initiative");

/** An initiative of a round as the API lists it: each KPI with its achievement in that round. */
export const roundInitiativeSchema = initiativeSchema
  .extend({ kpis: z.array(kpiSchema.extend({ achievement: achievementSchema })) })
  .openapi("RoundInitiative");

export const planDocumentSchema = z
  .object({
    format: z.literal(PLAN_DOCUMENT_FORMAT),
    organization: z.object({ name: z.string() }).optional(),
    plan: z.object({
      title: z.string(),
      startFiscalYear: z.number().int(),
      endFiscalYear: z.number().int(),
      baselineFiscalYear: z.number().int().optional(),
      gradeScale: gradeScaleSchema.optional(),
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
  .openapi("PlanDocument", { description: "計画データ (shinchoku.plan/v2): 取り込み・書き出しの共通形式" });
