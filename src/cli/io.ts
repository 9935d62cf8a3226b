import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Exit codes of every command: 0 success, 1 the input or the work failed, 2 a usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Where a command writes and what it reads of its environment; tests pass their own to run it in-process. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Raw bytes to standard output (`export -o -`). */
  stdout?: (bytes: Uint8Array) => void;
  env?: Record<string, string | undefined>;
}

export const processIo: Required<CliIo> = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  stdout: (bytes) => process.stdout.write(bytes),
  env: process.env,
};

/** Writes next to the target, then renames: a reader never sees half a file, a failure leaves none. */
export async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, data, { flag: "wx" });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
