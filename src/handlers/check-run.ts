import { CHECK_NAME } from "../domain/check-decision.js";
import { onCheckRunAction } from "../services/check-run-actions.js";
import { readPayload, repositoryOf, type Handler } from "./context.js";
import { CheckRunEvent } from "./payloads.js";

/** "Exempt this PR", "Re-check" and GitHub's "Re-run" on our own check run. */
export const onCheckRun: Handler = async ({ scope, payload, installationId, deliveryId }) => {
  const event = readPayload(CheckRunEvent, payload);
  if (event.check_run.name !== CHECK_NAME || (event.check_run.app && event.check_run.app.id !== scope.bot.appId)) return [];
  return onCheckRunAction(scope, {
    installationId,
    repository: repositoryOf(event.repository),
    headSha: event.check_run.head_sha,
    externalId: event.check_run.external_id ?? null,
    pullRequests: event.check_run.pull_requests.map((p) => p.number),
    action: event.action === "requested_action" ? (event.requested_action?.identifier ?? "") : "rerun",
    senderLogin: event.sender.login,
    senderIsBot: event.sender.type === "Bot",
    deliveryId,
  });
};
