import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Principal } from "../../domain/permissions.ts";
import { csrfTokenFor, hashToken, newToken } from "../../security/tokens.ts";
import type { SignedInAccount } from "../../store/types.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { SESSION_COOKIE } from "../session-cookie.ts";
import { isHttps } from "./request.ts";

/** Who a request speaks for: a signed-in session, or a personal API token. */
export type Authentication =
  | { kind: "session"; account: SignedInAccount; sessionId: number; csrfToken: string }
  | { kind: "token"; account: SignedInAccount; tokenId: number };

export function principalOf(account: SignedInAccount): Principal {
  return {
    accountId: account.id,
    organizationId: account.organizationId,
    roles: new Set(account.roles),
    departmentIds: account.departmentIds,
  };
}

/** Last-seen times are written at most this often: a session lookup stays one read. */
const TOUCH_EVERY_MS = 60 * 1000;

export function sessionCookieName(c: Context<AppEnv>): string {
  return isHttps(c, c.get("security")) ? SESSION_COOKIE.secure : SESSION_COOKIE.plain;
}

/**
 * Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, and over HTTPS Secure with the __Host-
 * prefix (the browser then refuses it from anywhere but this host). No Max-Age: the server ends
 * sessions (idle and absolute limits); the browser forgets the cookie when it closes.
 */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, sessionCookieName(c), token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: isHttps(c, c.get("security")),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const https = isHttps(c, c.get("security"));
  deleteCookie(c, sessionCookieName(c), { path: "/", secure: https, httpOnly: true, sameSite: "Lax" });
}

/** A new session for the account (a new token every time: no session fixation). */
export function newSessionToken(): { token: string; tokenHash: string } {
  const token = newToken();
  return { token, tokenHash: hashToken(token) };
}

/**
 * Reads the session cookie or the Bearer token and sets c.get("auth"). One indexed query (session,
 * account and roles together); an expired session, a disabled account or an unknown token count as
 * no sign-in (and the stale cookie is cleared). An Authorization header that does not name a valid
 * token is refused at once (401): an API client must not be taken for an anonymous reader.
 *
 * Answers to requests that carry a session are marked private and never stored by any cache.
 */
export function authentication(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const store = c.get("store");
    const security = c.get("security");
    const now = security.now();
    const authorization = c.req.header("Authorization");
    // Only the Bearer scheme is ours: another (a proxy's Basic sign-in passed through) is not read.
    if (authorization !== undefined && /^Bearer(\s|$)/i.test(authorization)) {
      const token = /^Bearer\s+([A-Za-z0-9_-]{20,100})\s*$/i.exec(authorization)?.[1];
      const found = token ? await store.tokens.findApiToken(hashToken(token)) : undefined;
      if (!found || found.account.disabled) throw new AppError("auth.required");
      c.set("auth", { kind: "token", account: found.account, tokenId: found.tokenId });
      await store.tokens.touchApiToken(found.tokenId, now);
    } else {
      const name = sessionCookieName(c);
      const token = getCookie(c, name);
      if (token) {
        const found = await store.sessions.findByTokenHash(hashToken(token));
        const valid =
          found !== undefined &&
          !found.account.disabled &&
          now.getTime() - Date.parse(found.session.lastSeenAt) < security.sessionIdleMs &&
          now.getTime() - Date.parse(found.session.createdAt) < security.sessionAbsoluteMs;
        if (found && valid) {
          c.set("auth", {
            kind: "session",
            account: found.account,
            sessionId: found.session.id,
            csrfToken: csrfTokenFor(token),
          });
          if (now.getTime() - Date.parse(found.session.lastSeenAt) >= TOUCH_EVERY_MS)
            await store.sessions.touch(found.session.id, now);
        } else {
          clearSessionCookie(c);
        }
      }
    }
    await next();
    if (c.get("auth") || getCookie(c, sessionCookieName(c)) !== undefined) {
      c.res.headers.set("Cache-Control", "private, no-store");
      c.res.headers.append("Vary", "Cookie");
    }
  };
}
