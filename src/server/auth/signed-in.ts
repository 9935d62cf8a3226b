import type { Context } from "hono";
import type { Principal } from "../../domain/permissions.ts";
import type { OrganizationRecord, SignedInAccount } from "../../store/types.ts";
import type { AppEnv } from "../env.ts";
import type { Authentication } from "./session.ts";

/** What a signed-in route's handler works with, set by its guard (rules.ts). */
export interface SignedInContext {
  auth: Authentication;
  account: SignedInAccount;
  principal: Principal;
  organization: OrganizationRecord;
  /** The session's id, when signed in through the browser (not an API token). */
  sessionId: number | undefined;
}

export function signedIn(c: Context<AppEnv>): SignedInContext {
  const auth = c.get("auth");
  const principal = c.get("principal");
  const organization = c.get("organization");
  if (!auth || !principal || !organization) throw new Error("signedIn() outside a signed-in route");
  return {
    auth,
    account: auth.account,
    principal,
    organization,
    sessionId: auth.kind === "session" ? auth.sessionId : undefined,
  };
}

/** Form fields as strings (absent: ""), and repeated fields (checkboxes) as lists. */
export async function formFields(c: Context<AppEnv>): Promise<{
  text: (name: string) => string;
  list: (name: string) => string[];
}> {
  const body = await c.req.parseBody({ all: true });
  const values = (name: string) => {
    const value = body[name];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
      (v): v is string => typeof v === "string",
    );
  };
  return { text: (name) => values(name)[0] ?? "", list: values };
}

/**
 * Where to go after signing in: a page of the same organization's site (a path of this server),
 * never another site (an open redirect would let a link send people anywhere after the login).
 */
export function safeNext(next: string | undefined, organizationSlug: string, fallback: string): string {
  if (!next) return fallback;
  const prefix = `/o/${encodeURIComponent(organizationSlug)}`;
  if (!next.startsWith("/") || next.startsWith("//") || /[\\\r\n]/.test(next)) return fallback;
  return next === prefix || next.startsWith(`${prefix}/`) || next.startsWith(`${prefix}?`) ? next : fallback;
}
