import yauzl from "yauzl";
import type { Diagnostic } from "../../domain/diagnostic.ts";
import { type ImportLimits, limitExceeded } from "../limits.ts";

/**
 * Checks an xlsx (a zip) against the limits before exceljs inflates it whole: first the zip's central
 * directory alone (how many files, how large each says it is once inflated), then every file inflated
 * as a stream and thrown away, which catches a file that inflates to more than it declared (yauzl
 * stops it) and counts the cells of the worksheets. A 1 MB zip bomb or a sheet of millions of empty
 * cells is refused here, with memory bounded by one chunk.
 */
export type ArchiveCheck = { ok: true } | { ok: false; limit: Diagnostic } | { ok: false; damaged: string };

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

export async function checkXlsxArchive(bytes: Uint8Array, limits: ImportLimits): Promise<ArchiveCheck> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch (error) {
    return { ok: false, damaged: error instanceof Error ? error.message : String(error) };
  }
  try {
    if (zip.entryCount > limits.xlsxEntries) {
      return { ok: false, limit: limitExceeded("xlsxEntries", limits.xlsxEntries, zip.entryCount) };
    }
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      entries.push(entry);
      declared += entry.uncompressedSize;
    }
    if (declared > limits.xlsxBytes) {
      return { ok: false, limit: limitExceeded("xlsxBytes", limits.xlsxBytes, declared) };
    }
    const cells = new CellCounter();
    for (const entry of entries) {
      if (entry.fileName.endsWith("/")) continue;
      const stream = await zip.openReadStreamPromise(entry);
      const counting = WORKSHEET.test(entry.fileName);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (!counting) continue;
        cells.add(chunk);
        if (cells.count > limits.cells) {
          stream.destroy();
          return { ok: false, limit: limitExceeded("cells", limits.cells, undefined) };
        }
      }
      cells.reset();
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, damaged: error instanceof Error ? error.message : String(error) };
  } finally {
    zip.close();
  }
}

/**
 * Counts cell elements (`<c …>`, `<c/>`, and `<x:c …>` with a namespace prefix) in worksheet XML
 * arriving in chunks, without decoding it.
 */
class CellCounter {
  /** Cells counted so far, over every worksheet. */
  count = 0;
  /** The end of the previous chunk that may hold the start of a tag. */
  private carry = Buffer.alloc(0);

  /** The next worksheet starts. */
  reset(): void {
    this.carry = Buffer.alloc(0);
  }

  add(chunk: Buffer): void {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let i = data.indexOf(0x3c /* < */);
    let safeEnd = data.length;
    while (i !== -1) {
      // The tag name runs to white space, ">" or "/"; a name cut by the chunk's end waits for the next.
      let end = i + 1;
      while (end < data.length && end - i < 64) {
        const b = data[end] as number;
        if (b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d) break;
        end++;
      }
      if (end >= data.length) {
        safeEnd = i;
        break;
      }
      const name = data.subarray(i + 1, end);
      const colon = name.lastIndexOf(0x3a /* : */);
      const local = colon === -1 ? name : name.subarray(colon + 1);
      if (local.length === 1 && local[0] === 0x63 /* c */) this.count++;
      i = data.indexOf(0x3c, end);
    }
    this.carry = Buffer.from(data.subarray(safeEnd));
  }
}
