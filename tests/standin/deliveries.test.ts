import { describe, expect, it } from "vitest";
import { appOctokit, seedShop, startReceiver, startStandin } from "./helpers.js";

async function setup() {
  const receiver = await startReceiver();
  const standin = await startStandin({ webhook: { url: receiver.url } });
  const seeded = seedShop(standin);
  await standin.settle();
  return { standin, receiver, app: appOctokit(standin), ...seeded };
}

const openIssues = (standin: Awaited<ReturnType<typeof setup>>["standin"], count: number) => {
  for (let i = 1; i <= count; i++) standin.openIssue({ repo: "acme/shop", actor: "pam", title: `Issue ${i}` });
};

describe("the webhook deliveries log", () => {
  it("lists attempts newest first with GitHub's fields, paged by the cursor in Link", async () => {
    const { standin, app, installationId, shop } = await setup();
    openIssues(standin, 4);
    await standin.settle();

    const first = await app.request("GET /app/hook/deliveries", { per_page: 2 });
    const [newest, older] = first.data;
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.link ?? "")![1]!;
    const second = await app.request(`GET ${next.replace(standin.urls.api, "")}`);
    const all = await app.paginate("GET /app/hook/deliveries", { per_page: 2 });

    expect(first.data.map((d) => d.action)).toEqual(["opened", "opened"]);
    expect(newest).toEqual({ id: expect.any(Number), guid: expect.stringMatching(/^[0-9a-f-]{36}$/), delivered_at: expect.stringMatching(/Z$/), redelivery: false, duration: expect.any(Number), status: "OK", status_code: 202, event: "issues", action: "opened", installation_id: installationId, repository_id: shop.id, throttled_at: null });
    expect(newest!.id).toBeGreaterThan(older!.id);
    expect(next).toMatch(/[?&]cursor=v1_\d+/);
    expect((second.data as { id: number }[])[0]!.id).toBeLessThan(older!.id);
    expect(all.map((d) => d.event)).toEqual(["issues", "issues", "issues", "issues", "installation"]);
  });

  it("shows one delivery with its request and response, and redelivers it with the same guid", async () => {
    const { standin, receiver, app } = await setup();
    openIssues(standin, 1);
    await standin.settle();
    const [latest] = (await app.request("GET /app/hook/deliveries", { per_page: 1 })).data as { id: number; guid: string }[];

    const { data: detail } = await app.request("GET /app/hook/deliveries/{delivery_id}", { delivery_id: latest!.id });
    const attempt = await app.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: latest!.id });
    await standin.settle();
    const [again] = (await app.request("GET /app/hook/deliveries", { per_page: 1 })).data as { id: number; guid: string; redelivery: boolean }[];

    expect(detail).toMatchObject({ guid: latest!.guid, url: receiver.url, request: { headers: { "x-github-event": "issues" }, payload: { action: "opened" } }, response: { payload: '{"ok":true}' } });
    expect(attempt.status).toBe(202);
    expect(again).toMatchObject({ guid: latest!.guid, redelivery: true });
    expect(again!.id).not.toBe(latest!.id);
    expect(receiver.received.slice(-2).map((r) => r.id)).toEqual([latest!.guid, latest!.guid]);
  });

  it("keeps a delivery the receiver refused failed until it is redelivered", async () => {
    const { standin, receiver, app } = await setup();
    receiver.answer(503);
    openIssues(standin, 1);
    await standin.settle();
    receiver.answer(202);

    const failed = standin.deliveries({ state: "failed" });
    const { data: listed } = await app.request("GET /app/hook/deliveries", { status: "failure" });
    await app.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: failed[0]!.id });
    await standin.settle();

    expect(failed.map((d) => [d.event, d.statusCode])).toEqual([["issues", 503]]);
    expect(listed[0]).toMatchObject({ id: failed[0]!.id, status: "Invalid HTTP Response: 503", status_code: 503 });
    expect(standin.deliveries().at(-1)).toMatchObject({ guid: failed[0]!.guid, state: "delivered", redelivery: true });
  });

  it("loses webhooks while delivery is paused, as if the receiver were down, until they are redelivered", async () => {
    const { standin, receiver } = await setup();
    const before = receiver.received.length;
    standin.pauseDeliveries();
    openIssues(standin, 2);
    await standin.settle();
    standin.resumeDeliveries();
    openIssues(standin, 1);
    await standin.settle();

    const lost = standin.deliveries({ state: "failed" });
    expect(lost.map((d) => [d.payload.issue && (d.payload.issue as { number: number }).number, d.statusCode])).toEqual([[1, 0], [2, 0]]);
    expect(receiver.received.slice(before).map((r) => r.payload.issue.number)).toEqual([3]);

    for (const d of lost) standin.redeliver({ id: d.id });
    await standin.settle();
    expect(receiver.received.slice(before).map((r) => [r.payload.issue.number, r.id])).toEqual([[3, expect.any(String)], [1, lost[0]!.guid], [2, lost[1]!.guid]]);
  });

  it("delivers in the order things happened, one at a time", async () => {
    const { standin, receiver } = await setup();
    const before = receiver.received.length;

    const issue = standin.openIssue({ repo: "acme/shop", actor: "pam", title: "Sense: x", labels: ["sense", "needs-response"], assignees: ["alice"] });
    standin.comment({ repo: "acme/shop", number: issue.number, actor: "alice", body: "on it" });
    standin.closeIssue({ repo: "acme/shop", number: issue.number, actor: "pam" });
    await standin.settle();

    expect(receiver.names().slice(before)).toEqual(["issues.opened", "issues.labeled", "issues.labeled", "issues.assigned", "issue_comment.created", "issues.closed"]);
  });

  it("delivers one at a time by default, however slowly the receiver answers", async () => {
    const { standin, receiver } = await setup();
    receiver.answerAfter(30);
    openIssues(standin, 3);
    await standin.settle();

    expect(receiver.maxInFlight()).toBe(1);
  });

  it("keeps several webhooks in flight with webhookConcurrency, so a slow answer holds back no other", async () => {
    const receiver = await startReceiver();
    const standin = await startStandin({ webhook: { url: receiver.url }, webhookConcurrency: 3 });
    seedShop(standin);
    await standin.settle();
    receiver.answerAfter(50);
    const before = receiver.received.length;

    openIssues(standin, 6);
    await standin.settle();

    expect(receiver.maxInFlight()).toBe(3);
    expect(receiver.received.slice(before).map((r) => r.payload.issue.number).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(standin.deliveries({ event: "issues" }).map((d) => d.state)).toEqual(Array(6).fill("delivered"));
  });

  it("is driven over HTTP by the control API as well", async () => {
    const { standin, receiver } = await setup();
    const control = async (method: string, body: unknown = {}) => {
      const res = await fetch(`${standin.url}/_standin/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };

    const issue = await control("openIssue", { repo: "acme/shop", actor: "pam", title: "Over HTTP" });
    const settled = await control("settle");
    const clock = await control("advanceClock", { days: 2 });
    const unknown = await control("nope");
    const refused = await control("openIssue", { repo: "acme/shop", actor: "nobody", title: "x" });

    expect(issue).toMatchObject({ status: 200, body: { number: 1, htmlUrl: `${standin.url}/acme/shop/issues/1` } });
    expect(settled.body.failed).toBe(0);
    expect(receiver.names().at(-1)).toBe("issues.opened");
    expect(Date.parse(clock.body.now) - Date.now()).toBeGreaterThan(47 * 3_600_000);
    expect(unknown.status).toBe(404);
    expect(refused).toMatchObject({ status: 404, body: { message: "no user nobody" } });
  });
});
