import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SEED_TITLE = "産・学・官連携体制の推進";

/**
 * Stopping the real server: `shinchoku serve` as a child process, and `npm start` killed as a new user
 * (or a process manager) would kill it — by signalling npm.
 */
describe("shutdown", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });
  const tempFolder = () => {
    const folder = mkdtempSync(join(tmpdir(), "shinchoku-shutdown-"));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    return folder;
  };
  const track = (child: ChildProcess) => {
    cleanups.push(() => child.kill("SIGKILL"));
    return watchOutput(child);
  };

  it("SIGTERM to `shinchoku serve`: a request in flight is answered, then exit 0 and the port is free", async () => {
    const database = `sqlite:${join(tempFolder(), "shinchoku.db")}`;
    const child = spawn(
      process.execPath,
      [join(ROOT, "bin/shinchoku.js"), "serve", "--port", "0", "--database", database],
      { cwd: tempFolder(), env: withoutServerSettings(process.env) },
    );
    const output = track(child);
    const port = Number((await output.waitFor(/http:\/\/localhost:(\d+)\//))[1]);

    // A slow client: the request line and a header have arrived, the blank line that ends the request
    // has not. Another request answered after it proves that the server has read those bytes.
    const slow = await connectTo(port);
    cleanups.push(() => slow.destroy());
    const answer = readAll(slow);
    slow.write("GET /o/sakado/plans/1/2019/table HTTP/1.1\r\nHost: localhost\r\n");
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);

    const exited = exitOf(child);
    child.kill("SIGTERM");
    await output.waitFor(/finishing requests in flight/);
    await expect(connectTo(port)).rejects.toThrow(/ECONNREFUSED/);
    slow.write("\r\n");

    const response = await answer;
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toMatch(/\r\nconnection: close\r\n/i);
    expect(response).toContain(SEED_TITLE);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(output.text()).toContain("stopped");
    expect(await portIsFree(port)).toBe(true);
  }, 60_000);

  it("SIGTERM to `npm start` stops the server it started (through the shell npm runs scripts in)", async () => {
    // A copy of the project, so that the build npm start makes lands in a folder of the test's own.
    const project = tempFolder();
    for (const path of ["bin", "scripts", "src", "package.json", "tsconfig.json"]) {
      cpSync(join(ROOT, path), join(project, path), { recursive: true });
    }
    symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"), "junction");
    const npm = process.env.npm_execpath;
    const command = npm?.endsWith(".js") ? [process.execPath, npm] : ["npm"];
    const [file = "npm", ...args] = command;
    const child = spawn(
      file,
      [...args, "start", "--", "--port", "0", "--database", "sqlite::memory:", "--no-sample"],
      { cwd: project, env: withoutServerSettings(process.env) },
    );
    const output = track(child);
    const port = Number((await output.waitFor(/http:\/\/localhost:(\d+)\//))[1]);
    expect(output.text()).toContain("built dist/");
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);

    child.kill("SIGTERM");
    // stdout is shared by npm, the shell and the server: it ends when the last of them has exited.
    await output.ended;
    expect(output.text()).toContain("stopped");
    expect(await portIsFree(port)).toBe(true);
  }, 120_000);
});

function watchOutput(child: ChildProcess) {
  let text = "";
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString("utf8");
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const ended = new Promise<void>((resolve) => child.stdout?.once("end", resolve));
  return {
    text: () => text,
    ended,
    waitFor(pattern: RegExp): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(text);
          if (match) {
            waiters.delete(check);
            resolve(match);
          }
        };
        waiters.add(check);
        check();
        ended.then(() => reject(new Error(`output ended without ${pattern}:\n${text}`)));
      });
    },
  };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

function connectTo(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.once("error", reject);
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

function withoutServerSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _d, PORT: _p, HOST: _h, ...rest } = env;
  return rest;
}
