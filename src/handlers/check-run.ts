import { CHECK_NAME } from "../domain/check-decision.js";
import { onCheckRunAction } from "../services/check-run-actions.js";
import type { Handler } from "./context.js";
import { readPayload } from "./context.js";
import { CheckRunEvent } from "./payloads.js";
import { rememberRepository } from "./repository.js";

/** "Exempt this PR", "Re-check" and GitHub's "Re-run" on our own check run. */
export const onCheckRun: Handler = async ({ rt, gh, payload, installationId, log }) => {
  const event = readPayload(CheckRunEvent, payload);
  if (event.check_run.name !== CHECK_NAME || (event.check_run.app && event.check_run.app.id !== rt.bot.appId)) return;
  await rememberRepository(rt, installationId, event.repository);
  await onCheckRunAction(
    rt,
    gh,
    {
      installationId,
      repository: { id: event.repository.id, owner: event.repository.owner.login, name: event.repository.name },
      headSha: event.check_run.head_sha,
      externalId: event.check_run.external_id ?? null,
      pullRequests: event.check_run.pull_requests.map((p) => p.number),
      action: event.action === "requested_action" ? (event.requested_action?.identifier ?? "") : "recheck",
      senderLogin: event.sender.login,
      senderIsBot: event.sender.type === "Bot",
    },
    log,
  );
};
