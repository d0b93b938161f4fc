import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { installations } from "../../src/db/schema/index.js";
import { nockExemptCheck, nockInstallationAsApp, nockPullRequestBadCredentials, pullRequestEventOf } from "../helpers/fault-github.js";
import { api } from "../helpers/github.js";
import { FIRST_RETRY_SECONDS, useHarness } from "../helpers/harness.js";
import { INSTALLATION_ID, SHOP } from "../helpers/ids.js";
import { installationEvent } from "../helpers/payloads.js";
import { deadJobRows, deliveryRow, pendingJobs } from "../helpers/state.js";

const h = useHarness();

/**
 * Octokit retries a 401 for five seconds after it created the token (GitHub may not know a new
 * token yet). A token refused in real life is an old one: it is made here, then ten minutes pass
 * on the wall clock Octokit reads (only Date is faked; timers and the database run as usual).
 */
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  await (await h.rt.probot.auth(INSTALLATION_ID)).auth({ type: "installation" });
  vi.setSystemTime(Date.now() + 10 * 60_000);
});
afterEach(() => {
  vi.useRealTimers();
});
const NOTHING = { done: 0, parked: 0, dead: 0, retry: 0 };
const sha = (n: number) => String(n).repeat(40).slice(0, 40);

async function installation() {
  const [row] = await h.rt.db.select().from(installations).where(eq(installations.id, INSTALLATION_ID));
  return { active: row!.active, suspended: row!.suspended };
}

/** A PR's check finds the installation's token refused (401); then another PR is opened. */
async function tokenRefused(state: "gone" | "suspended") {
  nockPullRequestBadCredentials(SHOP, 7);
  nockInstallationAsApp(INSTALLATION_ID, state);
  await h.receive("pull_request", pullRequestEventOf(SHOP, 7, INSTALLATION_ID, { headSha: sha(7) }), "pr-7");
  const first = await h.drain();
  await h.receive("pull_request", pullRequestEventOf(SHOP, 8, INSTALLATION_ID, { headSha: sha(8) }), "pr-8");
  const next = await h.drain();
  return { first, next };
}

describe("an installation whose token GitHub refuses", () => {
  it("is marked gone when GitHub says the app was uninstalled: its jobs end without retries or calls, until it is installed again", async () => {
    const counts = await tokenRefused("gone");

    // PR 8's check made no call: nothing answers it.
    expect(counts).toEqual({ first: { ...NOTHING, done: 2 }, next: { ...NOTHING, done: 2 } });
    expect(await installation()).toEqual({ active: false, suspended: false });
    expect(await pendingJobs(h, "check-pr")).toBe(0);
    expect(await deadJobRows(h)).toEqual([]);

    await h.receive("pull_request", pullRequestEventOf(SHOP, 9, INSTALLATION_ID, { headSha: sha(9) }), "pr-9");
    await h.time.advanceSeconds(3600);
    expect(await h.drain()).toEqual({ ...NOTHING, done: 2 });

    await h.receive("installation", installationEvent("created"), "reinstalled");
    await h.receive("pull_request", pullRequestEventOf(SHOP, 9, INSTALLATION_ID, { headSha: sha(9) }), "pr-9-again");
    const check = nockExemptCheck(SHOP, 9, sha(9), 909);
    await h.drain();

    expect(await installation()).toEqual({ active: true, suspended: false });
    expect(check.calls).toHaveLength(1);
  });

  it("is marked suspended (not gone) when GitHub says so, and works again on installation.unsuspend", async () => {
    const counts = await tokenRefused("suspended");

    expect(counts).toEqual({ first: { ...NOTHING, done: 2 }, next: { ...NOTHING, done: 2 } });
    expect(await installation()).toEqual({ active: true, suspended: true });
    expect(await deliveryRow(h, "pr-7")).toMatchObject({ status: "done" });

    await h.receive("installation", installationEvent("unsuspend"), "unsuspended");
    await h.receive("pull_request", pullRequestEventOf(SHOP, 8, INSTALLATION_ID, { headSha: sha(8) }), "pr-8-again");
    const check = nockExemptCheck(SHOP, 8, sha(8), 808);
    await h.drain();

    expect(await installation()).toEqual({ active: true, suspended: false });
    expect(check.calls).toHaveLength(1);
  });

  it("is left alone when GitHub says it is still there: the stale token is replaced and the job retried", async () => {
    nockPullRequestBadCredentials(SHOP, 7);
    nockInstallationAsApp(INSTALLATION_ID, "active");
    await h.receive("pull_request", pullRequestEventOf(SHOP, 7, INSTALLATION_ID, { headSha: sha(7) }));

    const first = await h.drain();
    await h.time.advanceSeconds(FIRST_RETRY_SECONDS);
    const check = nockExemptCheck(SHOP, 7, sha(7), 707);
    const second = await h.drain();

    expect(first).toEqual({ ...NOTHING, done: 1, retry: 1 });
    expect(second).toEqual({ ...NOTHING, done: 1 });
    expect(check.calls).toHaveLength(1);
    expect(await installation()).toEqual({ active: true, suspended: false });
  });

  it("is not blamed when the app's own credentials are refused too: nothing is marked, the job is retried", async () => {
    nockPullRequestBadCredentials(SHOP, 7);
    api().get(`/app/installations/${INSTALLATION_ID}`).reply(401, { message: "A JSON web token could not be decoded", documentation_url: "https://docs.github.com/rest" });
    await h.receive("pull_request", pullRequestEventOf(SHOP, 7, INSTALLATION_ID, { headSha: sha(7) }));

    const counts = await h.drain();

    expect(counts).toEqual({ ...NOTHING, done: 1, retry: 1 });
    expect(await installation()).toEqual({ active: true, suspended: false });
  });
});
