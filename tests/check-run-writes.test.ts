import { describe, expect, it } from "vitest";
import { QUEUES } from "../src/jobs/queues.js";
import {
  nockCheckReads,
  nockCreateCheckRun,
  nockCreateCheckRunFailing,
  nockFindCheckRuns,
  nockIssue,
  nockOpenHypotheses,
  nockPullRequestFailing,
  nockPullRequestRateLimited,
  nockUpdateCheckRun,
} from "./helpers/github.js";
import { FIRST_RETRY_SECONDS, useHarness } from "./helpers/harness.js";
import { APP_ID, SHOP } from "./helpers/ids.js";
import { pullRequestEvent } from "./helpers/payloads.js";
import { checkRunIds, checkRunRows, deadJobRows, jobsIn, ledgerEntry, pendingJobs } from "./helpers/state.js";

const h = useHarness();

const HEAD = "a".repeat(40);
const NOTHING = { done: 0, parked: 0, dead: 0, retry: 0 };

/** Arrange: PR 7 was opened naming #12 and its check run 555 says success. */
/** The write ledger's key for our check run on the PR's head commit. */
const CHECK_KEY = `check-run:${SHOP.id}:${HEAD}`;

async function passingCheckExists() {
  nockCheckReads({ body: "Hypothesis: #12" });
  nockIssue(SHOP, 12);
  nockCreateCheckRun(SHOP, 555);
  await h.receive("pull_request", pullRequestEvent("opened", { body: "Hypothesis: #12" }));
  await h.drain();
}

describe("one check run per head SHA", () => {
  it("does not write the check run again when a later event gives the same result", async () => {
    await passingCheckExists();
    const before = await ledgerEntry(h, CHECK_KEY);
    nockCheckReads({ body: "Hypothesis: #12", labels: ["ui"], config: "cached" });

    await h.receive("pull_request", pullRequestEvent("labeled", { body: "Hypothesis: #12", labels: ["ui"] }));
    const counts = await h.drain();

    expect(counts).toEqual({ ...NOTHING, done: 2 });
    expect(await ledgerEntry(h, CHECK_KEY)).toEqual(before);
  });

  it("updates the same check run when the result changes", async () => {
    await passingCheckExists();
    nockCheckReads({ body: "Hypothesis: #13", config: "cached" });
    nockIssue(SHOP, 13, { state: "closed" });
    nockOpenHypotheses(SHOP, [{ number: 12 }]);
    const update = nockUpdateCheckRun(SHOP, 555);

    await h.receive("pull_request", pullRequestEvent("edited", { body: "Hypothesis: #13" }));
    await h.drain();

    expect(update.calls).toHaveLength(1);
    expect(update.body).toMatchObject({
      status: "completed",
      conclusion: "failure",
      external_id: `senseloop:${SHOP.id}:7`,
      output: { title: "Hypothesis reference is not valid — acme/shop#13 is closed" },
    });
    expect(await checkRunRows(h)).toMatchObject([{ headSha: HEAD, conclusion: "failure", prNumber: 7 }]);
    expect(await checkRunIds(h, SHOP)).toEqual([[HEAD, 555]]);
  });

  it("creates a new check run for a new head SHA", async () => {
    await passingCheckExists();
    const next = "b".repeat(40);
    nockCheckReads({ body: "Hypothesis: #12", headSha: next, config: "cached" });
    const create = nockCreateCheckRun(SHOP, 556);

    await h.receive("pull_request", pullRequestEvent("synchronize", { headSha: next }));
    await h.drain();

    expect(create.body).toMatchObject({ head_sha: next, conclusion: "success" });
    expect(await checkRunIds(h, SHOP)).toEqual([
      [HEAD, 555],
      [next, 556],
    ]);
  });

  it("checks a PR once for a burst of events about it", async () => {
    nockCheckReads({ body: "Hypothesis: #12" });
    nockIssue(SHOP, 12);
    const create = nockCreateCheckRun();

    await h.receive("pull_request", pullRequestEvent("opened"));
    await h.receive("pull_request", pullRequestEvent("labeled"));
    await h.receive("pull_request", pullRequestEvent("edited"));
    const counts = await h.drain();

    expect(counts).toEqual({ ...NOTHING, done: 4 });
    expect(create.calls).toHaveLength(1);
    expect(await jobsIn(h, "check-pr")).toBe(1);
  });
});

describe("a check-run write whose outcome is unknown", () => {
  /** Arrange and act: the first create answers 502, so the job is retried later. */
  async function firstCreateFails() {
    nockCheckReads({ body: "Hypothesis: #12" });
    nockIssue(SHOP, 12);
    nockCreateCheckRunFailing(SHOP, 502, "Bad Gateway");
    await h.receive("pull_request", pullRequestEvent("opened"));
    return h.drain();
  }

  it("keeps the key without an id, and on retry updates the check run GitHub did create instead of a second one", async () => {
    const first = await firstCreateFails();
    const keyed = await ledgerEntry(h, CHECK_KEY);
    nockCheckReads({ body: "Hypothesis: #12", config: "cached" });
    nockFindCheckRuns(SHOP, HEAD, [{ id: 900, appId: 999 }, { id: 777, appId: APP_ID }]);
    const update = nockUpdateCheckRun(SHOP, 777);

    await h.time.advanceSeconds(FIRST_RETRY_SECONDS);
    const retry = await h.drain();

    expect(first).toEqual({ ...NOTHING, done: 1, retry: 1 });
    expect(keyed).toMatchObject({ status: "pending", result: null });
    expect(retry).toEqual({ ...NOTHING, done: 1 });
    expect(update.body).toMatchObject({ conclusion: "success", output: { title: "Serves acme/shop#12" } });
    expect(await checkRunRows(h)).toMatchObject([{ headSha: HEAD, conclusion: "success" }]);
    expect(await checkRunIds(h, SHOP)).toEqual([[HEAD, 777]]);
  });

  it("creates the check run on retry when GitHub has none of ours", async () => {
    await firstCreateFails();
    nockCheckReads({ body: "Hypothesis: #12", config: "cached" });
    nockFindCheckRuns(SHOP, HEAD, [{ id: 900, appId: 999 }]);
    const create = nockCreateCheckRun(SHOP, 778);

    await h.time.advanceSeconds(FIRST_RETRY_SECONDS);
    await h.drain();

    expect(create.body).toMatchObject({ head_sha: HEAD, conclusion: "success" });
    expect(await checkRunIds(h, SHOP)).toEqual([[HEAD, 778]]);
  });

  it("does not retry before the backoff has passed", async () => {
    await firstCreateFails();

    const early = await h.drain();

    expect(early).toEqual(NOTHING);
  });
});

describe("GitHub failures while checking", () => {
  it("parks the check until a rate limit resets, then runs it", async () => {
    const resetAt = new Date(h.time.now().getTime() + 10 * 60_000);
    nockPullRequestRateLimited(SHOP, 7, resetAt);

    await h.receive("pull_request", pullRequestEvent("opened"));
    const first = await h.drain();
    await h.time.advanceSeconds(9 * 60);
    const tooEarly = await h.drain();
    nockCheckReads({ body: "Hypothesis: #12" });
    nockIssue(SHOP, 12);
    const create = nockCreateCheckRun();
    await h.time.advanceSeconds(62);
    const after = await h.drain();

    expect(first).toEqual({ ...NOTHING, done: 1, parked: 1 });
    expect(tooEarly).toEqual(NOTHING);
    expect(after).toEqual({ ...NOTHING, done: 1 });
    expect(create.body.conclusion).toBe("success");
  });

  it("retries a server error with backoff and records the job dead after the last attempt", async () => {
    const outcomes = [];
    for (let attempt = 1; attempt <= QUEUES.checkPr.retryLimit + 1; attempt++) nockPullRequestFailing(SHOP, 7, 502);

    await h.receive("pull_request", pullRequestEvent("opened"));
    outcomes.push(await h.drain());
    for (let retry = 1; retry <= QUEUES.checkPr.retryLimit; retry++) {
      await h.time.advanceSeconds(QUEUES.checkPr.retryDelayMax + 1);
      outcomes.push(await h.drain());
    }

    expect(outcomes[0]).toEqual({ ...NOTHING, done: 1, retry: 1 });
    expect(outcomes.slice(1, -1)).toEqual(Array(QUEUES.checkPr.retryLimit - 1).fill({ ...NOTHING, retry: 1 }));
    expect(outcomes.at(-1)).toEqual({ ...NOTHING, dead: 1 });
    expect(await deadJobRows(h)).toMatchObject([{ queue: "check-pr", reason: expect.stringMatching(/^gave up after 7 attempts: GET .*\/repos\/acme\/shop\/pulls\/7 answered 502/) }]);
    expect(await pendingJobs(h, "check-pr")).toBe(0);
  });
});
