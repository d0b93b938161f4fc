import { addComment, addLabels, createIssue, editComment, react, removeLabel, updateIssue } from "./act-issues.js";
import { actorFor, intParam, list, REPO_AUTH, repoFor, stringField, type ApiContext, type ApiRequest, type Route } from "./api-kit.js";
import { validationFailed } from "./errors.js";
import type { Issue, Repo } from "./model.js";
import { commentObject, labelObject, reactionObject, restIssueObject } from "./render-issue.js";

const issueOf = (req: ApiRequest, ctx: ApiContext, repo: Repo) => ctx.hub.state.requireIssue(repo, intParam(req, "issue_number"));

/** The repository's issues and PRs as GitHub filters and sorts them for `GET …/issues`. */
function filterIssues(repo: Repo, query: URLSearchParams): Issue[] {
  const state = query.get("state") ?? "open";
  const labels = (query.get("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter(Boolean);
  const creator = query.get("creator")?.toLowerCase();
  const assignee = query.get("assignee")?.toLowerCase();
  const since = query.get("since");
  const sort = query.get("sort") ?? "created";
  const direction = query.get("direction") ?? "desc";
  const picked = repo.issues.filter((issue) => {
    if (state !== "all" && issue.state !== state) return false;
    if (!labels.every((name) => issue.labels.some((l) => l.name.toLowerCase() === name))) return false;
    if (creator && issue.user.login.toLowerCase() !== creator) return false;
    if (assignee === "none" && issue.assignees.length > 0) return false;
    if (assignee === "*" && issue.assignees.length === 0) return false;
    if (assignee && assignee !== "none" && assignee !== "*" && !issue.assignees.some((u) => u.login.toLowerCase() === assignee)) return false;
    return !since || issue.updatedAt >= since;
  });
  const key = (issue: Issue) => (sort === "updated" ? issue.updatedAt : sort === "comments" ? String(issue.comments.length).padStart(9, "0") : issue.createdAt);
  // Ties (same second) fall back to the issue number, so the order is total and stable.
  picked.sort((a, b) => (key(a) === key(b) ? a.number - b.number : key(a) < key(b) ? -1 : 1));
  return direction === "asc" ? picked : picked.reverse();
}

/** The labels of an add-labels body: `{ labels: [...] }`, a bare array, or label objects. */
function labelNames(body: unknown): string[] {
  const raw = Array.isArray(body) ? body : (body as { labels?: unknown })?.labels;
  if (!Array.isArray(raw)) throw validationFailed({ resource: "Label", field: "labels", code: "missing_field" });
  return raw.map((entry) => (typeof entry === "string" ? entry : String((entry as { name?: unknown })?.name ?? "")));
}

export const issueRoutes: Route[] = [
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues",
    auth: REPO_AUTH,
    permission: ["issues", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      return list(req, ctx, filterIssues(repo, req.query).map((issue) => restIssueObject(ctx.hub.urls(), ctx.hub.state, repo, issue)));
    },
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/issues",
    auth: REPO_AUTH,
    permission: ["issues", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const title = stringField(req.body, "title", "Issue")!;
      const issue = createIssue(ctx.hub, repo, actorFor(req, ctx), { title, body: stringField(req.body, "body", "Issue", false) ?? null, labels: labelList(req.body?.labels), assignees: assigneeList(req.body) });
      return { status: 201, body: restIssueObject(ctx.hub.urls(), ctx.hub.state, repo, issue) };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues/{issue_number}",
    auth: REPO_AUTH,
    permission: ["issues", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      return { status: 200, body: restIssueObject(ctx.hub.urls(), ctx.hub.state, repo, issueOf(req, ctx, repo)) };
    },
  },
  {
    method: "PATCH",
    path: "/repos/{owner}/{repo}/issues/{issue_number}",
    auth: REPO_AUTH,
    permission: ["issues", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const body = req.body ?? {};
      if (body.state !== undefined && body.state !== "open" && body.state !== "closed") throw validationFailed({ resource: "Issue", field: "state", code: "invalid", value: body.state });
      const issue = updateIssue(ctx.hub, repo, issueOf(req, ctx, repo), actorFor(req, ctx), {
        title: stringField(body, "title", "Issue", false),
        body: body.body === null ? null : stringField(body, "body", "Issue", false),
        state: body.state,
        stateReason: body.state_reason,
        labels: body.labels === undefined ? undefined : labelList(body.labels),
        assignees: body.assignees === undefined && body.assignee === undefined ? undefined : assigneeList(body),
      });
      return { status: 200, body: restIssueObject(ctx.hub.urls(), ctx.hub.state, repo, issue) };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    auth: REPO_AUTH,
    permission: ["issues", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const issue = issueOf(req, ctx, repo);
      const since = req.query.get("since");
      return list(req, ctx, issue.comments.filter((c) => !since || c.updatedAt >= since).map((c) => commentObject(ctx.hub.urls(), ctx.hub.state, repo, issue, c)));
    },
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    auth: REPO_AUTH,
    permission: ["issues", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const issue = issueOf(req, ctx, repo);
      const comment = addComment(ctx.hub, repo, issue, actorFor(req, ctx), stringField(req.body, "body", "IssueComment")!);
      return { status: 201, body: commentObject(ctx.hub.urls(), ctx.hub.state, repo, issue, comment) };
    },
  },
  {
    method: "PATCH",
    path: "/repos/{owner}/{repo}/issues/comments/{comment_id}",
    auth: REPO_AUTH,
    permission: ["issues", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const comment = editComment(ctx.hub, repo, intParam(req, "comment_id"), actorFor(req, ctx), stringField(req.body, "body", "IssueComment")!);
      return { status: 200, body: commentObject(ctx.hub.urls(), ctx.hub.state, repo, ctx.hub.state.requireIssue(repo, comment.issueNumber), comment) };
    },
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/issues/{issue_number}/labels",
    auth: REPO_AUTH,
    permission: ["issues", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const labels = addLabels(ctx.hub, repo, issueOf(req, ctx, repo), actorFor(req, ctx), labelNames(req.body));
      return { status: 200, body: labels.map((l) => labelObject(ctx.hub.urls(), repo, l)) };
    },
  },
  {
    method: "DELETE",
    path: "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}",
    auth: REPO_AUTH,
    permission: ["issues", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const labels = removeLabel(ctx.hub, repo, issueOf(req, ctx, repo), actorFor(req, ctx), req.params.name ?? "");
      return { status: 200, body: labels.map((l) => labelObject(ctx.hub.urls(), repo, l)) };
    },
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
    auth: REPO_AUTH,
    permission: ["issues", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const { reaction, created } = react(ctx.hub, repo, intParam(req, "comment_id"), actorFor(req, ctx), stringField(req.body, "content", "Reaction")!);
      return { status: created ? 201 : 200, body: reactionObject(ctx.hub.urls(), reaction) };
    },
  },
];

function labelList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  return labelNames({ labels: value });
}

function assigneeList(body: any): string[] | undefined {
  if (Array.isArray(body?.assignees)) return body.assignees.map(String);
  if (typeof body?.assignee === "string") return [body.assignee];
  if (body?.assignee === null) return [];
  return undefined;
}
