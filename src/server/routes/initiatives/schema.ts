import { z } from "@hono/zod-openapi";
import { fiscalYearSchema, initiativeNumberSchema, orgSlugSchema, planIdSchema } from "../../params.ts";

export const initiativePageParams = z.object({
  org: orgSlugSchema,
  planId: planIdSchema,
  number: initiativeNumberSchema,
});
export const initiativePageQuery = z.object({ fy: fiscalYearSchema.optional() });
