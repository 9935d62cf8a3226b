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
  /**
   * Raw bytes to standard output (`export -o -`). May return a promise that settles once the bytes are
   * handed over (or the reader has gone away).
   */
  stdout?: (bytes: Uint8Array) => unknown;
  env?: Record<string, string | undefined>;
}

/** A reader that closed its end of the pipe (`… | head`): the rest of the output is not wanted. */
function isClosedPipe(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "EPIPE";
}

let pipeClosed = false;
let watching = false;

/**
 * `shinchoku export -o - | head` closes standard output early: the command then ends quietly (exit
 * 0), instead of dying on an unhandled EPIPE. Any other write error is reported by the caller.
 */
function watchStdout(): void {
  if (watching) return;
  watching = true;
  process.stdout.on("error", (error) => {
    if (isClosedPipe(error)) {
      pipeClosed = true;
      process.exit(EXIT_OK);
    }
  });
}

export const processIo: Required<CliIo> = {
  out: (text) => {
    watchStdout();
    if (!pipeClosed) process.stdout.write(`${text}\n`);
  },
  err: (text) => process.stderr.write(`${text}\n`),
  stdout: (bytes) =>
    new Promise<void>((resolve, reject) => {
      watchStdout();
      if (pipeClosed) return resolve();
      process.stdout.write(bytes, (error) => {
        if (!error || isClosedPipe(error)) resolve();
        else reject(error);
      });
    }),
  env: process.env,
};

/**
 * Control characters as visible escapes (\x1b, \u202e): text read from a file (a plan's title, a cell
 * quoted in a finding) must not clear the screen, set the window title or reorder what is shown.
 * Line breaks and tabs of the command's own output stay.
 */
export function escapeControls(text: string): string {
  return text.replace(
    // C0 but tab and line feed, DEL and C1, and the bidirectional overrides and isolates.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters escaped
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => {
      const code = c.charCodeAt(0);
      return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16)}`;
    },
  );
}

/** The same io, with every line shown on a terminal passed through escapeControls. */
export function terminalSafe(io: CliIo): CliIo {
  return { ...io, out: (text) => io.out(escapeControls(text)), err: (text) => io.err(escapeControls(text)) };
}

/**
 * A command's run() that never throws: whatever happens, the exit code is 0, 1 or 2, and an error
 * nobody foresaw is one line on standard error, not a stack trace.
 */
export function guarded(
  run: (args: string[], io: CliIo) => Promise<number>,
): (args: string[], io?: CliIo) => Promise<number> {
  return async (args, io = processIo) => {
    const safe = terminalSafe(io);
    try {
      return await run(args, safe);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      safe.err(`予期しないエラーで終了しました / unexpected error: ${reason.split("\n", 1)[0]}`);
      return EXIT_FAILED;
    }
  };
}

/**
 * Why a file could not be written, in the reader's words and with what to do: the file they named,
 * never the temporary file writeAtomically writes first (its name is in Node's message).
 */
export function cannotWrite(path: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const [ja, en] =
    code === "ENOENT"
      ? ["書き出し先のフォルダがありません。フォルダ名を確認してください。", "its folder does not exist"]
      : code === "EACCES" || code === "EPERM"
        ? [
            "書き出し先のフォルダに書き込む権限がありません。別の場所を指定してください。",
            "no permission to write there",
          ]
        : code === "EROFS"
          ? ["書き出し先は読み取り専用です。別の場所を指定してください。", "the place is read-only"]
          : code === "ENOSPC" || code === "EDQUOT"
            ? ["ディスクの空きが足りません。空きを作るか、別の場所を指定してください。", "the disk is full"]
            : code === "EISDIR"
              ? ["同じ名前のフォルダがあります。別のファイル名を指定してください。", "a folder has that name"]
              : ["別の場所かファイル名を指定してください。", "try another place or name"];
  return `「${path}」に書き出せません。${ja} / cannot write ${path}: ${en}`;
}

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
