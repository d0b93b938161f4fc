import { enqueueCheck } from "../jobs/enqueue.js";
import type { Handler } from "./context.js";
import { readPayload } from "./context.js";
import { PullRequestEvent } from "./payloads.js";
import { rememberRepository } from "./repository.js";
import { shipMergedPullRequest } from "./ship.js";

/** Any change that can alter the check, and closing (to record the merge): check the PR again. */
export const onPullRequest: Handler = async (ev) => {
  const { rt, payload, installationId } = ev;
  const event = readPayload(PullRequestEvent, payload);
  await rememberRepository(rt, installationId, event.repository);
  await enqueueCheck(rt, { installationId, repositoryId: event.repository.id, number: event.pull_request.number });
  if (event.action === "closed") await shipMergedPullRequest(ev);
};
