import { createSign, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { APP_ID, appOctokit, installationOctokit, seedShop, startStandin, tokenOctokit } from "./helpers.js";

/** An RS256 JWT with chosen claims, signed by `key`. */
function jwt(key: string, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}`;
  return `${unsigned}.${createSign("RSA-SHA256").update(unsigned).sign(key).toString("base64url")}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function getApp(url: string, authorization: string) {
  const res = await fetch(`${url}/api/v3/app`, { headers: { authorization, accept: "application/vnd.github+json" } });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("authenticating as the app", () => {
  it("accepts a JWT signed by the app's key and answers GET /app", async () => {
    const standin = await startStandin();

    const { data } = await appOctokit(standin).rest.apps.getAuthenticated();

    expect(data).toMatchObject({ id: APP_ID, slug: "senseloop", client_id: standin.app.clientId });
  });

  it.each([
    ["signed by another key", () => jwt(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString(), { iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: APP_ID }), "A JSON web token could not be decoded"],
    ["issued by another app", (key: string) => jwt(key, { iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: 999 }), "A JSON web token could not be decoded"],
    ["expired", (key: string) => jwt(key, { iat: nowSeconds() - 1200, exp: nowSeconds() - 600, iss: APP_ID }), "'Expiration time' claim ('exp') must be a numeric value"],
    ["valid for more than ten minutes", (key: string) => jwt(key, { iat: nowSeconds(), exp: nowSeconds() + 3600, iss: APP_ID }), "'Expiration time' claim ('exp') is too far in the future"],
    ["issued in the future", (key: string) => jwt(key, { iat: nowSeconds() + 300, exp: nowSeconds() + 600, iss: APP_ID }), "'Issued at' claim ('iat')"],
    ["not a JWT", () => "eyJ.not.ajwt", "A JSON web token could not be decoded"],
  ])("refuses a JWT %s with 401", async (_name, make, message) => {
    const standin = await startStandin();

    const answer = await getApp(standin.url, `Bearer ${make(standin.app.privateKey)}`);

    expect(answer.status).toBe(401);
    expect(answer.body.message).toContain(message);
    expect(answer.body.documentation_url).toMatch(/^https:\/\/docs\.github\.com\//);
  });

  it("refuses an installation token on app routes and a JWT on repository routes", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    const { data: token } = await appOctokit(standin).rest.apps.createInstallationAccessToken({ installation_id: installationId });

    const withToken = await getApp(standin.url, `token ${token.token}`);
    const appJwt = jwt(standin.app.privateKey, { iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: APP_ID });
    const repoWithJwt = await fetch(`${standin.url}/api/v3/repos/acme/shop`, { headers: { authorization: `Bearer ${appJwt}` } });

    expect(withToken.status).toBe(401);
    expect(repoWithJwt.status).toBe(403);
  });
});

describe("installation tokens", () => {
  it("issues a ghs_ token that expires in an hour and reads the installation's repositories", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);

    const { status, data } = await appOctokit(standin).rest.apps.createInstallationAccessToken({ installation_id: installationId });
    const repo = await tokenOctokit(standin, data.token).rest.repos.get({ owner: "acme", repo: "shop" });

    expect(status).toBe(201);
    expect(data.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    expect(Date.parse(data.expires_at) - standin.clock.now().getTime()).toBeGreaterThan(59 * 60_000);
    expect(data.permissions).toEqual({ checks: "write", issues: "write", pull_requests: "read", contents: "read", deployments: "read", metadata: "read" });
    expect(repo.data).toMatchObject({ full_name: "acme/shop", default_branch: "main", private: true, html_url: `${standin.url}/acme/shop` });
  });

  it("hides repositories outside the installation or the token's scope with 404", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin, { repositories: ["shop"] });
    standin.createRepo({ owner: "acme", name: "secret" });
    standin.createRepo({ owner: "acme", name: "product" });
    standin.changeInstallationRepos({ installationId, add: ["product"] });
    const { data } = await appOctokit(standin).rest.apps.createInstallationAccessToken({ installation_id: installationId, repositories: ["product"] });
    const scoped = tokenOctokit(standin, data.token);

    const outside = await installationOctokit(standin, installationId).rest.repos.get({ owner: "acme", repo: "secret" }).catch((e: { status: number }) => e);
    const outOfScope = await scoped.rest.repos.get({ owner: "acme", repo: "shop" }).catch((e: { status: number }) => e);
    const inScope = await scoped.rest.repos.get({ owner: "acme", repo: "product" });

    expect(outside).toMatchObject({ status: 404 });
    expect(outOfScope).toMatchObject({ status: 404 });
    expect(inScope.data.full_name).toBe("acme/product");
    expect(data.repositories?.map((r) => r.full_name)).toEqual(["acme/product"]);
  });

  it("refuses a token for a suspended installation with 403 and a deleted one with 404, like GitHub", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    const app = appOctokit(standin);
    const { data: before } = await app.rest.apps.createInstallationAccessToken({ installation_id: installationId });

    standin.setInstallationState({ installationId, state: "suspended" });
    const suspended = await app.rest.apps.createInstallationAccessToken({ installation_id: installationId }).catch((e: { status: number; message: string }) => e);
    const oldTokenWhileSuspended = await tokenOctokit(standin, before.token).rest.repos.get({ owner: "acme", repo: "shop" }).catch((e: { status: number }) => e);
    standin.setInstallationState({ installationId, state: "deleted" });
    const deleted = await app.rest.apps.createInstallationAccessToken({ installation_id: installationId }).catch((e: { status: number }) => e);
    const oldTokenAfterDelete = await tokenOctokit(standin, before.token).rest.repos.get({ owner: "acme", repo: "shop" }).catch((e: { status: number }) => e);
    const lookup = await app.rest.apps.getRepoInstallation({ owner: "acme", repo: "shop" }).catch((e: { status: number }) => e);

    expect(suspended).toMatchObject({ status: 403, message: expect.stringContaining("suspended") });
    expect(oldTokenWhileSuspended).toMatchObject({ status: 403 });
    expect(deleted).toMatchObject({ status: 404 });
    expect(oldTokenAfterDelete).toMatchObject({ status: 401 });
    expect(lookup).toMatchObject({ status: 404 });
  });

  it("finds the installation of a repository with the JWT", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);

    const { data } = await appOctokit(standin).rest.apps.getRepoInstallation({ owner: "acme", repo: "shop" });
    const { data: all } = await appOctokit(standin).rest.apps.listInstallations();

    expect(data).toMatchObject({ id: installationId, app_id: APP_ID, account: { login: "acme", type: "Organization" }, repository_selection: "all" });
    expect(all.map((i) => i.id)).toEqual([installationId]);
  });

  it("keeps tokens working when the clock moves on, and refuses them once expired on purpose", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    // A plain token client: auth-app would retry a fresh token's 401 for seconds before giving up.
    const { data: token } = await appOctokit(standin).rest.apps.createInstallationAccessToken({ installation_id: installationId });
    const octokit = tokenOctokit(standin, token.token);

    standin.advanceClock({ days: 15 });
    const afterJump = await octokit.rest.repos.get({ owner: "acme", repo: "shop" });
    standin.expireTokens({ installationId });
    const expired = await octokit.rest.repos.get({ owner: "acme", repo: "shop" }).catch((e: { status: number }) => e);

    expect(afterJump.status).toBe(200);
    expect(Date.parse(afterJump.data.updated_at) < standin.clock.now().getTime()).toBe(true);
    expect(expired).toMatchObject({ status: 401 });
  });
});
