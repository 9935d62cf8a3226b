import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";
import { SESSION_COOKIE_PATTERN } from "./session-cookie.ts";

/**
 * A cache of rendered public GET responses, valid for as long as the data they were rendered from.
 * Building a progress table means queries and, for a large plan, megabytes of HTML, while what the
 * public sees changes a few times a year (a publication): a page is rendered once per public
 * revision of the organization it shows and then served from memory.
 *
 * - Only public answers: a request that carries a session cookie or an Authorization header is
 *   never answered from the cache and its answer is never kept, whatever it shows; an answer that
 *   sets a cookie is never kept either.
 * - Scopes: each page belongs to one organization (the loaders name it, c.get("cacheScope")) or to
 *   the directory (the list of organizations). A page is valid while its scope's key is the one it
 *   was rendered at. A publication in one city moves that city's key only; a draft saved anywhere
 *   moves none, so every public page stays cached while departments type.
 * - Every request reads one generation number (the store revision: one trivial query); only when it
 *   moved are the scopes' keys read again (one small query). Changes made by another process (such
 *   as `shinchoku import` on the same database) are seen at the next request: no timer is involved.
 * - Concurrent misses for the same address and generation wait for one render.
 * - Text bodies are also kept gzip-compressed (compressed once, off the event loop) for readers that
 *   accept it: a large plan's table shrinks about tenfold, which matters on municipal networks.
 * - Memory is bounded by pages and by bytes; the least recently used go first, and pages whose scope
 *   moved are dropped as soon as that is seen.
 * - Keys are canonical addresses (src/server/known-query.ts): a parameter no route reads is refused
 *   before this cache is asked, and equivalent queries share one entry.
 * - Downloads are not kept here but in the export cache (src/server/export-cache.ts), by
 *   publication: a publication never changes, so they outlive the revision this cache keys on.
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

/** The keys pages are valid under: the directory's, and each organization's. */
export interface ScopeKeys {
  directory: string;
  byOrganization: ReadonlyMap<number, number | string>;
}

/** Where the cache learns that data changed (the store: revision() and publicRevisions()). */
export interface CacheRevisions {
  /** Moves whenever any scope's key may have moved. Read on every request: keep it trivial. */
  generation(): Promise<number>;
  /** Every scope's key now. Read when the generation moved. */
  keys(): Promise<ScopeKeys>;
}

/** Requests that speak for a person: never answered from, nor kept in, the shared cache. */
export function isPersonalRequest(c: Context): boolean {
  if (c.req.header("Authorization") !== undefined) return true;
  const cookie = c.req.header("Cookie");
  return cookie !== undefined && SESSION_COOKIE_PATTERN.test(cookie);
}

const compress = promisify(gzip);
const COMPRESSIBLE = /^(text\/|application\/(json|problem\+json|javascript)|image\/svg)/;
const MIN_COMPRESS_BYTES = 1024;

interface Entry {
  /** The organization the page shows, or undefined for the directory. */
  scope: number | undefined;
  /** The scope's key it was rendered at. */
  key: string;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  /** The body gzip-compressed, once the compression (started when stored) has finished. */
  gzip?: Uint8Array<ArrayBuffer>;
  etag: string;
}

export class PageCache {
  /** By address (path and canonical query, which carries the language); Map order is the LRU order. */
  readonly #entries = new Map<string, Entry>();
  /** Renders in progress, by generation and address. */
  readonly #pending = new Map<string, Promise<Entry | undefined>>();
  #bytes = 0;
  /** The generation the keys below were read at. */
  #generation: number | undefined;
  #keys: ScopeKeys | undefined;
  #keysLoading: Promise<ScopeKeys | undefined> | undefined;
  /** Generation reads started so far, and how many had started when `#generation` was learnt. */
  #reads = 0;
  #learntAt = 0;
  /** gzip copies being made (off the event loop). */
  readonly #compressing = new Set<Promise<void>>();

  constructor(readonly options: PageCacheOptions) {}

  /** Resolves once the gzip copies started so far are made (for tests and benchmarks). */
  async idle(): Promise<void> {
    while (this.#compressing.size > 0) await Promise.all(this.#compressing);
  }

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

  /**
   * `scopeOf` tells which organization a rendered answer showed (read after the render); answers
   * without one belong to the directory. `request.address` is the key of a request (default: its
   * path and query as sent; the app gives the canonical one, src/server/known-query.ts), undefined
   * for one not to keep; `request.keep` says after the render whether the answer is for this cache
   * (default: yes).
   */
  middleware(
    revisions: CacheRevisions,
    scopeOf: (c: Context) => number | undefined,
    request: { address?: (c: Context) => string | undefined; keep?: (c: Context) => boolean } = {},
  ): MiddlewareHandler {
    const addressOf = request.address ?? rawAddress;
    return async (c, next) => {
      if (c.req.method !== "GET" || isPersonalRequest(c)) return next();
      const address = addressOf(c);
      if (address === undefined) return next();
      const state = await this.#current(revisions);
      if (state === undefined) return next();
      const { generation, keys } = state;

      const entry = this.#lookup(address, keys);
      if (entry) {
        c.res = respond(entry, c);
        return;
      }

      const pendingKey = `${generation} ${address}`;
      const pending = this.#pending.get(pendingKey);
      if (pending) {
        const rendered = await pending;
        if (rendered) {
          c.res = respond(rendered, c);
          return;
        }
        return next();
      }
      let settle: (entry: Entry | undefined) => void = () => {};
      this.#pending.set(pendingKey, new Promise((resolve) => (settle = resolve)));
      let rendered: Entry | undefined;
      try {
        await next();
        const scope = scopeOf(c);
        const key = keyOf(keys, scope);
        if (key !== undefined && (request.keep?.(c) ?? true))
          rendered = await this.#store(address, scope, key, c.res);
        if (rendered) c.res = respond(rendered, c);
      } finally {
        this.#pending.delete(pendingKey);
        settle(rendered);
      }
    };
  }

  /**
   * The generation and keys this request may be answered at, or undefined to render without the
   * cache: when they cannot be read (the render will report the store's trouble), or when the
   * generation is not the one known and its read began before that one was learnt — it may predate
   * it (replies can overtake each other), so it is used for nothing. A read begun afterwards is
   * authoritative, whether the generation went up or not (a database restored from a backup).
   */
  async #current(revisions: CacheRevisions): Promise<{ generation: number; keys: ScopeKeys } | undefined> {
    const started = ++this.#reads;
    let generation: number;
    try {
      generation = await revisions.generation();
    } catch {
      return undefined;
    }
    if (generation !== this.#generation) {
      if (started <= this.#learntAt) return undefined;
      this.#generation = generation;
      this.#learntAt = this.#reads;
      this.#keysLoading = revisions.keys().then(
        (keys) => {
          if (this.#generation === generation) {
            this.#keys = keys;
            this.#sweep(keys);
          }
          return keys;
        },
        () => {
          // Read again at the next request rather than render uncached until the next write.
          if (this.#generation === generation) this.#generation = undefined;
          return undefined;
        },
      );
      this.#keys = undefined;
    }
    const keys = this.#keys ?? (await this.#keysLoading);
    if (!keys || this.#generation !== generation) return undefined;
    return { generation, keys };
  }

  /** A page valid under `keys`, moved to the end of the LRU order. */
  #lookup(address: string, keys: ScopeKeys): Entry | undefined {
    const entry = this.#entries.get(address);
    if (!entry || entry.key !== keyOf(keys, entry.scope)) return undefined;
    this.#entries.delete(address);
    this.#entries.set(address, entry);
    return entry;
  }

  /** Drops the pages whose scope moved on. */
  #sweep(keys: ScopeKeys): void {
    for (const [address, entry] of this.#entries)
      if (entry.key !== keyOf(keys, entry.scope)) this.#forget(address);
  }

  async #store(
    address: string,
    scope: number | undefined,
    key: string,
    res: Response,
  ): Promise<Entry | undefined> {
    if (res.status !== 200 || res.headers.has("set-cookie") || !res.body) return undefined;
    if (/\b(private|no-store)\b/.test(res.headers.get("cache-control") ?? "")) return undefined;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers: [string, string][] = [];
    res.headers.forEach((value, name) => {
      if (name !== "content-length" && name !== "etag") headers.push([name, value]);
    });
    // The validator is the answer's own (a download names its publication), else the body's hash,
    // not the revision: after a publication that leaves a page as it was, readers still get 304
    // instead of the same megabytes again.
    const etag = res.headers.get("etag") ?? `"${createHash("sha1").update(body).digest("base64url")}"`;
    const entry: Entry = { scope, key, status: res.status, headers, body, etag };
    // A body too large to keep, or rendered at a key already superseded, still answers the
    // requests that waited for this one render.
    if (body.byteLength > this.options.maxBytes / 4 || !this.#keys || key !== keyOf(this.#keys, scope))
      return entry;
    this.#forget(address);
    this.#entries.set(address, entry);
    this.#bytes += body.byteLength;
    this.#evict();
    if (body.byteLength >= MIN_COMPRESS_BYTES && COMPRESSIBLE.test(res.headers.get("content-type") ?? "")) {
      const compressing: Promise<void> = compress(body)
        .then(
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
        )
        .finally(() => this.#compressing.delete(compressing));
      this.#compressing.add(compressing);
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

function rawAddress(c: Context): string {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
}

/** The key of a scope now; undefined when an organization is gone (its pages are not kept). */
function keyOf(keys: ScopeKeys, scope: number | undefined): string | undefined {
  if (scope === undefined) return `d${keys.directory}`;
  const key = keys.byOrganization.get(scope);
  return key === undefined ? undefined : `o${key}`;
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
