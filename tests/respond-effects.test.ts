import { describe, expect, it } from "vitest";
import { responses, senseItems } from "../src/db/schema/index.js";
import { api, newCapture, nockAddLabels, nockConfig, nockRoleName, recorded } from "./helpers/github.js";
import { FIRST_RETRY_SECONDS, useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { nockReaction, nockRecorded, nockRemoveLabel } from "./helpers/respond-github.js";
import { issueCommentEvent } from "./helpers/respond-payloads.js";
import { seedSenseItem } from "./helpers/seed.js";
import { nockCreateComment, nockUpdateIssue } from "./helpers/ship-github.js";
import { deadJobRows, ledgerEntry } from "./helpers/state.js";

const h = useHarness();

const LEARNING = "Customers used reorder once, then went back to search";
const respond = (decision = "pivot") => h.receive("issue_comment", issueCommentEvent("created", { body: `/respond ${decision} ${LEARNING}` }));

async function loop() {
  const [item] = await h.rt.db.select().from(senseItems);
  return item!;
}

describe("a response's writes, each on its own", () => {
  it("still closes, summarises and labels when the 👍 is refused because the command comment was deleted", async () => {
    const seeded = await seedSenseItem(h);
    nockConfig(SHOP, null);
    nockRoleName(SHOP, "maria", "write");
    const reaction = newCapture();
    api().post(`/repos/${SHOP.fullName}/issues/comments/7001/reactions`).reply(recorded(reaction, 404, { message: "Not Found" }));
    const summary = nockCreateComment(SHOP, 100, 8001);
    nockRemoveLabel(SHOP, 100, "needs-response", 404);
    const close = nockUpdateIssue(SHOP, 100);
    const onHypothesis = nockCreateComment(SHOP, 12, 8002);
    const label = nockAddLabels(SHOP, 12);

    await respond();
    const counts = await h.drain();

    expect(counts).toMatchObject({ dead: 0, retry: 0 });
    expect(reaction.calls).toHaveLength(1);
    expect(summary.body.body).toMatch(/^Recorded: \*\*pivot\*\*/);
    expect(close.body).toEqual({ state: "closed", state_reason: "completed" });
    expect(onHypothesis.body.body).toMatch(/the team decided to \*\*pivot\*\*/);
    expect(label.body).toEqual({ labels: ["pivot"] });
    expect(await ledgerEntry(h, "react:7001")).toMatchObject({ status: "refused", reason: expect.stringContaining("answered 404") });
    expect(await deadJobRows(h)).toEqual([]);
    expect((await loop()).state).toBe("responded");
    expect(await h.rt.db.select({ item: responses.senseItemId }).from(responses)).toEqual([{ item: seeded.senseItemId }]);
  });

  it("retries only the close when GitHub answers it 502 once", async () => {
    await seedSenseItem(h);
    nockConfig(SHOP, null);
    nockRoleName(SHOP, "maria", "write");
    const reaction = nockReaction(SHOP, 7001);
    const summary = nockCreateComment(SHOP, 100, 8001);
    nockRemoveLabel(SHOP, 100, "needs-response", 404);
    const failedClose = nockUpdateIssue(SHOP, 100, 502);
    const onHypothesis = nockCreateComment(SHOP, 12, 8002);
    const label = nockAddLabels(SHOP, 12);

    await respond();
    const first = await h.drain();

    expect(first).toMatchObject({ done: 0, retry: 1 });
    expect([reaction, summary, failedClose, onHypothesis, label].map((w) => w.calls.length)).toEqual([1, 1, 1, 1, 1]);

    // The retry reads the author's role again (the config is cached), then makes the one write not done yet.
    nockRoleName(SHOP, "maria", "write");
    const close = nockUpdateIssue(SHOP, 100);
    await h.time.advanceSeconds(FIRST_RETRY_SECONDS);
    const retry = await h.drain();

    expect(retry).toMatchObject({ done: 1, retry: 0, dead: 0 });
    expect(close.body).toEqual({ state: "closed", state_reason: "completed" });
    expect((await loop()).state).toBe("responded");
  });
});

describe("a response on a rolled-back loop", () => {
  it("is recorded like any other, closes the sense issue and labels the hypothesis", async () => {
    await seedSenseItem(h, { state: "rolled_back" });
    nockConfig(SHOP, null);
    nockRoleName(SHOP, "maria", "write");
    const writes = nockRecorded();

    await respond("kill");
    await h.drain();

    expect(writes.summary.body.body).toMatch(/^Recorded: \*\*kill\*\*/);
    expect(writes.close.body).toEqual({ state: "closed", state_reason: "completed" });
    expect(writes.label.body).toEqual({ labels: ["kill"] });
    const item = await loop();
    expect([item.state, item.respondedAt]).toEqual(["responded", h.time.now()]);
  });
});
