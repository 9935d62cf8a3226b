import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { ownFile } from "../../runtime-files.ts";
import { AppError } from "../errors.ts";
import type { EntryWorkbookJob, ExportJob } from "./export-job.ts";
import type { RenderedExport } from "./export-worker.ts";

/**
 * Heavy renders (xlsx, PDF, and the CSV/JSON of large plans) run in worker threads, never on the
 * server's event loop: one PDF of a 1,000-initiative plan is about a second of CPU, and while it ran
 * on the request thread every other reader waited (issue 9: a second client's tiny API request took
 * 4 s under a flood of downloads).
 *
 * Bounded: `threads` renders at a time, `queue` more waiting; beyond that a render is refused at once
 * with `server.busy` (503 with Retry-After) rather than queued without end. Workers start on the
 * first render (not at start-up) and stop after `idleSeconds` without one.
 *
 * piscina keeps the pool (worker start, task hand-over, moving result buffers without a copy); the
 * admission count is kept here so that the limit does not depend on how many workers are still
 * starting.
 */
export interface RenderPoolOptions {
  /** Renders at a time (worker threads). */
  threads: number;
  /** Renders that may wait for a thread; more are refused (503). */
  queue: number;
  /** How long an idle worker is kept (its fonts and libraries loaded) before it stops. */
  idleSeconds?: number;
  /** The worker module (default: the export worker); tests give one of their own. */
  module?: URL;
  /** Passed to the worker module as workerData.data. */
  data?: unknown;
}

/** One thread fewer than the machine has (the event loop keeps one), at least one, at most four. */
export function defaultRenderThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

export const DEFAULT_RENDER_QUEUE = 32;

export class RenderPool {
  #pool: Piscina | undefined;
  /** Renders admitted and not finished (running or waiting). */
  #admitted = 0;
  #started = 0;
  /** Recent render times (ms), for Retry-After. */
  readonly #durations: number[] = [];
  #closed = false;

  constructor(readonly options: RenderPoolOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1)
      throw new RangeError("threads must be a positive integer");
    if (!Number.isInteger(options.queue) || options.queue < 0)
      throw new RangeError("queue must be a non-negative integer");
  }

  /** Renders started so far (each a task handed to a worker). */
  get started(): number {
    return this.#started;
  }

  /** Renders running or waiting now. */
  get pending(): number {
    return this.#admitted;
  }

  /** Renders one download in a worker; throws AppError("server.busy") when the pool is full. */
  render(job: ExportJob | EntryWorkbookJob): Promise<RenderedExport> {
    return this.run(job) as Promise<RenderedExport>;
  }

  /** Runs the worker module's default export on `task`. */
  async run(task: unknown): Promise<unknown> {
    if (this.#closed) throw new AppError("server.busy", { retryAfter: "1" });
    if (this.#admitted >= this.options.threads + this.options.queue)
      throw new AppError("server.busy", { retryAfter: String(this.#retryAfterSeconds()) });
    this.#admitted += 1;
    this.#started += 1;
    const began = performance.now();
    try {
      return await this.#piscina().run(task);
    } finally {
      this.#admitted -= 1;
      this.#durations.push(performance.now() - began);
      if (this.#durations.length > 20) this.#durations.shift();
    }
  }

  /** Stops the workers (renders in flight are cut off). */
  async close(): Promise<void> {
    this.#closed = true;
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.destroy();
  }

  /**
   * When to ask again: the time the renders ahead take, spread over the threads, from the recent
   * render times — at least 1 s, at most 2 min.
   */
  #retryAfterSeconds(): number {
    const recent = this.#durations;
    const mean = recent.length > 0 ? recent.reduce((a, b) => a + b, 0) / recent.length : 1000;
    const seconds = Math.ceil((mean * this.#admitted) / this.options.threads / 1000);
    return Math.min(120, Math.max(1, seconds));
  }

  #piscina(): Piscina {
    if (this.#pool) return this.#pool;
    const module = this.options.module ?? exportWorkerModule();
    const typescript = module.pathname.endsWith(".ts");
    this.#pool = new Piscina({
      // From the sources the worker is TypeScript: an entry of its own registers tsx first.
      filename: typescript ? ownFile("server/render/source-worker.mjs").href : module.href,
      workerData: { module: module.href, data: this.options.data },
      minThreads: 0,
      maxThreads: this.options.threads,
      // Admission above is the limit; piscina's own would count starting workers as room.
      maxQueue: this.options.queue + this.options.threads,
      idleTimeout: (this.options.idleSeconds ?? 60) * 1000,
      // Node's options for the main thread (a tsx loader, --inspect) have no business in workers.
      execArgv: [],
    });
    return this.#pool;
  }
}

/** The export worker: JavaScript in the bundle (dist/server/render/), TypeScript in the sources. */
function exportWorkerModule(): URL {
  const built = ownFile("server/render/export-worker.js");
  return existsSync(fileURLToPath(built)) ? built : ownFile("server/render/export-worker.ts");
}

let shared: RenderPool | undefined;

/**
 * The process's pool for apps that are not given one (tests, benches): one per process, as the
 * threads it may use are the machine's. `shinchoku serve` makes its own and closes it at shutdown.
 */
export function sharedRenderPool(): RenderPool {
  shared ??= new RenderPool({ threads: defaultRenderThreads(), queue: DEFAULT_RENDER_QUEUE });
  return shared;
}
