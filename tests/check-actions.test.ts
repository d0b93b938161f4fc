import { describe, expect, it } from "vitest";
import {
  forbidGitHubCalls,
  nockAddLabels,
  nockCheckReads,
  nockCreateCheckRun,
  nockIssue,
  nockOpenHypotheses,
  nockRoleName,
  nockUpdateCheckRun,
} from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { checkRunEvent, checkSuiteEvent, pullRequestEvent, user } from "./helpers/payloads.js";
import { deliveryRow, pendingJobs, pullRequestRow } from "./helpers/state.js";

const h = useHarness();

const CONFIG = "exempt:\n  label: skip-hypothesis\n";
const BODY = "Adds a reorder button.";
const NOTHING = { done: 0, parked: 0, dead: 0, retry: 0 };

/** Arrange: PR 7 names no hypothesis, so its check run 555 fails and offers "Exempt this PR". */
async function failingCheckExists() {
  nockCheckReads({ body: BODY, config: CONFIG });
  nockOpenHypotheses(SHOP, [{ number: 12 }]);
  nockCreateCheckRun(SHOP, 555);
  await h.receive("pull_request", pullRequestEvent("opened", { body: BODY }));
  await h.drain();
}

async function click(identifier: string, login: string, o: Parameters<typeof checkRunEvent>[1] = {}) {
  await h.receive("check_run", checkRunEvent("requested_action", { identifier, sender: user(login), ...o }), `click-${identifier}-${login}`);
  return h.drain();
}

describe("Exempt this PR", () => {
  it.each(["admin", "maintain", "write"])("adds the configured exempt label for a user with the %s role, then passes the PR", async (role) => {
    await failingCheckExists();
    nockRoleName(SHOP, "maria", role);
    const label = nockAddLabels(SHOP, 7);
    nockCheckReads({ body: BODY, config: "cached", labels: ["skip-hypothesis"] });
    const update = nockUpdateCheckRun(SHOP, 555);

    const counts = await click("exempt", "maria");

    expect(counts).toEqual({ ...NOTHING, done: 2 });
    expect(label.calls).toEqual([{ labels: ["skip-hypothesis"] }]);
    expect(update.body).toMatchObject({ conclusion: "success", output: { title: "Exempt — no hypothesis needed" } });
    expect(update.body.output.summary).toContain("It carries the `skip-hypothesis` label.");
    expect(await pullRequestRow(h, SHOP, 7)).toMatchObject({ outcome: "exempt", exemption: "label: It carries the `skip-hypothesis` label." });
  });

  it.each(["triage", "read"])("refuses a user with the %s role: no label, and the check says who asked and why not", async (role) => {
    await failingCheckExists();
    nockRoleName(SHOP, "tom", role);
    nockCheckReads({ body: BODY, config: "cached" });
    nockOpenHypotheses(SHOP, [{ number: 12 }]);
    const update = nockUpdateCheckRun(SHOP, 555);

    await click("exempt", "tom");

    expect(update.body.conclusion).toBe("failure");
    expect(update.body.output.summary).toMatch(new RegExp(`\\n\\n> tom asked to exempt this PR, but exempting needs write access to the repository \\(theirs is ${role}\\)\\.$`));
    expect((await pullRequestRow(h, SHOP, 7))?.outcome).toBe("missing");
  });

  it("accepts a custom repository role built on write access, by its base permission", async () => {
    await failingCheckExists();
    nockRoleName(SHOP, "rita", "release-manager", "write");
    const label = nockAddLabels(SHOP, 7);
    nockCheckReads({ body: BODY, config: "cached", labels: ["skip-hypothesis"] });
    const update = nockUpdateCheckRun(SHOP, 555);

    await click("exempt", "rita");

    expect(label.calls).toEqual([{ labels: ["skip-hypothesis"] }]);
    expect(update.body.conclusion).toBe("success");
  });

  it("refuses a custom repository role built on read access", async () => {
    await failingCheckExists();
    nockRoleName(SHOP, "vic", "community-helper", "read");
    nockCheckReads({ body: BODY, config: "cached" });
    nockOpenHypotheses(SHOP, [{ number: 12 }]);
    const update = nockUpdateCheckRun(SHOP, 555);

    await click("exempt", "vic");

    expect(update.body.output.summary).toContain("vic asked to exempt this PR, but exempting needs write access to the repository (theirs is read).");
  });

  it("refuses a user GitHub does not know as a collaborator, naming their role as none", async () => {
    await failingCheckExists();
    nockRoleName(SHOP, "ghost-user", null);
    nockCheckReads({ body: BODY, config: "cached" });
    nockOpenHypotheses(SHOP, [{ number: 12 }]);
    const update = nockUpdateCheckRun(SHOP, 555);

    await click("exempt", "ghost-user");

    expect(update.body.output.summary).toContain("> ghost-user asked to exempt this PR, but exempting needs write access to the repository (theirs is none).");
  });

  it("finds the PR from the stored check run when the event names none (a PR from a fork)", async () => {
    await failingCheckExists();
    nockRoleName(SHOP, "maria", "admin");
    const label = nockAddLabels(SHOP, 7);
    nockCheckReads({ body: BODY, config: "cached", labels: ["skip-hypothesis"] });
    nockUpdateCheckRun(SHOP, 555);

    await click("exempt", "maria", { externalId: null, prNumbers: [] });

    expect(label.calls).toEqual([{ labels: ["skip-hypothesis"] }]);
  });
});

describe("Re-check and Re-run", () => {
  it("re-checks on the Re-check button and writes the new result to the same check run", async () => {
    await failingCheckExists();
    nockCheckReads({ body: "Hypothesis: #12", config: "cached" });
    nockIssue(SHOP, 12);
    const update = nockUpdateCheckRun(SHOP, 555);

    const counts = await click("recheck", "maria");

    expect(counts).toEqual({ ...NOTHING, done: 2 });
    expect(update.body).toMatchObject({ conclusion: "success", output: { title: "Serves acme/shop#12" } });
  });

  it("re-checks when GitHub's Re-run is used and writes the check run even when the result is the same, so the suite leaves 'queued'", async () => {
    await failingCheckExists();
    nockCheckReads({ body: BODY, config: "cached" });
    nockOpenHypotheses(SHOP, [{ number: 12 }]);
    const update = nockUpdateCheckRun(SHOP, 555);

    await h.receive("check_run", checkRunEvent("rerequested", { sender: user("maria") }));
    const counts = await h.drain();

    expect(counts).toEqual({ ...NOTHING, done: 2 });
    expect(update.calls).toHaveLength(1);
    expect(update.body).toMatchObject({ status: "completed", conclusion: "failure", external_id: "senseloop:1001:7" });
    expect((await pullRequestRow(h, SHOP, 7))?.outcome).toBe("missing");
  });

  it("re-checks the PR of our suite on 'Re-run all checks' (check_suite.rerequested), writing its check run", async () => {
    await failingCheckExists();
    nockCheckReads({ body: "Hypothesis: #12", config: "cached" });
    nockIssue(SHOP, 12);
    const update = nockUpdateCheckRun(SHOP, 555);

    await h.receive("check_suite", checkSuiteEvent({ sender: user("maria") }));
    const counts = await h.drain();

    expect(counts).toEqual({ ...NOTHING, done: 2 });
    expect(update.body).toMatchObject({ conclusion: "success", output: { title: "Serves acme/shop#12" } });
  });

  it("finds the PR of a suite that lists none (a fork's) by the check run it holds on that commit", async () => {
    await failingCheckExists();
    nockCheckReads({ body: BODY, config: "cached" });
    nockOpenHypotheses(SHOP, [{ number: 12 }]);
    const update = nockUpdateCheckRun(SHOP, 555);

    await h.receive("check_suite", checkSuiteEvent({ prNumbers: [] }));
    await h.drain();

    expect(update.calls).toHaveLength(1);
  });

  it("ignores a re-run of another app's suite", async () => {
    await failingCheckExists();
    forbidGitHubCalls();

    await h.receive("check_suite", checkSuiteEvent({ appId: 999 }));
    const counts = await h.drain();

    expect(counts).toEqual({ ...NOTHING, done: 1 });
    expect(await pendingJobs(h, "check-pr")).toBe(0);
  });
});

describe("check runs that are not ours", () => {
  it.each([
    ["another app's check run", { appId: 999 }],
    ["a check run of ours with another name", { name: "Senseloop / something else" }],
  ])("ignores a requested action on %s", async (_case, o) => {
    forbidGitHubCalls();

    const counts = await click("exempt", "maria", o);

    expect(counts).toEqual({ ...NOTHING, done: 1 });
    expect(await deliveryRow(h, "click-exempt-maria")).toMatchObject({ status: "done" });
    expect(await pendingJobs(h, "check-pr")).toBe(0);
  });
});
