import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { installations, senseItems } from "../src/db/schema/index.js";
import { QUEUES } from "../src/jobs/queues.js";
import { scopeFor } from "../src/runtime.js";
import { sweepInstallation } from "../src/services/sweep.js";
import { nockAddLabels, nockAddLabelsFailing, nockConfig, nockContents } from "./helpers/github.js";
import { ledgerEntry } from "./helpers/state.js";
import { FIRST_RETRY_SECONDS, useHarness } from "./helpers/harness.js";
import { INSTALLATION_ID, repo, SHOP } from "./helpers/ids.js";
import { silentLogger } from "./helpers/logger.js";
import { nockCommentFailing, nockCommentRateLimited, nockListComments, withoutGitHub } from "./helpers/respond-github.js";
import { seedSenseItem } from "./helpers/seed.js";
import { NO_DASHBOARD, nockCommentsOnIssues, nockInstallationTokenFor, nockLabelsOnIssues, runSweep } from "./helpers/sweep-github.js";
import { nockCreateComment } from "./helpers/ship-github.js";

const h = useHarness();

/** A repository of a second installation, which the app was removed from. */
const GONE = repo("umbrella", "labs", 3003);
const GONE_INSTALLATION = 77;

async function items() {
  return h.rt.db.select().from(senseItems).orderBy(asc(senseItems.id));
}

describe("sweeps that overlap", () => {
  it("posts one reminder when two sweep jobs are queued for the same period", async () => {
    await seedSenseItem(h);
    await h.time.advanceDays(14);
    nockConfig(SHOP, NO_DASHBOARD);
    const label = nockAddLabels(SHOP, 100);
    const reminder = nockCreateComment(SHOP, 100, 9001);

    await h.rt.boss.send(QUEUES.sweep.name, {});
    await h.rt.boss.send(QUEUES.sweep.name, {});
    const counts = await h.drain();

    expect(counts.dead + counts.retry).toBe(0);
    expect(label.calls).toHaveLength(1);
    expect(reminder.calls).toHaveLength(1);
  });

  it("posts one reminder when two sweeps of the same installation run at once", async () => {
    await seedSenseItem(h);
    await h.time.advanceDays(14);
    nockConfig(SHOP, NO_DASHBOARD);
    // Both sweeps may read the config before either has cached it (on PostgreSQL they run side by side).
    nockContents(SHOP.fullName, ".github/senseloop.yml", NO_DASHBOARD, { optional: true });
    // The label is idempotent on GitHub: the sweep that skips the comment may still add it.
    const labels = nockLabelsOnIssues(SHOP, 2, true);
    const reminders = nockCommentsOnIssues(SHOP, 1);
    const scope = await scopeFor(h.rt, INSTALLATION_ID, silentLogger);

    const results = await Promise.allSettled([sweepInstallation(scope, INSTALLATION_ID, 30), sweepInstallation(scope, INSTALLATION_ID, 30)]);

    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(reminders.map((r) => r.issue)).toEqual([100]);
    expect(labels.length).toBeGreaterThanOrEqual(1);
    expect(labels.every((l) => l.issue === 100 && l.labels.join() === "needs-response")).toBe(true);
    const [item] = await items();
    expect([item!.state, item!.remindedForDue]).toEqual(["overdue", item!.dueAt]);
  });
});

describe("the write budget", () => {
  it("sends what fits in 30 writes and leaves the rest, oldest first, to the next run", async () => {
    for (let n = 0; n < 17; n++) await seedSenseItem(h, { hypothesisNumber: 12 + n, issueNumber: 100 + n, shippedAt: new Date(Date.parse("2026-03-02T09:00:00Z") - n * 60_000).toISOString() });
    await h.time.advanceDays(14);

    nockConfig(SHOP, NO_DASHBOARD);
    const firstLabels = nockLabelsOnIssues(SHOP, 15);
    const first = nockCommentsOnIssues(SHOP, 15);
    await runSweep(h);

    // Shipped a minute apart, newest first: #116 is the most overdue.
    expect(first.map((c) => c.issue)).toEqual([116, 115, 114, 113, 112, 111, 110, 109, 108, 107, 106, 105, 104, 103, 102]);
    expect(firstLabels.map((l) => l.issue)).toEqual(first.map((c) => c.issue));

    await h.time.advanceSeconds(15 * 60);
    nockConfig(SHOP, NO_DASHBOARD);
    const secondLabels = nockLabelsOnIssues(SHOP, 2);
    const second = nockCommentsOnIssues(SHOP, 2);
    await runSweep(h);

    expect(second.map((c) => c.issue)).toEqual([101, 100]);
    expect(secondLabels).toHaveLength(2);
    expect((await items()).map((i) => i.state)).toEqual(Array(17).fill("overdue"));

    await withoutGitHub(async () => {
      await h.time.advanceSeconds(15 * 60);
      await runSweep(h);
    });
  });
});

describe("sense issues GitHub refuses", () => {
  it("gives up on a deleted sense issue for its due date and still reminds about the items after it", async () => {
    await seedSenseItem(h, { issueNumber: 100, shippedAt: "2026-03-01T09:00:00.000Z" });
    await seedSenseItem(h, { hypothesisNumber: 13, issueNumber: 101, assignees: ["omar"] });
    await h.time.advanceDays(14);
    nockConfig(SHOP, NO_DASHBOARD);
    const refused = nockCommentFailing(SHOP, 100, 404);
    // Each write of a plan is tried on its own: the label is refused too, and both are recorded.
    const refusedLabel = nockAddLabelsFailing(SHOP, 100, 404);
    const reminder = nockCreateComment(SHOP, 101, 9001);
    const label = nockAddLabels(SHOP, 101);

    const counts = await runSweep(h);

    expect(counts).toEqual({ done: 2, parked: 0, dead: 0, retry: 0 });
    expect(refused.calls).toHaveLength(1);
    expect(refusedLabel.calls).toHaveLength(1);
    expect(await ledgerEntry(h, "reminder:1:2026-03-15T09:00:00.000Z")).toMatchObject({ status: "refused", reason: expect.stringContaining("answered 404") });
    expect(reminder.body.body).toMatch(/^@omar — /);
    expect(label.body).toEqual({ labels: ["needs-response"] });
    expect((await items()).map((i) => [i.issueNumber, i.remindedForDue?.toISOString()])).toEqual([
      [100, "2026-03-15T09:00:00.000Z"],
      [101, "2026-03-16T09:00:00.000Z"],
    ]);

    // Not tried again every run: only the dashboard refresh reads config the next day.
    await h.time.advanceDays(1);
    nockConfig(SHOP, NO_DASHBOARD);
    await runSweep(h);
  });

  it("retries the whole run later when GitHub fails with a server error, posting nothing twice", async () => {
    await seedSenseItem(h, { issueNumber: 100, shippedAt: "2026-03-01T09:00:00.000Z" });
    await seedSenseItem(h, { hypothesisNumber: 13, issueNumber: 101 });
    await h.time.advanceDays(14);
    nockConfig(SHOP, NO_DASHBOARD);
    nockCreateComment(SHOP, 100, 9001);
    nockAddLabels(SHOP, 100);
    nockCommentFailing(SHOP, 101, 502);
    const firstLabel = nockAddLabels(SHOP, 101);

    const first = await runSweep(h);

    expect(first.retry).toBe(1);
    expect(firstLabel.calls).toHaveLength(1);
    await h.time.advanceSeconds(FIRST_RETRY_SECONDS * 4);
    // Only what is not done yet is retried: the comment (looked for first), not the label.
    nockListComments(SHOP, 101, []);
    const reminder = nockCreateComment(SHOP, 101, 9002);
    const second = await h.drain();

    expect(second).toEqual({ done: 1, parked: 0, dead: 0, retry: 0 });
    expect(reminder.body.body).toContain("key=reminder:2:");
    expect((await items()).map((i) => i.state)).toEqual(["overdue", "overdue"]);
  });
});

describe("installations that are gone", () => {
  it("marks a removed installation inactive and still sweeps the other one in the same run", async () => {
    await seedSenseItem(h, { repo: GONE, installationId: GONE_INSTALLATION, issueNumber: 300 });
    await seedSenseItem(h, { assignees: ["pam"] });
    await h.time.advanceDays(14);
    nockInstallationTokenFor(GONE_INSTALLATION, 404);
    nockConfig(SHOP, NO_DASHBOARD);
    nockAddLabels(SHOP, 100);
    const reminder = nockCreateComment(SHOP, 100, 9001);

    const counts = await runSweep(h);

    expect(counts).toEqual({ done: 3, parked: 0, dead: 0, retry: 0 });
    expect(reminder.body.body).toMatch(/^@pam — /);
    const rows = await h.rt.db.select({ id: installations.id, active: installations.active }).from(installations).orderBy(asc(installations.id));
    expect(rows).toEqual([
      { id: INSTALLATION_ID, active: true },
      { id: GONE_INSTALLATION, active: false },
    ]);
    const [gone] = await h.rt.db.select().from(senseItems).where(eq(senseItems.installationId, GONE_INSTALLATION));
    expect([gone!.state, gone!.remindedForDue]).toEqual(["sensing", null]);

    // The next run does not ask GitHub about it again.
    await withoutGitHub(async () => {
      await h.time.advanceSeconds(15 * 60);
      await runSweep(h);
    });
  });

  it("marks a suspended installation (its token refused with 403) suspended, not gone, and skips it", async () => {
    await seedSenseItem(h, { repo: GONE, installationId: GONE_INSTALLATION, issueNumber: 300 });
    await h.time.advanceDays(14);
    nockInstallationTokenFor(GONE_INSTALLATION, 403);

    const counts = await runSweep(h);

    expect(counts).toEqual({ done: 2, parked: 0, dead: 0, retry: 0 });
    const [row] = await h.rt.db.select().from(installations).where(eq(installations.id, GONE_INSTALLATION));
    expect([row!.active, row!.suspended]).toEqual([true, true]);
  });
});

describe("rate limits", () => {
  it("parks the installation's sweep until the limit resets, then posts exactly one reminder", async () => {
    await seedSenseItem(h, { assignees: ["pam"] });
    await h.time.advanceDays(14);
    const resetAt = new Date(h.time.now().getTime() + 10 * 60_000);
    nockConfig(SHOP, NO_DASHBOARD);
    const refused = nockCommentRateLimited(SHOP, 100, resetAt);

    const first = await runSweep(h);

    expect(first).toEqual({ done: 1, parked: 1, dead: 0, retry: 0 });
    expect(refused.calls).toHaveLength(1);
    expect((await items())[0]!.state).toBe("sensing");

    // Before the reset nothing runs.
    await withoutGitHub(async () => {
      await h.time.advanceSeconds(5 * 60);
      expect(await h.drain()).toEqual({ done: 0, parked: 0, dead: 0, retry: 0 });
    });

    await h.time.set(new Date(resetAt.getTime() + 2000));
    nockConfig(SHOP, NO_DASHBOARD);
    // The refused attempt left its ledger key without a result: the comment is looked for first.
    nockListComments(SHOP, 100, []);
    const reminder = nockCreateComment(SHOP, 100, 9001);
    const label = nockAddLabels(SHOP, 100);
    const second = await h.drain();

    expect(second).toEqual({ done: 1, parked: 0, dead: 0, retry: 0 });
    expect(label.body).toEqual({ labels: ["needs-response"] });
    expect(reminder.calls).toHaveLength(1);
    expect(reminder.body.body).toBe(refused.body.body);
    expect((await items())[0]!.state).toBe("overdue");
  });
});
