import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { gracefulCloser } from "./graceful-close.ts";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe("gracefulCloser", () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server = undefined;
  });

  async function listen(handler: Handler) {
    const s = createServer(handler);
    server = s;
    const close = gracefulCloser(s);
    await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
    return { close, port: (s.address() as AddressInfo).port };
  }

  it("finishes a large download to a slow reader (Node's own close cuts it off)", async () => {
    // Larger than what the operating system buffers on a loopback connection, so that most of it is
    // still in Node's hands when closing starts.
    const body = Buffer.alloc(32 * 1024 * 1024, "進");
    const { close, port } = await listen((_, response) => {
      response.setHeader("Content-Length", body.length);
      response.end(body);
    });
    const received = new Promise<{ bytes: number; length: number }>((resolve, reject) => {
      get({ port, host: "127.0.0.1", path: "/" }, (response) => {
        let bytes = 0;
        response.once("data", (chunk: Buffer) => {
          bytes += chunk.length;
          response.pause();
          // Closing starts while the reader holds back; it reads the rest only then.
          const closed = close(30_000);
          setImmediate(() => {
            response.on("data", (more: Buffer) => {
              bytes += more.length;
            });
            response.resume();
          });
          closed.catch(reject);
        });
        response.on("end", () => resolve({ bytes, length: Number(response.headers["content-length"]) }));
        response.on("error", reject);
      }).on("error", reject);
    });
    const { bytes, length } = await received;
    expect(length).toBe(body.length);
    expect(bytes).toBe(body.length);
    await close(30_000);
  });

  it("stops accepting at once, lets a running request finish with Connection: close, then resolves", async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = () => {};
    const running = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const { close, port } = await listen(async (_, response) => {
      entered();
      await released;
      response.end("done");
    });
    const answer = fetchText(port);
    await running;
    let closed = false;
    const closing = close(30_000).then(() => {
      closed = true;
    });
    await expect(connectOnce(port)).rejects.toThrow(/ECONNREFUSED/);
    expect(closed).toBe(false);
    release();
    const { status, connection, text } = await answer;
    expect({ status, connection, text }).toEqual({ status: 200, connection: "close", text: "done" });
    await closing;
    expect(closed).toBe(true);
  });

  it("ends idle keep-alive connections instead of waiting for their timeout", async () => {
    const { close, port } = await listen((_, response) => response.end("ok"));
    if (server) server.keepAliveTimeout = 10 * 60_000;
    const socket = await connectOnce(port);
    socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await new Promise((resolve) => socket.once("data", resolve));
    const ended = new Promise((resolve) => socket.once("end", resolve));
    await close(10 * 60_000);
    await ended;
    socket.destroy();
  });

  it("cuts off what is still running after the time limit", async () => {
    let entered = () => {};
    const running = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const { close, port } = await listen(() => entered()); // and never answers
    const socket = await connectOnce(port);
    socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const closedByServer = new Promise((resolve) => socket.once("close", resolve));
    await running;
    await close(100);
    await closedByServer;
  });
});

function connectOnce(port: number): Promise<ReturnType<typeof connect>> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

function fetchText(port: number): Promise<{ status: number; connection: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    get({ port, host: "127.0.0.1", path: "/", agent: false }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, text }),
      );
    }).on("error", reject);
  });
}
