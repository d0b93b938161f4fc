import { onPullRequestChanged } from "../services/ship-intake.js";
import { readPayload, repositoryOf, type Handler } from "./context.js";
import { PullRequestEvent } from "./payloads.js";
import { mergeShip } from "./ship.js";

/** Any change that can alter the check, and closing (to record the merge): check the PR again. */
export const onPullRequest: Handler = async ({ scope, payload, installationId }) => {
  const event = readPayload(PullRequestEvent, payload);
  return onPullRequestChanged(scope, {
    installationId,
    repository: repositoryOf(event.repository),
    number: event.pull_request.number,
    merge: event.action === "closed" ? mergeShip(payload, installationId) : undefined,
  });
};
