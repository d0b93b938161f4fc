import { Hono } from "hono";
import { ping, type Db } from "../db/client.js";

/** How long /readyz waits for the database before calling it unavailable. */
const READY_TIMEOUT_MS = 2000;

/** /healthz: the process is up. /readyz: the database answers within two seconds. */
export function healthRoutes(db: Db): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ping(db),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`database did not answer within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
        }),
      ]);
      return c.json({ status: "ready" });
    } catch (err) {
      return c.json({ status: "unavailable", error: (err as Error).message }, 503);
    } finally {
      clearTimeout(timer);
    }
  });
  return app;
}
