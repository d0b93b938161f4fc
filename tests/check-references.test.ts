import { describe, expect, it } from "vitest";
import {
  nockCheckReads,
  nockCreateCheckRun,
  nockIssue,
  nockOpenHypotheses,
  nockRepoInstallation,
  nockRepository,
} from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { INSTALLATION_ID, PRODUCT, SECRET, SHOP } from "./helpers/ids.js";
import { pullRequestEvent } from "./helpers/payloads.js";
import { hypothesisRow, hypothesisRows, linkedHypotheses, pullRequestRow, repositoryRow } from "./helpers/state.js";

const h = useHarness();

const HEAD = "a".repeat(40);
const OPEN_HYPOTHESES = [
  { number: 12, title: "Returning customers reorder a past basket" },
  { number: 14, title: "Guests who see delivery dates check out more" },
];

async function openPullRequest() {
  await h.receive("pull_request", pullRequestEvent("opened"));
  return h.drain();
}

describe("references that resolve", () => {
  it("passes a PR whose description names `#12`, an open hypothesis of its own repository", async () => {
    nockCheckReads({ body: "Adds a reorder button.\n\nHypothesis: #12" });
    nockIssue(SHOP, 12, { title: "Returning customers reorder a past basket" });
    const check = nockCreateCheckRun();

    const counts = await openPullRequest();

    expect(counts).toEqual({ done: 2, parked: 0, dead: 0, retry: 0 });
    expect(check.calls).toHaveLength(1);
    expect(check.body).toMatchObject({
      name: "Senseloop / hypothesis",
      head_sha: HEAD,
      status: "completed",
      conclusion: "success",
      external_id: `senseloop:${SHOP.id}:7`,
      output: { title: "Serves acme/shop#12" },
      actions: [{ identifier: "recheck", label: "Re-check" }],
    });
    expect(check.body.output.summary).toContain("- [acme/shop#12](https://github.com/acme/shop/issues/12) Returning customers reorder a past basket");
    expect(await pullRequestRow(h, SHOP, 7)).toMatchObject({
      outcome: "linked",
      headSha: HEAD,
      references: [{ raw: "#12", repo: "acme/shop", number: 12, repositoryId: SHOP.id, problem: null }],
    });
    expect(await linkedHypotheses(h, SHOP, 7)).toEqual([{ repositoryId: SHOP.id, number: 12 }]);
    expect(await hypothesisRow(h, SHOP, 12)).toMatchObject({ state: "open", labels: ["hypothesis"], title: "Returning customers reorder a past basket" });
  });

  it("resolves `owner/repo#12` in another repository of the same installation after asking GitHub which installation holds it", async () => {
    nockCheckReads({ body: "Hypothesis: acme/product#12" });
    nockRepoInstallation(PRODUCT, INSTALLATION_ID);
    nockRepository(PRODUCT);
    nockIssue(PRODUCT, 12, { title: "Returning customers reorder a past basket" });
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("success");
    expect(check.body.output.title).toBe("Serves acme/product#12");
    expect(check.body.output.summary).toContain("[acme/product#12](https://github.com/acme/product/issues/12)");
    expect(await repositoryRow(h, PRODUCT)).toMatchObject({ installationId: INSTALLATION_ID, owner: "acme", name: "product", removedAt: null });
    expect(await linkedHypotheses(h, SHOP, 7)).toEqual([{ repositoryId: PRODUCT.id, number: 12 }]);
  });

  it("asks GitHub about another repository and its hypothesis once, then knows them", async () => {
    nockCheckReads({ body: "Hypothesis: acme/product#12" });
    nockRepoInstallation(PRODUCT, INSTALLATION_ID);
    nockRepository(PRODUCT);
    nockIssue(PRODUCT, 12);
    nockCreateCheckRun();
    await openPullRequest();
    // The second check reads neither the repository nor the issue: the first one mirrored it.
    nockCheckReads({ body: "Hypothesis: acme/product#12", headSha: "b".repeat(40), config: "cached" });
    const second = nockCreateCheckRun(SHOP, 556);

    await h.receive("pull_request", pullRequestEvent("synchronize", { headSha: "b".repeat(40) }));
    await h.drain();

    expect(second.body.output.title).toBe("Serves acme/product#12");
  });

  it("reads an issue URL", async () => {
    nockCheckReads({ body: "Hypothesis: https://github.com/acme/shop/issues/12" });
    nockIssue(SHOP, 12);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("success");
    expect(check.body.output.title).toBe("Serves acme/shop#12");
  });

  it("reads a reference written in the PR title", async () => {
    nockCheckReads({ title: "Add reorder button (Hypothesis: #12)", body: "Adds a reorder button." });
    nockIssue(SHOP, 12);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("success");
    expect(check.body.output.title).toBe("Serves acme/shop#12");
  });

  it("reads a `Hypothesis:` trailer in a commit message", async () => {
    nockCheckReads({ body: "Adds a reorder button.", commits: ["Add reorder button\n\nHypothesis: #12\nSigned-off-by: Alice <alice@example.com>"] });
    nockIssue(SHOP, 12);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("success");
    expect(check.body.output.title).toBe("Serves acme/shop#12");
    expect((await pullRequestRow(h, SHOP, 7))?.references).toMatchObject([{ raw: "#12", number: 12 }]);
  });

  it("lists every reference when a PR names several, from the description and the title", async () => {
    nockCheckReads({ title: "Tune copy (Hypothesis: #14)", body: "Hypothesis: #12, acme/product#3" });
    nockIssue(SHOP, 12, { title: "Returning customers reorder" });
    nockRepoInstallation(PRODUCT, INSTALLATION_ID);
    nockRepository(PRODUCT);
    nockIssue(PRODUCT, 3, { title: "Saved baskets bring people back" });
    nockIssue(SHOP, 14, { title: "Delivery dates lift checkout" });
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("success");
    expect(check.body.output.title).toBe("Serves acme/shop#14, acme/shop#12, acme/product#3");
    const summary: string = check.body.output.summary;
    expect(summary).toContain("- [acme/shop#12](https://github.com/acme/shop/issues/12) Returning customers reorder");
    expect(summary).toContain("- [acme/product#3](https://github.com/acme/product/issues/3) Saved baskets bring people back");
    expect(summary).toContain("- [acme/shop#14](https://github.com/acme/shop/issues/14) Delivery dates lift checkout");
    expect(await linkedHypotheses(h, SHOP, 7)).toHaveLength(3);
  });

  it("does not list the commits when the description names a hypothesis: their trailers are for PRs whose description names none", async () => {
    // No commits mock: listing them would be a call no test expected.
    nockCheckReads({ body: "Hypothesis: #12" });
    nockIssue(SHOP, 12);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.output.title).toBe("Serves acme/shop#12");
    expect(await linkedHypotheses(h, SHOP, 7)).toEqual([{ repositoryId: SHOP.id, number: 12 }]);
  });

  it("resolves a bare `#12` in the central repository when `hypotheses.repo` is configured", async () => {
    nockCheckReads({ body: "Hypothesis: #12", config: "hypotheses:\n  repo: acme/product\n" });
    nockRepoInstallation(PRODUCT, INSTALLATION_ID);
    nockRepository(PRODUCT);
    nockIssue(PRODUCT, 12, { title: "Returning customers reorder" });
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("success");
    expect(check.body.output.title).toBe("Serves acme/product#12");
    expect(await linkedHypotheses(h, SHOP, 7)).toEqual([{ repositoryId: PRODUCT.id, number: 12 }]);
    expect(await hypothesisRow(h, SHOP, 12)).toBeUndefined();
  });

  it("follows the pull request as GitHub has it now, not the webhook's stale copy", async () => {
    nockCheckReads({ title: "Add reorder button", body: "Hypothesis: #12" });
    nockIssue(SHOP, 12);
    const check = nockCreateCheckRun();

    await h.receive("pull_request", pullRequestEvent("edited", { title: "chore: tidy", body: "Hypothesis: none — a stale description" }));
    await h.drain();

    expect(check.body.conclusion).toBe("success");
    expect(check.body.output.title).toBe("Serves acme/shop#12");
    expect(await pullRequestRow(h, SHOP, 7)).toMatchObject({ title: "Add reorder button", outcome: "linked", exemption: null });
  });
});

describe("references that do not resolve", () => {
  const failing = (summary: string) => summary.split("\n\nOpen hypotheses in acme/shop:")[0]!;

  it("fails naming an issue that does not exist, and lists the open hypotheses to pick from", async () => {
    nockCheckReads({ body: "Hypothesis: #99" });
    nockIssue(SHOP, 99, null);
    nockOpenHypotheses(SHOP, OPEN_HYPOTHESES);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("failure");
    expect(check.body.output.title).toBe("Hypothesis reference is not valid — acme/shop#99 was not found");
    expect(check.body.output.summary).toContain("- `#99`: acme/shop#99 was not found.");
    expect(check.body.output.summary).toContain(
      "Open hypotheses in acme/shop:\n\n" +
        "- `#12` [Returning customers reorder a past basket](https://github.com/acme/shop/issues/12)\n" +
        "- `#14` [Guests who see delivery dates check out more](https://github.com/acme/shop/issues/14)",
    );
    expect(check.body.actions).toEqual([{ identifier: "recheck", label: "Re-check", description: expect.any(String) }]);
    expect(await pullRequestRow(h, SHOP, 7)).toMatchObject({ outcome: "invalid", references: [{ raw: "#99", problem: "was not found" }] });
    expect(await hypothesisRows(h)).toEqual([]);
  });

  it("fails naming a closed hypothesis", async () => {
    nockCheckReads({ body: "Hypothesis: #12" });
    nockIssue(SHOP, 12, { state: "closed" });
    nockOpenHypotheses(SHOP, OPEN_HYPOTHESES.slice(1));
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("failure");
    expect(check.body.output.title).toBe("Hypothesis reference is not valid — acme/shop#12 is closed");
    expect(failing(check.body.output.summary)).toContain("- `#12`: acme/shop#12 is closed.");
    expect(await hypothesisRow(h, SHOP, 12)).toMatchObject({ state: "closed" });
  });

  it("fails naming an issue without the hypothesis label", async () => {
    nockCheckReads({ body: "Hypothesis: #12" });
    nockIssue(SHOP, 12, { labels: ["bug"] });
    nockOpenHypotheses(SHOP, OPEN_HYPOTHESES);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("failure");
    expect(check.body.output.title).toBe("Hypothesis reference is not valid — acme/shop#12 does not carry the `hypothesis` label");
    expect(check.body.output.summary).toContain("Each must name an open issue with the `hypothesis` label");
    expect(await hypothesisRows(h)).toEqual([]);
  });

  it("fails naming a pull request, whether GitHub says so or its URL does", async () => {
    nockCheckReads({ body: "Hypothesis: #5\nHypothesis: https://github.com/acme/shop/pull/6" });
    nockIssue(SHOP, 5, { pullRequest: true });
    nockOpenHypotheses(SHOP, OPEN_HYPOTHESES);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("failure");
    expect(check.body.output.title).toBe("Hypothesis reference is not valid — acme/shop#5 is a pull request, not a hypothesis issue");
    const summary = failing(check.body.output.summary);
    expect(summary).toContain("- `#5`: acme/shop#5 is a pull request, not a hypothesis issue.");
    expect(summary).toContain("- `https://github.com/acme/shop/pull/6`: acme/shop#6 is a pull request, not a hypothesis issue.");
  });

  it.each([
    ["GitHub knows no installation of ours there", null],
    ["another installation holds it", 77],
  ])("treats a repository of another installation as not found, and stores nothing about it (%s)", async (_case, holder) => {
    nockCheckReads({ body: "Hypothesis: rival/secret#3" });
    nockRepoInstallation(SECRET, holder);
    nockOpenHypotheses(SHOP, OPEN_HYPOTHESES);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("failure");
    expect(check.body.output.title).toBe("Hypothesis reference is not valid — rival/secret#3 was not found (Senseloop only sees repositories it is installed on)");
    expect(failing(check.body.output.summary)).toBe(
      "Fix this reference in the PR description (or the commit trailer):\n\n" +
        "- `rival/secret#3`: rival/secret#3 was not found (Senseloop only sees repositories it is installed on).\n\n" +
        "Each must name an open issue with the `hypothesis` label in a repository Senseloop is installed on.",
    );
    expect(await repositoryRow(h, SECRET)).toBeUndefined();
    expect(await hypothesisRows(h)).toEqual([]);
    expect(await linkedHypotheses(h, SHOP, 7)).toEqual([]);
    expect((await pullRequestRow(h, SHOP, 7))?.references).toEqual([
      { raw: "rival/secret#3", repo: "rival/secret", number: 3, repositoryId: null, problem: "was not found (Senseloop only sees repositories it is installed on)" },
    ]);
  });

  it("fails a `Hypothesis:` line that names no issue", async () => {
    nockCheckReads({ body: "Hypothesis: the reorder one" });
    nockOpenHypotheses(SHOP, OPEN_HYPOTHESES);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("failure");
    expect(check.body.output.title).toMatch(/^Hypothesis reference is not valid — Hypothesis: the reorder one names no issue/);
    expect(check.body.output.summary).toContain("- `Hypothesis: the reorder one` (body): names no issue; write `#12`, `owner/repo#12` or the issue's URL.");
    expect(check.body.output.summary).toContain("- `#12` [Returning customers reorder a past basket]");
  });

  it("fails a PR with one good and one closed reference, naming only the closed one", async () => {
    nockCheckReads({ body: "Hypothesis: #12 #13" });
    nockIssue(SHOP, 12);
    nockIssue(SHOP, 13, { state: "closed" });
    nockOpenHypotheses(SHOP, OPEN_HYPOTHESES);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("failure");
    expect(check.body.output.title).toBe("Hypothesis reference is not valid — acme/shop#13 is closed");
    expect(failing(check.body.output.summary)).not.toContain("acme/shop#12");
    expect(await linkedHypotheses(h, SHOP, 7)).toHaveLength(2);
  });
});
