import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/shinchoku.js", import.meta.url));

describe("bin/shinchoku.js run from another working directory", () => {
  let child: ChildProcess | undefined;
  let folder: string | undefined;
  afterEach(() => {
    child?.kill("SIGTERM");
    child = undefined;
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  });

  it("serves pages rendered with the project's JSX settings", async () => {
    folder = mkdtempSync(join(tmpdir(), "shinchoku-bin-"));
    const started = spawn(
      process.execPath,
      [BIN, "serve", "--port", "0", "--database", "sqlite::memory:", "--no-sample"],
      { cwd: folder, env: withoutServerSettings(process.env) },
    );
    child = started;
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      started.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
      });
      started.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        const match = /(http:\/\/\S+?\/)\s/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      started.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
    });
    const response = await fetch(url);
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(body).toContain('lang="ja"');
  }, 30_000);
});

function withoutServerSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _d, PORT: _p, HOST: _h, ...rest } = env;
  return rest;
}
