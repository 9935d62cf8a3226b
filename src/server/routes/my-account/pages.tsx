import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  changePassword,
  createApiToken,
  revokeApiToken,
  signOutEverywhere,
} from "../../../workflow/accounts.ts";
import { organizationFromPath, type RouteRule, route } from "../../auth/rules.ts";
import { clearSessionCookie } from "../../auth/session.ts";
import { formFields, signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import { orgPath, pageContext } from "../../page-context.ts";
import type { FieldError } from "../../views/form/errors.ts";
import { fieldErrors } from "../../views/form/problems.ts";
import { accountPageQuery } from "./schema.ts";
import { ChangePasswordPage, MyAccountPage } from "./views.tsx";

const SELF: RouteRule = { kind: "signed-in", action: "self.manage", organization: organizationFromPath };

/**
 * One's own account is managed in a signed-in browser only: a personal API token cannot make more
 * tokens, revoke them, change the password or end the owner's sessions (a stolen token could
 * otherwise outlive its revocation by making another).
 */
function inBrowserOnly(c: Context<AppEnv>): void {
  if (c.get("auth")?.kind === "token") throw new AppError("auth.forbidden");
}

/** The signed-in person's own account: password, sessions, personal API tokens. */
export function registerMyAccountPages(app: OpenAPIHono<AppEnv>): void {
  route(app, "get", "/o/:org/manage/account", SELF, { query: accountPageQuery }, async (c) => {
    inBrowserOnly(c);
    const notice = c.req.query("revoked") ? pageContext(c).ui.t("me.tokenRevokedNotice") : undefined;
    return accountPage(c, { errors: [], tokenName: "", notice });
  });

  route(app, "post", "/o/:org/manage/account/tokens", SELF, async (c) => {
    inBrowserOnly(c);
    const { account } = signedIn(c);
    const name = (await formFields(c)).text("tokenName");
    const outcome = await createApiToken(c.get("store"), { account, name, now: c.get("security").now() });
    if ("kind" in outcome)
      return accountPage(
        c,
        { errors: fieldErrors(pageContext(c).ui, outcome.problems), tokenName: name },
        400,
      );
    return accountPage(c, { errors: [], tokenName: "", newToken: outcome.token });
  });

  route(app, "post", "/o/:org/manage/account/tokens/:id/revoke", SELF, async (c) => {
    inBrowserOnly(c);
    const { account, organization } = signedIn(c);
    const id = Number(c.req.param("id"));
    if (!Number.isSafeInteger(id)) throw new AppError("page.not-found", { path: c.req.path });
    const revoked = await revokeApiToken(c.get("store"), {
      account,
      tokenId: id,
      now: c.get("security").now(),
    });
    if (!revoked) throw new AppError("page.not-found", { path: c.req.path });
    return c.redirect(
      pageContext(c).ui.href(`${orgPath(organization.slug)}/manage/account`, { revoked: "1" }),
      303,
    );
  });

  route(app, "post", "/o/:org/manage/account/logout-everywhere", SELF, async (c) => {
    inBrowserOnly(c);
    const { account, organization } = signedIn(c);
    await signOutEverywhere(c.get("store"), { account });
    clearSessionCookie(c);
    return c.redirect(pageContext(c).ui.href(`${orgPath(organization.slug)}/login`, { ended: "all" }), 303);
  });

  route(app, "get", "/o/:org/manage/password", SELF, async (c) => {
    inBrowserOnly(c);
    return passwordPage(c, []);
  });

  route(app, "post", "/o/:org/manage/password", SELF, async (c) => {
    inBrowserOnly(c);
    const { account, sessionId } = signedIn(c);
    const form = await formFields(c);
    const outcome = await changePassword(c.get("store"), {
      account,
      sessionId,
      current: form.text("currentPassword"),
      password: form.text("password"),
      passwordConfirm: form.text("passwordConfirm"),
    });
    if (outcome.kind === "problems")
      return passwordPage(c, fieldErrors(pageContext(c).ui, outcome.problems), 400);
    return accountPage(c, { errors: [], tokenName: "", notice: pageContext(c).ui.t("password.changed") });
  });
}

async function accountPage(
  c: Context<AppEnv>,
  state: { errors: FieldError[]; tokenName: string; newToken?: string; notice?: string | undefined },
  status: 200 | 400 = 200,
) {
  const { account, organization, auth, sessionId } = signedIn(c);
  const store = c.get("store");
  const [sessions, tokens] = await Promise.all([
    store.sessions.listForAccount(account.id),
    store.tokens.listApiTokens(account.id),
  ]);
  const csrf = auth.kind === "session" ? auth.csrfToken : "";
  return renderPage(
    c,
    <MyAccountPage
      {...pageContext(c)}
      organization={organization}
      account={account}
      csrfToken={csrf || undefined}
      csrf={csrf}
      sessions={sessions}
      currentSessionId={sessionId}
      tokens={tokens}
      errors={state.errors}
      tokenName={state.tokenName}
      {...(state.newToken ? { newToken: state.newToken } : {})}
      {...(state.notice ? { notice: state.notice } : {})}
    />,
    status,
  );
}

function passwordPage(c: Context<AppEnv>, errors: FieldError[], status: 200 | 400 = 200) {
  const { account, organization, auth } = signedIn(c);
  const csrf = auth.kind === "session" ? auth.csrfToken : "";
  return renderPage(
    c,
    <ChangePasswordPage
      {...pageContext(c)}
      organization={organization}
      account={account}
      csrfToken={csrf || undefined}
      csrf={csrf}
      errors={errors}
    />,
    status,
  );
}
