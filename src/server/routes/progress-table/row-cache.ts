import type { Initiative } from "../../../domain/plan-document.ts";

/**
 * The progress table's rendered rows, kept two ways so that a table of a thousand initiatives is
 * mostly a join of strings made before:
 *
 * - by initiative object: a publication's document is kept in memory and never changes, so its
 *   initiatives are the same objects from one request to the next. The map is weak: rows go with
 *   the document they were rendered from.
 * - by content: a draft is read anew from the live rows at every request (it changes while
 *   departments save, so no object survives), but between two saves all its initiatives but one
 *   are the same text. The key is everything a row is rendered from, written out in full, so a
 *   changed initiative can never meet the markup of its earlier text: after a save, that one row
 *   is rendered again and the other 999 are found.
 */
const byObject = new WeakMap<Initiative, Map<string, string>>();

/**
 * Characters (keys and markup) kept by content: a 1,000-initiative table in two languages is about
 * 8 M. Least recently used rows go first.
 */
const CONTENT_CHARS = 32_000_000;
const byContent = new Map<string, string>();
let contentChars = 0;

/**
 * The markup of one initiative's rows. `layout` holds every input of the rendering other than the
 * initiative itself (language, link, spans, policy label, grade scale, column model): both caches are
 * keyed on it, so a row rendered for other surroundings is never reused. `lasting`: the document is
 * kept and never changes (a publication's), so its rows are also kept by object; a draft's objects
 * live for one request, and keeping them would only give the garbage collector work.
 */
export function cachedRows(
  initiative: Initiative,
  layout: string,
  lasting: boolean,
  render: () => string,
): string {
  const kept = lasting ? byObject.get(initiative)?.get(layout) : undefined;
  if (kept !== undefined) return kept;

  const key = `${layout}\u0000${JSON.stringify(initiative)}`;
  let html = byContent.get(key);
  if (html !== undefined) {
    // Most recently used last, so eviction takes the rows no table has shown for longest.
    byContent.delete(key);
    byContent.set(key, html);
  } else {
    html = render();
    keep(key, html);
  }
  if (lasting) {
    let byLayout = byObject.get(initiative);
    if (!byLayout) {
      byLayout = new Map();
      byObject.set(initiative, byLayout);
    }
    byLayout.set(layout, html);
  }
  return html;
}

function keep(key: string, html: string): void {
  byContent.set(key, html);
  contentChars += key.length + html.length;
  for (const [oldKey, oldHtml] of byContent) {
    if (contentChars <= CONTENT_CHARS) break;
    byContent.delete(oldKey);
    contentChars -= oldKey.length + oldHtml.length;
  }
}

/** For tests: how many rows are kept by content. */
export function rowsKeptByContent(): number {
  return byContent.size;
}
