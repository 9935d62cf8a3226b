import { z } from "@hono/zod-openapi";
import { assessKpi } from "../../../domain/achievement.ts";
import { DEFAULT_GRADE_SCALE, type GradeScale, gradeLabel } from "../../../domain/grade.ts";
import type { OrganizationRecord, PlanRecord, PublicationRecord } from "../../../store/types.ts";
import {
  documentGradeSummarySchema,
  expectedShareSchema,
  gradeSummarySchema,
  presentAchievement,
  type roundInitiativeSchema,
} from "../../api-schema.ts";
import type { ListedInitiative } from "./filter.ts";

export const roundSchema = z
  .object({
    fiscalYear: z.number().int().openapi({ example: 2019 }),
    asOf: z.string().openapi({ example: "2020-03-31", description: "基準日 (ISO 8601)" }),
    title: z.string().nullable(),
    gradeSummary: gradeSummarySchema,
    initiativeCount: z.number().int(),
  })
  .openapi("Round", { description: "進行管理の一年度分 (ReportingRound)" });

export const planSchema = z
  .object({
    id: z.number().int().openapi({ example: 1 }),
    organization: z.string().openapi({ example: "sakado", description: "自治体の URL 名" }),
    title: z.string().openapi({ example: "行政改革後期アクションプラン" }),
    startFiscalYear: z.number().int().openapi({ example: 2017 }),
    endFiscalYear: z.number().int().openapi({ example: 2021 }),
    baselineFiscalYear: z.number().int().nullable(),
    fiscalYears: z.array(z.number().int()).openapi({ description: "報告のある年度 (古い順)" }),
    latestRound: roundSchema.nullable(),
  })
  .openapi("Plan");

export const roundDetailSchema = roundSchema
  .extend({
    planId: z.number().int(),
    summary: documentGradeSummarySchema,
    declaredGradeSummary: gradeSummarySchema.nullable(),
    expectedShare: expectedShareSchema,
  })
  .openapi("RoundDetail");

export function presentRound(r: PublicationRecord) {
  return {
    fiscalYear: r.fiscalYear,
    asOf: r.asOf,
    title: r.title,
    gradeSummary: r.gradeSummary,
    initiativeCount: r.initiativeCount,
  };
}

export function presentPlan(plan: PlanRecord, organization: OrganizationRecord, rounds: PublicationRecord[]) {
  const latest = rounds.at(-1);
  return {
    id: plan.id,
    organization: organization.slug,
    title: plan.title,
    startFiscalYear: plan.startFiscalYear,
    endFiscalYear: plan.endFiscalYear,
    baselineFiscalYear: plan.baselineFiscalYear,
    fiscalYears: rounds.map((r) => r.fiscalYear),
    latestRound: latest ? presentRound(latest) : null,
  };
}

/** `expectedShare`: the share of the plan period passed in the round (plan-period.ts), 0…1. */
export function presentInitiative(
  { policy, initiative }: ListedInitiative,
  expectedShare: number,
  scale: GradeScale = DEFAULT_GRADE_SCALE,
): z.infer<typeof roundInitiativeSchema> {
  return {
    number: initiative.number,
    ...(initiative.numberText !== undefined ? { numberText: initiative.numberText } : {}),
    title: initiative.title,
    policy: { code: policy.code, title: policy.title },
    departments: initiative.departments,
    description: initiative.description,
    activities: initiative.activities,
    grade: initiative.grade,
    ...(initiative.notAssessed ? { notAssessed: true as const } : {}),
    gradeLabel: initiative.grade ? gradeLabel(scale, initiative.grade) : null,
    committeeOpinion: initiative.committeeOpinion,
    nextYearGoal: initiative.nextYearGoal,
    kpis: initiative.kpis.map((kpi) => ({
      ...kpi,
      achievement: presentAchievement(assessKpi(kpi, expectedShare)),
    })),
  };
}
