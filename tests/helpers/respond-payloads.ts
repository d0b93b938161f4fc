import { INSTALLATION_ID, SHOP, type TestRepo } from "./ids.js";
import { example, issuePayload, repositoryPayload, user } from "./payloads.js";
import { reactionRollup } from "./rest-objects.js";

export interface CommentOptions {
  repo?: TestRepo;
  issueNumber?: number;
  commentId?: number;
  body: string;
  author?: string;
  authorType?: string;
}

export function issueCommentEvent(action: string, o: CommentOptions) {
  const payload = example("issue_comment", action);
  const repo = o.repo ?? SHOP;
  const issueNumber = o.issueNumber ?? 100;
  const commentId = o.commentId ?? 7001;
  payload.action = action;
  payload.repository = repositoryPayload(repo);
  payload.installation = { id: INSTALLATION_ID, node_id: "I_42" };
  payload.sender = user(o.author ?? "maria", o.authorType ?? "User");
  payload.issue = issuePayload({ repo, number: issueNumber, labels: ["sense"], title: "Sense: Returning customers reorder a past basket" });
  payload.comment = {
    ...payload.comment,
    id: commentId,
    node_id: `IC_${commentId}`,
    body: o.body,
    url: `https://api.github.com/repos/${repo.fullName}/issues/comments/${commentId}`,
    html_url: `https://github.com/${repo.fullName}/issues/${issueNumber}#issuecomment-${commentId}`,
    issue_url: `https://api.github.com/repos/${repo.fullName}/issues/${issueNumber}`,
    user: user(o.author ?? "maria", o.authorType ?? "User"),
    performed_via_github_app: null,
    reactions: reactionRollup(`https://api.github.com/repos/${repo.fullName}/issues/comments/${commentId}/reactions`),
  };
  if (action === "edited") payload.changes ??= { body: { from: "" } };
  delete payload.organization;
  return payload;
}
