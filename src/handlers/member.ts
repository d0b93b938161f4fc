import { onAccessChanged } from "../services/viewer/access-changes.js";
import { readPayload, type Handler } from "./context.js";
import { MemberEvent } from "./payloads.js";

/** A collaborator was added, removed or changed on a repository: what they may see on the web dashboard changed. */
export const onMember: Handler = async ({ scope, payload }) => {
  const event = readPayload(MemberEvent, payload);
  await onAccessChanged(scope, { kind: "collaborator", userId: event.member.id });
  return [];
};
