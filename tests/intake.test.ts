import { describe, expect, it } from "vitest";
import { countDeliveries } from "../src/db/queries/deliveries.js";
import { takeContractViolations } from "./helpers/contract-hook.js";
import { forbidGitHubCalls, nockCheckReads, nockCreateCheckRun, nockCreateCheckRunFailing, nockIssue, nockOpenHypotheses, nockPullRequestGone } from "./helpers/github.js";
import { FIRST_RETRY_SECONDS, START, useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { botSender, pullRequestEvent, repositoryEvent } from "./helpers/payloads.js";
import { checkRunRows, deadJobRows, deliveryRow, deliveryRows, jobsIn, pullRequestRow } from "./helpers/state.js";

const h = useHarness();

const NOTHING = { done: 0, parked: 0, dead: 0, retry: 0 };

describe("duplicate deliveries", () => {
  it("runs a delivery received twice once, and counts the duplicate", async () => {
    nockCheckReads();
    nockIssue(SHOP, 12);
    const check = nockCreateCheckRun();
    const payload = pullRequestEvent("opened");

    await h.receive("pull_request", payload, "delivery-twice");
    await h.receive("pull_request", payload, "delivery-twice");
    const counts = await h.drain();

    expect(counts).toEqual({ ...NOTHING, done: 2 });
    expect(check.calls).toHaveLength(1);
    expect(await jobsIn(h, "delivery")).toBe(1);
    expect(await jobsIn(h, "check-pr")).toBe(1);
    expect(await deliveryRow(h, "delivery-twice")).toMatchObject({ status: "done", duplicates: 1, attempts: 1, payload: null });
  });

  it("runs a delivery received three times at once only once", async () => {
    nockCheckReads();
    nockIssue(SHOP, 12);
    const check = nockCreateCheckRun();
    const payload = pullRequestEvent("opened");

    await Promise.all([1, 2, 3].map(() => h.receive("pull_request", payload, "delivery-racing")));
    await h.drain();

    expect(check.calls).toHaveLength(1);
    expect(await jobsIn(h, "delivery")).toBe(1);
    expect(await deliveryRows(h)).toMatchObject([{ id: "delivery-racing", status: "done", duplicates: 2 }]);
  });

  it("drops a redelivery of a delivery that already ran", async () => {
    nockCheckReads();
    nockIssue(SHOP, 12);
    nockCreateCheckRun();
    const payload = pullRequestEvent("opened");
    await h.receive("pull_request", payload, "delivery-replayed");
    await h.drain();
    await h.time.advanceDays(2);

    forbidGitHubCalls();
    await h.receive("pull_request", payload, "delivery-replayed");
    const counts = await h.drain();

    expect(counts).toEqual(NOTHING);
    expect(await deliveryRow(h, "delivery-replayed")).toMatchObject({ status: "done", duplicates: 1 });
  });
});

describe("deliveries Senseloop ignores", () => {
  it("ignores a pull_request event that Senseloop's own bot caused, without a job or a GitHub call", async () => {
    forbidGitHubCalls();

    await h.receive("pull_request", pullRequestEvent("edited", { sender: botSender() }), "own-bot");
    const counts = await h.drain();

    expect(counts).toEqual(NOTHING);
    expect(await deliveryRow(h, "own-bot")).toMatchObject({ status: "ignored", reason: "own_bot", senderLogin: "senseloop[bot]", payload: null });
    expect(await jobsIn(h, "delivery")).toBe(0);
  });

  it("ignores events and actions it does not handle, and counts them by reason", async () => {
    forbidGitHubCalls();

    await h.receive("star", repositoryEvent("star", "created"), "a-star");
    await h.receive("pull_request", pullRequestEvent("assigned"), "an-assignment");
    await h.receive("pull_request", { ...pullRequestEvent("opened"), installation: undefined }, "no-installation");
    const counts = await h.drain();

    expect(counts).toEqual(NOTHING);
    expect(await deliveryRows(h)).toMatchObject([
      { id: "a-star", event: "star", action: "created", status: "ignored", reason: "unhandled_event" },
      { id: "an-assignment", event: "pull_request", action: "assigned", status: "ignored", reason: "unhandled_event" },
      { id: "no-installation", status: "ignored", reason: "no_installation" },
    ]);
    expect(await countDeliveries(h.rt.db, new Date(START))).toEqual([
      { status: "ignored", reason: "no_installation", count: 1 },
      { status: "ignored", reason: "unhandled_event", count: 2 },
    ]);
    expect(await jobsIn(h, "delivery")).toBe(0);
  });
});

describe("bad input", () => {
  it("handles NUL bytes, emoji and right-to-left text in the PR and its hypothesis, storing them without NUL", async () => {
    const title = "Reorder 🛒 button\u0000 — زر إعادة الطلب";
    const body = "Hypothesis: #12\u0000\n\n\u202eRTL override\u202c 🎉 שלום";
    nockCheckReads({ title, body });
    nockIssue(SHOP, 12, { title: "Returning 🛒 customers\u0000 reorder — العملاء" });
    const check = nockCreateCheckRun();

    await h.receive("pull_request", pullRequestEvent("opened", { title, body }), "odd-text");
    const stored = await deliveryRow(h, "odd-text");
    await h.drain();

    expect((stored?.payload as { pull_request: { title: string; body: string } }).pull_request).toMatchObject({
      title: "Reorder 🛒 button — زر إعادة الطلب",
      body: "Hypothesis: #12\n\n\u202eRTL override\u202c 🎉 שלום",
    });
    expect(check.body).toMatchObject({ conclusion: "success", output: { title: "Serves acme/shop#12" } });
    expect(check.body.output.summary).toContain("Returning 🛒 customers reorder — العملاء");
    expect(check.body.output.summary).not.toContain("\u0000");
    expect((await pullRequestRow(h, SHOP, 7))?.title).toBe("Reorder 🛒 button — زر إعادة الطلب");
  });

  it("handles a 60,000-character description", async () => {
    const body = `Hypothesis: #12\n\n${"A long description. ".repeat(3000)}`;
    nockCheckReads({ body });
    nockIssue(SHOP, 12);
    const check = nockCreateCheckRun();

    await h.receive("pull_request", pullRequestEvent("opened", { body }), "long-body");
    const stored = await deliveryRow(h, "long-body");
    const counts = await h.drain();

    expect(body.length).toBeGreaterThan(60_000);
    expect((stored?.payload as { pull_request: { body: string } }).pull_request.body).toHaveLength(body.length);
    expect(counts).toEqual({ ...NOTHING, done: 2 });
    expect(check.body.conclusion).toBe("success");
  });

  it("records a delivery whose payload misses required fields as dead instead of retrying it", async () => {
    const payload = pullRequestEvent("opened");
    delete payload.pull_request;
    forbidGitHubCalls();

    await h.receive("pull_request", payload, "no-pull-request");
    const counts = await h.drain();
    await h.time.advanceSeconds(FIRST_RETRY_SECONDS);
    const later = await h.drain();

    // Not a shape GitHub sends: the contract check says so, and the app must survive it.
    expect(takeContractViolations()).toMatchObject([{ kind: "webhook", event: "pull_request", action: "opened", message: 'must have the required property "pull_request"', schemaPath: "#/definitions/pull_request$opened/required" }]);
    expect(counts).toEqual({ ...NOTHING, dead: 1 });
    expect(later).toEqual(NOTHING);
    expect(await deadJobRows(h)).toMatchObject([{ queue: "delivery", data: { deliveryId: "no-pull-request" }, reason: expect.stringContaining("payload is missing fields: pull_request") }]);
    expect(await deliveryRow(h, "no-pull-request")).toMatchObject({ status: "dead", reason: expect.stringContaining("pull_request"), attempts: 1 });
  });

  it("drops the check quietly when GitHub says the pull request is gone", async () => {
    nockPullRequestGone(SHOP, 7);

    await h.receive("pull_request", pullRequestEvent("opened"));
    const counts = await h.drain();

    expect(counts).toEqual({ ...NOTHING, done: 2 });
    expect(await checkRunRows(h)).toEqual([]);
    expect(await pullRequestRow(h, SHOP, 7)).toBeUndefined();
    expect(await deadJobRows(h)).toEqual([]);
  });

  it("records the check as dead with GitHub's reason when the check-run write answers 422", async () => {
    nockCheckReads({ body: null });
    nockOpenHypotheses(SHOP, []);
    const create = nockCreateCheckRunFailing(SHOP, 422, "Invalid request: output.summary is too long");

    await h.receive("pull_request", pullRequestEvent("opened"));
    const counts = await h.drain();
    await h.time.advanceSeconds(FIRST_RETRY_SECONDS);
    const later = await h.drain();

    expect(create.calls).toHaveLength(1);
    expect(counts).toEqual({ ...NOTHING, done: 1, dead: 1 });
    expect(later).toEqual(NOTHING);
    expect(await deadJobRows(h)).toMatchObject([
      { queue: "check-pr", data: { repositoryId: SHOP.id, number: 7 }, reason: "POST https://api.github.com/repos/acme/shop/check-runs answered 422: Invalid request: output.summary is too long - https://docs.github.com/rest" },
    ]);
  });
});
