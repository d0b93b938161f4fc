import { onCheckRunAction } from "../services/check-run-actions.js";
import { readPayload, repositoryOf, type Handler } from "./context.js";
import { CheckSuiteEvent } from "./payloads.js";

/** GitHub's "Re-run all checks" (or "Re-run failed checks") on our app's suite: re-check its PR. */
export const onCheckSuite: Handler = async ({ scope, payload, installationId, deliveryId }) => {
  const event = readPayload(CheckSuiteEvent, payload);
  if (event.check_suite.app && event.check_suite.app.id !== scope.bot.appId) return [];
  return onCheckRunAction(scope, {
    installationId,
    repository: repositoryOf(event.repository),
    headSha: event.check_suite.head_sha,
    externalId: null,
    pullRequests: event.check_suite.pull_requests.map((p) => p.number),
    action: "rerun",
    senderLogin: event.sender.login,
    senderIsBot: event.sender.type === "Bot",
    deliveryId,
  });
};
