import { onIssueEvent } from "../services/issue-events.js";
import { readPayload, repositoryOf, type Handler } from "./context.js";
import { IssuesEvent } from "./payloads.js";

export const onIssues: Handler = async ({ scope, payload, installationId, deliveryId }) => {
  const event = readPayload(IssuesEvent, payload);
  if (event.issue.pull_request) return [];
  return onIssueEvent(scope, {
    installationId,
    deliveryId,
    action: event.action,
    repository: repositoryOf(event.repository),
    senderLogin: event.sender?.login ?? "",
    issue: {
      number: event.issue.number,
      title: event.issue.title,
      body: event.issue.body ?? null,
      htmlUrl: event.issue.html_url,
      state: event.issue.state,
      labels: event.issue.labels,
      authorLogin: event.issue.user?.login ?? null,
      assignees: (event.issue.assignees ?? []).map((a) => a.login),
      updatedAt: event.issue.updated_at,
    },
  });
};
