import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Relayed {
  method: string;
  /** Path and query, as asked for. */
  path: string;
  /** The upstream it went to. */
  upstream: string;
}

interface Hold {
  matches(method: string, path: string): boolean;
  caught: (request: Relayed) => void;
}

/**
 * An HTTP relay on a loopback port: a load balancer in front of several replicas (round robin),
 * or one replica's own way to GitHub, so a test knows which replica asked for what. It can
 * hold one request: never passed on and never answered, as a call in flight when its process dies.
 */
export interface Relay {
  /** host:port, for GHE_HOST. */
  host: string;
  url: string;
  /** Every request passed on, in arrival order (held ones included). */
  relayed: Relayed[];
  /** Points the relay elsewhere (the base URLs it spreads requests over, in turn). */
  route(upstreams: string[]): void;
  /** Holds the next request that matches: `caught` resolves when it arrived; `cancel` withdraws the hold. */
  holdNext(matches: (method: string, path: string) => boolean): { caught: Promise<Relayed>; cancel(): void };
  stop(): Promise<void>;
}

export async function startRelay(upstreams: string[]): Promise<Relay> {
  let targets = [...upstreams];
  let turn = 0;
  const relayed: Relayed[] = [];
  const holds: Hold[] = [];
  const held = new Set<ServerResponse>();

  const pass = (req: IncomingMessage, res: ServerResponse, body: Buffer, upstream: string) => {
    const target = new URL(req.url ?? "/", upstream);
    const outgoing = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    outgoing.on("error", () => res.destroy());
    outgoing.end(body);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const upstream = targets[turn++ % targets.length]!;
      const entry: Relayed = { method: req.method ?? "GET", path: req.url ?? "/", upstream };
      relayed.push(entry);
      const hold = holds.findIndex((h) => h.matches(entry.method, entry.path));
      if (hold >= 0) {
        held.add(res);
        res.on("close", () => held.delete(res));
        holds.splice(hold, 1)[0]!.caught(entry);
        return;
      }
      pass(req, res, Buffer.concat(chunks), upstream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    host,
    url: `http://${host}`,
    relayed,
    route(next) {
      targets = [...next];
    },
    holdNext(matches) {
      let hold: Hold | undefined;
      const caught = new Promise<Relayed>((resolve) => holds.push((hold = { matches, caught: resolve })));
      const cancel = () => {
        const at = holds.indexOf(hold!);
        if (at >= 0) holds.splice(at, 1);
      };
      return { caught, cancel };
    },
    async stop() {
      // Held requests and idle keep-alive sockets must not keep the relay from closing.
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
