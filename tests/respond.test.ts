import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { responses, senseItems } from "../src/db/schema/index.js";
import { nockAddLabels, nockConfig, nockRoleName } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { nockReaction, nockRemoveLabel } from "./helpers/respond-github.js";
import { issueCommentEvent } from "./helpers/respond-payloads.js";
import { seedSenseItem } from "./helpers/seed.js";
import { nockCreateComment, nockUpdateIssue } from "./helpers/ship-github.js";

const h = useHarness();

describe("recording a response", () => {
  it("records /respond from a writer: reaction, summary, close, hypothesis comment and label", async () => {
    const loop = await seedSenseItem(h, { assignees: ["pam"] });
    nockConfig(SHOP, null);
    nockRoleName(SHOP, "maria", "write");
    const reaction = nockReaction(SHOP, 7001);
    const summary = nockCreateComment(SHOP, 100, 8001);
    nockRemoveLabel(SHOP, 100, "needs-response", 404);
    const close = nockUpdateIssue(SHOP, 100);
    const onHypothesis = nockCreateComment(SHOP, 12, 8002);
    const label = nockAddLabels(SHOP, 12);

    await h.receive("issue_comment", issueCommentEvent("created", { body: "/respond pivot Customers used reorder once, then went back to search" }));
    await h.drain();

    expect(reaction.body).toEqual({ content: "+1" });
    expect(summary.body.body).toContain("Recorded: **pivot**");
    expect(close.body).toEqual({ state: "closed", state_reason: "completed" });
    expect(onHypothesis.body.body).toContain("decided to **pivot**");
    expect(label.body).toEqual({ labels: ["pivot"] });
    const [item] = await h.rt.db.select().from(senseItems).where(eq(senseItems.id, loop.senseItemId));
    expect(item!.state).toBe("responded");
    const recorded = await h.rt.db.select().from(responses);
    expect(recorded.map((r) => [r.decision, r.actorLogin, r.commentId])).toEqual([["pivot", "maria", 7001]]);
  });
});
