import { describe, expect, it } from "vitest";
import { nockPullRequestRateLimited } from "./helpers/github.js";
import { nockExemptCheck, pullRequestEventOf } from "./helpers/fault-github.js";
import { useHarness } from "./helpers/harness.js";
import { INSTALLATION_ID, SHOP } from "./helpers/ids.js";
import { captureLogs, type LogLine } from "./helpers/log-capture.js";
import { deployBaseline, nockHypothesis, nockRange, nockShippedPrs } from "./helpers/ship-flow.js";
import { nockCreateComment, nockCreateIssue, sha } from "./helpers/ship-github.js";
import { deploymentStatusEvent } from "./helpers/ship-payloads.js";

const h = useHarness();

/** Lines whose delivery is not `id`, by message: what a reader of one delivery's lines would miss. */
const strays = (lines: LogLine[], id: string) => lines.filter((line) => line.delivery !== id).map((line) => `${String(line.queue ?? "")} ${line.msg}`);
const queuesOf = (lines: LogLine[]) => [...new Set(lines.map((line) => line.queue).filter((queue) => queue !== undefined))].sort();

describe("a delivery's id in the log", () => {
  it("is on every line of the work a deploy caused: its delivery, the ship it found and the sense issue that opened, GitHub's requests included", async () => {
    await deployBaseline(h);
    nockRange(sha(1), sha(2), [{ sha: sha(2), message: "Add reorder button (#7)", prs: [7] }]);
    nockShippedPrs({ 7: "Hypothesis: #12" });
    nockHypothesis();
    const issue = nockCreateIssue(SHOP, 100);
    nockCreateComment(SHOP, 12);
    const lines = captureLogs(h, "debug");

    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(2), at: "2026-03-03T09:00:00Z" }), "deploy-2");
    await h.drain();

    expect(issue.calls).toHaveLength(1);
    expect(strays(lines, "deploy-2")).toEqual([]);
    // Intake's line has no queue yet; the deploy's delivery job queues the ship, which opens the sense issue.
    expect(lines.some((line) => line.queue === undefined && line.msg === "delivery queued")).toBe(true);
    expect(queuesOf(lines)).toEqual(["sense-issue", "ship"]);
    expect(lines.some((line) => line.queue === "sense-issue" && /^GitHub request: POST \S+\/repos\/acme\/shop\/issues - 201$/.test(line.msg))).toBe(true);
    expect(lines.some((line) => line.queue === "ship" && line.msg === "ship processed")).toBe(true);
  });

  it("keeps two deliveries handled together apart, down to the checks they queued", async () => {
    nockExemptCheck(SHOP, 7, "a".repeat(40), 701);
    nockExemptCheck(SHOP, 8, "b".repeat(40), 801, { config: "cached" });
    const lines = captureLogs(h, "debug");

    await h.receive("pull_request", pullRequestEventOf(SHOP, 7, INSTALLATION_ID, { headSha: "a".repeat(40) }), "pr-7");
    await h.receive("pull_request", pullRequestEventOf(SHOP, 8, INSTALLATION_ID, { headSha: "b".repeat(40) }), "pr-8");
    expect(await h.drain()).toEqual({ done: 4, parked: 0, dead: 0, retry: 0 });

    const checks = lines.filter((line) => line.queue === "check-pr");
    expect(checks.length).toBeGreaterThan(2);
    expect(checks.filter((line) => line.delivery !== `pr-${String(line.pr)}`)).toEqual([]);
    expect(lines.filter((line) => line.delivery !== "pr-7" && line.delivery !== "pr-8").map((line) => line.msg)).toEqual([]);
    const readsOf8 = lines.filter((line) => /\/pulls\/8\b/.test(line.msg));
    expect([readsOf8.length > 0, readsOf8.every((line) => line.delivery === "pr-8")]).toEqual([true, true]);
  });

  it("stays on a check parked for a rate limit when it runs again after the reset", async () => {
    const resetAt = new Date(h.time.now().getTime() + 600_000);
    nockPullRequestRateLimited(SHOP, 7, resetAt);
    const lines = captureLogs(h, "debug");
    await h.receive("pull_request", pullRequestEventOf(SHOP, 7, INSTALLATION_ID, { headSha: "a".repeat(40) }), "pr-7");
    expect(await h.drain()).toEqual({ done: 1, parked: 1, dead: 0, retry: 0 });

    await h.time.set(new Date(resetAt.getTime() + 2000));
    const check = nockExemptCheck(SHOP, 7, "a".repeat(40), 701);
    const before = lines.length;
    expect(await h.drain()).toEqual({ done: 1, parked: 0, dead: 0, retry: 0 });

    expect(check.calls).toHaveLength(1);
    const resumed = lines.slice(before);
    expect(resumed.some((line) => line.queue === "check-pr" && /^GitHub request: POST \S+\/check-runs - 201$/.test(line.msg))).toBe(true);
    expect(strays(lines, "pr-7")).toEqual([]);
    expect(lines.some((line) => line.msg === "rate limited; job parked until the limit resets" && line.delivery === "pr-7")).toBe(true);
  });
});
