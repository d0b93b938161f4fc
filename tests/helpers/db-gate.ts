import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import type { TestDatabase } from "./database.js";

/** PostgreSQL's SSLRequest code: answered "no", as a server without TLS does. */
const SSL_REQUEST = 80877103;

/**
 * Serves a PGlite instance over PostgreSQL's wire protocol on a loopback port, so a test can
 * reach the PGlite database with postgres.js through TCP, as it reaches a real server.
 * PGlite has one session: give the client a single connection.
 */
async function servePglite(pglite: PGlite): Promise<net.Server> {
  const server = net.createServer((socket) => {
    let pending = Buffer.alloc(0);
    let started = false;
    let chain = Promise.resolve();
    socket.on("error", () => socket.destroy());
    socket.on("data", (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        // The startup message has no type byte; every later message has one before its length.
        const length = started ? (pending.length >= 5 ? pending.readInt32BE(1) + 1 : -1) : pending.length >= 4 ? pending.readInt32BE(0) : -1;
        if (length < 0 || pending.length < length) return;
        const message = pending.subarray(0, length);
        pending = pending.subarray(length);
        if (!started && length === 8 && message.readInt32BE(4) === SSL_REQUEST) {
          socket.write("N");
          continue;
        }
        started = true;
        chain = chain
          .then(async () => {
            const answer = await pglite.execProtocolRaw(new Uint8Array(message));
            if (answer.length > 0 && !socket.destroyed) socket.write(answer);
          })
          .catch(() => {
            socket.destroy();
          });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

export interface DbGate {
  /** A postgres:// URL to the test database through the gate. */
  url: string;
  /** The network drops: nothing passes either way, and nothing is refused. */
  hold(): void;
  /** The network heals: what was held is delivered, and traffic flows again. */
  open(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay in front of the test database (PostgreSQL, or PGlite served over TCP) that a
 * test can hold and open, to see what the app does while its database does not answer.
 */
export async function openDbGate(database: TestDatabase): Promise<DbGate> {
  const bridge = database.kind === "pglite" ? await servePglite(database.pglite) : undefined;
  const upstream = database.kind === "pglite" ? { host: "127.0.0.1", port: (bridge!.address() as net.AddressInfo).port } : { host: new URL(database.url).hostname, port: Number(new URL(database.url).port || 5432) };
  let held = false;
  const flushes = new Set<() => void>();
  const sockets = new Set<net.Socket>();

  const gate = net.createServer((client) => {
    const server = net.connect(upstream);
    sockets.add(client).add(server);
    const toServer: Buffer[] = [];
    const toClient: Buffer[] = [];
    const flush = () => {
      for (const chunk of toServer.splice(0)) server.write(chunk);
      for (const chunk of toClient.splice(0)) client.write(chunk);
    };
    flushes.add(flush);
    client.on("data", (chunk) => (held ? toServer.push(chunk) : server.write(chunk)));
    server.on("data", (chunk) => (held ? toClient.push(chunk) : client.write(chunk)));
    const end = () => {
      flushes.delete(flush);
      client.destroy();
      server.destroy();
    };
    client.on("close", end).on("error", end);
    server.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => gate.listen(0, "127.0.0.1", resolve));
  const port = (gate.address() as net.AddressInfo).port;
  const url = database.kind === "pglite" ? `postgres://postgres:postgres@127.0.0.1:${port}/postgres` : Object.assign(new URL(database.url), { hostname: "127.0.0.1", port: String(port) }).toString();

  return {
    url,
    hold: () => {
      held = true;
    },
    open: () => {
      held = false;
      for (const flush of flushes) flush();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => gate.close(() => resolve()));
      if (bridge) await new Promise<void>((resolve) => bridge.close(() => resolve()));
    },
  };
}
