/**
 * For tests only: the app over a fresh database of each kind (SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set) loaded with the seed, as a new installation shows it.
 */
import type { TestDatabase } from "../../test/db.ts";
import type { Store } from "../store/types.ts";
import { createApp } from "./app.ts";
import { loadSampleData } from "./sample.ts";

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
