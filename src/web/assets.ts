import { createHash } from "node:crypto";
import { Hono } from "hono";
import { AUTO_SUBMIT_SCRIPT } from "./assets/auto-submit.js";
import { FAVICON_SVG } from "./assets/favicon.js";
import { STYLESHEET } from "./assets/stylesheet.js";

interface Asset {
  path: string;
  body: string;
  type: string;
}

/** Names carry a hash of the content, so a changed file gets a new URL and can be cached forever. */
function asset(name: string, extension: string, body: string, type: string): Asset {
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
  return { path: `/assets/${name}.${hash}.${extension}`, body, type };
}

const stylesheet = asset("senseloop", "css", STYLESHEET, "text/css; charset=utf-8");
const autoSubmit = asset("auto-submit", "js", AUTO_SUBMIT_SCRIPT, "text/javascript; charset=utf-8");
const favicon = asset("favicon", "svg", FAVICON_SVG, "image/svg+xml");

/** URLs of the static files, for the views to link to. */
export const ASSET_URLS = { stylesheet: stylesheet.path, autoSubmit: autoSubmit.path, favicon: favicon.path } as const;

/**
 * Serves the stylesheet, the auto-submit script and the icon with a year-long, immutable cache;
 * `/favicon.ico`, which browsers and feed readers ask for whatever a page links, sends the icon too.
 */
export function assetRoutes(): Hono {
  const app = new Hono();
  for (const file of [stylesheet, autoSubmit, favicon]) {
    app.get(file.path, (c) => c.body(file.body, 200, { "content-type": file.type, "cache-control": "public, max-age=31536000, immutable" }));
  }
  app.get("/favicon.ico", (c) => c.body(favicon.body, 200, { "content-type": favicon.type, "cache-control": "public, max-age=86400" }));
  return app;
}
