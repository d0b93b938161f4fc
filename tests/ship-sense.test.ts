import { describe, expect, it } from "vitest";
import { senseItems } from "../src/db/schema/index.js";
import { nockConfig, nockIssue } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { pullRequestObject } from "./helpers/payloads.js";
import { nockCommitPulls, nockCompare, nockCreateComment, nockCreateIssue, nockDeployments, sha } from "./helpers/ship-github.js";
import { deploymentStatusEvent } from "./helpers/ship-payloads.js";
import { api } from "./helpers/github.js";

const h = useHarness();

describe("ship → sense", () => {
  it("opens one sense issue listing both PRs of a hypothesis, ignoring an unlinked PR", async () => {
    // Baseline deploy.
    nockConfig(SHOP, null);
    nockDeployments(SHOP, "production", [{ id: 1, sha: sha(1), createdAt: "2026-03-02T09:00:00Z" }]);
    await h.receive("deployment_status", deploymentStatusEvent({ id: 1, sha: sha(1), at: "2026-03-02T09:00:00Z" }));
    await h.drain();

    nockConfig(SHOP, null);
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
    nockConfig(SHOP, null);
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
});
