import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { environments, senseItems, ships } from "../src/db/schema/index.js";
import { GITHUB_BODY_LIMIT } from "../src/domain/sanitize.js";
import { api, nockConfig, nockIssue } from "./helpers/github.js";
import { FIRST_RETRY_SECONDS, useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { pullRequestObject } from "./helpers/payloads.js";
import { deployBaseline, HYPOTHESIS_BODY, nockHypothesis, nockRange, nockShippedPrs, senseItemRows, senseMarker, shipRows, writeRows } from "./helpers/ship-flow.js";
import { nockCommitPulls, nockCompare, nockCreateComment, nockCreateIssue, nockCreateIssueRateLimited, nockCreateIssueTitled, nockDeployments, nockOwnIssues, nockUpdateIssue, sha } from "./helpers/ship-github.js";
import { deploymentStatusEvent } from "./helpers/ship-payloads.js";
import { deliveryRow, pendingJobs } from "./helpers/state.js";

const h = useHarness();

/** Deploy 2 ships sha(2) (#7) onto the baseline sha(1); #7 serves hypothesis #12. Mocks every read. */
function nockShipOfPr7() {
  nockRange(sha(1), sha(2), [{ sha: sha(2), message: "Add reorder button (#7)", prs: [7] }]);
  nockShippedPrs({ 7: "Hypothesis: #12" });
  nockHypothesis();
}

const deploy2 = () => deploymentStatusEvent({ id: 2, sha: sha(2), at: "2026-03-03T09:00:00Z" });

describe("ship → sense: the sense issue", () => {
  it("opens one sense issue listing both PRs of a hypothesis, ignoring an unlinked PR", async () => {
    // Baseline deploy.
    nockConfig(SHOP, null);
    nockDeployments(SHOP, "production", [{ id: 1, sha: sha(1), createdAt: "2026-03-02T09:00:00Z" }]);
    await h.receive("deployment_status", deploymentStatusEvent({ id: 1, sha: sha(1), at: "2026-03-02T09:00:00Z" }));
    await h.drain();

    nockCompare(SHOP, sha(1), sha(4), "ahead", [
      { sha: sha(2), message: "Add reorder button (#7)" },
      { sha: sha(3), message: "Remember last basket (#8)" },
      { sha: sha(4), message: "Fix typo (#9)" },
    ]);
    nockCommitPulls(SHOP, sha(2), [7]);
    nockCommitPulls(SHOP, sha(3), [8]);
    nockCommitPulls(SHOP, sha(4), [9]);
    for (const [n, body] of [[7, "Hypothesis: #12"], [8, "Hypothesis: #12"], [9, "typo"]] as const) {
      api().get(`/repos/acme/shop/pulls/${n}`).reply(200, pullRequestObject({ number: n, body, merged: true, state: "closed", title: `PR ${n}` }));
    }
    nockIssue(SHOP, 12, { assignees: ["pam"], body: "### We believe\n\nReorder button\n\n### Sense after (days)\n\n14" });
    const issue = nockCreateIssue(SHOP, 100);
    const comment = nockCreateComment(SHOP, 12);

    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(4), at: "2026-03-03T09:00:00Z" }));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect(issue.calls).toHaveLength(1);
    expect(issue.body.title).toBe("Sense: Returning customers reorder a past basket");
    expect(issue.body.labels).toEqual(["sense"]);
    expect(issue.body.assignees).toEqual(["pam"]);
    expect(issue.body.body).toContain("[#7](https://github.com/acme/shop/pull/7) PR 7");
    expect(issue.body.body).toContain("[#8](https://github.com/acme/shop/pull/8) PR 8");
    expect(issue.body.body).not.toContain("#9");
    expect(issue.body.body).toContain("**Respond by 2026-03-17**");
    expect(issue.body.body).toContain("<!-- senseloop:sense hypothesis=acme/shop#12 env=production -->");
    expect(comment.body.body).toMatch(/^Shipped to production in \[deployment 2\]\(https:\/\/ci\.example\.com\/deploys\/2\); sensing until 2026-03-17; follow-up in #100\./);
    const items = await h.rt.db.select().from(senseItems);
    expect(items.map((i) => [i.state, i.issueNumber, i.environment])).toEqual([["sensing", 100, "production"]]);
  });

  it("writes the hypothesis fields, the signal link, the deploy, the due date and the commands into the body", async () => {
    await deployBaseline(h);
    nockShipOfPr7();
    const issue = nockCreateIssue(SHOP, 100);
    nockCreateComment(SHOP, 12);

    await h.receive("deployment_status", deploy2());
    await h.drain();

    const body: string = issue.body.body;
    expect(body).toContain("[acme/shop#12](https://github.com/acme/shop/issues/12) shipped to **production**.");
    expect(body).toContain("**We believe:** Returning customers want to reorder a past basket");
    expect(body).toContain("**By how much:** Repeat purchases +5% in 30 days");
    expect(body).toContain("Where to look: [https://metrics.example.com/d/repeat-purchases](https://metrics.example.com/d/repeat-purchases)");
    expect(body).toContain("First shipped in [deployment 2](https://ci.example.com/deploys/2): `0000000` on 2026-03-03 09:00 UTC.");
    expect(body).toContain("**Respond by 2026-03-17** (14 days after it shipped).");
    expect(body).toContain("/respond persevere <what we learned>");
    expect(body).toContain("`/extend <days> <reason>`");
    expect(body.endsWith(senseMarker())).toBe(true);
    const [item] = await senseItemRows(h);
    expect(item!.dueAt.toISOString()).toBe("2026-03-17T09:00:00.000Z");
    expect(item!.shippedAt.toISOString()).toBe("2026-03-03T09:00:00.000Z");
  });

  it("opens one sense issue and one hypothesis comment when the same deploy is delivered twice, and again under a new delivery id", async () => {
    await deployBaseline(h);
    nockShipOfPr7();
    const issue = nockCreateIssue(SHOP, 100);
    const comment = nockCreateComment(SHOP, 12);

    await h.receive("deployment_status", deploy2(), "ship-redelivered");
    await h.receive("deployment_status", deploy2(), "ship-redelivered");
    await h.drain();
    // A new delivery id gets past intake; its ship job finds the ship done (the config it reads is cached).
    await h.receive("deployment_status", deploy2(), "ship-replayed");
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect(issue.calls).toHaveLength(1);
    expect(comment.calls).toHaveLength(1);
    expect((await deliveryRow(h, "ship-redelivered"))?.duplicates).toBe(1);
    expect((await deliveryRow(h, "ship-replayed"))?.status).toBe("done");
    expect((await shipRows(h)).map((s) => [s.sourceRef, s.kind])).toEqual([
      ["1", "baseline"],
      ["2", "ahead"],
    ]);
    expect(await senseItemRows(h)).toHaveLength(1);
  });

  it("finds the issue a 502 hid through our bot's marker on the retry, and creates no second one", async () => {
    await deployBaseline(h);
    nockShipOfPr7();
    const failed = nockCreateIssue(SHOP, 100, 502);

    await h.receive("deployment_status", deploy2());
    const first = await h.drain();

    expect(first.retry).toBe(1);
    expect(failed.calls).toHaveLength(1);
    expect((await writeRows(h)).map((w) => [w.key, w.status])).toEqual([["sense-issue:1", "pending"]]);

    await h.time.advanceSeconds(FIRST_RETRY_SECONDS);
    nockOwnIssues(SHOP, [{ number: 100, body: `${failed.body.body}` }]);
    const comment = nockCreateComment(SHOP, 12);
    const second = await h.drain();

    expect(second).toMatchObject({ done: 1, retry: 0, dead: 0 });
    expect(comment.body.body).toContain("follow-up in #100.");
    const [item] = await senseItemRows(h);
    expect([item!.state, item!.issueNumber, item!.issueUrl]).toEqual(["sensing", 100, "https://github.com/acme/shop/issues/100"]);
    expect((await writeRows(h)).find((w) => w.key === "sense-issue:1")).toMatchObject({ status: "done", attempts: 2 });
  });

  it("forgets the write key when GitHub refuses the issue outright (403), so nothing is searched for later", async () => {
    await deployBaseline(h);
    nockShipOfPr7();
    const refused = nockCreateIssue(SHOP, 100, 403);

    await h.receive("deployment_status", deploy2());
    const counts = await h.drain();

    expect(refused.calls).toHaveLength(1);
    expect(counts.dead).toBe(1);
    expect(await writeRows(h)).toEqual([]);
  });

  it("does not trust a sense marker in an issue someone else wrote: the retry creates the issue", async () => {
    await deployBaseline(h);
    nockShipOfPr7();
    nockCreateIssue(SHOP, 100, 502);
    await h.receive("deployment_status", deploy2());
    await h.drain();

    await h.time.advanceSeconds(FIRST_RETRY_SECONDS);
    nockOwnIssues(SHOP, [{ number: 100, body: `Copied from the real one\n\n${senseMarker()}`, byOwnApp: false }]);
    const created = nockCreateIssue(SHOP, 101);
    const comment = nockCreateComment(SHOP, 12);
    await h.drain();

    expect(created.calls).toHaveLength(1);
    expect(created.body.body).toContain(senseMarker());
    expect(comment.body.body).toContain("follow-up in #101.");
    expect((await senseItemRows(h))[0]!.issueNumber).toBe(101);
  });

  it("updates the body and adds one 'more shipped' comment when a later deploy ships more for the same hypothesis", async () => {
    await deployBaseline(h);
    nockShipOfPr7();
    nockCreateIssue(SHOP, 100);
    nockCreateComment(SHOP, 12);
    await h.receive("deployment_status", deploy2());
    await h.drain();

    nockRange(sha(2), sha(3), [{ sha: sha(3), message: "Remember last basket (#8)", prs: [8] }]);
    nockShippedPrs({ 8: "Hypothesis: #12" });
    const update = nockUpdateIssue(SHOP, 100);
    const more = nockCreateComment(SHOP, 100);
    const deploy3 = deploymentStatusEvent({ id: 3, sha: sha(3), at: "2026-03-10T15:00:00Z" });
    await h.receive("deployment_status", deploy3);
    await h.drain();
    // Delivered again under a new id: nothing more.
    await h.receive("deployment_status", deploy3);
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect(update.calls).toHaveLength(1);
    expect(update.body.body).toContain("- [#7](https://github.com/acme/shop/pull/7) PR 7\n- [#8](https://github.com/acme/shop/pull/8) PR 8");
    expect(update.body.body).toContain("**Respond by 2026-03-17**");
    expect(update.body.body).toContain("First shipped in [deployment 2]");
    expect(more.calls).toHaveLength(1);
    expect(more.body.body).toBe(
      [
        "More work for this hypothesis shipped to production in [deployment 3](https://ci.example.com/deploys/3):",
        "- [#8](https://github.com/acme/shop/pull/8) PR 8",
        "",
        "The due date stays 2026-03-17.",
        "",
        "<!-- senseloop:comment key=more-shipped:1:3 -->",
      ].join("\n"),
    );
    const items = await senseItemRows(h);
    expect(items).toHaveLength(1);
    expect(items[0]!.dueAt.toISOString()).toBe("2026-03-17T09:00:00.000Z");
  });

  it("never echoes a live mention or raw HTML from the hypothesis, keeps the body under GitHub's limit, and assigns real logins only", async () => {
    const hostile = "@someone <script>alert(1)</script>";
    const belief = `${hostile} ${"reorder ".repeat(70_000 / 8)}`;
    const body = HYPOTHESIS_BODY.replace("Returning customers want to reorder a past basket", belief).replace("Returning customers\n", `${hostile} and @acme/growth\n`).replace("https://metrics.example.com/d/repeat-purchases", `Ask ${hostile}`);
    expect(belief.length).toBeGreaterThan(70_000);
    await deployBaseline(h);
    nockRange(sha(1), sha(2), [{ sha: sha(2), message: "Add reorder button (#7)", prs: [7] }]);
    api().get("/repos/acme/shop/pulls/7").reply(200, pullRequestObject({ number: 7, state: "closed", merged: true, title: `Reorder for ${hostile}`, body: "Hypothesis: #12" }));
    nockIssue(SHOP, 12, { title: `Reorder ${hostile}`, body, assignees: ["pam", "helper[bot]"] });
    const issue = nockCreateIssue(SHOP, 100);
    const comment = nockCreateComment(SHOP, 12);

    await h.receive("deployment_status", deploy2());
    await h.drain();

    const sent: string = issue.body.body;
    expect(sent.length).toBeLessThan(GITHUB_BODY_LIMIT);
    expect(sent).not.toMatch(/(^|[^\w`\u200b])@(someone|acme)/);
    expect(sent).toContain("@\u200bsomeone");
    expect(sent).not.toMatch(/<\/?script/i);
    expect(sent).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(sent.endsWith(senseMarker())).toBe(true);
    expect(issue.body.assignees).toEqual(["pam"]);
    expect(issue.body.title.length).toBeLessThanOrEqual(256);
    expect(comment.body.body).not.toMatch(/@someone|<script>/);
  });

  it("assigns the hypothesis's author when it has no assignees, and nobody when the author is a bot", async () => {
    await deployBaseline(h);
    nockRange(sha(1), sha(3), [
      { sha: sha(2), message: "Add reorder button (#7)", prs: [7] },
      { sha: sha(3), message: "Automate reorders (#8)", prs: [8] },
    ]);
    nockShippedPrs({ 7: "Hypothesis: #12", 8: "Hypothesis: #13" });
    nockHypothesis({ assignees: [], author: "maria" });
    nockHypothesis({ assignees: [], author: "planner[bot]", title: "Bots plan better" }, SHOP, 13);
    const reorder = nockCreateIssueTitled(SHOP, 100, "Sense: Returning customers reorder a past basket");
    const bots = nockCreateIssueTitled(SHOP, 101, "Sense: Bots plan better");
    nockCreateComment(SHOP, 12);
    nockCreateComment(SHOP, 13);

    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(3), at: "2026-03-03T09:00:00Z" }));
    await h.drain();

    expect(reorder.calls.map((c) => c.assignees)).toEqual([["maria"]]);
    expect(bots.calls.map((c) => c.assignees)).toEqual([[]]);
    expect((await senseItemRows(h)).map((i) => i.issueNumber).sort()).toEqual([100, 101]);
  });

  it("parks the job when GitHub's rate limit refuses the issue, and opens the issue once the limit resets", async () => {
    await deployBaseline(h);
    nockShipOfPr7();
    const resetAt = new Date(h.time.now().getTime() + 10 * 60_000);
    const refused = nockCreateIssueRateLimited(SHOP, resetAt);

    await h.receive("deployment_status", deploy2());
    const first = await h.drain();

    expect(first).toMatchObject({ parked: 1, dead: 0, retry: 0 });
    expect(refused.calls).toHaveLength(1);
    expect(await pendingJobs(h, "sense-issue")).toBe(1);
    expect(await h.drain()).toMatchObject({ done: 0, parked: 0 });

    await h.time.advanceSeconds(10 * 60 + 2);
    nockConfig(SHOP, null);
    nockOwnIssues(SHOP, []);
    const issue = nockCreateIssue(SHOP, 100);
    const comment = nockCreateComment(SHOP, 12);
    const second = await h.drain();

    expect(second).toMatchObject({ done: 1, parked: 0, dead: 0 });
    expect(issue.calls).toHaveLength(1);
    expect(issue.body.body).toEqual(refused.body.body);
    expect(comment.calls).toHaveLength(1);
    expect((await senseItemRows(h))[0]).toMatchObject({ state: "sensing", issueNumber: 100 });
  });

  it("still opens the sense issue when a ship runs again after its job died between recording the shipment and queueing the issue", async () => {
    await deployBaseline(h);
    nockRange(sha(1), sha(2), [{ sha: sha(2), message: "Add reorder button (#7)", prs: [7] }]);
    nockShippedPrs({ 7: "Hypothesis: #12" });
    nockHypothesis();
    nockCreateIssue(SHOP, 100, 502);
    await h.receive("deployment_status", deploy2());
    await h.drain();
    // The state a crash right after recording leaves: the shipment is stored, the ship is not
    // finished, the live SHA has not moved, and no sense-issue job was ever queued (nor tried).
    await h.rt.db.execute(sql`delete from pgboss.job where name = 'sense-issue'`);
    await h.rt.db.execute(sql`delete from github_writes where key like 'sense-issue:%'`);
    await h.rt.db.update(ships).set({ processedAt: null, kind: null }).where(eq(ships.sourceRef, "2"));
    await h.rt.db.update(environments).set({ liveSha: sha(1), liveSince: new Date("2026-03-02T09:00:00Z") });
    expect(await senseItemRows(h)).toHaveLength(1);

    // The ship job runs again (here: the same deploy delivered under a new id).
    nockCompare(SHOP, sha(1), sha(2), "ahead", [{ sha: sha(2), message: "Add reorder button (#7)" }]);
    nockShippedPrs({ 7: "Hypothesis: #12" });
    const issue = nockCreateIssue(SHOP, 100);
    const comment = nockCreateComment(SHOP, 12);
    await h.receive("deployment_status", deploy2(), "ship-after-crash");
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect(issue.calls).toHaveLength(1);
    expect(issue.body.body).toContain("[#7](https://github.com/acme/shop/pull/7) PR 7");
    expect(comment.calls).toHaveLength(1);
    expect((await senseItemRows(h))[0]).toMatchObject({ state: "sensing", issueNumber: 100 });
    expect((await shipRows(h)).at(-1)).toMatchObject({ kind: "ahead", prNumbers: [7] });
  });
});
