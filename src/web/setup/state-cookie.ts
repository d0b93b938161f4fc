import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

const COOKIE = "senseloop_setup";
/** GitHub's manifest codes live an hour; a registration left longer starts again. */
const MAX_AGE_SECONDS = 3600;

export interface SetupState {
  state: string;
  /** An address typed in the form, to write to .env as PUBLIC_URL once registered. */
  typedPublicUrl: string | undefined;
}

/**
 * Starts a registration in this browser: a random state goes to GitHub with the manifest and
 * into an HttpOnly cookie, so only the browser that started it can finish it.
 */
export function startSetupState(c: Context, typedPublicUrl: string | undefined): string {
  const state = randomBytes(24).toString("base64url");
  const value = `${state}.${Buffer.from(typedPublicUrl ?? "").toString("base64url")}`;
  setCookie(c, COOKIE, value, { path: "/setup", httpOnly: true, sameSite: "Lax", maxAge: MAX_AGE_SECONDS, secure: new URL(c.req.url).protocol === "https:" });
  return state;
}

/** The registration this browser started, if the state GitHub sent back is its own; the cookie is spent either way. */
export function takeSetupState(c: Context, returned: string | undefined): SetupState | undefined {
  const cookie = getCookie(c, COOKIE);
  deleteCookie(c, COOKIE, { path: "/setup" });
  if (!cookie || !returned) return undefined;
  const [state = "", url = ""] = cookie.split(".");
  const a = Buffer.from(state);
  const b = Buffer.from(returned);
  if (a.length === 0 || a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
  const typed = Buffer.from(url, "base64url").toString("utf8");
  return { state, typedPublicUrl: typed || undefined };
}
