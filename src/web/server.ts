import { createServer, type Server } from "node:http";
import type { Logger } from "probot";
import { send, type Route } from "./http.js";

/** One HTTP server; routes are tried in order, then 404. */
export function startHttpServer(routes: Route[], options: { port: number; host?: string | undefined; log: Logger }): Promise<Server> {
  const server = createServer(async (req, res) => {
    try {
      for (const route of routes) if (await route(req, res)) return;
      send(res, 404, { error: "not found" });
    } catch (err) {
      options.log.error({ err, url: req.url }, "request failed");
      if (!res.headersSent) send(res, 500, { error: "internal error" });
      else res.end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
