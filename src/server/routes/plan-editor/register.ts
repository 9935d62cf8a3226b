import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { registerInitiativePages } from "./initiative.tsx";
import { registerKpiPages } from "./kpi.tsx";
import { registerStructurePages } from "./structure.tsx";

/** The plan editor (計画の編集, issue 8): the secretariat's pages that set up and change a plan. */
export function registerPlanEditorPages(app: OpenAPIHono<AppEnv>): void {
  registerStructurePages(app);
  registerInitiativePages(app);
  registerKpiPages(app);
}
