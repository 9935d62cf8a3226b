import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ConflictError, StoreError } from "../../../store/types.ts";
import { actorOf } from "../../../workflow/accounts.ts";
import { saveReport } from "../../../workflow/save-report.ts";
import { kpiValueSchema, problemResponse } from "../../api-schema.ts";
import { type RouteRule, withRule } from "../../auth/rules.ts";
import { signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { apiPathParams } from "../../params.ts";
import { WorkflowRefusal, workflowError } from "../../workflow-errors.ts";

const params = z.object({
  planId: apiPathParams.planId,
  fiscalYear: apiPathParams.fiscalYear,
  number: apiPathParams.number,
});

const draftBody = z
  .object({
    expectedVersion: z.number().int().min(1).openapi({ description: "読み込んだときの報告の版" }),
    activities: z.string().max(100_000).optional().openapi({ description: "(D) 取組内容" }),
    nextYearGoal: z.string().max(100_000).optional().openapi({ description: "(H) 次年度の目標" }),
    kpiValues: z
      .array(
        z.object({
          kpiId: z.number().int().min(1),
          text: z
            .string()
            .max(1_000)
            .openapi({ description: "現状値（書いたとおり）", example: "1億円(R2年度)" }),
          expectedVersion: z
            .number()
            .int()
            .min(1)
            .nullable()
            .openapi({ description: "読み込んだときの版（なければ null）" }),
        }),
      )
      .max(1_000)
      .optional(),
  })
  .openapi("ReportDraft", { description: "所管課が入力する報告の下書き" });

const reportSchema = z
  .object({
    id: z.number().int(),
    initiativeNumber: z.number().int(),
    state: z.string(),
    version: z.number().int(),
    activities: z.string(),
    nextYearGoal: z.string(),
    updatedAt: z.string().nullable(),
    kpiValues: z.array(
      z.object({ kpiId: z.number().int(), version: z.number().int(), value: kpiValueSchema }),
    ),
  })
  .openapi("ReportDraftSaved");

const saveRoute = createRoute({
  method: "patch",
  path: "/api/v1/plans/{planId}/rounds/{fiscalYear}/reports/{number}",
  operationId: "saveReportDraft",
  summary: "報告の下書きを保存する (所管課・事務局)",
  description:
    "セッション（Cookie と X-CSRF-Token）または個人用 API トークン（Authorization: Bearer）が必要です。" +
    "読み込んだときの版を expectedVersion に送ります。その後にほかの人が保存していれば 409と現在の内容を返し、何も保存しません。",
  tags: ["reports"],
  security: [{ bearerAuth: [] }],
  request: { params, body: { content: { "application/json": { schema: draftBody } }, required: true } },
  responses: {
    200: { description: "保存した報告", content: { "application/json": { schema: reportSchema } } },
    400: problemResponse("内容が正しくない"),
    401: problemResponse("ログインが必要"),
    403: problemResponse("権限がない・送信元が正しくない"),
    404: problemResponse("計画・年度・取組項目がない"),
    409: problemResponse("ほかの人が先に保存した（current に現在の内容）"),
  },
});

/** report.edit, asked about the initiative's 関係課: its editors and the secretariat may save. */
const EDIT_REPORT: RouteRule = {
  kind: "signed-in",
  action: "report.edit",
  organization: planOrganization,
  target: async (c, organization) => {
    const planId = Number(c.req.param("planId"));
    const number = Number(c.req.param("number"));
    const departments = await c.get("store").departments.ofInitiative(planId, number);
    return departments && { organizationId: organization.id, departmentIds: departments.map((d) => d.id) };
  },
};

async function planOrganization(c: Context<AppEnv>) {
  const planId = Number(c.req.param("planId"));
  const plan = Number.isSafeInteger(planId) ? await c.get("store").plans.find(planId) : undefined;
  return plan && c.get("store").organizations.find(plan.organizationId);
}

export function registerReportApi(app: OpenAPIHono<AppEnv>): void {
  app.openapi(withRule(app, saveRoute, EDIT_REPORT), async (c) => {
    const { planId, fiscalYear, number } = c.req.valid("param");
    const body = c.req.valid("json");
    const { account, principal } = signedIn(c);
    try {
      const saved = await saveReport(c.get("store"), actorOf(account), {
        principal,
        planId,
        fiscalYear,
        initiativeNumber: number,
        expectedVersion: body.expectedVersion,
        changes: {
          ...(body.activities !== undefined ? { activities: body.activities } : {}),
          ...(body.nextYearGoal !== undefined ? { nextYearGoal: body.nextYearGoal } : {}),
        },
        ...(body.kpiValues ? { kpiValues: body.kpiValues } : {}),
      });
      return c.json(
        {
          id: saved.report.id,
          initiativeNumber: saved.report.initiativeNumber,
          state: saved.report.state,
          version: saved.report.version,
          activities: saved.report.activities,
          nextYearGoal: saved.report.nextYearGoal,
          updatedAt: saved.report.updatedAt,
          kpiValues: saved.kpiValues.map((v) => ({ kpiId: v.kpiId, version: v.version, value: v.value })),
        },
        200,
      );
    } catch (error) {
      if (error instanceof ConflictError)
        throw new AppError("conflict", { message: error.message }, [], { current: error.current });
      if (error instanceof WorkflowRefusal) throw workflowError(error);
      if (error instanceof StoreError && error.code === "not-found")
        throw new AppError("initiative.not-found", { number: String(number) });
      throw error;
    }
  });
}
