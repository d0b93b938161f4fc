import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";

export const SESSION_COOKIE = "senseloop_session";
export const SIGN_IN_COOKIE = "senseloop_sign_in";

/**
 * `Secure` whenever browsers reach us over HTTPS: PUBLIC_URL says so behind a proxy that speaks
 * plain HTTP to us; otherwise the request itself.
 */
export function servedOverHttps(c: Context, publicUrl: string | undefined): boolean {
  return new URL(publicUrl ?? c.req.url).protocol === "https:";
}

export interface CookieSettings {
  key: string;
  publicUrl: string | undefined;
}

/**
 * The session id, in an HMAC-signed, http-only, SameSite=Lax cookie. Its lifetime is a Max-Age
 * counted from now, not a date: the browser's clock may differ from ours, and the cookie is set
 * again whenever the session's expiry slides on, so it lives exactly as long as the session.
 */
export async function setSessionCookie(c: Context, settings: CookieSettings, id: string, session: { expiresAt: Date; now: Date }): Promise<void> {
  const maxAge = Math.max(0, Math.floor((session.expiresAt.getTime() - session.now.getTime()) / 1000));
  await setSignedCookie(c, SESSION_COOKIE, id, settings.key, { path: "/", httpOnly: true, sameSite: "Lax", secure: servedOverHttps(c, settings.publicUrl), maxAge });
}

/** The session id the browser holds, if its signature is ours. */
export async function readSessionCookie(c: Context, settings: CookieSettings): Promise<string | undefined> {
  const value = await getSignedCookie(c, settings.key, SESSION_COOKIE);
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

export function clearSessionCookie(c: Context, settings: CookieSettings): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "Lax", secure: servedOverHttps(c, settings.publicUrl) });
}
