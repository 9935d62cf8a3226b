import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Tokens are 256-bit random values written base64url; the database keeps only their SHA-256, so a
 * copy of the database does not sign anyone in. A token's hash is also its lookup key: a plain
 * SHA-256 is right here (unlike for passwords) because the token itself has full entropy.
 */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}

/**
 * The CSRF token of a session: derived from the session token, so it needs no storage and only a
 * holder of the session cookie's value (the server, on each request) can know it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac("sha256", sessionToken).update("shinchoku csrf").digest("base64url");
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}
