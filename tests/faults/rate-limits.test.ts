import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { installations } from "../../src/db/schema/index.js";
import { nockPullRequestSecondaryLimited, nockExemptCheck, pullRequestEventOf } from "../helpers/fault-github.js";
import { nockPullRequestRateLimited } from "../helpers/github.js";
import { useHarness } from "../helpers/harness.js";
import { INSTALLATION_ID, repo, SHOP } from "../helpers/ids.js";
import { nockInstallationTokenFor } from "../helpers/sweep-github.js";
import { pendingJobs } from "../helpers/state.js";

const h = useHarness();
const NOTHING = { done: 0, parked: 0, dead: 0, retry: 0 };
const LABS = repo("umbrella", "labs", 3003);
const LABS_INSTALLATION = 77;
const SHA = { 7: "a".repeat(40), 8: "b".repeat(40), labs: "c".repeat(40) };

const at = (seconds: number, from: Date) => new Date(from.getTime() + seconds * 1000);

async function hold() {
  const [row] = await h.rt.db.select().from(installations).where(eq(installations.id, INSTALLATION_ID));
  return { until: row!.rateLimitedUntil?.toISOString(), kind: row!.rateLimitKind, strikes: row!.rateLimitStrikes };
}

describe("GitHub's primary rate limit", () => {
  it("holds every call of the installation until the reset and parks its jobs, while another installation's work goes on", async () => {
    const t0 = h.time.now();
    const resetAt = at(600, t0);
    nockPullRequestRateLimited(SHOP, 7, resetAt);
    nockInstallationTokenFor(LABS_INSTALLATION);
    const labs = nockExemptCheck(LABS, 3, SHA.labs, 901);
    await h.receive("pull_request", pullRequestEventOf(SHOP, 7, INSTALLATION_ID, { headSha: SHA[7] }));
    const limited = await h.drain();
    await h.receive("pull_request", pullRequestEventOf(SHOP, 8, INSTALLATION_ID, { headSha: SHA[8] }));
    await h.receive("pull_request", pullRequestEventOf(LABS, 3, LABS_INSTALLATION, { headSha: SHA.labs }));
    const meanwhile = await h.drain();

    // PR 8's check made no call at all: no mock answers it, and an unexpected call fails the test.
    expect([limited, meanwhile]).toEqual([
      { ...NOTHING, done: 1, parked: 1 },
      { ...NOTHING, done: 3, parked: 1 },
    ]);
    expect(labs.calls).toHaveLength(1);
    expect(await hold()).toEqual({ until: at(601, t0).toISOString(), kind: "primary", strikes: 0 });
    expect(await pendingJobs(h, "check-pr")).toBe(2);

    await h.time.set(at(540, t0));
    expect(await h.drain()).toEqual(NOTHING);

    await h.time.set(at(603, t0));
    const seven = nockExemptCheck(SHOP, 7, SHA[7], 701);
    const eight = nockExemptCheck(SHOP, 8, SHA[8], 801, { config: "cached" });
    expect(await h.drain()).toEqual({ ...NOTHING, done: 2 });
    // One check run each; which mock answered which PR depends on the order the two run in.
    expect([...seven.calls, ...eight.calls].map((sent) => [sent.head_sha, sent.conclusion]).sort()).toEqual([
      [SHA[7], "success"],
      [SHA[8], "success"],
    ]);
  });
});

describe("GitHub's secondary rate limit", () => {
  it("makes no call before its retry-after, for any job of the installation, then does the parked work", async () => {
    const t0 = h.time.now();
    nockPullRequestSecondaryLimited(SHOP, 7, 120);
    await h.receive("pull_request", pullRequestEventOf(SHOP, 7, INSTALLATION_ID, { headSha: SHA[7] }));
    expect(await h.drain()).toEqual({ ...NOTHING, done: 1, parked: 1 });

    await h.time.set(at(30, t0));
    await h.receive("pull_request", pullRequestEventOf(SHOP, 8, INSTALLATION_ID, { headSha: SHA[8] }));
    expect(await h.drain()).toEqual({ ...NOTHING, done: 1, parked: 1 });
    await h.time.set(at(119, t0));
    expect(await h.drain()).toEqual(NOTHING);

    await h.time.set(at(122, t0));
    const seven = nockExemptCheck(SHOP, 7, SHA[7], 701);
    const eight = nockExemptCheck(SHOP, 8, SHA[8], 801, { config: "cached" });
    expect(await h.drain()).toEqual({ ...NOTHING, done: 2 });
    expect([seven.calls.length, eight.calls.length]).toEqual([1, 1]);
    expect(await hold()).toEqual({ until: at(120, t0).toISOString(), kind: "secondary", strikes: 0 });
  });

  it("waits at least a minute without a retry-after, then twice as long when it comes again, and never drops the work", async () => {
    const t0 = h.time.now();
    nockPullRequestSecondaryLimited(SHOP, 7);
    await h.receive("pull_request", pullRequestEventOf(SHOP, 7, INSTALLATION_ID, { headSha: SHA[7] }));
    expect(await h.drain()).toEqual({ ...NOTHING, done: 1, parked: 1 });
    expect(await hold()).toEqual({ until: at(60, t0).toISOString(), kind: "secondary", strikes: 1 });

    await h.time.set(at(59, t0));
    expect(await h.drain()).toEqual(NOTHING);
    await h.time.set(at(62, t0));
    nockPullRequestSecondaryLimited(SHOP, 7);
    expect(await h.drain()).toEqual({ ...NOTHING, parked: 1 });
    expect(await hold()).toEqual({ until: at(182, t0).toISOString(), kind: "secondary", strikes: 2 });

    await h.time.set(at(181, t0));
    expect(await h.drain()).toEqual(NOTHING);
    await h.time.set(at(184, t0));
    const seven = nockExemptCheck(SHOP, 7, SHA[7], 701);
    expect(await h.drain()).toEqual({ ...NOTHING, done: 1 });
    expect(seven.calls).toHaveLength(1);
  });
});
