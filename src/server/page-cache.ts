import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";

/**
 * A short-lived cache of rendered GET responses ("microcache"). Progress tables change a few times a
 * year, but building one means a dozen queries and, for a large plan, megabytes of HTML: under load
 * the same page is rendered once per `ttlMs` and then served from memory.
 *
 * - Concurrent misses for the same address wait for one render instead of each starting their own.
 * - A page past `ttlMs` but within `staleMs` is answered at once from memory while it is rendered
 *   again in the background (stale-while-revalidate), so readers do not wait for re-renders.
 * - Text bodies are also kept gzip-compressed (compressed once, off the event loop) for readers that
 *   accept it: a large plan's table shrinks about tenfold, which matters on municipal networks.
 * - The data may be changed by another process (`shinchoku import` on the same database), which this
 *   process cannot observe: a page is never served older than `ttlMs + staleMs` after its render.
 *   Code that writes through this process calls `clear()`.
 */
export interface PageCacheOptions {
  /** How long a rendered response is served as it is; 0 turns the cache off. */
  ttlMs: number;
  /** How long after that it may still be served while a fresh render runs in the background. */
  staleMs: number;
  /** Upper bound of the bodies kept, in bytes; the least recently used go first. */
  maxBytes: number;
  /** The clock (tests pin it). */
  now?: () => number;
}

export const DEFAULT_PAGE_CACHE: PageCacheOptions = {
  ttlMs: 2000,
  staleMs: 10_000,
  maxBytes: 64 * 1024 * 1024,
};

/** Marks the cache's own background render in the request's env, so that it bypasses the cache. */
const REVALIDATING = Symbol("page-cache.revalidating");

type Fetcher = (request: Request, env: Record<symbol, unknown>) => Response | Promise<Response>;

const compress = promisify(gzip);
const COMPRESSIBLE = /^(text\/|application\/(json|problem\+json|javascript)|image\/svg)/;
const MIN_COMPRESS_BYTES = 1024;

interface Entry {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  /** The body gzip-compressed, once the compression (started when stored) has finished. */
  gzip?: Uint8Array<ArrayBuffer>;
  etag: string;
  freshUntil: number;
  staleUntil: number;
}

export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #pending = new Map<string, Promise<Entry | undefined>>();
  #bytes = 0;
  #fetcher: Fetcher | undefined;
  readonly #now: () => number;

  constructor(readonly options: PageCacheOptions) {
    this.#now = options.now ?? Date.now;
  }

  /** The app whose responses are cached: background renders go through it. */
  attach(fetcher: Fetcher): void {
    this.#fetcher = fetcher;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      if (this.options.ttlMs <= 0 || c.req.method !== "GET") return next();
      const url = new URL(c.req.url);
      const key = url.pathname + url.search;
      if ((c.env as Record<symbol, unknown> | undefined)?.[REVALIDATING]) {
        await next();
        const entry = await this.#store(key, c.res);
        if (entry) c.res = respond(entry, c);
        else this.#forget(key);
        return;
      }

      const now = this.#now();
      const entry = this.#lookup(key, now);
      if (entry && now < entry.freshUntil) {
        c.res = respond(entry, c);
        return;
      }
      if (entry && this.#fetcher) {
        this.#revalidate(key, url);
        c.res = respond(entry, c);
        return;
      }

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
        rendered = await this.#store(key, c.res);
        if (rendered) c.res = respond(rendered, c);
      } finally {
        this.#pending.delete(key);
        settle(rendered);
      }
    };
  }

  /** A usable entry (fresh or stale), moved to the end of the LRU order; expired ones are dropped. */
  #lookup(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (now >= entry.staleUntil) {
      this.#bytes -= entry.body.byteLength;
      return undefined;
    }
    this.#entries.set(key, entry);
    return entry;
  }

  /** One background render per address at a time, after the current answer has been sent. */
  #revalidate(key: string, url: URL): void {
    const fetcher = this.#fetcher;
    if (!fetcher || this.#pending.has(key)) return;
    const done = new Promise<Entry | undefined>((resolve) => {
      setImmediate(async () => {
        try {
          const res = await fetcher(new Request(url), { [REVALIDATING]: true });
          await res.body?.cancel();
        } catch {
          this.#forget(key);
        } finally {
          resolve(this.#entries.get(key));
        }
      });
    });
    this.#pending.set(key, done);
    done.finally(() => this.#pending.delete(key));
  }

  async #store(key: string, res: Response): Promise<Entry | undefined> {
    if (res.status !== 200 || res.headers.has("set-cookie") || !res.body) return undefined;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers: [string, string][] = [];
    res.headers.forEach((value, name) => {
      if (name !== "content-length") headers.push([name, value]);
    });
    const now = this.#now();
    const entry: Entry = {
      status: res.status,
      headers,
      body,
      etag: `"${createHash("sha1").update(body).digest("base64url")}"`,
      freshUntil: now + this.options.ttlMs,
      staleUntil: now + this.options.ttlMs + this.options.staleMs,
    };
    this.#forget(key);
    // A body too large to keep is still answered, from this one render.
    if (body.byteLength > this.options.maxBytes / 4) return entry;
    if (body.byteLength >= MIN_COMPRESS_BYTES && COMPRESSIBLE.test(res.headers.get("content-type") ?? "")) {
      compress(body).then(
        (zipped) => {
          entry.gzip = new Uint8Array(
            zipped.buffer,
            zipped.byteOffset,
            zipped.byteLength,
          ) as Uint8Array<ArrayBuffer>;
        },
        () => {},
      );
    }
    this.#entries.set(key, entry);
    this.#bytes += body.byteLength;
    for (const [oldKey] of this.#entries) {
      if (this.#bytes <= this.options.maxBytes) break;
      this.#forget(oldKey);
    }
    return entry;
  }

  #forget(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.body.byteLength;
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
