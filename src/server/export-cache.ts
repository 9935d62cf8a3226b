import type { RenderedExport } from "./render/export-worker.ts";

/**
 * A publication's downloads, rendered once and kept. A publication never changes (the database
 * refuses to), so its xlsx, PDF, CSV (per encoding) and JSON are valid for as long as the process
 * runs: repeated downloads cost a memory read, and a publication in the same city (which moves that
 * city's page-cache key) does not throw them away. This is the only place downloads are kept: the
 * page cache leaves them out (their route marks them `keptElsewhere`).
 *
 * Keyed by what the bytes depend on (the publication id, the format, the encoding, and the
 * publisher's name where the stored round names none: see routes/plans/export.ts). Bounded by bytes
 * (bodies and their gzip copies), least recently used first out; a body over a quarter of the bound
 * is served but not kept. Concurrent first requests for one key share one render.
 */
export const DEFAULT_EXPORT_CACHE_BYTES = 128 * 1024 * 1024;

export class ExportCache {
  readonly #entries = new Map<string, { rendered: RenderedExport; bytes: number }>();
  readonly #pending = new Map<string, Promise<RenderedExport>>();
  #bytes = 0;

  constructor(readonly maxBytes = DEFAULT_EXPORT_CACHE_BYTES) {}

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** The kept rendering of `key`, or `render()`'s, kept when it fits. A failed render is not kept. */
  async get(key: string, render: () => Promise<RenderedExport>): Promise<RenderedExport> {
    const entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      return entry.rendered;
    }
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const rendering = render().then(
      (rendered) => {
        this.#pending.delete(key);
        this.#keep(key, rendered);
        return rendered;
      },
      (error: unknown) => {
        this.#pending.delete(key);
        throw error;
      },
    );
    this.#pending.set(key, rendering);
    return rendering;
  }

  #keep(key: string, rendered: RenderedExport): void {
    const bytes = rendered.body.byteLength + (rendered.gzip?.byteLength ?? 0);
    if (bytes > this.maxBytes / 4) return;
    this.#entries.set(key, { rendered, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }
}
