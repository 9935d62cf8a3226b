import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { registerDashboard } from "./dashboard.tsx";
import { registerGrading } from "./grading.tsx";
import { registerHistory } from "./history.tsx";
import { registerPublish } from "./publish.tsx";
import { registerReview } from "./review.tsx";
import { registerRevisionPages } from "./revisions.tsx";
import { registerRoundManagement } from "./round-pages.tsx";

/** The round's pages for the secretariat and the committee, and the public revision pages. */
export function registerRoundPages(app: OpenAPIHono<AppEnv>): void {
  registerRoundManagement(app);
  registerDashboard(app);
  registerReview(app);
  registerGrading(app);
  registerPublish(app);
  registerHistory(app);
  registerRevisionPages(app);
}
