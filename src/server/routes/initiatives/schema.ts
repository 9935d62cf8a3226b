import { z } from "@hono/zod-openapi";
import { fiscalYearSchema, initiativeNumberSchema, orgSlugSchema, planIdSchema } from "../../params.ts";

export const initiativePageParams = z.object({
  org: orgSlugSchema,
  planId: planIdSchema,
  number: initiativeNumberSchema,
});
/** ?fy= highlights one fiscal year; empty is the same as absent. */
export const initiativePageQuery = z.object({
  fy: z.preprocess((v) => (v === "" ? undefined : v), fiscalYearSchema.optional()),
});
