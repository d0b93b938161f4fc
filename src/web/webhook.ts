import { verify } from "@octokit/webhooks-methods";
import type { Logger, Probot } from "probot";
import { BodyTooLarge, pathOf, readBody, send, type Route } from "./http.js";

/** GitHub caps webhook payloads at 25 MB. */
const MAX_PAYLOAD = 25 * 1024 * 1024;

/**
 * Verifies a delivery's signature and hands it to Probot, whose only listener is intake
 * (record + enqueue). A missing or wrong signature answers 400 and stores nothing; it is
 * logged as one short line, never with its payload.
 */
export function webhookRoute(options: { probot: Probot; path: string; secret: string; log: Logger }): Route {
  return async (req, res) => {
    if (pathOf(req) !== options.path) return false;
    if (req.method !== "POST") return send(res, 405, { error: "webhooks are POSTed" });
    const event = req.headers["x-github-event"];
    const id = req.headers["x-github-delivery"];
    const signature = req.headers["x-hub-signature-256"];
    const missing = [["X-GitHub-Event", event], ["X-GitHub-Delivery", id], ["X-Hub-Signature-256", signature]].filter(([, v]) => typeof v !== "string" || v === "").map(([name]) => name);
    if (missing.length > 0) {
      options.log.warn({ missing, remote: req.socket.remoteAddress }, "webhook refused: headers missing");
      return send(res, 400, { error: `missing header${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}` });
    }
    let body: string;
    try {
      body = await readBody(req, MAX_PAYLOAD);
    } catch (err) {
      if (err instanceof BodyTooLarge) return send(res, 413, { error: err.message });
      throw err;
    }
    const valid = await verify(options.secret, body, signature as string).catch(() => false);
    if (!valid) {
      options.log.warn({ delivery: String(id).slice(0, 100), remote: req.socket.remoteAddress }, "webhook refused: signature does not match");
      return send(res, 400, { error: "signature does not match" });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return send(res, 400, { error: "payload is not JSON" });
    }
    try {
      await options.probot.receive({ id: id as string, name: event as never, payload: payload as never });
    } catch (err) {
      options.log.error({ err, delivery: id }, "webhook could not be recorded");
      return send(res, 500, { error: "could not record the delivery; GitHub can redeliver it" });
    }
    return send(res, 202, { accepted: id });
  };
}
