import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { githubWrites, senseItems } from "../../src/db/schema/index.js";
import { QUEUES } from "../../src/jobs/queues.js";
import { FakeRepo } from "../helpers/fake-repo.js";
import { nockCheckReads, nockConfig } from "../helpers/github.js";
import { FIRST_RETRY_SECONDS, useHarness } from "../helpers/harness.js";
import { SHOP } from "../helpers/ids.js";
import { pullRequestEvent } from "../helpers/payloads.js";
import { seedSenseItem } from "../helpers/seed.js";
import { NO_DASHBOARD, runSweep } from "../helpers/sweep-github.js";

const h = useHarness();
const NOTHING = { done: 0, parked: 0, dead: 0, retry: 0 };
const EXEMPT = { title: "docs: tidy the readme", body: "Tidies the readme." };

/**
 * GitHub can apply a write and still answer 5xx (its front end gave up waiting). The retry must
 * find what was written, not write it again: each case ends with one of everything on GitHub.
 */
describe("GitHub answers 502 after applying a write", () => {
  it("leaves one check run: the retry finds ours on the commit and updates it", async () => {
    const github = new FakeRepo(SHOP);
    github.applyThenFail("check-run");
    nockCheckReads(EXEMPT);
    await h.receive("pull_request", pullRequestEvent("opened", EXEMPT));

    const first = await h.drain();
    await h.time.advanceSeconds(FIRST_RETRY_SECONDS);
    nockCheckReads({ ...EXEMPT, config: "cached" });
    const retry = await h.drain();

    expect([first, retry]).toEqual([
      { ...NOTHING, done: 1, retry: 1 },
      { ...NOTHING, done: 1 },
    ]);
    expect(github.checkRuns).toMatchObject([{ headSha: "a".repeat(40), conclusion: "success", title: "Exempt — no hypothesis needed" }]);
    expect(github.writes).toEqual(["check-run"]);
  });

  it("leaves one sense issue: the retry finds ours by its marker", async () => {
    const github = new FakeRepo(SHOP);
    const { senseItemId } = await seedSenseItem(h, { state: "shipped" });
    // As the ship left it before the issue was ever opened.
    await h.rt.db.delete(githubWrites).where(eq(githubWrites.key, `sense-issue:${senseItemId}`));
    await h.rt.db.update(senseItems).set({ issueNumber: null, issueUrl: null });
    github.applyThenFail("issue");
    nockConfig(SHOP, null);
    await h.rt.boss.send(QUEUES.senseIssue.name, { senseItemId });

    const first = await h.drain();
    await h.time.advanceSeconds(FIRST_RETRY_SECONDS);
    const retry = await h.drain();

    expect([first, retry]).toEqual([
      { ...NOTHING, retry: 1 },
      { ...NOTHING, done: 1 },
    ]);
    expect(github.issues.map((i) => [i.number, i.title, [...i.labels]])).toEqual([[100, "Sense: Returning customers reorder a past basket", ["sense"]]]);
    expect(github.writes).toEqual(["issue"]);
    expect((await h.rt.db.select().from(senseItems))[0]).toMatchObject({ issueNumber: 100, state: "sensing" });
  });

  it("leaves one reminder comment and one label: the retry finds the comment, and adding the label again keeps one", async () => {
    const github = new FakeRepo(SHOP);
    github.issue(100);
    await seedSenseItem(h, { assignees: ["pam"] });
    await h.time.advanceDays(14);
    github.applyThenFail("comment");
    github.applyThenFail("labels");
    nockConfig(SHOP, NO_DASHBOARD);

    const first = await runSweep(h);
    await h.time.advanceSeconds(FIRST_RETRY_SECONDS * 4);
    const retry = await h.drain();

    expect([first.retry, retry]).toEqual([1, { ...NOTHING, done: 1 }]);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toMatch(/^@pam — /);
    expect([...github.issue(100).labels]).toEqual(["needs-response"]);
    // The comment was found, not posted again; the label was added twice, which GitHub keeps as one.
    expect(github.writes).toEqual(["comment", "labels", "labels"]);
    expect((await h.rt.db.select().from(senseItems))[0]!.state).toBe("overdue");
  });
});
