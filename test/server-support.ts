/**
 * For tests only: the app over a fresh database of each kind (SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set) loaded with the seed, as a new installation shows it.
 */

import { createApp } from "../src/server/app.ts";
import { loadSampleData } from "../src/server/sample.ts";
import type { Store } from "../src/store/types.ts";
import type { TestDatabase } from "./db.ts";

export async function seededApp(
  database: TestDatabase,
): Promise<{ app: ReturnType<typeof createApp>; store: Store }> {
  const store = await database.open();
  await loadSampleData(store);
  return { app: createApp({ store }), store };
}

/** The text of an HTML fragment without tags and with collapsed white space, for assertions on what is read. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** Every match of a capture group. */
export function allMatches(html: string, pattern: RegExp): string[] {
  return [
    ...html.matchAll(
      new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`),
    ),
  ].map((m) => m[1] ?? "");
}

const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "wbr",
]);

/**
 * The language a reader's software gives to `text` in the page's body: the lang of the nearest element
 * around the first text node containing it (undefined when `text` is not in the body's text).
 */
export function langOfText(html: string, text: string): string | undefined {
  const body = html.slice(html.indexOf("<body"));
  const stack: (string | undefined)[] = [html.match(/<html lang="(\w+)"/)?.[1]];
  for (const token of body.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>|[^<]+/g)) {
    const [whole, closing, name, attrs = ""] = token;
    if (!name) {
      if (whole.includes(text)) return stack.findLast((lang) => lang !== undefined);
    } else if (closing) stack.pop();
    else if (!VOID_ELEMENTS.has(name.toLowerCase()) && !attrs.endsWith("/")) {
      stack.push(/\slang="(\w+)"/.exec(attrs)?.[1]);
    }
  }
  return undefined;
}

/** The elements of a page's body that carry lang="ja" (on a Japanese page: only the language switch's link). */
export function elementsMarkedJapanese(html: string): string[] {
  return allMatches(html.slice(html.indexOf("<body")), /<(\w+)\s[^>]*\blang="ja"/);
}

/** Kana, CJK ideographs and the full-width forms Japanese text uses. */
const JAPANESE = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]/;

/**
 * Japanese a reader of an English page meets outside a part marked lang="ja": text in the body, and
 * the attributes assistive technology reads (aria-label, title, alt, placeholder). On an English page
 * every such piece is an interface string without its English (the organization's own words are marked
 * lang="ja").
 */
export function untranslatedText(html: string): string[] {
  const body = html.slice(html.indexOf("<body"));
  const found: string[] = [];
  const stack: (string | undefined)[] = [html.match(/<html lang="(\w+)"/)?.[1]];
  const lang = () => stack.findLast((l) => l !== undefined);
  // The chart's SVG is presentational (named by its hidden label, which is checked): its text is skipped.
  let inSvg = 0;
  for (const token of body.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>|[^<]+/g)) {
    const [whole, closing, name, attrs = ""] = token;
    if (!name) {
      if (inSvg === 0 && lang() !== "ja" && JAPANESE.test(whole)) found.push(whole.trim());
      continue;
    }
    if (name.toLowerCase() === "svg") inSvg += closing ? -1 : 1;
    if (closing) {
      stack.pop();
      continue;
    }
    const own = /\slang="(\w+)"/.exec(attrs)?.[1];
    const effective = own ?? lang();
    for (const [, attr, value = ""] of attrs.matchAll(/\s(aria-label|title|alt|placeholder)="([^"]*)"/g)) {
      if (effective !== "ja" && JAPANESE.test(value)) found.push(`${attr}="${value}"`);
    }
    if (!VOID_ELEMENTS.has(name.toLowerCase()) && !attrs.endsWith("/")) stack.push(own);
  }
  return found;
}
