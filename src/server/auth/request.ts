import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { SecurityOptions } from "./options.ts";

/** Whether the reader reached the server over HTTPS (directly, or through a trusted proxy). */
export function isHttps(c: Context, security: SecurityOptions): boolean {
  if (security.trustProxy) {
    const forwarded = c.req.header("X-Forwarded-Proto")?.split(",")[0]?.trim().toLowerCase();
    if (forwarded) return forwarded === "https";
  }
  return new URL(c.req.url).protocol === "https:";
}

/** The origin the reader's browser sees (scheme, host, port). */
export function readerOrigin(c: Context, security: SecurityOptions): string {
  const url = new URL(c.req.url);
  const host = (security.trustProxy && c.req.header("X-Forwarded-Host")?.split(",")[0]?.trim()) || url.host;
  return `${isHttps(c, security) ? "https" : "http"}://${host}`;
}

/** The reader's address: the proxy's X-Forwarded-For when trusted, else the connection's. */
export function clientAddress(c: Context, security: SecurityOptions): string {
  if (security.trustProxy) {
    const forwarded = c.req.header("X-Forwarded-For")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no socket.
    return "local";
  }
}
