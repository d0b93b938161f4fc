import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { extensions, senseItems } from "../src/db/schema/index.js";
import { deliveryJob } from "../src/jobs/definitions.js";
import { QUEUES } from "../src/jobs/queues.js";
import { runJob } from "../src/jobs/run-job.js";
import { api, nockAddLabels, nockConfig, nockContents, nockRoleName } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { nockReaction, nockRemoveLabel } from "./helpers/respond-github.js";
import { issueCommentEvent } from "./helpers/respond-payloads.js";
import { seedSenseItem } from "./helpers/seed.js";
import { reactionObject } from "./helpers/rest-ship-objects.js";
import { nockCreateComment, nockUpdateIssue } from "./helpers/ship-github.js";

const h = useHarness();

const NO_DASHBOARD = "dashboard:\n  issue: false\n";
const DAY = 86_400_000;
const START = new Date("2026-03-02T09:00:00.000Z");
const at = (days: number) => new Date(START.getTime() + days * DAY);

/**
 * A writer's `/extend`: config (read once; the sense-issue job finds it cached, and so does the
 * whole `/extend` when `configCached`) and role, then the reaction, the reply, the overdue label
 * removed, and the sense issue's body edit.
 */
function nockExtended(commentId: number, o: { unlabel?: number; configCached?: boolean } = {}) {
  if (!o.configCached) nockConfig(SHOP, NO_DASHBOARD);
  nockRoleName(SHOP, "maria", "write");
  const reaction = nockReaction(SHOP, commentId);
  const reply = nockCreateComment(SHOP, 100, commentId + 1000);
  nockRemoveLabel(SHOP, 100, "needs-response", o.unlabel ?? 404);
  const issue = nockUpdateIssue(SHOP, 100);
  return { reaction, reply, issue };
}

async function item() {
  return (await h.rt.db.select().from(senseItems))[0]!;
}

const extend = (commentId: number, body: string) => h.receive("issue_comment", issueCommentEvent("created", { commentId, body }));

describe("/extend", () => {
  it("moves a due date that has not passed by the days asked, replies once and re-renders the sense issue", async () => {
    const loop = await seedSenseItem(h);
    await h.time.advanceDays(3);
    const writes = nockExtended(7001);

    await extend(7001, "/extend 7 waiting for the weekly data");
    await h.drain();

    expect(writes.reaction.body).toEqual({ content: "+1" });
    expect(writes.reply.body.body).toBe("Due date moved to **2026-03-23** (extension 1 of 2): waiting for the weekly data\n\n<!-- senseloop:comment key=extended:7001 -->");
    expect(writes.issue.body.body).toContain("**Respond by 2026-03-23** (21 days after it shipped, moved by `/extend` once).");
    expect(Object.keys(writes.issue.body)).toEqual(["body"]);
    const row = await item();
    expect({ dueAt: row.dueAt, extensions: row.extensions, state: row.state }).toEqual({ dueAt: at(21), extensions: 1, state: "sensing" });
    expect((await h.rt.db.select().from(extensions)).map((e) => ({ item: e.senseItemId, days: e.days, reason: e.reason, by: e.actorLogin, from: e.previousDueAt, to: e.newDueAt }))).toEqual([
      { item: loop.senseItemId, days: 7, reason: "waiting for the weekly data", by: "maria", from: at(14), to: at(21) },
    ]);
  });

  it("counts from today when the due date has passed, and the new due date earns a new reminder", async () => {
    await seedSenseItem(h, { assignees: ["pam"] });
    // Reminded for the first due date.
    await h.time.advanceDays(14);
    nockConfig(SHOP, NO_DASHBOARD);
    nockAddLabels(SHOP, 100);
    const firstReminder = nockCreateComment(SHOP, 100, 9001);
    await h.rt.boss.send(QUEUES.sweep.name, {});
    await h.drain();
    expect((await item()).state).toBe("overdue");

    await h.time.advanceDays(6);
    // The dashboard refresh the reminder queued reads the config; the /extend then finds it cached.
    nockConfig(SHOP, NO_DASHBOARD);
    const writes = nockExtended(7001, { unlabel: 200, configCached: true });
    await extend(7001, "/extend 7 days waiting for the weekly data");
    await h.drain();

    expect(writes.reply.body.body).toMatch(/^Due date moved to \*\*2026-03-29\*\* \(extension 1 of 2\)/);
    const extended = await item();
    expect({ dueAt: extended.dueAt, state: extended.state, remindedForDue: extended.remindedForDue }).toEqual({ dueAt: at(27), state: "sensing", remindedForDue: at(14) });

    // The day before the new due date: no GitHub call (the dashboard refresh already ran with the extension).
    await h.time.advanceDays(6);
    await h.rt.boss.send(QUEUES.sweep.name, {});
    await h.drain();

    await h.time.advanceDays(1);
    nockConfig(SHOP, NO_DASHBOARD);
    const label = nockAddLabels(SHOP, 100);
    const secondReminder = nockCreateComment(SHOP, 100, 9002);
    await h.rt.boss.send(QUEUES.sweep.name, {});
    await h.drain();

    expect(firstReminder.calls).toHaveLength(1);
    expect(label.body).toEqual({ labels: ["needs-response"] });
    expect(secondReminder.body.body).toContain("was due for a response on 2026-03-29");
    expect(secondReminder.body.body).toContain(`key=reminder:1:${at(27).toISOString()}`);
    expect((await item()).state).toBe("overdue");
  });

  it("moves the due date once when the same /extend arrives twice", async () => {
    await seedSenseItem(h);
    const writes = nockExtended(7001);
    await extend(7001, "/extend 7 waiting for the weekly data");
    await h.drain();

    // The replay finds its writes in the write ledger and the sense issue's body unchanged: nothing is written again.
    nockRoleName(SHOP, "maria", "write");
    await extend(7001, "/extend 7 waiting for the weekly data");
    await h.drain();

    expect(writes.reply.calls).toHaveLength(1);
    const row = await item();
    expect({ dueAt: row.dueAt, extensions: row.extensions }).toEqual({ dueAt: at(21), extensions: 1 });
    expect(await h.rt.db.select({ comment: extensions.commentId }).from(extensions)).toEqual([{ comment: 7001 }]);
  });

  it("refuses a third extension with one reply and changes nothing", async () => {
    await seedSenseItem(h);
    nockExtended(7001);
    await extend(7001, "/extend 7 waiting for the weekly data");
    await h.drain();
    const second = nockExtended(7002, { configCached: true });
    await extend(7002, "/extend 5 the billing cycle ends later");
    await h.drain();
    expect(second.reply.body.body).toMatch(/^Due date moved to \*\*2026-03-28\*\* \(extension 2 of 2\)/);
    const before = await item();

    nockRoleName(SHOP, "maria", "write");
    const refusal = nockCreateComment(SHOP, 100, 8003);
    await extend(7003, "/extend 10 one more week please");
    await h.drain();

    expect(refusal.calls).toHaveLength(1);
    expect(refusal.body.body).toBe(
      "@maria, the due date was already moved 2 times, the most this repository allows. Respond with what you know now: `/respond persevere|pivot|kill <what we learned>`.\n\n<!-- senseloop:comment key=extend-limit:7003 -->",
    );
    const after = await item();
    expect({ dueAt: after.dueAt, extensions: after.extensions }).toEqual({ dueAt: before.dueAt, extensions: 2 });
    expect(await h.rt.db.select({ comment: extensions.commentId }).from(extensions).orderBy(asc(extensions.id))).toEqual([{ comment: 7001 }, { comment: 7002 }]);
  });

  it.each([
    ["no reason", "/extend 7", "Say why the team needs more time, for example `/extend 14 The signal needs two more billing cycles`."],
    ["no days", "/extend", "Say how many more days the team needs and why, for example `/extend 14 The signal needs two more billing cycles`."],
    ["days out of range", "/extend 120 a very long quarter", "“120” is not a whole number of days from 1 to 90; write, for example, `/extend 14 The signal needs two more billing cycles`."],
  ])("answers an /extend with %s with one reply and moves nothing", async (_name, body, message) => {
    await seedSenseItem(h);
    nockConfig(SHOP, null);
    nockRoleName(SHOP, "maria", "write");
    const reply = nockCreateComment(SHOP, 100, 8001);

    await extend(7001, body);
    await h.drain();

    expect(reply.body.body).toBe(`@maria, nothing was recorded: ${message}\n\n<!-- senseloop:comment key=problem:7001 -->`);
    const row = await item();
    expect({ dueAt: row.dueAt, extensions: row.extensions }).toEqual({ dueAt: at(14), extensions: 0 });
  });

  it("lets only one of two /extend comments handled at the same time take the last extension", async () => {
    const loop = await seedSenseItem(h, { assignees: ["pam"] });
    await h.rt.db.update(senseItems).set({ extensions: 1 });
    await h.rt.db.insert(extensions).values({ senseItemId: loop.senseItemId, days: 3, reason: "earlier", actorLogin: "pam", commentId: 6000, previousDueAt: at(14), newDueAt: at(17), createdAt: at(0) });
    for (const id of [7001, 7002]) {
      // Both jobs may find the config missing from the cache and ask; or the second finds it cached.
      nockContents(SHOP.fullName, ".github/senseloop.yml", NO_DASHBOARD, { optional: id === 7002 });
      api().post(`/repos/${SHOP.fullName}/issues/comments/${id}/reactions`).optionally().reply(201, reactionObject("+1"));
    }
    const replies = [nockCreateComment(SHOP, 100, 9001), nockCreateComment(SHOP, 100, 9002)];
    nockRemoveLabel(SHOP, 100, "needs-response", 404);
    await h.receive("issue_comment", issueCommentEvent("created", { commentId: 7001, body: "/extend 7 waiting for data", author: "pam" }));
    await h.receive("issue_comment", issueCommentEvent("created", { commentId: 7002, body: "/extend 5 one more week", author: "pam" }));
    const jobs = await h.rt.boss.fetch(QUEUES.delivery.name, { batchSize: 2 });

    await Promise.all(jobs.map((job) => runJob(h.rt, deliveryJob, job as never)));

    expect(jobs).toHaveLength(2);
    expect(await h.rt.db.select().from(extensions)).toHaveLength(2);
    expect((await item()).extensions).toBe(2);
    const bodies = replies.map((r) => r.body.body as string);
    expect(bodies.filter((b) => b.startsWith("Due date moved to"))).toHaveLength(1);
    expect(bodies.filter((b) => b.includes("the due date was already moved 2 times"))).toHaveLength(1);
  });

  it("answers an /extend after the response that there is nothing to move", async () => {
    await seedSenseItem(h, { state: "responded" });
    nockConfig(SHOP, null);
    nockRoleName(SHOP, "maria", "write");
    const reply = nockCreateComment(SHOP, 100, 8001);

    await extend(7001, "/extend 7 waiting for the weekly data");
    await h.drain();

    expect(reply.body.body).toBe("@maria, this loop is already closed; there is no due date to move.\n\n<!-- senseloop:comment key=nothing-to-extend:7001 -->");
    expect((await item()).dueAt).toEqual(at(14));
  });
});
