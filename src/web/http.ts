import type { IncomingMessage, ServerResponse } from "node:http";

/** A route: answers and returns true, or returns false to let the next one try. */
export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

export class BodyTooLarge extends Error {
  readonly code = "BODY_TOO_LARGE";
}

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(`body is over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function send(res: ServerResponse, status: number, body: unknown, contentType = "application/json"): true {
  const text = contentType === "application/json" ? JSON.stringify(body) : String(body);
  res.writeHead(status, { "content-type": `${contentType}; charset=utf-8`, "cache-control": "no-store" }).end(text);
  return true;
}

export function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "") || "/";
  } catch {
    return "/";
  }
}

export const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
