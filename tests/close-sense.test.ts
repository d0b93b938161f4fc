import { describe, expect, it } from "vitest";
import { senseItems } from "../src/db/schema/index.js";
import { nockConfig } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { issuesEvent, user } from "./helpers/payloads.js";
import { expectNoGitHubCall } from "./helpers/respond-github.js";
import { seedSenseItem } from "./helpers/seed.js";
import { nockCreateComment, nockUpdateIssue } from "./helpers/ship-github.js";

const h = useHarness();

const closed = (by = "pam") => issuesEvent("closed", { number: 100, state: "closed", labels: ["sense"], title: "Sense: Returning customers reorder a past basket", sender: user(by) });

async function item() {
  return (await h.rt.db.select().from(senseItems))[0]!;
}

describe("closing a sense issue", () => {
  it("reopens a sense issue closed without a response, with one comment asking for /respond", async () => {
    const loop = await seedSenseItem(h);
    nockConfig(SHOP, null);
    const reopen = nockUpdateIssue(SHOP, 100);
    const comment = nockCreateComment(SHOP, 100, 8001);

    await h.receive("issues", closed("pam"));
    await h.drain();

    expect(reopen.body).toEqual({ state: "open", state_reason: "reopened" });
    expect(comment.body.body).toBe(
      `@pam, this loop is still open: nobody has recorded what the team learned. Reopening so it is not lost.\n\nAnswer with one line: \`/respond persevere|pivot|kill <what we learned>\`, or ask for more time with \`/extend <days> <reason>\`.\n\n<!-- senseloop:comment key=reopened:${loop.senseItemId} -->`,
    );
    expect((await item()).state).toBe("sensing");
  });

  it("reopens it again when it is closed a second time, without a second comment", async () => {
    await seedSenseItem(h);
    nockConfig(SHOP, null);
    const firstReopen = nockUpdateIssue(SHOP, 100);
    const comment = nockCreateComment(SHOP, 100, 8001);
    await h.receive("issues", closed("pam"));
    await h.drain();

    const secondReopen = nockUpdateIssue(SHOP, 100);
    await h.receive("issues", closed("omar"));
    await h.drain();

    expect(firstReopen.calls).toHaveLength(1);
    expect(secondReopen.body).toEqual({ state: "open", state_reason: "reopened" });
    expect(comment.calls).toHaveLength(1);
  });

  it("leaves it closed when respond.reopenWithoutResponse is off", async () => {
    await seedSenseItem(h);
    nockConfig(SHOP, "respond:\n  reopenWithoutResponse: false\n");

    await h.receive("issues", closed("pam"));
    const counts = await h.drain();

    expect(counts).toEqual({ done: 1, parked: 0, dead: 0, retry: 0 });
  });

  it("leaves it closed, without any GitHub call, once a response is recorded", async () => {
    await seedSenseItem(h, { state: "responded" });
    expectNoGitHubCall();

    await h.receive("issues", closed("pam"));
    const counts = await h.drain();

    expect(counts.done).toBe(1);
    expect((await item()).state).toBe("responded");
  });

  it("does not mention a closer whose login is not a plain user login", async () => {
    await seedSenseItem(h);
    nockConfig(SHOP, null);
    nockUpdateIssue(SHOP, 100);
    const comment = nockCreateComment(SHOP, 100, 8001);

    await h.receive("issues", closed("some-app[bot]"));
    await h.drain();

    expect(comment.body.body).toMatch(/^This loop is still open/);
  });
});
