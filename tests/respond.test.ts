import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveries, responses, senseItems } from "../src/db/schema/index.js";
import { nockConfig, nockRoleName } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { BOT_LOGIN, SHOP } from "./helpers/ids.js";
import { expectNoGitHubCall, nockRecorded } from "./helpers/respond-github.js";
import { issueCommentEvent } from "./helpers/respond-payloads.js";
import { seedSenseItem } from "./helpers/seed.js";
import { nockCreateComment } from "./helpers/ship-github.js";

const h = useHarness();

const LEARNING = "Customers used reorder once, then went back to search";
const commentUrl = (id: number) => `https://github.com/acme/shop/issues/100#issuecomment-${id}`;


async function stored() {
  const [item] = await h.rt.db.select().from(senseItems);
  return { item: item!, responses: await h.rt.db.select().from(responses) };
}

describe("what a response echoes", () => {
  it("quotes the learning without turning mentions or markup in it into live ones", async () => {
    await seedSenseItem(h);
    nockConfig(SHOP, null);
    nockRoleName(SHOP, "maria", "write");
    const writes = nockRecorded();

    await h.receive("issue_comment", issueCommentEvent("created", { body: "/respond kill We asked @bob and <b>nobody</b> reordered twice\nsecond line" }));
    await h.drain();

    expect(writes.summary.body.body).toContain("> We asked @\u200Bbob and &lt;b&gt;nobody&lt;/b&gt; reordered twice\n> second line");
    expect(writes.onHypothesis.body.body).toContain("> We asked @\u200Bbob and &lt;b&gt;nobody&lt;/b&gt; reordered twice\n> second line");
    expect((await stored()).responses[0]!.learning).toBe("We asked @bob and <b>nobody</b> reordered twice\nsecond line");
  });
});

describe("who may record a response", () => {
  it.each([
    ["admin", "persevere"],
    ["maintain", "pivot"],
    ["write", "kill"],
  ] as const)("records a response from a user whose role is %s, and labels the hypothesis %s", async (role, decision) => {
    const loop = await seedSenseItem(h, { assignees: ["pam"] });
    nockConfig(SHOP, null);
    nockRoleName(SHOP, "maria", role);
    const writes = nockRecorded();

    await h.receive("issue_comment", issueCommentEvent("created", { body: `/respond ${decision} ${LEARNING}` }));
    await h.drain();

    expect(writes.reaction.body).toEqual({ content: "+1" });
    expect(writes.summary.body.body).toBe(`Recorded: **${decision}** ([response](${commentUrl(7001)})).\n\n> ${LEARNING}\n\nClosing this loop.\n\n<!-- senseloop:comment key=response:${loop.senseItemId} -->`);
    expect(writes.close.body).toEqual({ state: "closed", state_reason: "completed" });
    expect(writes.onHypothesis.body.body).toBe(`After shipping to production, the team decided to **${decision}** (#100):\n\n> ${LEARNING}\n\n<!-- senseloop:comment key=response-hypothesis:${loop.senseItemId} -->`);
    expect(writes.label.body).toEqual({ labels: [decision] });
    const { item, responses: recorded } = await stored();
    expect(item.state).toBe("responded");
    expect(item.respondedAt).toEqual(h.time.now());
    expect(recorded.map((r) => ({ decision: r.decision, learning: r.learning, actor: r.actorLogin, comment: r.commentId, url: r.commentUrl, at: r.respondedAt }))).toEqual([
      { decision, learning: LEARNING, actor: "maria", comment: 7001, url: commentUrl(7001), at: h.time.now() },
    ]);
  });

  it.each(["triage", "read"])("refuses a user whose role is %s with one reply, and stays silent on their second try", async (role) => {
    await seedSenseItem(h, { assignees: ["pam"] });
    nockConfig(SHOP, null);
    nockRoleName(SHOP, "rob", role);
    const reply = nockCreateComment(SHOP, 100, 8001);

    await h.receive("issue_comment", issueCommentEvent("created", { author: "rob", body: `/respond kill ${LEARNING}` }));
    await h.drain();
    nockRoleName(SHOP, "rob", role);
    await h.receive("issue_comment", issueCommentEvent("created", { author: "rob", commentId: 7002, body: `/respond kill ${LEARNING}, really` }));
    await h.drain();

    expect(reply.calls).toHaveLength(1);
    expect(reply.body.body).toMatch(/^@rob, only people with write access to this repository, or the hypothesis's owners, can record a response or extend the due date\. Ask one of them to post the command\.\n\n<!-- senseloop:comment key=refused:1:rob -->$/);
    const { item, responses: recorded } = await stored();
    expect(item.state).toBe("sensing");
    expect(recorded).toEqual([]);
  });

  it("refuses a user GitHub does not know as a collaborator", async () => {
    await seedSenseItem(h, { assignees: ["pam"] });
    nockConfig(SHOP, null);
    nockRoleName(SHOP, "stranger", null);
    const reply = nockCreateComment(SHOP, 100, 8001);

    await h.receive("issue_comment", issueCommentEvent("created", { author: "stranger", body: `/respond kill ${LEARNING}` }));
    await h.drain();

    expect(reply.body.body).toMatch(/^@stranger, only people with write access/);
    expect((await stored()).responses).toEqual([]);
  });

  it("records a response from an assignee of the hypothesis without asking GitHub for their role", async () => {
    await seedSenseItem(h, { assignees: ["pam", "Omar"], author: "alex" });
    nockConfig(SHOP, null);
    const writes = nockRecorded();

    await h.receive("issue_comment", issueCommentEvent("created", { author: "omar", body: `/respond persevere ${LEARNING}` }));
    await h.drain();

    expect(writes.label.body).toEqual({ labels: ["persevere"] });
    expect((await stored()).responses.map((r) => r.actorLogin)).toEqual(["omar"]);
  });

  it("records a response from the author of a hypothesis that has no assignee", async () => {
    await seedSenseItem(h, { assignees: [], author: "alex" });
    nockConfig(SHOP, null);
    nockRecorded();

    await h.receive("issue_comment", issueCommentEvent("created", { author: "alex", body: `/respond pivot ${LEARNING}` }));
    await h.drain();

    expect((await stored()).responses.map((r) => r.actorLogin)).toEqual(["alex"]);
  });

  it("treats the author of a hypothesis that has assignees like anyone else: their role decides", async () => {
    await seedSenseItem(h, { assignees: ["pam"], author: "alex" });
    nockConfig(SHOP, null);
    nockRoleName(SHOP, "alex", "read");
    const reply = nockCreateComment(SHOP, 100, 8001);

    await h.receive("issue_comment", issueCommentEvent("created", { author: "alex", body: `/respond pivot ${LEARNING}` }));
    await h.drain();

    expect(reply.body.body).toMatch(/^@alex, only people with write access/);
    expect((await stored()).responses).toEqual([]);
  });

  it("ignores a command from another bot without any GitHub call", async () => {
    await seedSenseItem(h);
    expectNoGitHubCall();

    await h.receive("issue_comment", issueCommentEvent("created", { author: "helper[bot]", authorType: "Bot", body: `/respond kill ${LEARNING}` }));
    const counts = await h.drain();

    expect(counts).toEqual({ done: 1, parked: 0, dead: 0, retry: 0 });
    expect((await stored()).responses).toEqual([]);
  });

  it("drops a command written by our own bot at intake", async () => {
    await seedSenseItem(h);
    expectNoGitHubCall();

    await h.receive("issue_comment", issueCommentEvent("created", { author: BOT_LOGIN, authorType: "Bot", body: `/respond kill ${LEARNING}` }), "d-own");
    const counts = await h.drain();

    expect(counts.done).toBe(0);
    const [delivery] = await h.rt.db.select().from(deliveries).where(eq(deliveries.id, "d-own"));
    expect([delivery!.status, delivery!.reason]).toEqual(["ignored", "own_bot"]);
    expect((await stored()).responses).toEqual([]);
  });
});
