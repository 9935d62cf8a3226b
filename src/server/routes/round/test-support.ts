/**
 * For tests only: the seeded app (坂戸市 FY2019 published) with FY2020 opened from it, accounts of
 * every role, and a signed-in session for each (cookie, CSRF token, same-origin header).
 */
import type { RoleName } from "../../../domain/permissions.ts";
import { csrfTokenFor, hashToken, newToken } from "../../../security/tokens.ts";
import type { AccountRecord, Store } from "../../../store/types.ts";
import { actorOf } from "../../../workflow/accounts.ts";
import { openRound } from "../../../workflow/round.ts";
import type { createApp } from "../../app.ts";
import { principalOf } from "../../auth/session.ts";

export const TEST_SYSTEM = { kind: "system", name: "test" } as const;

export interface Session {
  account: AccountRecord;
  cookie: string;
  csrf: string;
}

export async function signIn(
  store: Store,
  organizationId: number,
  loginId: string,
  roles: RoleName[],
  departments: string[] = [],
): Promise<Session> {
  const all = await store.departments.list(organizationId);
  const token = newToken();
  const account = await store.transaction({ actor: TEST_SYSTEM }, async (tx) => {
    const created = await tx.accounts.create({
      organizationId,
      loginId,
      displayName: loginId,
      email: null,
      roles,
      departmentIds: all.filter((d) => departments.includes(d.name)).map((d) => d.id),
    });
    await tx.sessions.create({
      organizationId,
      accountId: created.id,
      tokenHash: hashToken(token),
      now: new Date(),
      address: null,
      userAgent: null,
    });
    return created;
  });
  return { account, cookie: `shinchoku_session=${token}`, csrf: csrfTokenFor(token) };
}

export function acting(session: Session) {
  return { actor: actorOf(session.account), principal: principalOf(session.account) };
}

type App = ReturnType<typeof createApp>;

export function get(app: App, path: string, session?: Session): Promise<Response> {
  return Promise.resolve(app.request(path, { headers: session ? { Cookie: session.cookie } : {} }));
}

/** A form POST from this site, with the session's CSRF token unless `csrf` is false. */
export function post(
  app: App,
  path: string,
  session: Session,
  fields: Record<string, string>,
  options: { csrf?: boolean } = {},
): Promise<Response> {
  const body = new URLSearchParams({ ...(options.csrf === false ? {} : { _csrf: session.csrf }), ...fields });
  return Promise.resolve(
    app.request(path, {
      method: "POST",
      body: body.toString(),
      headers: {
        Cookie: session.cookie,
        Origin: "http://localhost",
        "Content-Type": "application/x-www-form-urlencoded",
      },
    }),
  );
}

export interface Cast {
  organizationId: number;
  planId: number;
  secretariat: Session;
  editor: Session;
  committee: Session;
  committee2: Session;
  viewer: Session;
  /** An account of another organization. */
  stranger: Session;
}

/** The seed's lead department of No.1 (政策企画課) edits; FY2020 is opened from FY2019 (準備中). */
export async function cast(store: Store): Promise<Cast> {
  const organization = await store.organizations.findBySlug("sakado");
  if (!organization) throw new Error("the seed is not loaded");
  const [plan] = await store.plans.list(organization.id);
  if (!plan) throw new Error("the seed has no plan");
  const id = organization.id;
  const secretariat = await signIn(store, id, "jimukyoku", ["secretariat"]);
  const editor = await signIn(store, id, "seisaku", ["editor"], ["政策企画課"]);
  const committee = await signIn(store, id, "iin1", ["committee"]);
  const committee2 = await signIn(store, id, "iin2", ["committee"]);
  const viewer = await signIn(store, id, "etsuran", ["viewer"]);
  const other = await store.transaction({ actor: TEST_SYSTEM }, (tx) =>
    tx.organizations.ensure({ slug: "other", name: "他市" }),
  );
  const stranger = await signIn(store, other.organization.id, "yoso", ["secretariat"]);
  return {
    organizationId: id,
    planId: plan.id,
    secretariat,
    editor,
    committee,
    committee2,
    viewer,
    stranger,
  };
}

export async function openFy2020(store: Store, who: Cast): Promise<void> {
  await openRound(store, acting(who.secretariat), {
    planId: who.planId,
    fiscalYear: 2020,
    asOf: "2021-03-31",
    entryDeadline: "2021-05-31",
  });
}
