import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cannotWrite, writeAtomically } from "./io.ts";

describe("a file that cannot be written is said in the reader's words", () => {
  const dir = mkdtempSync(join(tmpdir(), "shinchoku-write-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("names the file asked for and what to check, never the temporary file written first", async () => {
    const target = join(dir, "no-such-folder", "plan.json");
    const error = await writeAtomically(target, "{}").then(
      () => undefined,
      (e: unknown) => e,
    );
    // Node's own message names the temporary file (".plan.json.<pid>.<time>.tmp").
    expect(String((error as Error).message)).toContain(".tmp");
    const message = cannotWrite(target, error);
    expect(message).toBe(
      `「${target}」に書き出せません。書き出し先のフォルダがありません。フォルダ名を確認してください。 / cannot write ${target}: its folder does not exist`,
    );
    expect(message).not.toContain(".tmp");
    expect(message).not.toContain("ENOENT");
  });

  it("a folder in the way and a full disk", () => {
    expect(cannotWrite("out", Object.assign(new Error("x"), { code: "EISDIR" }))).toContain(
      "同じ名前のフォルダがあります。別のファイル名を指定してください。",
    );
    expect(cannotWrite("out", Object.assign(new Error("x"), { code: "ENOSPC" }))).toContain(
      "ディスクの空きが足りません。",
    );
  });
});
