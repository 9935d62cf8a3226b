import { z } from "@hono/zod-openapi";
import { orgSlugSchema } from "../../params.ts";

export const organizationParams = z.object({ org: orgSlugSchema });
