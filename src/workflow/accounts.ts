import {
  type AccountField,
  type AccountInput,
  accountProblems,
  newPasswordProblems,
  type PasswordField,
  type Problem,
} from "../domain/account-rules.ts";
import { normalizeLoginId } from "../domain/credentials.ts";
import type { RoleName } from "../domain/permissions.ts";
import { hashPassword, verifyPassword } from "../security/passwords.ts";
import { hashToken, newToken } from "../security/tokens.ts";
import {
  type AccountRecord,
  type Actor,
  ConflictError,
  type OneTimePurpose,
  type Store,
  StoreError,
  type StoreTransaction,
} from "../store/types.ts";

/**
 * Accounts (利用者): the first secretariat, invitations, roles, disabling, password resets, personal
 * API tokens and sessions. Each command is one transaction; secrets are hashed before they reach
 * the store and returned only to the caller that shows them once.
 */

/** One-time URLs (setup, invitation, reset) work once, for this long. */
export const ONE_TIME_TOKEN_MS = 24 * 60 * 60 * 1000;

export type Refusal<F extends string> = { kind: "problems"; problems: Problem<F>[] };

export function actorOf(account: { id: number; organizationId: number; displayName: string }): Actor {
  return {
    kind: "account",
    accountId: account.id,
    organizationId: account.organizationId,
    name: account.displayName,
  };
}

/** The departments an account may be bound to: those in use, and those it is bound to already (廃止 keeps it). */
async function departmentIds(
  tx: StoreTransaction | Store,
  organizationId: number,
  kept: readonly number[] = [],
): Promise<number[]> {
  return (await tx.departments.list(organizationId))
    .filter((d) => d.retiredAt === null || kept.includes(d.id))
    .map((d) => d.id);
}

function cleanInput(input: AccountInput) {
  return {
    loginId: normalizeLoginId(input.loginId),
    displayName: input.displayName.trim(),
    email: input.email.trim() === "" ? null : input.email.trim(),
    roles: [...new Set(input.roles)] as RoleName[],
    departmentIds: input.roles.includes("editor") ? [...new Set(input.departmentIds)] : [],
  };
}

/**
 * A setup URL for an organization that has no active secretariat: prints on `npm start` and from
 * the CLI. The previous unused one stops working. Undefined when the organization has one already.
 */
export async function issueSetupToken(
  store: Store,
  actor: Actor,
  organizationId: number,
  now: Date,
): Promise<string | undefined> {
  if (await store.accounts.hasActiveSecretariat(organizationId)) return undefined;
  return store.transaction({ actor }, (tx) => oneTime(tx, organizationId, null, "setup", now));
}

async function oneTime(
  tx: StoreTransaction,
  organizationId: number,
  accountId: number | null,
  purpose: OneTimePurpose,
  now: Date,
): Promise<string> {
  const token = newToken();
  await tx.tokens.createOneTime({
    organizationId,
    accountId,
    purpose,
    tokenHash: hashToken(token),
    now,
    expiresAt: new Date(now.getTime() + ONE_TIME_TOKEN_MS),
  });
  return token;
}

/** A one-time token that can still be used, or undefined (unknown, used, replaced or expired). */
export async function usableOneTimeToken(store: Store, token: string, now: Date, purposes: OneTimePurpose[]) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const found = await store.tokens.findOneTime(hashToken(token));
  if (!found || found.used || Date.parse(found.expiresAt) <= now.getTime()) return undefined;
  return purposes.includes(found.purpose) ? found : undefined;
}

export type SessionStart = { sessionToken: string; account: AccountRecord };

async function startSession(
  tx: StoreTransaction,
  account: AccountRecord,
  now: Date,
  client: { address: string | null; userAgent: string | null },
): Promise<string> {
  const token = newToken();
  await tx.sessions.create({
    organizationId: account.organizationId,
    accountId: account.id,
    tokenHash: hashToken(token),
    now,
    ...client,
  });
  return token;
}

/** The first secretariat of an organization, made on its setup URL; signed in at once. */
export async function setUpFirstSecretariat(
  store: Store,
  input: {
    token: string;
    account: Omit<AccountInput, "roles" | "departmentIds">;
    password: string;
    passwordConfirm: string;
    now: Date;
    address: string | null;
    userAgent: string | null;
  },
): Promise<SessionStart | { kind: "invalid-token" } | Refusal<AccountField | PasswordField>> {
  const setup = await usableOneTimeToken(store, input.token, input.now, ["setup"]);
  if (!setup) return { kind: "invalid-token" };
  const fields = cleanInput({ ...input.account, roles: ["secretariat"], departmentIds: [] });
  const problems = [
    ...accountProblems({ ...input.account, roles: ["secretariat"], departmentIds: [] }, [], {
      checkLoginId: true,
    }),
    ...newPasswordProblems(input.password, input.passwordConfirm, fields.loginId),
  ];
  if (problems.length > 0) return { kind: "problems", problems };
  const passwordHash = await hashPassword(input.password);
  try {
    return await store.transaction({ actor: { kind: "system", name: "setup" } }, async (tx) => {
      if (!(await tx.tokens.useOneTime(setup.id, input.now))) throw new InvalidToken();
      const account = await tx.accounts.create({
        organizationId: setup.organizationId,
        ...fields,
        passwordHash,
      });
      const sessionToken = await startSession(tx, account, input.now, input);
      return { sessionToken, account };
    });
  } catch (error) {
    if (error instanceof InvalidToken) return { kind: "invalid-token" };
    if (error instanceof StoreError && error.code === "account.exists")
      return { kind: "problems", problems: [{ field: "loginId", key: "account.loginIdTaken" }] };
    throw error;
  }
}

class InvalidToken extends Error {}

/** An account made by the secretariat, with the one-time URL on which its person sets a password. */
export async function inviteAccount(
  store: Store,
  actor: Actor,
  input: { organizationId: number; account: AccountInput; now: Date },
): Promise<{ account: AccountRecord; token: string } | Refusal<AccountField>> {
  const known = await departmentIds(store, input.organizationId);
  const problems = accountProblems(input.account, known, { checkLoginId: true });
  if (problems.length > 0) return { kind: "problems", problems };
  const fields = cleanInput(input.account);
  fields.departmentIds = fields.departmentIds.filter((id) => known.includes(id));
  try {
    return await store.transaction({ actor }, async (tx) => {
      const account = await tx.accounts.create({ organizationId: input.organizationId, ...fields });
      const token = await oneTime(tx, input.organizationId, account.id, "invite", input.now);
      return { account, token };
    });
  } catch (error) {
    if (error instanceof StoreError && error.code === "account.exists")
      return { kind: "problems", problems: [{ field: "loginId", key: "account.loginIdTaken" }] };
    throw error;
  }
}

/** Some active account keeps the secretariat role after `change` (the organization is never locked out). */
async function keepsASecretariat(
  tx: StoreTransaction,
  organizationId: number,
  accountId: number,
  after: { roles: RoleName[]; disabled: boolean },
): Promise<boolean> {
  if (after.roles.includes("secretariat") && !after.disabled) return true;
  const accounts = await tx.accounts.list(organizationId);
  return accounts.some((a) => a.id !== accountId && !a.disabled && a.roles.includes("secretariat"));
}

export async function updateAccount(
  store: Store,
  actor: Actor,
  input: {
    organizationId: number;
    accountId: number;
    expectedVersion: number;
    account: Omit<AccountInput, "loginId">;
  },
): Promise<
  | { kind: "saved"; account: AccountRecord }
  | { kind: "conflict"; current: AccountRecord }
  | Refusal<AccountField>
> {
  const held = (await store.accounts.find(input.organizationId, input.accountId))?.departmentIds ?? [];
  const known = await departmentIds(store, input.organizationId, held);
  const problems = accountProblems({ ...input.account, loginId: "" }, known, { checkLoginId: false });
  if (problems.length > 0) return { kind: "problems", problems };
  const fields = cleanInput({ ...input.account, loginId: "" });
  try {
    return await store.transaction({ actor }, async (tx) => {
      const current = await tx.accounts.find(input.organizationId, input.accountId);
      if (!current) throw new StoreError("not-found", "利用者が見つかりません。");
      if (
        !(await keepsASecretariat(tx, input.organizationId, input.accountId, {
          roles: fields.roles,
          disabled: current.disabled,
        }))
      )
        throw new LastSecretariat();
      const account = await tx.accounts.update(input.organizationId, input.accountId, input.expectedVersion, {
        displayName: fields.displayName,
        email: fields.email,
        roles: fields.roles,
        departmentIds: fields.departmentIds.filter((id) => known.includes(id)),
      });
      return { kind: "saved" as const, account };
    });
  } catch (error) {
    if (error instanceof ConflictError) return { kind: "conflict", current: error.current as AccountRecord };
    if (error instanceof LastSecretariat)
      return { kind: "problems", problems: [{ field: "roles", key: "account.lastSecretariat" }] };
    throw error;
  }
}

class LastSecretariat extends Error {}

/** Disables (signing it out everywhere) or enables an account. */
export async function setAccountDisabled(
  store: Store,
  actor: Actor,
  input: { organizationId: number; accountId: number; disabled: boolean },
): Promise<{ kind: "saved"; account: AccountRecord } | Refusal<"roles">> {
  try {
    return await store.transaction({ actor }, async (tx) => {
      const current = await tx.accounts.find(input.organizationId, input.accountId);
      if (!current) throw new StoreError("not-found", "利用者が見つかりません。");
      if (
        !(await keepsASecretariat(tx, input.organizationId, input.accountId, {
          roles: current.roles,
          disabled: input.disabled,
        }))
      )
        throw new LastSecretariat();
      const account = await tx.accounts.setDisabled(input.organizationId, input.accountId, input.disabled);
      if (input.disabled) await tx.sessions.endAll(input.organizationId, input.accountId);
      return { kind: "saved" as const, account };
    });
  } catch (error) {
    if (error instanceof LastSecretariat)
      return { kind: "problems", problems: [{ field: "roles", key: "account.lastSecretariat" }] };
    throw error;
  }
}

/**
 * A forced reset by the secretariat: the password stops working, every session ends, the personal
 * API tokens are revoked (a reset is how an account someone else has used is taken back), and a
 * one-time URL lets the person set a new one.
 */
export async function forcePasswordReset(
  store: Store,
  actor: Actor,
  input: { organizationId: number; accountId: number; now: Date },
): Promise<{ account: AccountRecord; token: string }> {
  return store.transaction({ actor }, async (tx) => {
    const account = await tx.accounts.find(input.organizationId, input.accountId);
    if (!account) throw new StoreError("not-found", "利用者が見つかりません。");
    await tx.accounts.setPassword(input.organizationId, input.accountId, null);
    await tx.sessions.endAll(input.organizationId, input.accountId);
    for (const apiToken of await tx.tokens.listApiTokens(input.accountId))
      if (!apiToken.revoked)
        await tx.tokens.revokeApiToken(input.organizationId, input.accountId, apiToken.id, input.now);
    const token = await oneTime(tx, input.organizationId, input.accountId, "reset", input.now);
    return { account, token };
  });
}

/** A password set on an invitation or reset URL: every earlier session ends, a new one starts. */
export async function setPasswordWithToken(
  store: Store,
  input: {
    token: string;
    password: string;
    passwordConfirm: string;
    now: Date;
    address: string | null;
    userAgent: string | null;
  },
): Promise<SessionStart | { kind: "invalid-token" } | Refusal<PasswordField>> {
  const found = await usableOneTimeToken(store, input.token, input.now, ["invite", "reset"]);
  const account =
    found?.accountId != null ? await store.accounts.find(found.organizationId, found.accountId) : undefined;
  if (!found || !account || account.disabled) return { kind: "invalid-token" };
  const problems = newPasswordProblems(input.password, input.passwordConfirm, account.loginId);
  if (problems.length > 0) return { kind: "problems", problems };
  const passwordHash = await hashPassword(input.password);
  try {
    return await store.transaction({ actor: actorOf(account) }, async (tx) => {
      if (!(await tx.tokens.useOneTime(found.id, input.now))) throw new InvalidToken();
      await tx.accounts.setPassword(account.organizationId, account.id, passwordHash);
      await tx.sessions.endAll(account.organizationId, account.id);
      const sessionToken = await startSession(tx, account, input.now, input);
      return { sessionToken, account };
    });
  } catch (error) {
    if (error instanceof InvalidToken) return { kind: "invalid-token" };
    throw error;
  }
}

/** One's own password, after the current one; the other sessions end, this one stays. */
export async function changePassword(
  store: Store,
  input: {
    account: { id: number; organizationId: number; displayName: string; loginId: string };
    sessionId: number | undefined;
    current: string;
    password: string;
    passwordConfirm: string;
  },
): Promise<{ kind: "changed" } | Refusal<PasswordField>> {
  const credentials = await store.accounts.credentials(input.account.organizationId, input.account.loginId);
  if (!(await verifyPassword(credentials?.passwordHash ?? null, input.current)))
    return { kind: "problems", problems: [{ field: "currentPassword", key: "password.currentWrong" }] };
  const problems = newPasswordProblems(input.password, input.passwordConfirm, input.account.loginId);
  if (problems.length > 0) return { kind: "problems", problems };
  const passwordHash = await hashPassword(input.password);
  await store.transaction({ actor: actorOf(input.account) }, async (tx) => {
    await tx.accounts.setPassword(input.account.organizationId, input.account.id, passwordHash);
    await tx.sessions.endAll(input.account.organizationId, input.account.id, input.sessionId);
  });
  return { kind: "changed" };
}

/** A personal API token, returned once. */
export async function createApiToken(
  store: Store,
  input: { account: { id: number; organizationId: number; displayName: string }; name: string; now: Date },
): Promise<{ token: string } | Refusal<"tokenName">> {
  const name = input.name.trim();
  if (name === "" || name.length > 100)
    return { kind: "problems", problems: [{ field: "tokenName", key: "me.missingTokenName" }] };
  const token = newToken();
  await store.transaction({ actor: actorOf(input.account) }, (tx) =>
    tx.tokens.createApiToken({
      organizationId: input.account.organizationId,
      accountId: input.account.id,
      name,
      tokenHash: hashToken(token),
      now: input.now,
    }),
  );
  return { token };
}

export function revokeApiToken(
  store: Store,
  input: { account: { id: number; organizationId: number; displayName: string }; tokenId: number; now: Date },
): Promise<boolean> {
  return store.transaction({ actor: actorOf(input.account) }, (tx) =>
    tx.tokens.revokeApiToken(input.account.organizationId, input.account.id, input.tokenId, input.now),
  );
}

export function signOut(
  store: Store,
  input: { account: { id: number; organizationId: number; displayName: string }; sessionId: number },
): Promise<void> {
  return store.transaction({ actor: actorOf(input.account) }, (tx) =>
    tx.sessions.end(input.account.organizationId, input.sessionId),
  );
}

export function signOutEverywhere(
  store: Store,
  input: { account: { id: number; organizationId: number; displayName: string } },
): Promise<number> {
  return store.transaction({ actor: actorOf(input.account) }, (tx) =>
    tx.sessions.endAll(input.account.organizationId, input.account.id),
  );
}
