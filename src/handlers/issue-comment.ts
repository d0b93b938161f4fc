import { onSenseComment } from "../services/respond.js";
import { readPayload, type Handler } from "./context.js";
import { IssueCommentEvent } from "./payloads.js";

/** A new comment: a command when it is on one of our sense issues. Edits are never commands. */
export const onIssueComment: Handler = async ({ scope, payload, installationId }) => {
  const event = readPayload(IssueCommentEvent, payload);
  if (event.issue.pull_request || !event.comment.user) return [];
  return onSenseComment(scope, {
    installationId,
    repository: { id: event.repository.id, owner: event.repository.owner.login, name: event.repository.name },
    issueNumber: event.issue.number,
    comment: {
      id: event.comment.id,
      body: event.comment.body ?? "",
      htmlUrl: event.comment.html_url,
      authorLogin: event.comment.user.login,
      authorIsBot: event.comment.user.type === "Bot",
    },
  });
};
