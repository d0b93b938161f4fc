import { describe, expect, it } from "vitest";
import { PRODUCT, SHOP } from "../helpers/ids.js";
import { checkRunEvent, installationEvent, installationRepositoriesEvent, issuesEvent, pullRequestEvent, repositoryEvent } from "../helpers/payloads.js";
import { issueCommentEvent } from "../helpers/respond-payloads.js";
import { deploymentStatusEvent, releaseEvent } from "../helpers/ship-payloads.js";
import { WebhookContract } from "../helpers/webhook-contract.js";

const webhooks = new WebhookContract();

describe("the payload builders send the shapes GitHub sends", () => {
  it.each([
    ...["opened", "edited", "synchronize", "reopened", "labeled", "unlabeled", "ready_for_review"].map((a) => ["pull_request", a, pullRequestEvent(a)] as const),
    ["pull_request", "converted_to_draft", pullRequestEvent("converted_to_draft", { draft: true })],
    ["pull_request", "closed", pullRequestEvent("closed", { state: "closed", merged: true })],
    ...["opened", "edited", "labeled", "unlabeled", "reopened", "deleted", "transferred"].map((a) => ["issues", a, issuesEvent(a)] as const),
    ["issues", "closed", issuesEvent("closed", { state: "closed" })],
    ...["created", "edited", "deleted"].map((a) => ["issue_comment", a, issueCommentEvent(a, { body: "/respond kill nobody reordered" })] as const),
    ["check_run", "requested_action", checkRunEvent("requested_action")],
    ["check_run", "rerequested", checkRunEvent("rerequested", { externalId: null })],
    ["deployment_status", "created", deploymentStatusEvent()],
    ...["published", "released"].map((a) => ["release", a, releaseEvent(a)] as const),
    ["release", "prereleased", releaseEvent("prereleased", { prerelease: true })],
    ...["created", "deleted", "suspend", "unsuspend"].map((a) => ["installation", a, installationEvent(a, [SHOP, PRODUCT])] as const),
    ["installation_repositories", "added", installationRepositoriesEvent("added", { added: [PRODUCT] })],
    ["installation_repositories", "removed", installationRepositoriesEvent("removed", { removed: [PRODUCT] })],
    ["star", "created", repositoryEvent("star", "created")],
  ] as const)("%s.%s", (event, _action, payload) => {
    expect(webhooks.check(event, payload)).toEqual([]);
  });
});

describe("payloads GitHub never sends", () => {
  it("names a misspelt field with the event, the action and the schema path", () => {
    const payload = pullRequestEvent("opened");
    payload.pull_request.tilte = payload.pull_request.title;

    expect(webhooks.check("pull_request", payload)).toEqual([
      { event: "pull_request", action: "opened", instancePath: "/pull_request", schemaPath: "#/definitions/pull-request/additionalProperties", message: 'must not have the property "tilte" (the schema does not define it)' },
    ]);
  });

  it("names a missing field", () => {
    const payload = issuesEvent("opened");
    delete payload.issue.number;

    expect(webhooks.check("issues", payload)).toEqual([expect.objectContaining({ event: "issues", action: "opened", instancePath: "/issue", schemaPath: "#/definitions/issue/required", message: 'must have the required property "number"' })]);
  });

  it("names a value of the wrong type, deep in the payload", () => {
    const payload = issueCommentEvent("created", { body: "hi" });
    payload.comment.user.id = "maria";

    expect(webhooks.check("issue_comment", payload)).toEqual([expect.objectContaining({ event: "issue_comment", action: "created", instancePath: "/comment/user/id", schemaPath: "#/definitions/user/properties/id/type", message: "must be integer" })]);
  });

  it("refuses an action the event does not have", () => {
    expect(webhooks.check("pull_request", { ...pullRequestEvent("opened"), action: "exploded" })).toEqual([expect.objectContaining({ event: "pull_request", action: "exploded", instancePath: "/action", message: 'GitHub sends no "pull_request" webhook with the action "exploded"' })]);
  });

  it("refuses an action's payload that lacks what that action carries", () => {
    const payload = issuesEvent("closed", { state: "closed" });
    payload.issue.closed_at = null;

    expect(webhooks.check("issues", payload)).toEqual([expect.objectContaining({ event: "issues", action: "closed", instancePath: "/issue/closed_at", schemaPath: expect.stringMatching(/^#\/definitions\/issues\$closed\/properties\/issue\/allOf\/1\/properties\/closed_at\/type$/) })]);
  });
});
