import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";

/**
 * A cache of rendered GET responses, valid for as long as the data they were rendered from. Building a
 * progress table means a dozen queries and, for a large plan, megabytes of HTML, while the data
 * changes a few times a year: a page is rendered once per store revision (Store.revision()) and then
 * served from memory.
 *
 * - Every request reads the revision once (one trivial query) and is answered from memory only by a
 *   page rendered at that same revision. An import — through this process or another one, such as
 *   `shinchoku import` on the same database — changes the revision, so the next request renders
 *   afresh: no page is ever served from older data, and no timer is involved.
 * - Concurrent misses for the same address and revision wait for one render instead of each starting
 *   their own.
 * - Text bodies are also kept gzip-compressed (compressed once, off the event loop) for readers that
 *   accept it: a large plan's table shrinks about tenfold, which matters on municipal networks.
 * - Memory is bounded by pages and by bytes; the least recently used go first. Pages of an older
 *   revision are dropped as soon as a newer one is seen.
 */
export interface PageCacheOptions {
  /** Upper bound of the bytes kept (bodies and their gzip copies). */
  maxBytes: number;
  /** Upper bound of the pages kept (many small answers, e.g. one per search query). */
  maxEntries: number;
}

export const DEFAULT_PAGE_CACHE: PageCacheOptions = {
  maxBytes: 64 * 1024 * 1024,
  maxEntries: 2000,
};

/** The store revision (Store.revision()): the cache's notion of "the data changed". */
export type RevisionSource = () => Promise<number>;

const compress = promisify(gzip);
const COMPRESSIBLE = /^(text\/|application\/(json|problem\+json|javascript)|image\/svg)/;
const MIN_COMPRESS_BYTES = 1024;

interface Entry {
  revision: number;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  /** The body gzip-compressed, once the compression (started when stored) has finished. */
  gzip?: Uint8Array<ArrayBuffer>;
  etag: string;
}

export class PageCache {
  /** By address (path and query, which carries the language); Map order is the LRU order. */
  readonly #entries = new Map<string, Entry>();
  /** Renders in progress, by revision and address. */
  readonly #pending = new Map<string, Promise<Entry | undefined>>();
  #bytes = 0;
  /** The revision the kept pages belong to. */
  #revision: number | undefined;
  /** Revision reads started so far, and how many had started when `#revision` was learnt. */
  #reads = 0;
  #learntAt = 0;

  constructor(readonly options: PageCacheOptions) {}

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Bytes kept, gzip copies included. */
  get bytes(): number {
    return this.#bytes;
  }

  middleware(revision: RevisionSource): MiddlewareHandler {
    return async (c, next) => {
      if (c.req.method !== "GET") return next();
      const current = await this.#currentRevision(revision);
      if (current === undefined) return next();
      const url = new URL(c.req.url);
      const address = url.pathname + url.search;

      const entry = this.#lookup(address, current);
      if (entry) {
        c.res = respond(entry, c);
        return;
      }

      const key = `${current} ${address}`;
      const pending = this.#pending.get(key);
      if (pending) {
        const rendered = await pending;
        if (rendered) {
          c.res = respond(rendered, c);
          return;
        }
        return next();
      }
      let settle: (entry: Entry | undefined) => void = () => {};
      this.#pending.set(key, new Promise((resolve) => (settle = resolve)));
      let rendered: Entry | undefined;
      try {
        await next();
        rendered = await this.#store(address, current, c.res);
        if (rendered) c.res = respond(rendered, c);
      } finally {
        this.#pending.delete(key);
        settle(rendered);
      }
    };
  }

  /**
   * The revision this request may be answered at, or undefined to render without the cache: when the
   * revision cannot be read (the render will report the store's trouble), or when the answer is
   * not the one known and the read began before that one was learnt — it may predate it (replies
   * can overtake each other), so it is used for nothing. A read begun afterwards is authoritative:
   * the kept pages belong to another revision and are dropped, whether it went up (an import) or
   * not (a database restored from a backup).
   */
  async #currentRevision(revision: RevisionSource): Promise<number | undefined> {
    const started = ++this.#reads;
    let value: number;
    try {
      value = await revision();
    } catch {
      return undefined;
    }
    if (value === this.#revision) return value;
    if (started <= this.#learntAt) return undefined;
    this.#revision = value;
    this.#learntAt = this.#reads;
    this.clear();
    return value;
  }

  /** A page rendered at `revision`, moved to the end of the LRU order. */
  #lookup(address: string, revision: number): Entry | undefined {
    const entry = this.#entries.get(address);
    if (!entry || entry.revision !== revision) return undefined;
    this.#entries.delete(address);
    this.#entries.set(address, entry);
    return entry;
  }

  async #store(address: string, revision: number, res: Response): Promise<Entry | undefined> {
    if (res.status !== 200 || res.headers.has("set-cookie") || !res.body) return undefined;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers: [string, string][] = [];
    res.headers.forEach((value, name) => {
      if (name !== "content-length") headers.push([name, value]);
    });
    // The validator is the body's own hash, not the revision: after an import that leaves a page
    // as it was, readers still get 304 instead of the same megabytes again.
    const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
    const entry: Entry = { revision, status: res.status, headers, body, etag };
    // A body too large to keep, or rendered at a revision already superseded, still answers the
    // requests that waited for this one render.
    if (body.byteLength > this.options.maxBytes / 4 || revision !== this.#revision) return entry;
    this.#forget(address);
    this.#entries.set(address, entry);
    this.#bytes += body.byteLength;
    this.#evict();
    if (body.byteLength >= MIN_COMPRESS_BYTES && COMPRESSIBLE.test(res.headers.get("content-type") ?? "")) {
      compress(body).then(
        (zipped) => {
          entry.gzip = new Uint8Array(
            zipped.buffer,
            zipped.byteOffset,
            zipped.byteLength,
          ) as Uint8Array<ArrayBuffer>;
          if (this.#entries.get(address) !== entry) return;
          this.#bytes += entry.gzip.byteLength;
          this.#evict();
        },
        () => {},
      );
    }
    return entry;
  }

  /** Drops the least recently used pages until both bounds hold. */
  #evict(): void {
    for (const [address] of this.#entries) {
      if (this.#bytes <= this.options.maxBytes && this.#entries.size <= this.options.maxEntries) break;
      this.#forget(address);
    }
  }

  #forget(address: string): void {
    const entry = this.#entries.get(address);
    if (!entry) return;
    this.#entries.delete(address);
    this.#bytes -= entry.body.byteLength + (entry.gzip?.byteLength ?? 0);
  }
}

function acceptsGzip(c: Context): boolean {
  return /\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "");
}

function respond(entry: Entry, c: Context): Response {
  const headers = new Headers(entry.headers);
  headers.append("Vary", "Accept-Encoding");
  const zipped = entry.gzip && acceptsGzip(c) ? entry.gzip : undefined;
  // The compressed variant is another representation: it gets its own validator.
  const etag = zipped ? `${entry.etag.slice(0, -1)}-gz"` : entry.etag;
  headers.set("ETag", etag);
  if (c.req.header("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  if (zipped) headers.set("Content-Encoding", "gzip");
  return new Response(zipped ?? entry.body, { status: entry.status, headers });
}
