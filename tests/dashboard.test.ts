import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hypotheses, pullRequests } from "../src/db/schema/index.js";
import { QUEUES } from "../src/jobs/queues.js";
import { nockAddLabels, nockConfig, nockRoleName } from "./helpers/github.js";
import { DASHBOARD_DELAY_SECONDS, useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { nockReaction, nockRemoveLabel, withoutGitHub } from "./helpers/respond-github.js";
import { issueCommentEvent } from "./helpers/respond-payloads.js";
import { seedSenseItem } from "./helpers/seed.js";
import { ledgerEntry, seedLedger } from "./helpers/state.js";
import { nockCreateComment, nockCreateIssue, nockOwnIssues, nockUpdateIssue } from "./helpers/ship-github.js";
import { runSweep } from "./helpers/sweep-github.js";

const h = useHarness();

const MARKER = "<!-- senseloop:dashboard -->";
const LEARNING = "Customers used reorder once, then went back to search";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A writer's `/respond` on sense issue `issue` of hypothesis `hypothesis`, with every write it makes. */
async function respond(o: { issue?: number; hypothesis?: number; commentId?: number; decision?: string; config?: string | null | "cached" } = {}) {
  const issue = o.issue ?? 100;
  const hypothesis = o.hypothesis ?? 12;
  const commentId = o.commentId ?? 7001;
  if (o.config !== "cached") nockConfig(SHOP, o.config ?? null);
  nockRoleName(SHOP, "maria", "write");
  nockReaction(SHOP, commentId);
  nockCreateComment(SHOP, issue, commentId + 1000);
  nockRemoveLabel(SHOP, issue, "needs-response", 404);
  nockUpdateIssue(SHOP, issue);
  nockCreateComment(SHOP, hypothesis, commentId + 2000);
  nockAddLabels(SHOP, hypothesis);
  await h.receive("issue_comment", issueCommentEvent("created", { issueNumber: issue, commentId, body: `/respond ${o.decision ?? "pivot"} ${LEARNING}` }));
  await h.drain();
}

/** Moves the clock past the debounce window, so the queued refresh runs on the next drain. */
const pastDebounce = () => h.time.advanceSeconds(DASHBOARD_DELAY_SECONDS + 1);

/** Asks for a refresh now, as a ship, a response or a sweep would, and lets it run. */
async function refreshNow() {
  await h.rt.boss.send(QUEUES.dashboard.name, { installationId: 42, repositoryId: SHOP.id });
  return h.drain();
}

/** What the write ledger holds for the dashboard issue: its number and the hash of the body last written. */
async function dashboardRow() {
  const entry = await ledgerEntry(h, `dashboard:${SHOP.id}`);
  return entry?.result ? { issueNumber: entry.result.number as number, bodyHash: entry.result.hash as string } : undefined;
}

/** The ledger knows the dashboard issue and the hash of what was written, or (null) only that a create's outcome is unknown. */
const seedDashboard = (known: { issueNumber: number; bodyHash: string } | null) =>
  seedLedger(h, `dashboard:${SHOP.id}`, known && { number: known.issueNumber, htmlUrl: `https://github.com/${SHOP.fullName}/issues/${known.issueNumber}`, hash: known.bodyHash });

describe("the dashboard issue", () => {
  it("is opened once after a response, titled from config, with every section, the metrics and our marker", async () => {
    await seedSenseItem(h);
    await respond();
    await pastDebounce();
    nockConfig(SHOP, "dashboard:\n  title: Loop health\n");
    nockOwnIssues(SHOP, []);
    const created = nockCreateIssue(SHOP, 500);

    await h.drain();

    expect(created.calls).toHaveLength(1);
    expect(created.body).toMatchObject({ title: "Loop health", labels: [], assignees: [] });
    const body = created.body.body as string;
    expect(body.split("\n").filter((line) => line.startsWith("## "))).toEqual([
      "## Overdue (0)",
      "## Sensing (0)",
      "## Responded in the last 90 days (1)",
      "## Hypotheses not shipped yet (0)",
      "## Merged without a hypothesis in the last 30 days (0)",
    ]);
    expect(body).toContain(`| [acme/shop#12](https://github.com/acme/shop/issues/12) Returning customers reorder a past basket | pivot | ${LEARNING} | 2026-03-02 |`);
    expect(body).toContain("Loop closure — · median 0 days from ship to response · 0 persevere, 1 pivot, 0 kill · — of merged PRs linked to a hypothesis");
    expect(body.startsWith("What shipped, what is due and what we learned in acme/shop.")).toBe(true);
    expect(body.endsWith(`\n\n${MARKER}`)).toBe(true);
    expect(body.length).toBeLessThan(65_536);
    expect(await dashboardRow()).toMatchObject({ issueNumber: 500, bodyHash: sha256(body) });
  });

  it("skips the edit when a later refresh would not change the body", async () => {
    await seedSenseItem(h);
    await respond();
    await pastDebounce();
    nockConfig(SHOP, null);
    nockOwnIssues(SHOP, []);
    const created = nockCreateIssue(SHOP, 500);
    await h.drain();
    const saved = await dashboardRow();

    const counts = await refreshNow();

    expect(counts).toEqual({ done: 1, parked: 0, dead: 0, retry: 0 });
    expect(created.calls).toHaveLength(1);
    expect(await dashboardRow()).toEqual(saved);
  });

  it("edits its issue by number when the body changes, whatever the issue is called now", async () => {
    await seedSenseItem(h);
    await seedDashboard({ issueNumber: 500, bodyHash: "an older body" });
    nockConfig(SHOP, null);
    const edit = nockUpdateIssue(SHOP, 500);

    await refreshNow();

    expect(Object.keys(edit.body)).toEqual(["body"]);
    expect(edit.body.body).toContain("## Sensing (1)");
    expect(edit.body.body).toContain("due in 14 days (2026-03-16)");
    expect((await dashboardRow())!.bodyHash).toBe(sha256(edit.body.body));
  });

  it("finds its issue again by our marker among our bot's issues, after a rename, instead of opening a second", async () => {
    await seedSenseItem(h);
    // A refresh claimed the row but never learned the issue number (its create's outcome was unknown).
    await seedDashboard(null);
    nockConfig(SHOP, null);
    nockOwnIssues(SHOP, [{ number: 501, body: `Renamed by a maintainer; the old text.\n\n${MARKER}` }]);
    const edit = nockUpdateIssue(SHOP, 501);

    await refreshNow();

    expect(edit.body.body).toContain("## Sensing (1)");
    expect(await dashboardRow()).toMatchObject({ issueNumber: 501, bodyHash: sha256(edit.body.body) });
  });

  it("finds its issue by our marker when the database has no record of it, instead of opening a second", async () => {
    await seedSenseItem(h);
    nockConfig(SHOP, null);
    nockOwnIssues(SHOP, [{ number: 504, body: `An older rendering.\n\n${MARKER}` }]);
    const edit = nockUpdateIssue(SHOP, 504);

    await refreshNow();

    expect(edit.body.body).toContain("## Sensing (1)");
    expect(await dashboardRow()).toMatchObject({ issueNumber: 504, bodyHash: sha256(edit.body.body) });
  });

  it("does not trust our marker in an issue someone else wrote, and opens its own", async () => {
    await seedSenseItem(h);
    await seedDashboard(null);
    nockConfig(SHOP, null);
    nockOwnIssues(SHOP, [{ number: 666, body: `Looks official.\n\n${MARKER}`, byOwnApp: false }]);
    const created = nockCreateIssue(SHOP, 502);

    await refreshNow();

    expect(created.body.title).toBe("Senseloop dashboard");
    expect((await dashboardRow())!.issueNumber).toBe(502);
  });

  it("opens a new one when its issue was deleted", async () => {
    await seedSenseItem(h);
    await seedDashboard({ issueNumber: 500, bodyHash: "an older body" });
    nockConfig(SHOP, null);
    nockUpdateIssue(SHOP, 500, 404);
    nockOwnIssues(SHOP, []);
    const created = nockCreateIssue(SHOP, 503);

    await refreshNow();

    expect(created.body.body).toContain(MARKER);
    expect((await dashboardRow())!.issueNumber).toBe(503);
  });

  it("writes nothing when dashboard.issue is false", async () => {
    await seedSenseItem(h);
    await respond({ config: "dashboard:\n  issue: false\n" });
    await pastDebounce();
    nockConfig(SHOP, "dashboard:\n  issue: false\n");

    const counts = await h.drain();

    expect(counts.done).toBe(1);
    expect(await dashboardRow()).toBeUndefined();
  });

  it("makes one edit for a burst of responses and extensions", async () => {
    await seedSenseItem(h);
    await seedSenseItem(h, { hypothesisNumber: 13, issueNumber: 101, title: "Saved carts bring people back" });
    await seedSenseItem(h, { hypothesisNumber: 14, issueNumber: 102, title: "Free shipping over 50 lifts basket size" });
    await seedDashboard({ issueNumber: 500, bodyHash: "an older body" });

    await respond({ issue: 100, hypothesis: 12, commentId: 7001, decision: "pivot" });
    // Minutes apart, the later commands find the config cached.
    await h.time.advanceSeconds(120);
    nockRoleName(SHOP, "maria", "write");
    nockReaction(SHOP, 7002);
    nockCreateComment(SHOP, 101, 8002);
    nockRemoveLabel(SHOP, 101, "needs-response", 404);
    nockUpdateIssue(SHOP, 101); // the sense issue's body, with the new due date
    await h.receive("issue_comment", issueCommentEvent("created", { issueNumber: 101, commentId: 7002, body: "/extend 7 waiting for the weekly data" }));
    await h.drain();
    await h.time.advanceSeconds(120);
    await respond({ issue: 102, hypothesis: 14, commentId: 7003, decision: "kill", config: "cached" });

    await withoutGitHub(() => h.drain());
    await pastDebounce();
    nockConfig(SHOP, null);
    const edit = nockUpdateIssue(SHOP, 500);
    const counts = await h.drain();

    expect(counts).toEqual({ done: 1, parked: 0, dead: 0, retry: 0 });
    expect(edit.calls).toHaveLength(1);
    const body = edit.body.body as string;
    expect(body).toContain("## Responded in the last 90 days (2)");
    expect(body).toContain("## Sensing (1)");
    expect(body).toContain("due in 20 days (2026-03-23)");
    expect(body).toContain("0 persevere, 1 pivot, 1 kill");
  });

  it("lists the hypotheses not shipped yet and the PRs merged without a hypothesis", async () => {
    await seedSenseItem(h);
    const now = h.time.now();
    await h.rt.db.insert(hypotheses).values([
      { repositoryId: SHOP.id, number: 20, title: "Wishlists turn into orders", htmlUrl: "https://github.com/acme/shop/issues/20", state: "open", labels: ["hypothesis"], githubUpdatedAt: now },
      { repositoryId: SHOP.id, number: 21, title: "A closed idea", htmlUrl: "https://github.com/acme/shop/issues/21", state: "closed", labels: ["hypothesis"], githubUpdatedAt: now },
    ]);
    const merged = (number: number, outcome: string | null, daysAgo: number, exemption: string | null = null) => ({
      repositoryId: SHOP.id,
      number,
      title: `PR ${number}`,
      htmlUrl: `https://github.com/acme/shop/pull/${number}`,
      state: "closed",
      headSha: "a".repeat(40),
      mergedAt: new Date(now.getTime() - daysAgo * 86_400_000),
      outcome,
      exemption,
    });
    await h.rt.db.insert(pullRequests).values([merged(7, "linked", 1), merged(8, "missing", 2), merged(9, "exempt", 3, "title matches a chore pattern"), merged(10, "missing", 40)]);
    nockConfig(SHOP, null);
    nockOwnIssues(SHOP, []);
    const created = nockCreateIssue(SHOP, 500);

    await refreshNow();

    const body = created.body.body as string;
    expect(body).toContain("## Hypotheses not shipped yet (1)\n\n- [#20](https://github.com/acme/shop/issues/20) Wishlists turn into orders");
    expect(body).toContain(
      "## Merged without a hypothesis in the last 30 days (2)\n\n1 exempt, 1 without a valid hypothesis\n\n- [#8](https://github.com/acme/shop/pull/8) PR 8 — names no hypothesis\n- [#9](https://github.com/acme/shop/pull/9) PR 9 — exempt: title matches a chore pattern",
    );
    expect(body).toContain("33% of merged PRs linked to a hypothesis");
  });

  it("is refreshed after a sweep, listing the reminded item as overdue", async () => {
    await seedSenseItem(h, { assignees: ["pam"] });
    await seedDashboard({ issueNumber: 500, bodyHash: "an older body" });
    await h.time.advanceDays(14);
    nockConfig(SHOP, null);
    nockCreateComment(SHOP, 100, 9001);
    nockAddLabels(SHOP, 100);
    await runSweep(h);

    await pastDebounce();
    nockConfig(SHOP, null);
    const edit = nockUpdateIssue(SHOP, 500);
    await h.drain();

    expect(edit.body.body).toContain(
      "## Overdue (1)\n\n| Hypothesis | Environment | Past due | Owners | Sense issue |\n| --- | --- | --- | --- | --- |\n| [acme/shop#12](https://github.com/acme/shop/issues/12) Returning customers reorder a past basket | production | 1 day (2026-03-16) | @\u200Bpam | [#100](https://github.com/acme/shop/issues/100) |",
    );
  });
});
