import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The hidden token of every state-changing form, derived from the session id: a page of another
 * site cannot read it, and it dies with the session. hono/csrf checks the request's origin too.
 */
export function formToken(key: Buffer, sessionId: string): string {
  return createHmac("sha256", key).update(`form:${sessionId}`).digest("base64url");
}

export function formTokenMatches(key: Buffer, sessionId: string, sent: unknown): boolean {
  if (typeof sent !== "string") return false;
  const expected = Buffer.from(formToken(key, sessionId));
  const given = Buffer.from(sent);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
