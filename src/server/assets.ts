import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Context } from "hono";
import { ownFile } from "../runtime-files.ts";

/**
 * The stylesheets (and the entry form's small script), read once at start-up and served from memory by the app itself: pages must work on
 * closed municipal networks, so nothing is fetched from outside. The names carry no hash, so the
 * response carries an ETag and a short max-age; a changed stylesheet reaches readers within minutes.
 */
interface Asset {
  body: string;
  type: string;
  etag: string;
}

const FILES: Record<string, string> = {
  "site.css": "text/css; charset=utf-8",
  "progress-table.css": "text/css; charset=utf-8",
  "forms.css": "text/css; charset=utf-8",
  "entry.js": "text/javascript; charset=utf-8",
  "review.css": "text/css; charset=utf-8",
};

const assets = new Map<string, Asset>(
  Object.entries(FILES).map(([name, type]) => {
    const body = readFileSync(ownFile(`server/assets/${name}`), "utf8");
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`;
    return [name, { body, type, etag }];
  }),
);

export function assetHref(name: keyof typeof FILES & string): string {
  return `/assets/${name}`;
}

/** GET /assets/:name; undefined when there is no such asset (the caller answers 404). */
export function serveAsset(c: Context, name: string): Response | undefined {
  const asset = assets.get(name);
  if (!asset) return undefined;
  const headers = { "Content-Type": asset.type, ETag: asset.etag, "Cache-Control": "public, max-age=300" };
  if (c.req.header("If-None-Match") === asset.etag) return new Response(null, { status: 304, headers });
  return new Response(asset.body, { status: 200, headers });
}
