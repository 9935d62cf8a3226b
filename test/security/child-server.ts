/**
 * `shinchoku serve` in a child process (what `npm start` runs), with everything it writes kept, and
 * a small browser for it: a cookie jar, the form's CSRF token read from each page, same-origin posts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/shinchoku.js", import.meta.url));

export interface ChildServer {
  url: string;
  /** Everything written on stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

export async function startServe(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const { DATABASE_URL: _d, PORT: _p, HOST: _h, ...rest } = process.env;
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, "serve", "--port", "0", "--host", "127.0.0.1", "--database", databaseUrl, "--no-sample"],
    { env: { ...rest, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /listening on (http:\/\/\S+?)\/?\s/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${output}`));
    });
  });
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A browser for tests: cookies kept per name, forms posted with the token the page carried. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page read. */
  csrf = "";
  constructor(readonly base: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keep(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(/;\s*/);
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === "" || attributes.some((a) => /^max-age=0$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ response: Response; body: string }> {
    const response = await fetch(this.base + path, {
      headers: { Cookie: this.cookieHeader(), ...headers },
      redirect: "manual",
    });
    this.keep(response);
    const body = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (token) this.csrf = token;
    return { response, body };
  }

  async post(path: string, fields: Record<string, string>): Promise<{ response: Response; body: string }> {
    const response = await fetch(this.base + path, {
      method: "POST",
      headers: {
        Cookie: this.cookieHeader(),
        Origin: new URL(this.base).origin,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
      redirect: "manual",
    });
    this.keep(response);
    const body = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (token) this.csrf = token;
    return { response, body };
  }

  /** The session cookie's value (either name). */
  session(): string | undefined {
    return this.cookies.get("shinchoku_session") ?? this.cookies.get("__Host-shinchoku_session");
  }
}
