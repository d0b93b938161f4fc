import { describe, expect, it } from "vitest";
import { nockConfig, nockCreateCheckRun, nockIssue, nockPullRequest, nockPullRequestCommits } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { pullRequestEvent } from "./helpers/payloads.js";

const h = useHarness();

describe("the hypothesis check", () => {
  it("passes a PR whose description names an open hypothesis", async () => {
    nockPullRequest({ body: "Hypothesis: #12" });
    nockConfig(SHOP, null);
    nockPullRequestCommits(SHOP, 7);
    nockIssue(SHOP, 12, { title: "Returning customers reorder" });
    const check = nockCreateCheckRun();

    await h.receive("pull_request", pullRequestEvent("opened"));
    await h.drain();

    expect(check.body).toMatchObject({ name: "Senseloop / hypothesis", head_sha: "a".repeat(40), status: "completed", conclusion: "success" });
    expect(check.body.output.title).toBe("Serves acme/shop#12");
  });
});
