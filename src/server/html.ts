import type { Context } from "hono";
import type { JSX } from "hono/jsx/jsx-runtime";
import type { ErrorStatus } from "./errors.ts";

/** Sends a page rendered from JSX as a complete HTML document. */
export async function renderPage(c: Context, page: JSX.Element, status: 200 | ErrorStatus = 200) {
  const html = `<!DOCTYPE html>${await page.toString()}`;
  return c.html(html, status);
}
