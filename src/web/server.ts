import type { Server } from "node:http";
import type { Socket } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import type { Logger } from "probot";

/**
 * A request must arrive whole within this bound, or Node answers 408 and closes the
 * connection. GitHub gives up on a delivery after 10 s, so a body still trickling in after
 * 30 s is not worth waiting for; each connection is handled on its own, so a slow one never
 * holds up another delivery in the meantime.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface WebServerOptions {
  port: number;
  host?: string | undefined;
  log: Logger;
  /** Bound on receiving one whole request, headers and body (default 30 s). */
  requestTimeoutMs?: number;
}

/** Serves the app on Node's HTTP server and resolves once it listens. */
export function startWebServer(app: Hono, options: WebServerOptions): Promise<Server> {
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const server = serve({
    fetch: app.fetch,
    port: options.port,
    ...(options.host ? { hostname: options.host } : {}),
    // Keep the global Request/Response as they are: Probot's Octokit uses the same process.
    overrideGlobalObjects: false,
    serverOptions: {
      requestTimeout: requestTimeout,
      headersTimeout: Math.min(requestTimeout, 10_000),
      // Node only checks the bounds this often (30 s by default), which would double them.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeout / 10))),
    },
  }) as Server;
  trackUnusedSockets(server);
  return new Promise((resolve, reject) => {
    if (server.listening) return resolve(server);
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

/** Connections that have not carried a request yet, per server. */
const unusedSockets = new WeakMap<Server, Set<Socket>>();

/**
 * Browsers open a connection ahead of the next navigation and may never use it. Node counts
 * such a socket as busy (its headers timer runs from the connect), and `close()` stops the
 * timer that would expire it, so a shutdown would wait on it forever.
 */
function trackUnusedSockets(server: Server): void {
  const unused = new Set<Socket>();
  unusedSockets.set(server, unused);
  server.on("connection", (socket: Socket) => {
    unused.add(socket);
    socket.once("close", () => unused.delete(socket));
  });
  server.on("request", (request: { socket: Socket }) => unused.delete(request.socket));
}

/** Stops accepting connections and waits for the open requests to finish. */
export function closeWebServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    for (const socket of unusedSockets.get(server) ?? []) socket.destroy();
  });
}
