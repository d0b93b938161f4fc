import type { Db } from "../db/client.js";
import { countDeliveries } from "../db/queries/deliveries.js";
import type { Clock } from "../clock.js";
import { escapeHtml, pathOf, send, type Route } from "./http.js";

const page = (body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Senseloop</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1f2328}code{background:#f6f8fa;padding:.1em .3em;border-radius:4px}td,th{padding:.2rem .8rem;text-align:left}</style>
</head><body><h1>Senseloop</h1>${body}</body></html>`;

/** `/` before the app is configured: what is missing and where to register the GitHub App. */
export function setupStatusRoute(missing: readonly string[], setupAvailable: boolean): Route {
  return (req, res) => {
    if (req.method !== "GET" || pathOf(req) !== "/") return false;
    const items = missing.map((name) => `<li><code>${escapeHtml(name)}</code></li>`).join("");
    const how = setupAvailable
      ? `<p><a href="/probot">Register a GitHub App</a> from this server: GitHub creates it from <code>app.yml</code> and this server writes its credentials to <code>.env</code>. Then restart with <code>npm start</code>.</p>`
      : `<p>Create a GitHub App (permissions and events are listed in <code>app.yml</code>), then set these variables and restart.</p>`;
    return send(res, 200, page(`<p>Senseloop is running, but it is not connected to a GitHub App yet. It is missing:</p><ul>${items}</ul>${how}<p>Health: <a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a></p>`), "text/html");
  };
}

/** `/` once configured: which app this is and what the last day's deliveries came to. */
export function runningStatusRoute(options: { db: Db; clock: Clock; appId: number; webhookPath: string }): Route {
  return async (req, res) => {
    if (req.method !== "GET" || pathOf(req) !== "/") return false;
    const since = new Date(options.clock.now().getTime() - 86_400_000);
    const counts = await countDeliveries(options.db, since);
    const rows = counts.map((c) => `<tr><td>${escapeHtml(c.status)}</td><td>${escapeHtml(c.reason ?? "")}</td><td>${c.count}</td></tr>`).join("");
    return send(
      res,
      200,
      page(
        `<p>Running as GitHub App <code>${options.appId}</code>; webhooks are received at <code>${escapeHtml(options.webhookPath)}</code>.</p>
<h2>Deliveries in the last 24 hours</h2>${rows ? `<table><tr><th>status</th><th>reason</th><th>count</th></tr>${rows}</table>` : "<p>None yet.</p>"}`,
      ),
      "text/html",
    );
  };
}
