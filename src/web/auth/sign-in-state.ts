import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { SIGN_IN_COOKIE, servedOverHttps, type CookieSettings } from "./cookies.js";

/** GitHub's codes live ten minutes; a sign-in left longer starts again. */
const MAX_AGE_SECONDS = 600;

/** Only a path on this server: never `//elsewhere`, `/\elsewhere` or a full URL. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\") || /[\r\n]/.test(value)) return "/";
  return value;
}

/**
 * Starts a sign-in in this browser: a random state goes to GitHub and, with where to go
 * afterwards, into a signed http-only cookie, so only the browser that started it can finish it.
 */
export async function startSignIn(c: Context, settings: CookieSettings, returnTo: string): Promise<string> {
  const state = randomBytes(24).toString("base64url");
  const value = `${state}.${Buffer.from(safeReturnTo(returnTo)).toString("base64url")}`;
  await setSignedCookie(c, SIGN_IN_COOKIE, value, settings.key, { path: "/auth", httpOnly: true, sameSite: "Lax", maxAge: MAX_AGE_SECONDS, secure: servedOverHttps(c, settings.publicUrl) });
  return state;
}

/** Where to go, if the state GitHub sent back is this browser's own; the cookie is spent either way. */
export async function finishSignIn(c: Context, settings: CookieSettings, returned: string | undefined): Promise<{ returnTo: string } | undefined> {
  const cookie = await getSignedCookie(c, settings.key, SIGN_IN_COOKIE);
  deleteCookie(c, SIGN_IN_COOKIE, { path: "/auth", secure: servedOverHttps(c, settings.publicUrl) });
  if (typeof cookie !== "string" || !returned) return undefined;
  const [state = "", target = ""] = cookie.split(".");
  const a = Buffer.from(state);
  const b = Buffer.from(returned);
  if (a.length === 0 || a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
  return { returnTo: safeReturnTo(Buffer.from(target, "base64url").toString("utf8")) };
}
