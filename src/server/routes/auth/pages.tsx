import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  setPasswordWithToken,
  setUpFirstSecretariat,
  signOut,
  usableOneTimeToken,
} from "../../../workflow/accounts.ts";
import { signIn } from "../../../workflow/sign-in.ts";
import { formToken } from "../../auth/csrf.ts";
import { clientAddress } from "../../auth/request.ts";
import { organizationFromPath, route } from "../../auth/rules.ts";
import { clearSessionCookie, setSessionCookie } from "../../auth/session.ts";
import { formFields, safeNext, signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../html.ts";
import { loadOrganization } from "../../load.ts";
import { orgPath, pageContext } from "../../page-context.ts";
import { fieldErrors } from "../../views/form/problems.ts";
import { loginQuery } from "./schema.ts";
import { InvalidLinkPage, LoginPage, SetPasswordPage, SetupPage } from "./views.tsx";

const FORM = { kind: "form" } as const;

function client(c: Context<AppEnv>) {
  return { address: clientAddress(c, c.get("security")), userAgent: c.req.header("User-Agent") ?? null };
}

/** Sign-in, sign-out, the first secretariat's setup and setting a password from a one-time URL. */
export function registerAuthPages(app: OpenAPIHono<AppEnv>): void {
  route(app, "get", "/o/:org/login", FORM, { query: loginQuery }, async (c) => {
    const organization = await loadOrganization(c, c.req.param("org") ?? "");
    const { ui } = pageContext(c);
    const notice = c.req.query("ended")
      ? ui.t(c.req.query("ended") === "all" ? "login.endedEverywhere" : "login.ended")
      : undefined;
    return renderPage(
      c,
      <LoginPage
        {...pageContext(c)}
        organization={organization}
        csrfToken={formToken(c)}
        errors={[]}
        loginId=""
        next={c.req.query("next")}
        notice={notice}
      />,
    );
  });

  route(app, "post", "/o/:org/login", FORM, async (c) => {
    const organization = await loadOrganization(c, c.req.param("org") ?? "");
    const form = await formFields(c);
    const { ui } = pageContext(c);
    const loginId = form.text("loginId");
    const password = form.text("password");
    const next = form.text("next") || undefined;
    const refuse = (errors: { field: string; message: string }[]) =>
      renderPage(
        c,
        <LoginPage
          {...pageContext(c)}
          organization={organization}
          csrfToken={formToken(c)}
          errors={errors}
          loginId={loginId}
          next={next}
        />,
        400,
      );
    const missing = [
      ...(loginId.trim() === "" ? [{ field: "loginId", message: ui.t("login.missingLoginId") }] : []),
      ...(password === "" ? [{ field: "password", message: ui.t("login.missingPassword") }] : []),
    ];
    if (missing.length > 0) return refuse(missing);
    const outcome = await signIn(c.get("store"), {
      organizationId: organization.id,
      loginId,
      password,
      now: c.get("security").now(),
      ...client(c),
    });
    if (outcome.kind === "throttled") return refuse([{ field: "loginId", message: ui.t("login.throttled") }]);
    if (outcome.kind === "failed") return refuse([{ field: "loginId", message: ui.t("login.failed") }]);
    // Whatever session the browser had is replaced, never reused.
    setSessionCookie(c, outcome.token);
    const home = ui.href(`${orgPath(organization.slug)}/manage`);
    return c.redirect(safeNext(next, organization.slug, home), 303);
  });

  route(
    app,
    "post",
    "/o/:org/logout",
    { kind: "signed-in", action: "self.manage", organization: organizationFromPath },
    async (c) => {
      const { account, sessionId, organization } = signedIn(c);
      if (sessionId !== undefined) await signOut(c.get("store"), { account, sessionId });
      clearSessionCookie(c);
      return c.redirect(pageContext(c).ui.href(`${orgPath(organization.slug)}/login`, { ended: "1" }), 303);
    },
  );

  route(app, "get", "/setup/:token", FORM, async (c) => {
    const token = c.req.param("token") ?? "";
    const setup = await usableOneTimeToken(c.get("store"), token, c.get("security").now(), ["setup"]);
    if (!setup) return invalidLink(c, "setup");
    const organization = await c.get("store").organizations.find(setup.organizationId);
    if (!organization) return invalidLink(c, "setup");
    return renderPage(
      c,
      <SetupPage
        {...pageContext(c)}
        organization={organization}
        token={token}
        csrfToken={formToken(c)}
        errors={[]}
        values={{ loginId: "", displayName: "", email: "" }}
      />,
    );
  });

  route(app, "post", "/setup/:token", FORM, async (c) => {
    const token = c.req.param("token") ?? "";
    const store = c.get("store");
    const now = c.get("security").now();
    const form = await formFields(c);
    const values = {
      loginId: form.text("loginId"),
      displayName: form.text("displayName"),
      email: form.text("email"),
    };
    const setup = await usableOneTimeToken(store, token, now, ["setup"]);
    const organization = setup && (await store.organizations.find(setup.organizationId));
    if (!organization) return invalidLink(c, "setup");
    const outcome = await setUpFirstSecretariat(store, {
      token,
      account: values,
      password: form.text("password"),
      passwordConfirm: form.text("passwordConfirm"),
      now,
      ...client(c),
    });
    if ("kind" in outcome) {
      if (outcome.kind === "invalid-token") return invalidLink(c, "setup");
      return renderPage(
        c,
        <SetupPage
          {...pageContext(c)}
          organization={organization}
          token={token}
          csrfToken={formToken(c)}
          errors={fieldErrors(pageContext(c).ui, outcome.problems)}
          values={values}
        />,
        400,
      );
    }
    setSessionCookie(c, outcome.sessionToken);
    return c.redirect(pageContext(c).ui.href(`${orgPath(organization.slug)}/manage`), 303);
  });

  route(app, "get", "/o/:org/password/:token", FORM, async (c) => {
    const found = await passwordLink(c);
    if (!found) return invalidLink(c, "password");
    return renderPage(
      c,
      <SetPasswordPage
        {...pageContext(c)}
        organization={found.organization}
        token={found.token}
        loginId={found.account.loginId}
        displayName={found.account.displayName}
        csrfToken={formToken(c)}
        errors={[]}
      />,
    );
  });

  route(app, "post", "/o/:org/password/:token", FORM, async (c) => {
    const found = await passwordLink(c);
    if (!found) return invalidLink(c, "password");
    const form = await formFields(c);
    const outcome = await setPasswordWithToken(c.get("store"), {
      token: found.token,
      password: form.text("password"),
      passwordConfirm: form.text("passwordConfirm"),
      now: c.get("security").now(),
      ...client(c),
    });
    if ("kind" in outcome) {
      if (outcome.kind === "invalid-token") return invalidLink(c, "password");
      return renderPage(
        c,
        <SetPasswordPage
          {...pageContext(c)}
          organization={found.organization}
          token={found.token}
          loginId={found.account.loginId}
          displayName={found.account.displayName}
          csrfToken={formToken(c)}
          errors={fieldErrors(pageContext(c).ui, outcome.problems)}
        />,
        400,
      );
    }
    setSessionCookie(c, outcome.sessionToken);
    return c.redirect(pageContext(c).ui.href(`${orgPath(found.organization.slug)}/manage`), 303);
  });
}

/** The account whose password a one-time URL sets, when the URL still works and is of this organization. */
async function passwordLink(c: Context<AppEnv>) {
  const store = c.get("store");
  const token = c.req.param("token") ?? "";
  const organization = await store.organizations.findBySlug(c.req.param("org") ?? "");
  const found = await usableOneTimeToken(store, token, c.get("security").now(), ["invite", "reset"]);
  if (!organization || !found || found.organizationId !== organization.id || found.accountId === null)
    return undefined;
  const account = await store.accounts.find(organization.id, found.accountId);
  return account && !account.disabled ? { organization, account, token } : undefined;
}

function invalidLink(c: Context<AppEnv>, kind: "setup" | "password") {
  const { ui, url } = pageContext(c);
  return renderPage(
    c,
    <InvalidLinkPage
      ui={ui}
      url={url}
      title={ui.t(kind === "setup" ? "setup.invalid" : "password.invalid")}
      detail={ui.t(kind === "setup" ? "setup.invalidDetail" : "password.invalidDetail")}
    />,
    404,
  );
}
