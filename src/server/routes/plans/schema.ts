import { z } from "@hono/zod-openapi";
import { fiscalYearSchema, initiativeFilterSchema, orgSlugSchema, planIdSchema } from "../../params.ts";

export const planParams = z.object({ org: orgSlugSchema, planId: planIdSchema });
export const roundParams = planParams.extend({ fy: fiscalYearSchema });
export const overviewQuery = initiativeFilterSchema;
