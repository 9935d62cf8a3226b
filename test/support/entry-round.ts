import type { Principal, RoleName } from "../../src/domain/permissions.ts";
import { csrfTokenFor, hashToken, newToken } from "../../src/security/tokens.ts";
import type { AccountRecord, Store } from "../../src/store/types.ts";
import { actorOf } from "../../src/workflow/accounts.ts";
import { moveRound, openRound } from "../../src/workflow/round.ts";

/**
 * For tests of the round's signed-in pages: accounts of the seed's organization (坂戸市), each with a
 * browser session made directly in the store (no password hashing), and FY2020 opened from the
 * seed's FY2019 and taking entries.
 */
export interface TestSession {
  account: AccountRecord;
  /** The session cookie's value. */
  token: string;
  /** The CSRF token of the session's forms. */
  csrf: string;
  cookie: string;
  principal: Principal;
}

const SYSTEM = { kind: "system", name: "test" } as const;

export async function sessionFor(
  store: Store,
  loginId: string,
  roles: RoleName[],
  departments: string[] = [],
): Promise<TestSession> {
  const organization = await store.organizations.findBySlug("sakado");
  if (!organization) throw new Error("the seed is not loaded");
  const all = await store.departments.list(organization.id);
  const token = newToken();
  const account = await store.transaction({ actor: SYSTEM }, async (tx) => {
    const created = await tx.accounts.create({
      organizationId: organization.id,
      loginId,
      displayName: loginId,
      email: null,
      roles,
      departmentIds: all.filter((d) => departments.includes(d.name)).map((d) => d.id),
    });
    await tx.sessions.create({
      organizationId: organization.id,
      accountId: created.id,
      tokenHash: hashToken(token),
      now: new Date(),
      address: null,
      userAgent: null,
    });
    return created;
  });
  return {
    account,
    token,
    csrf: csrfTokenFor(token),
    cookie: `shinchoku_session=${token}`,
    principal: {
      accountId: account.id,
      organizationId: account.organizationId,
      roles: new Set(account.roles),
      departmentIds: account.departmentIds,
    },
  };
}

export function actingAs(session: TestSession) {
  return { actor: actorOf(session.account), principal: session.principal };
}

/** FY2020 opened from the seed's FY2019 (entry deadline 2021-04-30) and moved to 入力中. */
export async function openEntryRound(store: Store, secretariat: TestSession): Promise<{ planId: number }> {
  const organization = await store.organizations.findBySlug("sakado");
  const plan = organization && (await store.plans.list(organization.id))[0];
  if (!plan) throw new Error("the seed is not loaded");
  const round = await openRound(store, actingAs(secretariat), {
    planId: plan.id,
    fiscalYear: 2020,
    entryDeadline: "2021-04-30",
  });
  await moveRound(store, actingAs(secretariat), {
    roundId: round.id,
    expectedVersion: round.version,
    to: "entry",
  });
  return { planId: plan.id };
}
