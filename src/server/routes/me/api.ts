import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { ROLES } from "../../../domain/permissions.ts";
import { problemResponse } from "../../api-schema.ts";
import { type RouteRule, withRule } from "../../auth/rules.ts";
import { signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";

const meSchema = z
  .object({
    loginId: z.string(),
    displayName: z.string(),
    organization: z.string().openapi({ description: "自治体の URL 名" }),
    roles: z.array(z.enum(ROLES)),
    departmentIds: z.array(z.number().int()),
  })
  .openapi("Me", { description: "認証されている利用者" });

const meRoute = createRoute({
  method: "get",
  path: "/api/v1/me",
  operationId: "getMe",
  summary: "認証されている利用者 (トークンの確認)",
  tags: ["accounts"],
  security: [{ bearerAuth: [] }],
  responses: {
    200: { description: "利用者", content: { "application/json": { schema: meSchema } } },
    401: problemResponse("ログインが必要"),
  },
});

/** The account the request speaks for: its own organization. */
const SELF: RouteRule = {
  kind: "signed-in",
  action: "self.manage",
  organization: async (c) => {
    const auth = c.get("auth");
    return auth ? c.get("store").organizations.find(auth.account.organizationId) : undefined;
  },
};

export function registerMeApi(app: OpenAPIHono<AppEnv>): void {
  app.openapi(withRule(app, meRoute, SELF), async (c) => {
    const { account, organization } = signedIn(c);
    return c.json(
      {
        loginId: account.loginId,
        displayName: account.displayName,
        organization: organization.slug,
        roles: account.roles,
        departmentIds: account.departmentIds,
      },
      200,
    );
  });
}
