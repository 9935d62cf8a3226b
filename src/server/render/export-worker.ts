import { gzipSync } from "node:zlib";
import { move, transferableSymbol, valueSymbol } from "piscina";
import { type EntryWorkbookJob, type ExportJob, renderExport } from "./export-job.ts";

/**
 * The render pool's worker (src/server/render/pool.ts): renders one download off the server's event
 * loop and hands its bytes back without copying them. Text formats are also gzip-compressed here,
 * once, for the readers that accept it.
 */
export interface RenderedExport {
  body: Uint8Array<ArrayBuffer>;
  /** The body gzip-compressed (CSV and JSON; xlsx and PDF are compressed already). */
  gzip?: Uint8Array<ArrayBuffer>;
}

const TEXT_FORMATS = new Set(["csv", "json"]);

export default async function renderInWorker(job: ExportJob | EntryWorkbookJob) {
  // Copies into buffers of their own: a small Buffer is a slice of Node's shared pool, and moving
  // that would detach the whole pool in this thread.
  const body = new Uint8Array(await renderExport(job));
  const gzip = TEXT_FORMATS.has(job.format) ? new Uint8Array(gzipSync(body)) : undefined;
  const value: RenderedExport = gzip ? { body, gzip } : { body };
  return move({
    [transferableSymbol]: gzip ? [body.buffer, gzip.buffer] : [body.buffer],
    [valueSymbol]: value,
  });
}
