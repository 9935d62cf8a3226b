import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { assessKpi } from "../../../domain/achievement.ts";
import { gradeLabel } from "../../../domain/grade.ts";
import { expectedShare } from "../../../domain/plan-period.ts";
import type { InitiativeHistory } from "../../../store/types.ts";
import {
  achievementSchema,
  apiGradeSchema,
  expectedShareSchema,
  kpiValueSchema,
  policyRefSchema,
  presentAchievement,
  problemResponse,
} from "../../api-schema.ts";
import { PUBLIC, withRule } from "../../auth/rules.ts";
import type { AppEnv } from "../../env.ts";
import { loadInitiativeHistory, loadPlan } from "../../load.ts";
import { apiPathParams } from "../../params.ts";

const params = z.object({ planId: apiPathParams.planId, number: apiPathParams.number });

const historySchema = z
  .object({
    planId: z.number().int(),
    number: z.number().int(),
    numberText: z
      .string()
      .optional()
      .openapi({ description: "市の書き方の No.（1-2、(1)-①、No.R1-1 など。ないときは番号のとおり）" }),
    title: z.string(),
    policy: policyRefSchema,
    departments: z.array(z.string()),
    leadDepartment: z.string().nullable().openapi({ description: "主担当 (関係課の先頭)" }),
    description: z.string(),
    kpis: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        label: z.string(),
        relisted: z.boolean(),
        baseline: kpiValueSchema,
        target: kpiValueSchema,
        values: z.array(
          z.object({
            fiscalYear: z.number().int(),
            value: kpiValueSchema,
            achievement: achievementSchema,
            expectedShare: expectedShareSchema,
          }),
        ),
        alsoListedIn: z.array(
          z.object({
            initiativeNumber: z.number().int(),
            numberText: z.string().optional(),
            title: z.string(),
            relisted: z.boolean(),
          }),
        ),
      }),
    ),
    reports: z.array(
      z.object({
        fiscalYear: z.number().int(),
        activities: z.string(),
        grade: apiGradeSchema.nullable(),
        notAssessed: z.literal(true).optional(),
        gradeLabel: z.string().nullable(),
        committeeOpinion: z.string(),
        nextYearGoal: z.string(),
      }),
    ),
  })
  .openapi("InitiativeHistory");

const route = createRoute({
  method: "get",
  operationId: "getInitiativeHistory",
  path: "/api/v1/plans/{planId}/initiatives/{number}",
  summary: "取組項目の経過 (全年度の 数値目標の値、達成率、報告)",
  tags: ["initiatives"],
  request: { params },
  responses: {
    200: { description: "取組項目", content: { "application/json": { schema: historySchema } } },
    400: problemResponse("パラメーターが正しくない"),
    404: problemResponse("計画または取組項目がない"),
  },
});

export function presentHistory(h: InitiativeHistory) {
  return {
    planId: h.plan.id,
    number: h.number,
    ...(h.numberText !== undefined ? { numberText: h.numberText } : {}),
    title: h.title,
    policy: h.policy,
    departments: h.departments,
    leadDepartment: h.departments[0] ?? null,
    description: h.description,
    kpis: h.kpis.map((k) => ({
      id: k.id,
      name: k.name,
      label: k.label,
      relisted: k.relisted,
      baseline: k.baseline,
      target: k.target,
      values: k.values.map((v) => {
        const expected = expectedShare(h.plan, v.fiscalYear);
        const assessment = assessKpi(
          { baseline: k.baseline, target: k.target, current: v.value },
          expected.share,
        );
        return {
          fiscalYear: v.fiscalYear,
          value: v.value,
          achievement: presentAchievement(assessment),
          expectedShare: expected,
        };
      }),
      alsoListedIn: k.alsoListedIn,
    })),
    reports: h.reports.map(({ gradeScale, ...r }) => ({
      ...r,
      gradeLabel: r.grade ? gradeLabel(gradeScale, r.grade) : null,
    })),
  };
}

export function registerInitiativeApi(app: OpenAPIHono<AppEnv>): void {
  app.openapi(withRule(app, route, PUBLIC), async (c) => {
    const { planId, number } = c.req.valid("param");
    const { plan } = await loadPlan(c, planId);
    const history = await loadInitiativeHistory(c, plan, number);
    return c.json(presentHistory(history), 200);
  });
}
