import { onPushed } from "../services/config-cache.js";
import { readPayload, type Handler } from "./context.js";
import { PushEvent } from "./payloads.js";

/** A push: config files it changed on the default branch are read again when next needed. */
export const onPush: Handler = async ({ scope, payload }) => {
  const event = readPayload(PushEvent, payload);
  await onPushed(scope, {
    repository: { owner: event.repository.owner.login, name: event.repository.name, defaultBranch: event.repository.default_branch },
    ref: event.ref,
    forced: event.forced,
    deleted: event.deleted,
    commits: event.commits,
  });
  return [];
};
