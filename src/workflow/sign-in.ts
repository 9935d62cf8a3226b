import { normalizeLoginId } from "../domain/credentials.ts";
import { verifyPassword } from "../security/passwords.ts";
import { hashToken, newToken } from "../security/tokens.ts";
import type { AccountRecord, Store } from "../store/types.ts";

/** Sign-in throttling: failures counted over this window, refusals lasting as long. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_PER_LOGIN = 5;
export const THROTTLE_PER_ADDRESS = 20;

export interface SignInInput {
  organizationId: number;
  loginId: string;
  password: string;
  address: string;
  userAgent: string | null;
  now: Date;
}

export type SignInOutcome =
  | { kind: "signed-in"; token: string; account: AccountRecord }
  /** Wrong password, unknown login ID, no password yet, disabled: one answer for all. */
  | { kind: "failed" }
  /** Too many failures for this login ID or from this address in the last 15 minutes. */
  | { kind: "throttled" };

/**
 * Signs in with a login ID and a password. An unknown login ID costs the same password check as a
 * wrong password and gets the same answer, so neither the answer nor its timing tells whether the
 * ID exists. A new session token every time (no fixation); only its hash is stored.
 */
export async function signIn(store: Store, input: SignInInput): Promise<SignInOutcome> {
  const loginId = normalizeLoginId(input.loginId);
  const since = new Date(input.now.getTime() - THROTTLE_WINDOW_MS);
  const failures = await store.sessions.countFailedLogins({
    organizationId: input.organizationId,
    loginId,
    address: input.address,
    since,
  });
  const found = await store.accounts.credentials(input.organizationId, loginId);
  const usable = found && !found.account.disabled ? found.passwordHash : null;
  // The check runs even when the answer is decided, so every refusal takes the same time.
  const matches = await verifyPassword(usable, input.password);
  if (failures.byLogin >= THROTTLE_PER_LOGIN || failures.byAddress >= THROTTLE_PER_ADDRESS) {
    return { kind: "throttled" };
  }
  if (!found || !matches) {
    await store.sessions.recordFailedLogin({
      organizationId: input.organizationId,
      loginId,
      address: input.address,
      at: input.now,
    });
    return { kind: "failed" };
  }
  const token = newToken();
  const { account } = found;
  await store.transaction(
    {
      actor: {
        kind: "account",
        accountId: account.id,
        organizationId: account.organizationId,
        name: account.displayName,
      },
    },
    (tx) =>
      tx.sessions.create({
        organizationId: account.organizationId,
        accountId: account.id,
        tokenHash: hashToken(token),
        now: input.now,
        address: input.address,
        userAgent: input.userAgent,
      }),
  );
  return { kind: "signed-in", token, account };
}
