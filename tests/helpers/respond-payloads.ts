import { INSTALLATION_ID, SHOP, type TestRepo } from "./ids.js";
import { example, issueObject, repositoryPayload, user } from "./payloads.js";

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
  payload.issue = issueObject({ repo, number: issueNumber, labels: ["sense"], title: "Sense: Returning customers reorder a past basket" });
  payload.comment = {
    ...payload.comment,
    id: commentId,
    body: o.body,
    html_url: `https://github.com/${repo.fullName}/issues/${issueNumber}#issuecomment-${commentId}`,
    user: user(o.author ?? "maria", o.authorType ?? "User"),
  };
  delete payload.organization;
  return payload;
}
