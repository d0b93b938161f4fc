import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/**
 * Security headers on every answer, pages and API alike. The CSP allows no inline script or
 * style: the stylesheet and the one script are files served by the app (assets.ts). Forms may
 * post to this server and to GitHub, where app registration continues; nothing may frame us.
 */
export function securityHeaders(githubWebUrl: string): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'self'"],
      scriptSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      formAction: ["'self'", new URL(githubWebUrl).origin],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    // Without includeSubDomains: this app should not decide for its neighbours on the same domain.
    strictTransportSecurity: "max-age=15552000",
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
  });
}

/** Pages and API answers show live state: never cache them, unless a route says otherwise (assets). */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
};
