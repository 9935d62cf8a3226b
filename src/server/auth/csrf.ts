import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { newToken, sameSecret } from "../../security/tokens.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { isHttps, readerOrigin } from "./request.ts";

/** Forms carry the token in this field; scripts may send it as the X-CSRF-Token header. */
export const CSRF_FIELD = "_csrf";
/** The token of forms shown before sign-in (login, setup), kept in this cookie (double submit). */
const FORM_COOKIE = "shinchoku_form";

/**
 * Every state-changing request (any method but GET and HEAD) must come from this site: its Origin
 * (or, without one, Sec-Fetch-Site: same-origin) names the server's own origin, and it carries the
 * token of the session it is made in — or, before sign-in, the token of the form it was sent from.
 * A request authenticated by a personal API token (Authorization: Bearer) carries no ambient
 * authority and needs neither. Anything else is refused with 403 before the handler runs (every
 * route's guard calls this: src/server/auth/rules.ts).
 */
export async function checkCsrf(c: Context<AppEnv>): Promise<void> {
  const method = c.req.method;
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return;
  const auth = c.get("auth");
  if (auth?.kind === "token") return;
  if (!fromThisSite(c)) throw new AppError("csrf.refused");
  const sent = c.req.header("X-CSRF-Token") ?? (await formField(c));
  const expected = auth?.kind === "session" ? auth.csrfToken : getCookie(c, FORM_COOKIE);
  if (!sent || !expected || !sameSecret(sent, expected)) throw new AppError("csrf.refused");
}

function fromThisSite(c: Context<AppEnv>): boolean {
  const origin = c.req.header("Origin");
  // Under Referrer-Policy no-referrer (no longer the app's, but a browser may keep a stricter one)
  // Chromium sends `Origin: null` with a form's POST,
  // even to its own site: then the browser's Sec-Fetch-Site (which no page can set) decides.
  if (origin !== undefined && origin !== "null") return origin === readerOrigin(c, c.get("security"));
  return c.req.header("Sec-Fetch-Site") === "same-origin";
}

async function formField(c: Context<AppEnv>): Promise<string | undefined> {
  const type = c.req.header("Content-Type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return undefined;
  const body = await c.req.parseBody();
  const value = body[CSRF_FIELD];
  return typeof value === "string" ? value : undefined;
}

/**
 * The token a form puts in its CSRF field: the session's when signed in; before sign-in, a random
 * one also set as a cookie (HttpOnly, SameSite=Strict) that the form's answer must match.
 */
export function formToken(c: Context<AppEnv>): string {
  const auth = c.get("auth");
  if (auth?.kind === "session") return auth.csrfToken;
  const existing = getCookie(c, FORM_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = newToken();
  setCookie(c, FORM_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    path: "/",
    secure: isHttps(c, c.get("security")),
  });
  return token;
}
