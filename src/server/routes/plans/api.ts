import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { gradeScaleOf } from "../../../domain/grade.ts";
import { summarizeDocument } from "../../../domain/grade-summary.ts";
import { expectedShare } from "../../../domain/plan-period.ts";
import { searchInitiatives } from "../../../domain/search.ts";
import { documentGradeSummarySchema, problemResponse, roundInitiativeSchema } from "../../api-schema.ts";
import { PUBLIC, withRule } from "../../auth/rules.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { findRound, loadPlan, loadRoundDocument } from "../../load.ts";
import { apiPathParams, gradeSchema, textFilterSchema } from "../../params.ts";
import {
  planSchema,
  presentInitiative,
  presentPlan,
  presentRound,
  roundDetailSchema,
  roundSchema,
} from "./api-schema.ts";
import { applyFilter, gradeFilterError, listInitiatives } from "./filter.ts";

const planParams = z.object({ planId: apiPathParams.planId });
const roundParams = z.object({ planId: apiPathParams.planId, fiscalYear: apiPathParams.fiscalYear });

const filterQuery = z.object({
  policy: textFilterSchema.openapi({
    description: "基本方針の記号 (例: (ア))、記号がなければ名称",
    example: "(ア)",
  }),
  department: textFilterSchema.openapi({ description: "関係課の名称", example: "納税課" }),
  grade: z
    .union([gradeSchema, z.array(gradeSchema)])
    .optional()
    .openapi({
      description:
        "進捗状況: 計画の評価の区分の記号 (A、S、◎など) または 対象外 (繰り返し可: grade=A&grade=B)",
      example: "B",
    }),
  q: textFilterSchema.openapi({ description: "取組項目の名称・内容に含まれる語", example: "オープンデータ" }),
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const refused = {
  400: problemResponse("パラメーターが正しくない"),
  404: problemResponse("計画または年度がない"),
};

const planRoute = createRoute({
  method: "get",
  operationId: "getPlan",
  path: "/api/v1/plans/{planId}",
  summary: "計画の情報",
  tags: ["plans"],
  request: { params: planParams },
  responses: { 200: json(planSchema, "計画と報告のある年度"), ...refused },
});

const roundsRoute = createRoute({
  method: "get",
  operationId: "listRounds",
  path: "/api/v1/plans/{planId}/rounds",
  summary: "計画の年度 (進行管理) の一覧",
  tags: ["rounds"],
  request: { params: planParams },
  responses: {
    200: json(z.object({ planId: z.number().int(), rounds: z.array(roundSchema) }), "古い年度から"),
    ...refused,
  },
});

const roundRoute = createRoute({
  method: "get",
  operationId: "getRound",
  path: "/api/v1/plans/{planId}/rounds/{fiscalYear}",
  summary: "一年度の進行管理と進捗状況の集計",
  tags: ["rounds"],
  request: { params: roundParams },
  responses: { 200: json(roundDetailSchema, "年度の概要、全体と基本方針別の集計"), ...refused },
});

const initiativesRoute = createRoute({
  method: "get",
  operationId: "listRoundInitiatives",
  path: "/api/v1/plans/{planId}/rounds/{fiscalYear}/initiatives",
  summary: "一年度の取組項目 (絞り込み可)",
  tags: ["rounds", "initiatives"],
  request: { params: roundParams, query: filterQuery },
  responses: {
    200: json(
      z.object({
        total: z.number().int().openapi({ description: "年度の取組項目数" }),
        count: z.number().int().openapi({ description: "条件に合う数" }),
        initiatives: z.array(roundInitiativeSchema),
      }),
      "条件に合う取組項目 (番号順)",
    ),
    ...refused,
  },
});

const gradeSummaryRoute = createRoute({
  method: "get",
  operationId: "getGradeSummary",
  path: "/api/v1/plans/{planId}/rounds/{fiscalYear}/grade-summary",
  summary: "進捗状況の集計 (本部会評価)",
  tags: ["rounds"],
  request: { params: roundParams },
  responses: { 200: json(documentGradeSummarySchema, "全体と基本方針別の件数"), ...refused },
});

export function registerPlanApi(app: OpenAPIHono<AppEnv>): void {
  app.openapi(withRule(app, planRoute, PUBLIC), async (c) => {
    const { planId } = c.req.valid("param");
    const { plan, organization } = await loadPlan(c, planId);
    return c.json(presentPlan(plan, organization, plan.rounds), 200);
  });

  app.openapi(withRule(app, roundsRoute, PUBLIC), async (c) => {
    const { planId } = c.req.valid("param");
    const { plan } = await loadPlan(c, planId);
    return c.json({ planId: plan.id, rounds: plan.rounds.map(presentRound) }, 200);
  });

  app.openapi(withRule(app, roundRoute, PUBLIC), async (c) => {
    const { planId, fiscalYear } = c.req.valid("param");
    const { plan } = await loadPlan(c, planId);
    const round = findRound(plan, fiscalYear);
    const document = await loadRoundDocument(c, plan, fiscalYear);
    return c.json(
      {
        ...presentRound(round),
        planId: plan.id,
        summary: summarizeDocument(document),
        declaredGradeSummary: document.declaredGradeSummary ?? null,
        expectedShare: expectedShare(plan, fiscalYear),
      },
      200,
    );
  });

  app.openapi(withRule(app, initiativesRoute, PUBLIC), async (c) => {
    const { planId, fiscalYear } = c.req.valid("param");
    const query = c.req.valid("query");
    const { plan } = await loadPlan(c, planId);
    const document = await loadRoundDocument(c, plan, fiscalYear);
    const matching = query.q ? new Set(searchInitiatives(document, query.q)) : undefined;
    const grades =
      query.grade === undefined ? undefined : Array.isArray(query.grade) ? query.grade : [query.grade];
    const badGrade = gradeFilterError(grades, gradeScaleOf(document.plan));
    if (badGrade) throw new AppError("request.invalid", {}, [badGrade]);
    const all = listInitiatives(document);
    const shown = applyFilter(all, { policy: query.policy, department: query.department, grades, matching });
    const share = expectedShare(plan, fiscalYear).share;
    return c.json(
      {
        total: all.length,
        count: shown.length,
        initiatives: shown.map((item) => presentInitiative(item, share, gradeScaleOf(document.plan))),
      },
      200,
    );
  });

  app.openapi(withRule(app, gradeSummaryRoute, PUBLIC), async (c) => {
    const { planId, fiscalYear } = c.req.valid("param");
    const { plan } = await loadPlan(c, planId);
    const document = await loadRoundDocument(c, plan, fiscalYear);
    return c.json(summarizeDocument(document), 200);
  });
}
