import type { Principal, RoleName } from "../../src/domain/permissions.ts";
import { csrfTokenFor, hashToken, newToken } from "../../src/security/tokens.ts";
import type { AccountRecord, Store } from "../../src/store/types.ts";
import { actorOf } from "../../src/workflow/accounts.ts";
import { TEST_ACTOR } from "../store.ts";

/**
 * For tests: accounts made straight in the store, acting for the workflow commands, and signed-in
 * sessions for requests through `app.request` (cookie, CSRF token and a same-origin Origin).
 */
export async function makeAccount(
  store: Store,
  organizationId: number,
  loginId: string,
  roles: RoleName[],
  departments: string[] = [],
  email: string | null = null,
): Promise<AccountRecord> {
  const all = await store.departments.list(organizationId);
  return store.transaction({ actor: TEST_ACTOR }, (tx) =>
    tx.accounts.create({
      organizationId,
      loginId,
      displayName: loginId,
      email,
      roles,
      departmentIds: all.filter((d) => departments.includes(d.name)).map((d) => d.id),
    }),
  );
}

export function actingAs(account: AccountRecord): {
  actor: ReturnType<typeof actorOf>;
  principal: Principal;
} {
  return {
    actor: actorOf(account),
    principal: {
      accountId: account.id,
      organizationId: account.organizationId,
      roles: new Set(account.roles),
      departmentIds: account.departmentIds,
    },
  };
}

export interface TestSession {
  /** Headers of a signed-in GET. */
  headers: Record<string, string>;
  /** Headers of a signed-in POST of a form, same-origin. */
  formHeaders: Record<string, string>;
  csrf: string;
}

export async function signIn(store: Store, account: AccountRecord): Promise<TestSession> {
  const token = newToken();
  await store.transaction({ actor: actorOf(account) }, (tx) =>
    tx.sessions.create({
      organizationId: account.organizationId,
      accountId: account.id,
      tokenHash: hashToken(token),
      now: new Date(),
      address: null,
      userAgent: null,
    }),
  );
  const headers = { Cookie: `shinchoku_session=${token}` };
  return {
    headers,
    formHeaders: {
      ...headers,
      Origin: "http://localhost",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    csrf: csrfTokenFor(token),
  };
}
