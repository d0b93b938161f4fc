import type { Server } from "node:http";
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
  return new Promise((resolve, reject) => {
    if (server.listening) return resolve(server);
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

/** Stops accepting connections and waits for the open ones to finish. */
export function closeWebServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
