import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { webSessions, webUserTokens } from "../../src/db/schema/index.js";
import { tokenCipher } from "../../src/services/viewer/token-cipher.js";
import { currentAccessToken } from "../../src/services/viewer/user-token.js";
import { deriveWebKeys } from "../../src/services/viewer/web-keys.js";
import { createSignIn } from "../../src/web/auth/sign-in-setup.js";
import { authorizationRevokedEvent } from "../helpers/access-payloads.js";
import { useHarness } from "../helpers/harness.js";
import { INSTALLATION_ID, SHOP } from "../helpers/ids.js";
import { user } from "../helpers/rest-objects.js";
import { seedSenseItem } from "../helpers/seed.js";
import { silentLogger } from "../helpers/logger.js";
import { nockRefresh, nockUserAccess, nockUserAccessRefused, SESSION_SECRET, SIGN_IN_ENV } from "../helpers/user-github.js";
import { harnessParts, serveWeb, testEnv } from "../helpers/web.js";
import { signIn } from "../helpers/web-sign-in.js";

const h = useHarness();
const ACME = { installationId: INSTALLATION_ID, account: "acme", repos: [SHOP] };
/** GitHub's user access tokens live eight hours. */
const EIGHT_HOURS = 8 * 3600;

async function signedIn() {
  await seedSenseItem(h, { repo: SHOP, hypothesisNumber: 12 });
  const base = (await serveWeb(harnessParts(h, testEnv(SIGN_IN_ENV)))).base;
  const session = await signIn(h, base, "pam", { access: [ACME] });
  expect((await session.client.get("/acme/shop")).status).toBe(200);
  return session;
}

/** The person's token pair as stored, opened with the app's own cipher. */
async function storedPair() {
  const row = (await h.rt.db.select().from(webUserTokens).where(eq(webUserTokens.userId, user("pam").id)))[0]!;
  const cipher = tokenCipher(deriveWebKeys(SESSION_SECRET).tokens);
  return { access: cipher.open(row.accessToken, String(row.userId)), refresh: cipher.open(row.refreshToken!, String(row.userId)) };
}

const storedRows = async () => ({
  tokens: await h.rt.db.select().from(webUserTokens).where(eq(webUserTokens.userId, user("pam").id)),
  sessions: await h.rt.db.select().from(webSessions).where(eq(webSessions.userId, user("pam").id)),
});

describe("refreshing the GitHub token", () => {
  it("refreshes an expired access token once when two requests arrive at the same moment, and both are served with the new one", async () => {
    const { client, refresh } = await signedIn();
    await h.time.advanceSeconds(EIGHT_HOURS);
    // GitHub takes a moment, so on PostgreSQL the second request reads the old token before the first has the new one.
    const refreshes = nockRefresh(refresh, { access: "ghu_renewed", refresh: "ghr_renewed", now: h.time.now(), delayMs: 50 });
    const asked = nockUserAccess("ghu_renewed", [ACME], { persist: true });

    const [a, b] = await Promise.all([client.get("/acme/shop"), client.get("/api/v1/repos/acme/shop/metrics")]);
    await h.time.advanceSeconds(3600);
    const later = await client.get("/acme/shop");

    expect([a.status, b.status, later.status]).toEqual([200, 200, 200]);
    expect(refreshes).toEqual([refresh]);
    expect(new Set(asked)).toEqual(new Set(["token ghu_renewed"]));
    expect((await storedRows()).tokens[0]!.accessExpiresAt).toEqual(new Date(h.time.now().getTime() - 3600_000 + EIGHT_HOURS * 1000));
  });

  it("spends the refresh token once when two callers find the same expired token, the second taking the first's new token", async () => {
    await signedIn();
    await h.time.advanceSeconds(EIGHT_HOURS);
    const { refresh } = await storedPair();
    const refreshes = nockRefresh(refresh, { access: "ghu_once", refresh: "ghr_once", now: h.time.now(), delayMs: 50 });
    const scope = createSignIn({ db: h.rt.db, clock: h.time, log: silentLogger, env: testEnv(SIGN_IN_ENV) })!.scope;

    const tokens = await Promise.all([currentAccessToken(scope, user("pam").id), currentAccessToken(scope, user("pam").id)]);

    expect(tokens).toEqual(["ghu_once", "ghu_once"]);
    expect(refreshes).toEqual([refresh]);
  });

  it("refreshes a few minutes before GitHub's expiry, so a token never dies on the way", async () => {
    const { client, refresh } = await signedIn();
    await h.time.advanceSeconds(EIGHT_HOURS - 4 * 60);
    const refreshes = nockRefresh(refresh, { access: "ghu_early", refresh: "ghr_early", now: h.time.now() });
    nockUserAccess("ghu_early", [ACME]);

    expect((await client.get("/acme/shop")).status).toBe(200);
    expect(refreshes).toEqual([refresh]);
  });

  it("signs the person out everywhere when GitHub refuses the refresh, and says so", async () => {
    const { client, refresh } = await signedIn();
    await h.time.advanceSeconds(EIGHT_HOURS);
    const refreshes = nockRefresh(refresh, "refused");

    const page = await client.get("/acme/shop");
    const home = await (await client.get("/")).text();

    expect(refreshes).toEqual([refresh]);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("GitHub no longer accepts your sign-in, so you were signed out.");
    expect(client.cookies.has("senseloop_session")).toBe(false);
    expect(home).toContain("Sign in with GitHub");
    expect(await storedRows()).toEqual({ tokens: [], sessions: [] });
  });

  it("keeps the person signed in when GitHub fails during the refresh, and refreshes on the next request", async () => {
    const { client, refresh } = await signedIn();
    await h.time.advanceSeconds(EIGHT_HOURS);
    nockRefresh(refresh, { status: 502 });

    const failed = await client.get("/acme/shop");
    const refreshes = nockRefresh(refresh, { access: "ghu_second_try", refresh: "ghr_second_try", now: h.time.now() });
    nockUserAccess("ghu_second_try", [ACME]);
    const retried = await client.get("/acme/shop");

    expect(failed.status).toBe(503);
    expect(await failed.text()).toContain("GitHub did not answer");
    expect(retried.status).toBe(200);
    expect(refreshes).toEqual([refresh]);
  });

  it("keeps a browser session used within two weeks, and ends one left unused longer without asking GitHub", async () => {
    const { client, refresh } = await signedIn();
    const answers = async (refreshToken: string, next: string) => {
      nockRefresh(refreshToken, { access: `ghu_${next}`, refresh: `ghr_${next}`, now: h.time.now() });
      nockUserAccess(`ghu_${next}`, [ACME]);
      return (await client.get("/acme/shop")).status;
    };

    await h.time.advanceDays(13);
    const day13 = await answers(refresh, "day13");
    await h.time.advanceDays(13);
    const day26 = await answers("ghr_day13", "day26");
    await h.time.advanceDays(15);
    const day41 = await client.get("/acme/shop");

    expect([day13, day26, day41.status]).toEqual([200, 200, 404]);
    expect(await day41.text()).toContain('href="/login?return_to=%2Facme%2Fshop"');
  });
});

describe("a revoked authorisation", () => {
  it("signs the person out at once when GitHub says they revoked the app", async () => {
    const { client } = await signedIn();

    await h.receive("github_app_authorization", authorizationRevokedEvent("pam"));
    await h.drain();
    const page = await client.get("/acme/shop");

    expect(page.status).toBe(404);
    expect(await storedRows()).toEqual({ tokens: [], sessions: [] });
  });

  it("signs the person out when GitHub refuses their token while reading access, before the event arrives", async () => {
    const { client, access } = await signedIn();
    await h.time.advanceSeconds(5 * 60);
    nockUserAccessRefused(access);

    const page = await client.get("/acme/shop");

    expect(page.status).toBe(404);
    expect(await page.text()).toContain("you were signed out");
    expect(await storedRows()).toEqual({ tokens: [], sessions: [] });
  });
});
