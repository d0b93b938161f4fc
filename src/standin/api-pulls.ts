import { updateIssue } from "./act-issues.js";
import { mergePull, openPull, type MergeMethod, type PullIssue } from "./act-pulls.js";
import { actorFor, intParam, list, REPO_AUTH, repoFor, stringField, type ApiContext, type ApiRequest, type Route } from "./api-kit.js";
import { validationFailed } from "./errors.js";
import type { Repo } from "./model.js";
import { pullCommits, pullFiles } from "./pull-range.js";
import { commitObject } from "./render-git.js";
import { fileObject, pullObject } from "./render-pull.js";

const pullOf = (req: ApiRequest, ctx: ApiContext, repo: Repo): PullIssue => ctx.hub.state.requirePull(repo, intParam(req, "pull_number"));

export const pullRoutes: Route[] = [
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/pulls",
    auth: REPO_AUTH,
    permission: ["pull_requests", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const state = req.query.get("state") ?? "open";
      const head = req.query.get("head")?.replace(/^[^:]+:/, "");
      const base = req.query.get("base");
      const pulls = repo.issues.filter((i): i is PullIssue => i.pull !== null && (state === "all" || i.state === state) && (!head || i.pull.headRef === head) && (!base || i.pull.baseRef === base));
      if ((req.query.get("direction") ?? "desc") === "desc") pulls.reverse();
      return list(req, ctx, pulls.map((p) => pullObject(ctx.hub.urls(), ctx.hub.state, repo, p)));
    },
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/pulls",
    auth: REPO_AUTH,
    permission: ["pull_requests", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const issue = openPull(ctx.hub, repo, actorFor(req, ctx), { head: stringField(req.body, "head", "PullRequest")!, base: stringField(req.body, "base", "PullRequest")!, title: stringField(req.body, "title", "PullRequest")!, body: stringField(req.body, "body", "PullRequest", false) ?? null, draft: req.body?.draft === true });
      return { status: 201, body: pullObject(ctx.hub.urls(), ctx.hub.state, repo, issue) };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/pulls/{pull_number}",
    auth: REPO_AUTH,
    permission: ["pull_requests", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      return { status: 200, body: pullObject(ctx.hub.urls(), ctx.hub.state, repo, pullOf(req, ctx, repo)) };
    },
  },
  {
    method: "PATCH",
    path: "/repos/{owner}/{repo}/pulls/{pull_number}",
    auth: REPO_AUTH,
    permission: ["pull_requests", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const body = req.body ?? {};
      if (body.state !== undefined && body.state !== "open" && body.state !== "closed") throw validationFailed({ resource: "PullRequest", field: "state", code: "invalid", value: body.state });
      const issue = pullOf(req, ctx, repo);
      updateIssue(ctx.hub, repo, issue, actorFor(req, ctx), { title: stringField(body, "title", "PullRequest", false), body: body.body === null ? null : stringField(body, "body", "PullRequest", false), state: body.state });
      return { status: 200, body: pullObject(ctx.hub.urls(), ctx.hub.state, repo, issue) };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/pulls/{pull_number}/commits",
    auth: REPO_AUTH,
    permission: ["pull_requests", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      // GitHub lists at most 250 commits of a pull request.
      const commits = pullCommits(repo, pullOf(req, ctx, repo).pull).slice(0, 250);
      return list(req, ctx, commits.map((c) => commitObject(ctx.hub.urls(), ctx.hub.state, repo, c)));
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/pulls/{pull_number}/files",
    auth: REPO_AUTH,
    permission: ["pull_requests", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const issue = pullOf(req, ctx, repo);
      // GitHub lists at most 3,000 files of a pull request.
      const files = pullFiles(repo, issue.pull).slice(0, 3000);
      return list(req, ctx, files.map((f) => fileObject(ctx.hub.urls(), repo, f, issue.pull.headSha)));
    },
  },
  {
    method: "PUT",
    path: "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
    auth: REPO_AUTH,
    permission: ["contents", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const body = req.body ?? {};
      const method = (body.merge_method ?? "merge") as MergeMethod;
      if (!["merge", "squash", "rebase"].includes(method)) throw validationFailed({ resource: "PullRequest", field: "merge_method", code: "invalid", value: method });
      const commit = mergePull(ctx.hub, repo, pullOf(req, ctx, repo), actorFor(req, ctx), { method, commitTitle: body.commit_title, commitMessage: body.commit_message, sha: body.sha });
      return { status: 200, body: { sha: commit.sha, merged: true, message: "Pull Request successfully merged" } };
    },
  },
];
