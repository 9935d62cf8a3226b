import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { Server as NetServer, type Socket } from "node:net";

/**
 * Stops an HTTP server gracefully: it stops accepting connections at once, lets the requests in flight
 * finish (answered with `Connection: close`), ends connections as they fall idle, and after `timeoutMs`
 * cuts whatever is left. The returned function resolves when the last connection has gone.
 *
 * Node's own `server.close()` is not enough: it destroys every connection it counts as idle, and it
 * counts a response as done as soon as `end()` is called, so a large download still in Node's buffers
 * (a PDF or CSV to a slow reader) is cut off — tried on Node 20: a 4 MB response aborted.
 */
export function gracefulCloser(server: Server): (timeoutMs: number) => Promise<void> {
  const connections = new Map<Socket, Connection>();
  let closing = false;

  server.on("connection", (socket: Socket) => {
    connections.set(socket, { responses: new Set(), bytesReadWhenIdle: 0 });
    socket.once("close", () => connections.delete(socket));
  });
  // Before the app's own listener, so that a request arriving while closing is told so in its headers.
  server.prependListener("request", (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    const connection = connections.get(socket);
    if (!connection) return;
    connection.responses.add(response);
    if (closing) response.setHeader("Connection", "close");
    response.once("close", () => {
      connection.responses.delete(response);
      connection.bytesReadWhenIdle = socket.bytesRead;
      if (closing) endIfIdle(socket, connection);
    });
  });

  let closed: Promise<void> | undefined;
  return (timeoutMs) => {
    closed ??= new Promise<void>((resolve) => {
      closing = true;
      const cut = setTimeout(() => {
        for (const socket of connections.keys()) socket.destroy();
      }, timeoutMs);
      // net's close, not http's: stop listening without http's sweep of "idle" connections (above).
      NetServer.prototype.close.call(server, () => {
        clearTimeout(cut);
        resolve();
      });
      for (const [socket, connection] of connections) {
        for (const response of connection.responses) {
          if (!response.headersSent) response.setHeader("Connection", "close");
        }
        endIfIdle(socket, connection);
      }
    });
    return closed;
  };
}

interface Connection {
  /** Responses not yet fully handed to the operating system. */
  responses: Set<ServerResponse>;
  /** socket.bytesRead when the last response was done: more means a next request has begun. */
  bytesReadWhenIdle: number;
}

function endIfIdle(socket: Socket, connection: Connection): void {
  if (connection.responses.size === 0 && socket.bytesRead === connection.bytesReadWhenIdle) socket.end();
}
