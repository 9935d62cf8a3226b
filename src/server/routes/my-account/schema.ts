import { z } from "@hono/zod-openapi";

/** The own-account page: ?revoked=1 after a token was revoked. */
export const accountPageQuery = z.object({ revoked: z.string().optional() });
