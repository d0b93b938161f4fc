import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { GitHubError } from "../../github/errors.js";
import { UserAuthRefused } from "../../github/user-port.js";
import { endSession } from "../../services/viewer/sessions.js";
import { completeSignIn } from "../../services/viewer/sign-in.js";
import { MessagePage } from "../views/message-page.js";
import { sendPage } from "../views/render.js";
import { clearSessionCookie, readSessionCookie, setSessionCookie } from "./cookies.js";
import { formTokenMatches } from "./form-token.js";
import type { SignIn } from "./sign-in-setup.js";
import { finishSignIn, startSignIn } from "./sign-in-state.js";

/** Where GitHub sends the browser back: the address registered as the app's callback URL. */
export function callbackUrl(c: Context, publicUrl: string | undefined): string {
  return `${publicUrl ?? new URL(c.req.url).origin}/auth/callback`;
}

const refused = (c: Context, title: string, message: string, status: 400 | 502 = 400) => sendPage(c, <MessagePage title={title} message={message} tone="error" />, status);

/**
 * Signing in with the GitHub App's OAuth client, written here rather than with
 * @octokit/oauth-app's middleware (which prints the token and skips `state`): /login sends the
 * browser to GitHub with a random state also kept in a signed cookie; /auth/callback accepts
 * only that state back, then trades the code; /logout is a POST with the origin checked and the
 * form token of the session.
 */
export function signInRoutes(signIn: SignIn | undefined): Hono {
  const app = new Hono();

  app.get("/login", async (c) => {
    if (!signIn) return sendPage(c, <MessagePage title="Signing in is not set up" message="Set GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET and SESSION_SECRET and restart; the home page says where to find them." tone="warn" />, 404);
    const state = await startSignIn(c, signIn.cookies, c.req.query("return_to") ?? "/");
    return c.redirect(signIn.scope.github.authorizationUrl({ state, redirectUrl: callbackUrl(c, signIn.publicUrl) }), 302);
  });

  app.get("/auth/callback", async (c) => {
    if (!signIn) return c.notFound();
    const started = await finishSignIn(c, signIn.cookies, c.req.query("state"));
    if (!started) {
      signIn.scope.log.warn("sign-in callback refused: its state does not match this browser's");
      return refused(c, "Sign-in refused", "This sign-in was not started from this browser, or it is over ten minutes old. Nothing changed: sign in again.");
    }
    if (c.req.query("error")) return refused(c, "Sign-in cancelled", "GitHub did not sign you in (it was cancelled or refused). Nothing changed.");
    const code = c.req.query("code");
    if (!code || !/^[\w-]{1,200}$/.test(code)) return refused(c, "Sign-in refused", "GitHub's answer carried no valid code. Sign in again.");
    try {
      const session = await completeSignIn(signIn.scope, { code, redirectUrl: callbackUrl(c, signIn.publicUrl) });
      await setSessionCookie(c, signIn.cookies, session.sessionId, { expiresAt: session.expiresAt, now: signIn.scope.clock.now() });
      return c.redirect(started.returnTo, 303);
    } catch (err) {
      if (err instanceof UserAuthRefused) return refused(c, "Sign-in refused", "GitHub refused the sign-in code; it may have been used already. Sign in again.");
      if (err instanceof GitHubError && err.failure !== "permanent") return refused(c, "GitHub did not answer", "GitHub did not answer while signing you in. Sign in again in a moment.", 502);
      throw err;
    }
  });

  // A cross-site form must not sign anyone out: the origin is checked, and so is the session's own token.
  app.post("/logout", csrf(), bodyLimit({ maxSize: 4096 }), async (c) => {
    if (!signIn) return c.notFound();
    const id = await readSessionCookie(c, signIn.cookies);
    if (id) {
      const form = await c.req.parseBody();
      if (!formTokenMatches(signIn.keys.forms, id, form.token)) return sendPage(c, <MessagePage title="Not signed out" message="This form is out of date. Reload the page and sign out again." tone="error" />, 403);
      await endSession(signIn.scope, id);
    }
    clearSessionCookie(c, signIn.cookies);
    return c.redirect("/", 303);
  });
  return app;
}
