import { orgPath } from "../page-context.ts";

/**
 * The one-time addresses people are sent to, printed by the server at start and by `shinchoku user`:
 * `base` is PUBLIC_URL when it is set, else the address the server listens at
 * (http://localhost:PORT), without the trailing slash.
 */
export function setupLink(base: string, token: string): string {
  return `${trimBase(base)}/setup/${token}`;
}

/** Where an invited person (or one whose password was reset) sets a password. */
export function passwordLink(base: string, organizationSlug: string, token: string): string {
  return `${trimBase(base)}${orgPath(organizationSlug)}/password/${token}`;
}

function trimBase(base: string): string {
  return base.replace(/\/+$/, "");
}
