import { ping, type Db } from "../db/client.js";
import { pathOf, send, type Route } from "./http.js";

/** /healthz: the process is up. /readyz: the database answers within two seconds. */
export function healthRoutes(db: Db): Route {
  return async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = pathOf(req);
    if (path === "/healthz") return send(res, 200, { status: "ok" });
    if (path !== "/readyz") return false;
    try {
      await Promise.race([ping(db), new Promise((_, reject) => setTimeout(() => reject(new Error("database did not answer within 2 s")), 2000).unref())]);
      return send(res, 200, { status: "ready" });
    } catch (err) {
      return send(res, 503, { status: "unavailable", error: (err as Error).message });
    }
  };
}
