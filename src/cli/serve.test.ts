import { createServer, type Server } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { listenFailure } from "./serve.ts";

/** The error Node gives when listening on a port another server holds. */
async function busyPortError(): Promise<{ error: unknown; port: number; holder: Server }> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  const port = (holder.address() as { port: number }).port;
  const error = await new Promise<unknown>((resolve) => {
    const second = createServer();
    second.once("error", resolve);
    second.listen(port, "127.0.0.1");
  });
  return { error, port, holder };
}

describe("serve: a port or host it cannot listen on is said with what to do", () => {
  const holders: Server[] = [];
  afterAll(() => {
    for (const holder of holders) holder.close();
  });

  it("a port in use: 「ポート3000は使用中です。--port で別の番号を指定してください。」, never EADDRINUSE", async () => {
    const { error, port, holder } = await busyPortError();
    holders.push(holder);
    expect((error as { code?: string }).code).toBe("EADDRINUSE");
    const message = listenFailure(error, "127.0.0.1", port);
    expect(message).toBe(
      `ポート${port}は使用中です。--port で別の番号を指定してください。 / Port ${port} is in use: give another with --port.`,
    );
    expect(message).not.toContain("EADDRINUSE");
  });

  it("leaves other failures (a database that cannot be opened) to the general message", () => {
    expect(listenFailure(new Error("SQLITE_CANTOPEN"), "127.0.0.1", 3000)).toBeUndefined();
    expect(listenFailure(Object.assign(new Error("x"), { code: "EACCES" }), "127.0.0.1", 80)).toContain(
      "ポート80を使う権限がありません。--port で1024以上の番号を指定してください。",
    );
  });
});
