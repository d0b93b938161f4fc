import type { Context } from "hono";
import type { HttpBindings } from "@hono/node-server";

/** The client's address for logs; unknown when the app is called without a Node server (tests). */
export function remoteAddress(c: Context): string | undefined {
  return (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress;
}

/** API paths answer JSON; everything else is a page. */
export const isApiPath = (path: string) => path === "/api" || path.startsWith("/api/");
