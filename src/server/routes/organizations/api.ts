import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { OrganizationRecord } from "../../../store/types.ts";
import { problemResponse } from "../../api-schema.ts";
import { PUBLIC, withRule } from "../../auth/rules.ts";
import type { AppEnv } from "../../env.ts";
import { loadOrganization, loadPublishedPlans } from "../../load.ts";
import { orgSlugSchema } from "../../params.ts";
import { planSchema, presentPlan } from "../plans/api-schema.ts";

export const organizationSchema = z
  .object({
    slug: z.string().openapi({ example: "sakado" }),
    name: z.string().openapi({ example: "坂戸市" }),
  })
  .openapi("Organization");

const orgParam = z.object({
  org: orgSlugSchema.openapi({
    param: { name: "org", in: "path" },
    example: "sakado",
    description: "自治体の URL 名",
  }),
});

export function presentOrganization(o: OrganizationRecord) {
  return { slug: o.slug, name: o.name };
}

const listRoute = createRoute({
  method: "get",
  operationId: "listOrganizations",
  path: "/api/v1/organizations",
  summary: "自治体の一覧",
  tags: ["organizations"],
  responses: {
    200: {
      description: "登録されている自治体",
      content: { "application/json": { schema: z.object({ organizations: z.array(organizationSchema) }) } },
    },
    // It takes no parameters; any client error it could answer (another method: 405) is a problem document.
    "4XX": problemResponse("クライアントの誤り (GET と HEAD 以外のメソッドなど)"),
  },
});

const getRoute = createRoute({
  method: "get",
  operationId: "getOrganization",
  path: "/api/v1/organizations/{org}",
  summary: "自治体の情報",
  tags: ["organizations"],
  request: { params: orgParam },
  responses: {
    200: {
      description: "自治体の名前と URL 名",
      content: { "application/json": { schema: organizationSchema } },
    },
    400: problemResponse("パラメーターが正しくない"),
    404: problemResponse("自治体がない"),
  },
});

const plansRoute = createRoute({
  method: "get",
  operationId: "listOrganizationPlans",
  path: "/api/v1/organizations/{org}/plans",
  summary: "自治体の計画の一覧",
  tags: ["organizations", "plans"],
  request: { params: orgParam },
  responses: {
    200: {
      description: "計画と最新の年度",
      content: {
        "application/json": {
          schema: z.object({ organization: organizationSchema, plans: z.array(planSchema) }),
        },
      },
    },
    400: problemResponse("パラメーターが正しくない"),
    404: problemResponse("自治体がない"),
  },
});

export function registerOrganizationApi(app: OpenAPIHono<AppEnv>): void {
  app.openapi(withRule(app, listRoute, PUBLIC), async (c) => {
    const organizations = await c.get("store").organizations.list();
    return c.json({ organizations: organizations.map(presentOrganization) }, 200);
  });

  app.openapi(withRule(app, getRoute, PUBLIC), async (c) => {
    const { org } = c.req.valid("param");
    const organization = await loadOrganization(c, org);
    return c.json(presentOrganization(organization), 200);
  });

  app.openapi(withRule(app, plansRoute, PUBLIC), async (c) => {
    const { org } = c.req.valid("param");
    const organization = await loadOrganization(c, org);
    const plans = await loadPublishedPlans(c, organization);
    return c.json(
      {
        organization: presentOrganization(organization),
        plans: plans.map((plan) => presentPlan(plan, organization, plan.rounds)),
      },
      200,
    );
  });
}
