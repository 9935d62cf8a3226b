import { z } from "@hono/zod-openapi";

/** The sign-in page: where to go afterwards (?next=), and why the reader is there (?ended=1 / all). */
export const loginQuery = z.object({ next: z.string().optional(), ended: z.string().optional() });
