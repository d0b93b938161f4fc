import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveries, responses, senseItems } from "../src/db/schema/index.js";
import { nockConfig, nockRoleName } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { expectNoGitHubCall, nockRecorded } from "./helpers/respond-github.js";
import { issueCommentEvent } from "./helpers/respond-payloads.js";
import { seedSenseItem } from "./helpers/seed.js";
import { nockCreateComment } from "./helpers/ship-github.js";

const h = useHarness();

const LEARNING = "Customers used reorder once, then went back to search";
const commentUrl = (id: number) => `https://github.com/acme/shop/issues/100#issuecomment-${id}`;


/** Config (unless a job read it moments ago: it is cached) and the role check that come before any reply to a writer. */
function nockWriter(login = "maria", o: { configCached?: boolean } = {}) {
  if (!o.configCached) nockConfig(SHOP, null);
  nockRoleName(SHOP, login, "write");
}

async function stored() {
  const [item] = await h.rt.db.select().from(senseItems);
  return { item: item!, responses: await h.rt.db.select().from(responses) };
}

describe("a /respond that cannot be read", () => {
  it.each([
    ["no learning", "/respond pivot", "What you learned is missing: write at least a sentence after the decision, for example `/respond pivot Customers used it once, then went back to search`."],
    ["a one-word learning", "/respond pivot ok", "What you learned is missing: write at least a sentence after the decision, for example `/respond pivot Customers used it once, then went back to search`."],
    ["no decision", "/respond", "Say what you decided and what you learned, for example `/respond pivot Customers used it once, then went back to search`."],
    ["an unknown decision", "/respond maybe it worked for some of them", "“maybe” is not a decision; start with persevere, pivot or kill, for example `/respond pivot Customers used it once, then went back to search`."],
  ])("answers %s with one reply saying what is missing, and records nothing", async (_name, body, message) => {
    await seedSenseItem(h);
    nockWriter();
    const reply = nockCreateComment(SHOP, 100, 8001);

    await h.receive("issue_comment", issueCommentEvent("created", { body }));
    await h.drain();
    // The same comment delivered again (a new delivery id): no second reply.
    nockWriter("maria", { configCached: true });
    await h.receive("issue_comment", issueCommentEvent("created", { body }));
    await h.drain();

    expect(reply.calls).toHaveLength(1);
    expect(reply.body.body).toBe(`@maria, nothing was recorded: ${message}\n\n<!-- senseloop:comment key=problem:7001 -->`);
    const { item, responses: recorded } = await stored();
    expect([item.state, item.respondedAt]).toEqual(["sensing", null]);
    expect(recorded).toEqual([]);
  });
});

describe("comments that are not commands", () => {
  it.each([
    ["quoted", `> /respond pivot ${LEARNING}\n\nAgreed with this.`],
    ["in a fenced code block", `Type this:\n\n\`\`\`\n/respond pivot ${LEARNING}\n\`\`\``],
    ["in an indented code block", `Type this:\n\n    /respond pivot ${LEARNING}`],
    ["mid-sentence", `I think we should /respond pivot ${LEARNING}`],
    ["inline code", `Use \`/respond pivot ${LEARNING}\` when ready`],
    ["inside an HTML comment", `<!--\n/respond pivot ${LEARNING}\n-->\nNot yet.`],
  ])("ignores a command %s without any GitHub call", async (_name, body) => {
    await seedSenseItem(h);
    expectNoGitHubCall();

    await h.receive("issue_comment", issueCommentEvent("created", { body }));
    const counts = await h.drain();

    expect(counts).toEqual({ done: 1, parked: 0, dead: 0, retry: 0 });
    expect((await stored()).responses).toEqual([]);
  });

  it("ignores a command added by editing an old comment", async () => {
    await seedSenseItem(h);
    expectNoGitHubCall();

    await h.receive("issue_comment", issueCommentEvent("edited", { body: `/respond pivot ${LEARNING}` }), "d-edit");
    await h.drain();

    const [delivery] = await h.rt.db.select().from(deliveries).where(eq(deliveries.id, "d-edit"));
    expect([delivery!.status, delivery!.reason]).toEqual(["ignored", "unhandled_event"]);
    expect((await stored()).responses).toEqual([]);
  });

  it("ignores a command on an issue that is not a sense issue without any GitHub call", async () => {
    await seedSenseItem(h);
    expectNoGitHubCall();

    await h.receive("issue_comment", issueCommentEvent("created", { issueNumber: 12, body: `/respond pivot ${LEARNING}` }));
    await h.receive("issue_comment", issueCommentEvent("created", { issueNumber: 55, commentId: 7002, body: `/respond pivot ${LEARNING}` }));
    const counts = await h.drain();

    expect(counts.done).toBe(2);
    expect((await stored()).responses).toEqual([]);
  });

  it("reads a command on its own line among other text, with the learning continued on the next line", async () => {
    await seedSenseItem(h);
    nockWriter();
    const writes = nockRecorded();

    await h.receive("issue_comment", issueCommentEvent("created", { body: "Thanks for the data, everyone.\r\n/respond pivot Customers used reorder once,\r\nthen went back to search\r\n" }));
    await h.drain();

    expect(writes.label.body).toEqual({ labels: ["pivot"] });
    expect((await stored()).responses.map((r) => r.learning)).toEqual(["Customers used reorder once,\nthen went back to search"]);
  });
});

describe("a command delivered twice", () => {
  it("records a response once when GitHub delivers it twice under the same id", async () => {
    await seedSenseItem(h);
    nockWriter();
    const writes = nockRecorded();

    await h.receive("issue_comment", issueCommentEvent("created", { body: `/respond kill ${LEARNING}` }), "d-same");
    await h.receive("issue_comment", issueCommentEvent("created", { body: `/respond kill ${LEARNING}` }), "d-same");
    await h.drain();

    expect(writes.summary.calls).toHaveLength(1);
    expect(writes.onHypothesis.calls).toHaveLength(1);
    expect((await stored()).responses).toHaveLength(1);
  });

  it("records a response once, with one summary and one hypothesis comment, when the same comment arrives under a new id", async () => {
    const loop = await seedSenseItem(h);
    nockWriter();
    const first = nockRecorded();
    await h.receive("issue_comment", issueCommentEvent("created", { body: `/respond kill ${LEARNING}` }));
    await h.drain();
    const respondedAt = h.time.now();
    await h.time.advanceSeconds(60);

    // The replay finds every write of the first attempt in the write ledger: none reaches GitHub again.
    nockWriter("maria", { configCached: true });
    await h.receive("issue_comment", issueCommentEvent("created", { body: `/respond kill ${LEARNING}` }));
    await h.drain();

    expect(first.summary.calls).toHaveLength(1);
    expect(first.onHypothesis.calls).toHaveLength(1);
    const { item, responses: recorded } = await stored();
    expect(recorded.map((r) => [r.senseItemId, r.decision, r.commentId, r.respondedAt])).toEqual([[loop.senseItemId, "kill", 7001, respondedAt]]);
    expect([item.state, item.respondedAt]).toEqual(["responded", respondedAt]);
  });

  it("answers a second, different /respond once and keeps the first decision", async () => {
    await seedSenseItem(h);
    nockWriter();
    nockRecorded();
    await h.receive("issue_comment", issueCommentEvent("created", { body: `/respond kill ${LEARNING}` }));
    await h.drain();

    nockWriter("omar", { configCached: true });
    const reply = nockCreateComment(SHOP, 100, 8003);
    await h.receive("issue_comment", issueCommentEvent("created", { author: "omar", commentId: 7002, body: "/respond persevere Actually it grew repeat orders by a lot" }));
    await h.drain();
    nockWriter("omar", { configCached: true });
    await h.receive("issue_comment", issueCommentEvent("created", { author: "omar", commentId: 7002, body: "/respond persevere Actually it grew repeat orders by a lot" }));
    await h.drain();

    expect(reply.calls).toHaveLength(1);
    expect(reply.body.body).toBe(`@omar, a response was already recorded here ([kill](${commentUrl(7001)})); nothing changed.\n\n<!-- senseloop:comment key=already:7002 -->`);
    const { item, responses: recorded } = await stored();
    expect(item.state).toBe("responded");
    expect(recorded.map((r) => [r.decision, r.actorLogin])).toEqual([["kill", "maria"]]);
  });
});
