import type { Credentials } from "./credentials.js";
import { REFRESH_TOKEN_SECONDS, USER_TOKEN_SECONDS } from "./credentials.js";
import type { State } from "./state.js";

const DOCS = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors";
const TOKEN_DOCS = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";

export interface OAuthDeps {
  state: State;
  credentials: Credentials;
  /** The login the authorize page signs in as when the request names none. */
  signedIn: () => string | undefined;
}

/** GitHub accepts a redirect_uri on a registered callback's host and port, at its path or below. */
export function registeredRedirect(callbacks: string[], redirectUri: string): boolean {
  let wanted: URL;
  try {
    wanted = new URL(redirectUri);
  } catch {
    return false;
  }
  return callbacks.some((callback) => {
    const registered = new URL(callback);
    const base = registered.pathname.replace(/\/+$/, "");
    return registered.origin === wanted.origin && (wanted.pathname === registered.pathname || wanted.pathname.replace(/\/+$/, "") === base || wanted.pathname.startsWith(`${base}/`));
  });
}

const textPage = (status: number, text: string) => new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** `GET /login/oauth/authorize`: approves at once as the signed-in person and redirects with a code. */
export function authorize(deps: OAuthDeps, url: URL): Response {
  const app = deps.state.app;
  const clientId = url.searchParams.get("client_id");
  if (clientId !== app.clientId) return textPage(404, "Not Found: no application with this client_id");
  const state = url.searchParams.get("state");
  const fallback = app.callbackUrls[0];
  const redirectUri = url.searchParams.get("redirect_uri") ?? fallback;
  if (!redirectUri) return textPage(400, "The application has no callback URL registered");
  if (!registeredRedirect(app.callbackUrls, redirectUri)) {
    if (!fallback) return textPage(400, "redirect_uri_mismatch");
    // GitHub tells the app on its registered callback, never on the unregistered address.
    const target = new URL(fallback);
    target.searchParams.set("error", "redirect_uri_mismatch");
    target.searchParams.set("error_description", "The redirect_uri MUST match the registered callback URL for this application.");
    target.searchParams.set("error_uri", `${DOCS}/#redirect-uri-mismatch`);
    if (state) target.searchParams.set("state", state);
    return Response.redirect(target.toString(), 302);
  }
  const login = url.searchParams.get("login") ?? deps.signedIn();
  const user = login ? deps.state.user(login) : undefined;
  if (!user || user.type !== "User") return textPage(403, "Nobody is signed in to the stand-in: pass ?login=<user> or sign a user in through the control API");
  const target = new URL(redirectUri);
  target.searchParams.set("code", deps.credentials.issueCode(user, app.clientId, redirectUri));
  if (state) target.searchParams.set("state", state);
  return Response.redirect(target.toString(), 302);
}

/** `POST /login/oauth/access_token`: a code or a refresh token for a `ghu_` token; errors are 200s with `error`. */
export async function accessToken(deps: OAuthDeps, request: Request): Promise<{ response: Response; body: Record<string, string> }> {
  const url = new URL(request.url);
  const text = await request.text();
  const type = request.headers.get("content-type") ?? "";
  const fields: Record<string, string> = Object.fromEntries(url.searchParams);
  if (type.includes("json") && text) Object.assign(fields, JSON.parse(text) as Record<string, string>);
  else if (text) Object.assign(fields, Object.fromEntries(new URLSearchParams(text)));
  const app = deps.state.app;
  const answer = (body: Record<string, string | number>) => {
    const json = (request.headers.get("accept") ?? "").includes("json");
    const payload = json ? JSON.stringify(body) : new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return new Response(payload, { status: 200, headers: { "content-type": json ? "application/json; charset=utf-8" : "application/x-www-form-urlencoded; charset=utf-8" } });
  };
  const error = (code: string, description: string) => answer({ error: code, error_description: description, error_uri: `${TOKEN_DOCS}#${code.replace(/_/g, "-")}` });
  const redacted = { ...fields, ...(fields.client_secret ? { client_secret: "[redacted]" } : {}) };
  if (fields.client_id !== app.clientId || fields.client_secret !== app.clientSecret) return { response: error("incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect."), body: redacted };
  const token =
    fields.grant_type === "refresh_token"
      ? deps.credentials.refresh(fields.refresh_token ?? "")
      : deps.credentials.redeemCode(fields.code ?? "", app.clientId, fields.redirect_uri || undefined);
  if (!token) {
    const response = fields.grant_type === "refresh_token" ? error("bad_refresh_token", "The refresh token passed is incorrect or expired.") : error("bad_verification_code", "The code passed is incorrect or expired.");
    return { response, body: redacted };
  }
  return {
    response: answer({ access_token: token.token, expires_in: USER_TOKEN_SECONDS, refresh_token: token.refreshToken ?? "", refresh_token_expires_in: REFRESH_TOKEN_SECONDS, token_type: "bearer", scope: "" }),
    body: redacted,
  };
}
