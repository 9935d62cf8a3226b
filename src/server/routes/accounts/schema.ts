import { z } from "@hono/zod-openapi";

/** An account's page: ?saved=1 after its changes were saved. */
export const savedQuery = z.object({ saved: z.string().optional() });
