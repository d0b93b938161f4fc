import { onIssueChanged } from "../services/hypothesis-events.js";
import { onSenseIssueClosed, senseItemOfIssue } from "../services/sense-closed.js";
import type { Handler } from "./context.js";
import { readPayload } from "./context.js";
import { IssuesEvent } from "./payloads.js";
import { rememberRepository } from "./repository.js";

export const onIssues: Handler = async ({ rt, gh, payload, installationId, log }) => {
  const event = readPayload(IssuesEvent, payload);
  if (event.issue.pull_request) return;
  await rememberRepository(rt, installationId, event.repository);
  const senseItem = await senseItemOfIssue(rt, event.repository.id, event.issue.number);
  if (senseItem) {
    if (event.action === "closed") await onSenseIssueClosed(rt, gh, senseItem, { owner: event.repository.owner.login, name: event.repository.name }, event.sender?.login ?? "", log);
    return;
  }
  await onIssueChanged(
    rt,
    gh,
    {
      installationId,
      action: event.action,
      repository: { id: event.repository.id, owner: event.repository.owner.login, name: event.repository.name },
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
    },
    log,
  );
};
