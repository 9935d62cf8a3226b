import type { Publication } from "../store/types.ts";

/**
 * Publications read once and kept: a publication never changes (the database refuses to), so a
 * copy by id is valid forever and only memory bounds it. A large plan's document is megabytes of
 * JSON; reading and parsing it per request was most of a public page's cost.
 *
 * Bounded by the documents' JSON size (estimated from the initiative and KPI counts, without
 * serialising), least recently used first out. Concurrent first reads of one id share one load.
 */
export class PublicationCache {
  readonly #entries = new Map<number, { publication: Publication; bytes: number }>();
  readonly #pending = new Map<number, Promise<Publication | undefined>>();
  #bytes = 0;

  constructor(readonly maxBytes = 256 * 1024 * 1024) {}

  get size(): number {
    return this.#entries.size;
  }

  async get(
    id: number,
    load: (id: number) => Promise<Publication | undefined>,
  ): Promise<Publication | undefined> {
    const entry = this.#entries.get(id);
    if (entry) {
      this.#entries.delete(id);
      this.#entries.set(id, entry);
      return entry.publication;
    }
    const pending = this.#pending.get(id);
    if (pending) return pending;
    const loading = load(id).then(
      (publication) => {
        this.#pending.delete(id);
        if (publication) this.#keep(id, publication);
        return publication;
      },
      (error: unknown) => {
        this.#pending.delete(id);
        throw error;
      },
    );
    this.#pending.set(id, loading);
    return loading;
  }

  #keep(id: number, publication: Publication): void {
    const bytes = estimateBytes(publication);
    if (bytes > this.maxBytes) return;
    this.#entries.set(id, { publication, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }
}

/** About what a document takes in memory: a few kilobytes an initiative, half a kilobyte a KPI line. */
function estimateBytes(publication: Publication): number {
  let bytes = 4096;
  for (const policy of publication.document.policies) {
    for (const initiative of policy.initiatives) {
      bytes +=
        1024 +
        2 *
          (initiative.title.length +
            initiative.description.length +
            initiative.activities.length +
            initiative.committeeOpinion.length +
            initiative.nextYearGoal.length) +
        512 * initiative.kpis.length;
    }
  }
  return bytes;
}
