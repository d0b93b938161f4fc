import { OAuthApp } from "@octokit/oauth-app";
import { describe, expect, it } from "vitest";
import type { Standin } from "../../src/standin/index.js";
import { seedShop, startReceiver, startStandin, TestOctokit, tokenOctokit } from "./helpers.js";

const CALLBACK = "http://127.0.0.1:9/auth/callback";

function oauthApp(standin: Standin) {
  return new OAuthApp({ clientType: "github-app", clientId: standin.app.clientId, clientSecret: standin.app.clientSecret, Octokit: TestOctokit.defaults({ baseUrl: standin.urls.api }) });
}

/** Follows the authorize URL one hop, as a browser would, and reads the callback's query. */
async function authorize(url: string) {
  const res = await fetch(url, { redirect: "manual" });
  const location = res.headers.get("location");
  return { status: res.status, callback: location ? new URL(location) : undefined };
}

async function signIn(standin: Standin, login?: string) {
  const app = oauthApp(standin);
  const { url } = app.getWebFlowAuthorizationUrl({ state: "s-123", redirectUrl: CALLBACK, ...(login ? { login } : {}) });
  const { callback } = await authorize(url);
  const { authentication } = await app.createToken({ code: callback!.searchParams.get("code")! });
  return { app, authentication: authentication as { token: string; refreshToken: string; expiresAt: string; refreshTokenExpiresAt: string } };
}

describe("signing in with GitHub", () => {
  it("approves as the signed-in user, redirects with the code and state, and trades the code for an 8-hour ghu_ token", async () => {
    const standin = await startStandin({ oauth: { callbackUrls: [CALLBACK], signedIn: "pam" } });
    seedShop(standin);
    const app = oauthApp(standin);
    const { url } = app.getWebFlowAuthorizationUrl({ state: "s-123", redirectUrl: `${CALLBACK}/deeper` });

    const { status, callback } = await authorize(url);
    const { authentication } = await app.createToken({ code: callback!.searchParams.get("code")! });
    const { data: me } = await tokenOctokit(standin, (authentication as { token: string }).token).rest.users.getAuthenticated();

    expect(url.startsWith(`${standin.url}/login/oauth/authorize?`)).toBe(true);
    expect(status).toBe(302);
    expect(`${callback!.origin}${callback!.pathname}`).toBe(`${CALLBACK}/deeper`);
    expect(callback!.searchParams.get("state")).toBe("s-123");
    expect(authentication).toMatchObject({ token: expect.stringMatching(/^ghu_/), refreshToken: expect.stringMatching(/^ghr_/) });
    const hours = (Date.parse((authentication as { expiresAt: string }).expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
    expect(me).toMatchObject({ login: "pam", name: "Pam Product", type: "User" });
  });

  it("refuses a used or wrong code with bad_verification_code", async () => {
    const standin = await startStandin({ oauth: { callbackUrls: [CALLBACK], signedIn: "pam" } });
    seedShop(standin);
    const app = oauthApp(standin);
    const { callback } = await authorize(app.getWebFlowAuthorizationUrl({ state: "s" }).url);
    const code = callback!.searchParams.get("code")!;
    await app.createToken({ code });

    const reused = await app.createToken({ code }).catch((e: Error) => e);
    const wrong = await app.createToken({ code: "0000" }).catch((e: Error) => e);

    expect(String(reused)).toContain("bad_verification_code");
    expect(String(wrong)).toContain("bad_verification_code");
  });

  it("rotates the refresh token: the new pair works, the old access and refresh tokens do not", async () => {
    const standin = await startStandin({ oauth: { callbackUrls: [CALLBACK], signedIn: "pam" } });
    seedShop(standin);
    const { app, authentication: first } = await signIn(standin);

    const { authentication: second } = await app.refreshToken({ refreshToken: first.refreshToken });
    const oldAccess = await tokenOctokit(standin, first.token).rest.users.getAuthenticated().catch((e: { status: number }) => e);
    const oldRefresh = await app.refreshToken({ refreshToken: first.refreshToken }).catch((e: Error) => e);
    const { data: me } = await tokenOctokit(standin, second.token).rest.users.getAuthenticated();

    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(oldAccess).toMatchObject({ status: 401 });
    expect(String(oldRefresh)).toContain("bad_refresh_token");
    expect(me.login).toBe("pam");
  });

  it("refuses an unknown client_id and sends an unregistered redirect_uri's error to the registered callback", async () => {
    const standin = await startStandin({ oauth: { callbackUrls: [CALLBACK], signedIn: "pam" } });
    seedShop(standin);

    const unknown = await authorize(`${standin.url}/login/oauth/authorize?client_id=Iv1.nope&state=x`);
    const elsewhere = await authorize(`${standin.url}/login/oauth/authorize?client_id=${standin.app.clientId}&redirect_uri=${encodeURIComponent("http://evil.example/cb")}&state=x`);
    const sibling = await authorize(`${standin.url}/login/oauth/authorize?client_id=${standin.app.clientId}&redirect_uri=${encodeURIComponent("http://127.0.0.1:9/auth/callbackx")}&state=x`);

    expect(unknown.status).toBe(404);
    expect(`${elsewhere.callback!.origin}${elsewhere.callback!.pathname}`).toBe(CALLBACK);
    expect(elsewhere.callback!.searchParams.get("error")).toBe("redirect_uri_mismatch");
    expect(elsewhere.callback!.searchParams.get("code")).toBeNull();
    expect(sibling.callback!.searchParams.get("error")).toBe("redirect_uri_mismatch");
  });

  it("signs in as the user named by `login`, and refuses when nobody is signed in", async () => {
    const standin = await startStandin({ oauth: { callbackUrls: [CALLBACK] } });
    seedShop(standin);

    const { authentication } = await signIn(standin, "alice");
    const nobody = await authorize(oauthApp(standin).getWebFlowAuthorizationUrl({ state: "s" }).url);
    const { data: me } = await tokenOctokit(standin, authentication.token).rest.users.getAuthenticated();

    expect(me.login).toBe("alice");
    expect(nobody.status).toBe(403);
  });
});

describe("what a signed-in user may see", () => {
  it("lists only installations and repositories both the user and the installation can reach", async () => {
    const standin = await startStandin({ oauth: { callbackUrls: [CALLBACK], signedIn: "alice" } });
    const { installationId } = seedShop(standin, { repositories: ["shop"] });
    standin.createRepo({ owner: "acme", name: "secret", creator: "pam" });
    standin.createRepo({ owner: "acme", name: "wiki", creator: "pam" });
    standin.grantAccess({ repo: "acme/wiki", login: "alice", role: "read" });
    standin.changeInstallationRepos({ installationId, add: ["secret"] });
    standin.createOrg({ login: "rival" });
    standin.createRepo({ owner: "rival", name: "stuff" });
    standin.createInstallation({ account: "rival" });
    const { authentication } = await signIn(standin);
    const octokit = tokenOctokit(standin, authentication.token);

    const { data: installations } = await octokit.rest.apps.listInstallationsForAuthenticatedUser();
    const { data: repos } = await octokit.rest.apps.listInstallationReposForAuthenticatedUser({ installation_id: installationId });
    const notInstalled = await octokit.rest.repos.get({ owner: "acme", repo: "wiki" }).catch((e: { status: number }) => e);
    const other = await octokit.rest.apps.listInstallationReposForAuthenticatedUser({ installation_id: installationId + 100 }).catch((e: { status: number }) => e);

    expect(installations.installations.map((i) => i.id)).toEqual([installationId]);
    expect(repos.repositories.map((r) => [r.full_name, r.permissions])).toEqual([["acme/shop", { admin: false, maintain: false, push: true, triage: true, pull: true }]]);
    expect(notInstalled).toMatchObject({ status: 404 });
    expect(other).toMatchObject({ status: 404 });
  });

  it("revokes the grant: the token stops working and github_app_authorization.revoked is delivered", async () => {
    const receiver = await startReceiver();
    const standin = await startStandin({ webhook: { url: receiver.url }, oauth: { callbackUrls: [CALLBACK], signedIn: "pam" } });
    seedShop(standin);
    const { app, authentication } = await signIn(standin);

    await app.deleteAuthorization({ token: authentication.token });
    await standin.settle();
    const after = await tokenOctokit(standin, authentication.token).rest.users.getAuthenticated().catch((e: { status: number }) => e);

    expect(after).toMatchObject({ status: 401 });
    expect(receiver.names().at(-1)).toBe("github_app_authorization.revoked");
    expect(receiver.received.at(-1)!.payload).toEqual({ action: "revoked", sender: expect.objectContaining({ login: "pam" }) });
    expect(standin.revokeAuthorization({ login: "pam" })).toEqual({ revoked: false });
  });
});
