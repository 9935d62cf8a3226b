import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { isRoleName, type RoleName } from "../../../domain/permissions.ts";
import type { AccountRecord } from "../../../store/types.ts";
import {
  actorOf,
  forcePasswordReset,
  inviteAccount,
  setAccountDisabled,
  updateAccount,
} from "../../../workflow/accounts.ts";
import { readerOrigin } from "../../auth/request.ts";
import { organizationFromPath, type RouteRule, route } from "../../auth/rules.ts";
import { formFields, signedIn } from "../../auth/signed-in.ts";
import type { AppEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { renderPage } from "../../html.ts";
import { orgPath, pageContext } from "../../page-context.ts";
import type { FieldError } from "../../views/form/errors.ts";
import { fieldErrors } from "../../views/form/problems.ts";
import { savedQuery } from "./schema.ts";
import {
  type AccountFormValues,
  AccountListPage,
  EditAccountPage,
  NewAccountPage,
  OneTimeUrlPage,
} from "./views.tsx";

const MANAGE_ACCOUNTS: RouteRule = {
  kind: "signed-in",
  action: "accounts.manage",
  organization: organizationFromPath,
};

/** The secretariat's pages for its organization's accounts; every change is audited by the store. */
export function registerAccountPages(app: OpenAPIHono<AppEnv>): void {
  route(app, "get", "/o/:org/manage/accounts", MANAGE_ACCOUNTS, async (c) => {
    const { organization } = signedIn(c);
    const store = c.get("store");
    const [accounts, departments] = await Promise.all([
      store.accounts.list(organization.id),
      store.departments.list(organization.id),
    ]);
    return renderPage(c, <AccountListPage {...props(c)} accounts={accounts} departments={departments} />);
  });

  route(app, "get", "/o/:org/manage/accounts/new", MANAGE_ACCOUNTS, async (c) =>
    newAccountPage(c, { loginId: "", displayName: "", email: "", roles: [], departmentIds: [] }, []),
  );

  route(app, "post", "/o/:org/manage/accounts/new", MANAGE_ACCOUNTS, async (c) => {
    const { organization, account } = signedIn(c);
    const values = await accountValues(c, true);
    const outcome = await inviteAccount(c.get("store"), actorOf(account), {
      organizationId: organization.id,
      account: accountInput(values),
      now: c.get("security").now(),
    });
    if ("kind" in outcome)
      return newAccountPage(c, values, fieldErrors(pageContext(c).ui, outcome.problems), 400);
    return oneTimeUrlPage(c, outcome.account, outcome.token, false);
  });

  route(app, "get", "/o/:org/manage/accounts/:id", MANAGE_ACCOUNTS, { query: savedQuery }, async (c) => {
    const target = await targetAccount(c);
    const notice = c.req.query("saved") ? pageContext(c).ui.t("accounts.saved") : undefined;
    return editAccountPage(c, target, valuesOf(target), [], { notice });
  });

  route(app, "post", "/o/:org/manage/accounts/:id", MANAGE_ACCOUNTS, async (c) => {
    const { organization, account } = signedIn(c);
    const target = await targetAccount(c);
    const form = await formFields(c);
    const values = await accountValues(c, false, target.loginId);
    const outcome = await updateAccount(c.get("store"), actorOf(account), {
      organizationId: organization.id,
      accountId: target.id,
      expectedVersion: Number(form.text("version")),
      account: accountInput(values),
    });
    if (outcome.kind === "problems")
      return editAccountPage(c, target, values, fieldErrors(pageContext(c).ui, outcome.problems), {}, 400);
    if (outcome.kind === "conflict")
      // The form now holds the current account: what they had typed is overwritten only after they
      // have read the other person's change (shown in the notice and the fields).
      return editAccountPage(c, outcome.current, valuesOf(outcome.current), [], { conflict: true }, 409);
    return c.redirect(
      pageContext(c).ui.href(`${orgPath(organization.slug)}/manage/accounts/${target.id}`, { saved: "1" }),
      303,
    );
  });

  for (const [action, disabled] of [
    ["disable", true],
    ["enable", false],
  ] as const) {
    route(app, "post", `/o/:org/manage/accounts/:id/${action}`, MANAGE_ACCOUNTS, async (c) => {
      const { organization, account } = signedIn(c);
      const target = await targetAccount(c);
      const outcome = await setAccountDisabled(c.get("store"), actorOf(account), {
        organizationId: organization.id,
        accountId: target.id,
        disabled,
      });
      if (outcome.kind === "problems")
        return editAccountPage(
          c,
          target,
          valuesOf(target),
          fieldErrors(pageContext(c).ui, outcome.problems),
          {},
          400,
        );
      return c.redirect(
        pageContext(c).ui.href(`${orgPath(organization.slug)}/manage/accounts/${target.id}`, { saved: "1" }),
        303,
      );
    });
  }

  route(app, "post", "/o/:org/manage/accounts/:id/reset", MANAGE_ACCOUNTS, async (c) => {
    const { organization, account } = signedIn(c);
    const target = await targetAccount(c);
    const outcome = await forcePasswordReset(c.get("store"), actorOf(account), {
      organizationId: organization.id,
      accountId: target.id,
      now: c.get("security").now(),
    });
    return oneTimeUrlPage(c, outcome.account, outcome.token, true);
  });
}

function props(c: Context<AppEnv>) {
  const { organization, account, auth } = signedIn(c);
  const csrf = auth.kind === "session" ? auth.csrfToken : "";
  return { ...pageContext(c), organization, account, csrfToken: csrf || undefined, csrf };
}

async function targetAccount(c: Context<AppEnv>): Promise<AccountRecord> {
  const { organization } = signedIn(c);
  const id = Number(c.req.param("id"));
  const target = Number.isSafeInteger(id)
    ? await c.get("store").accounts.find(organization.id, id)
    : undefined;
  if (!target) throw new AppError("page.not-found", { path: c.req.path });
  return target;
}

async function accountValues(
  c: Context<AppEnv>,
  withLoginId: boolean,
  loginId = "",
): Promise<AccountFormValues> {
  const form = await formFields(c);
  return {
    loginId: withLoginId ? form.text("loginId") : loginId,
    displayName: form.text("displayName"),
    email: form.text("email"),
    roles: form.list("roles").filter(isRoleName),
    departmentIds: form.list("departmentIds").filter((v) => /^\d{1,9}$/.test(v)),
  };
}

function accountInput(values: AccountFormValues) {
  return {
    loginId: values.loginId,
    displayName: values.displayName,
    email: values.email,
    roles: values.roles.filter(isRoleName) as RoleName[],
    departmentIds: values.departmentIds.map(Number),
  };
}

function valuesOf(account: AccountRecord): AccountFormValues {
  return {
    loginId: account.loginId,
    displayName: account.displayName,
    email: account.email ?? "",
    roles: account.roles,
    departmentIds: account.departmentIds.map(String),
  };
}

async function newAccountPage(
  c: Context<AppEnv>,
  values: AccountFormValues,
  errors: FieldError[],
  status: 200 | 400 = 200,
) {
  // A retired department (廃止) is not offered to new accounts.
  const departments = (await c.get("store").departments.list(signedIn(c).organization.id)).filter(
    (d) => d.retiredAt === null,
  );
  return renderPage(
    c,
    <NewAccountPage {...props(c)} values={values} departments={departments} errors={errors} />,
    status,
  );
}

async function editAccountPage(
  c: Context<AppEnv>,
  target: AccountRecord,
  values: AccountFormValues,
  errors: FieldError[],
  extra: { notice?: string | undefined; conflict?: boolean },
  status: 200 | 400 | 409 = 200,
) {
  // A retired department stays offered only to the accounts still bound to it.
  const departments = (await c.get("store").departments.list(signedIn(c).organization.id)).filter(
    (d) => d.retiredAt === null || target.departmentIds.includes(d.id),
  );
  return renderPage(
    c,
    <EditAccountPage
      {...props(c)}
      target={target}
      values={values}
      departments={departments}
      errors={errors}
      {...(extra.notice ? { notice: extra.notice } : {})}
      {...(extra.conflict ? { conflict: true } : {})}
    />,
    status,
  );
}

function oneTimeUrlPage(c: Context<AppEnv>, target: AccountRecord, token: string, reset: boolean) {
  const { organization } = signedIn(c);
  const security = c.get("security");
  const base = security.publicUrl?.replace(/\/$/, "") ?? readerOrigin(c, security);
  const link = `${base}${orgPath(organization.slug)}/password/${token}`;
  return renderPage(c, <OneTimeUrlPage {...props(c)} target={target} link={link} reset={reset} />);
}
