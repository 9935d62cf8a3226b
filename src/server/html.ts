import type { Context } from "hono";
import type { JSX } from "hono/jsx/jsx-runtime";
import type { ErrorStatus } from "./errors.ts";

/**
 * Sends a page rendered from JSX as a complete HTML document. The text is encoded here, natively:
 * handed over as a string, a large table (megabytes) was first scanned for lone surrogates by the
 * Response constructor, which cost more than building the page from its cached rows.
 */
export async function renderPage(c: Context, page: JSX.Element, status: 200 | ErrorStatus = 200) {
  const html = `<!DOCTYPE html>${await page.toString()}`;
  const body = Buffer.from(html, "utf8");
  return c.body(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), status, {
    "Content-Type": "text/html; charset=UTF-8",
  });
}
