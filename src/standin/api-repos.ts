import { roleOf } from "./access.js";
import { pullsForCommit } from "./act-pulls.js";
import { list, paginate, REPO_AUTH, repoFor, type ApiContext, type ApiRequest, type Route } from "./api-kit.js";
import { ApiError, notFound } from "./errors.js";
import { Git, type Commit } from "./git.js";
import { blobSha } from "./ids.js";
import type { Repo } from "./model.js";
import { commitObject, directoryObject, fileContentObject } from "./render-git.js";
import { fileObject, pullObject } from "./render-pull.js";
import { restRepoObject } from "./render-repo.js";
import { userObject } from "./render-user.js";

const RAW = /application\/vnd\.github(\.v3)?\.raw/;

/** What GitHub reports for `role_name` → `permission` (the older, coarser field). */
const PERMISSION: Record<string, string> = { admin: "admin", maintain: "write", write: "write", triage: "read", read: "read" };

/** A commit named by a branch, tag or SHA in the path, or GitHub's 422 for an unknown one. */
function commitFor(repo: Repo, ref: string): Commit {
  const commit = repo.git.resolve(ref);
  if (!commit) throw new ApiError(422, `No commit found for SHA: ${ref}`);
  return commit;
}

/** `base...head`; each side may be `owner:ref` for the same repository. */
function comparedCommits(repo: Repo, basehead: string): [Commit, Commit] {
  const match = /^(.+?)\.\.\.(.+)$/.exec(basehead);
  if (!match) throw notFound();
  const side = (ref: string) => repo.git.resolve(ref.replace(/^[^:]+:/, ""));
  const base = side(match[1]!);
  const head = side(match[2]!);
  if (!base || !head) throw notFound();
  return [base, head];
}

function compare(req: ApiRequest, ctx: ApiContext) {
  const repo = repoFor(req, ctx);
  const [base, head] = comparedCommits(repo, req.params.basehead ?? "");
  const comparison = repo.git.compare(base.sha, head.sha);
  if (!comparison) throw notFound();
  const urls = ctx.hub.urls();
  const render = (c: Commit) => commitObject(urls, ctx.hub.state, repo, c);
  // Unpaginated, GitHub lists the first 250 commits; asking for a page paginates them (files on page 1 only).
  const paginated = req.query.has("page") || req.query.has("per_page");
  const { page, headers } = paginated ? paginate(req, ctx, comparison.commits) : { page: comparison.commits.slice(0, 250), headers: {} };
  const firstPage = !paginated || Number(req.query.get("page") ?? 1) <= 1;
  const html = `${urls.web}/${repo.owner.login}/${repo.name}/compare/${base.sha.slice(0, 12)}...${head.sha.slice(0, 12)}`;
  return {
    status: 200,
    headers,
    body: {
      url: `${urls.api}/repos/${repo.owner.login}/${repo.name}/compare/${req.params.basehead}`,
      html_url: html,
      permalink_url: `${urls.web}/${repo.owner.login}/${repo.name}/compare/${base.sha}...${head.sha}`,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      base_commit: render(base),
      merge_base_commit: render(comparison.mergeBase),
      status: comparison.status,
      ahead_by: comparison.aheadBy,
      behind_by: comparison.behindBy,
      total_commits: comparison.aheadBy,
      commits: page.map(render),
      files: firstPage ? Git.diff(comparison.mergeBase.tree, head.tree).slice(0, 300).map((f) => fileObject(urls, repo, f, head.sha)) : [],
    },
  };
}

export const repoRoutes: Route[] = [
  {
    method: "GET",
    path: "/repos/{owner}/{repo}",
    auth: REPO_AUTH,
    permission: ["metadata", "read"],
    handle: (req, ctx) => ({ status: 200, body: restRepoObject(ctx.hub.urls(), repoFor(req, ctx)) }),
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/contents/{path}",
    auth: REPO_AUTH,
    permission: ["contents", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const ref = req.query.get("ref") ?? repo.git.defaultBranch;
      const commit = repo.git.resolve(ref);
      if (!commit) throw new ApiError(404, `No commit found for the ref ${ref}`);
      const path = (req.params.path ?? "").replace(/^\/+|\/+$/g, "");
      const content = commit.tree.get(path);
      const urls = ctx.hub.urls();
      if (content !== undefined) {
        if (RAW.test(req.headers.get("accept") ?? "")) return { status: 200, text: { content, contentType: "application/vnd.github.raw; charset=utf-8", etag: `"${blobSha(content)}"` } };
        return { status: 200, body: fileContentObject(urls, repo, path, ref, content) };
      }
      const listing = directoryObject(urls, repo, commit.tree, path, ref);
      if (listing.length === 0) throw notFound();
      return { status: 200, body: listing };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/commits/{ref}",
    auth: REPO_AUTH,
    permission: ["contents", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const commit = commitFor(repo, req.params.ref ?? "");
      const urls = ctx.hub.urls();
      const changes = repo.git.changesOf(commit);
      const files = changes.map((f) => fileObject(urls, repo, f, commit.sha));
      const { page, headers } = paginate(req, ctx, files, 300);
      const additions = files.reduce((sum, f) => sum + f.additions, 0);
      const deletions = files.reduce((sum, f) => sum + f.deletions, 0);
      return { status: 200, headers, body: { ...commitObject(urls, ctx.hub.state, repo, commit), stats: { total: additions + deletions, additions, deletions }, files: page } };
    },
  },
  { method: "GET", path: "/repos/{owner}/{repo}/compare/{basehead}", auth: REPO_AUTH, permission: ["contents", "read"], handle: compare },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/commits/{commit_sha}/pulls",
    auth: REPO_AUTH,
    permission: ["contents", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const commit = commitFor(repo, req.params.commit_sha ?? "");
      return list(req, ctx, pullsForCommit(repo, commit.sha).map((issue) => pullObject(ctx.hub.urls(), ctx.hub.state, repo, issue)));
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/collaborators/{username}/permission",
    auth: REPO_AUTH,
    permission: ["metadata", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const user = ctx.hub.state.user(req.params.username ?? "");
      if (!user) throw new ApiError(404, `${req.params.username} is not a user`);
      const role = roleOf(repo, user);
      const urls = ctx.hub.urls();
      const permissions = { admin: role === "admin", maintain: role === "admin" || role === "maintain", push: ["admin", "maintain", "write"].includes(role ?? ""), triage: role !== undefined && role !== "read", pull: role !== undefined };
      return { status: 200, body: { permission: role ? PERMISSION[role] : "none", role_name: role ?? "none", user: { ...userObject(urls, user), permissions, role_name: role ?? "none" } } };
    },
  },
];
