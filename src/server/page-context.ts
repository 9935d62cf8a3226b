import type { Context } from "hono";
import type { AppEnv } from "./env.ts";
import { makeUi, type Ui } from "./i18n.ts";

/**
 * What every page handler hands its view: the reader's language bundle and the request URL, in its
 * canonical form (known-query.ts) when it has one, so that a page kept by the page cache is the same
 * whichever of the equivalent addresses asked for it first.
 */
export function pageContext(c: Context<AppEnv>): { ui: Ui; url: URL } {
  const address = c.get("address");
  return { ui: makeUi(c.get("lang")), url: new URL(address ?? c.req.url, c.req.url) };
}

/** Path segments are user text (an organization slug): encode them once, here. */
export function orgPath(slug: string): string {
  return `/o/${encodeURIComponent(slug)}`;
}

export function planPath(slug: string, planId: number, fiscalYear?: number): string {
  const base = `${orgPath(slug)}/plans/${planId}`;
  return fiscalYear === undefined ? base : `${base}/${fiscalYear}`;
}

export function tablePath(slug: string, planId: number, fiscalYear: number): string {
  return `${planPath(slug, planId, fiscalYear)}/table`;
}

export function initiativePath(slug: string, planId: number, number: number): string {
  return `${planPath(slug, planId)}/initiatives/${number}`;
}
