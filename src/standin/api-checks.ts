import { createCheckRun, requireCheckRun, rerequestCheckRun, updateCheckRun, type CheckRunInput } from "./act-checks.js";
import { createDeployment, createDeploymentStatus, createRelease, requireDeployment } from "./act-deploy.js";
import { actorFor, intParam, list, paginate, REPO_AUTH, repoFor, type Route } from "./api-kit.js";
import { ApiError } from "./errors.js";
import { checkRunObject, deploymentObject, deploymentStatusObject, releaseObject } from "./render-checks.js";

export const checkRoutes: Route[] = [
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/check-runs",
    // Only GitHub Apps write check runs; people's tokens are refused.
    auth: ["installation"],
    permission: ["checks", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const run = createCheckRun(ctx.hub, repo, actorFor(req, ctx), (req.body ?? {}) as CheckRunInput);
      return { status: 201, body: checkRunObject(ctx.hub.urls(), ctx.hub.state, repo, run) };
    },
  },
  {
    method: "PATCH",
    path: "/repos/{owner}/{repo}/check-runs/{check_run_id}",
    auth: ["installation"],
    permission: ["checks", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const run = updateCheckRun(ctx.hub, repo, actorFor(req, ctx), intParam(req, "check_run_id"), (req.body ?? {}) as CheckRunInput);
      return { status: 200, body: checkRunObject(ctx.hub.urls(), ctx.hub.state, repo, run) };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/check-runs/{check_run_id}",
    auth: REPO_AUTH,
    permission: ["checks", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      return { status: 200, body: checkRunObject(ctx.hub.urls(), ctx.hub.state, repo, requireCheckRun(repo, intParam(req, "check_run_id"))) };
    },
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest",
    auth: ["installation"],
    permission: ["checks", "write"],
    handle: (req, ctx) => {
      rerequestCheckRun(ctx.hub, repoFor(req, ctx), actorFor(req, ctx), intParam(req, "check_run_id"));
      return { status: 201, body: {} };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/commits/{ref}/check-runs",
    auth: REPO_AUTH,
    permission: ["checks", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const commit = repo.git.resolve(req.params.ref ?? "");
      if (!commit) throw new ApiError(422, `No commit found for SHA: ${req.params.ref}`);
      const name = req.query.get("check_name");
      const status = req.query.get("status");
      const appId = req.query.get("app_id");
      let runs = repo.checkRuns.filter((r) => r.headSha === commit.sha && (!name || r.name === name) && (!status || r.status === status) && (!appId || Number(appId) === ctx.hub.state.app.id));
      runs = runs.slice().reverse();
      // `latest` (the default) keeps the newest run of each name.
      if ((req.query.get("filter") ?? "latest") === "latest") runs = runs.filter((r, i) => runs.findIndex((o) => o.name === r.name) === i);
      const { page, headers } = paginate(req, ctx, runs);
      return { status: 200, headers, body: { total_count: runs.length, check_runs: page.map((r) => checkRunObject(ctx.hub.urls(), ctx.hub.state, repo, r)) } };
    },
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/deployments",
    auth: REPO_AUTH,
    permission: ["deployments", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      return { status: 201, body: deploymentObject(ctx.hub.urls(), ctx.hub.state, repo, createDeployment(ctx.hub, repo, actorFor(req, ctx), req.body ?? {})) };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/deployments",
    auth: REPO_AUTH,
    permission: ["deployments", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const q = req.query;
      const found = repo.deployments.filter((d) => (!q.get("environment") || d.environment === q.get("environment")) && (!q.get("sha") || d.sha === q.get("sha")) && (!q.get("ref") || d.ref === q.get("ref")) && (!q.get("task") || d.task === q.get("task")));
      return list(req, ctx, found.slice().reverse().map((d) => deploymentObject(ctx.hub.urls(), ctx.hub.state, repo, d)));
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/deployments/{deployment_id}",
    auth: REPO_AUTH,
    permission: ["deployments", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      return { status: 200, body: deploymentObject(ctx.hub.urls(), ctx.hub.state, repo, requireDeployment(repo, intParam(req, "deployment_id"))) };
    },
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
    auth: REPO_AUTH,
    permission: ["deployments", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const id = intParam(req, "deployment_id");
      const status = createDeploymentStatus(ctx.hub, repo, actorFor(req, ctx), id, req.body ?? {});
      return { status: 201, body: deploymentStatusObject(ctx.hub.urls(), ctx.hub.state, repo, requireDeployment(repo, id), status) };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
    auth: REPO_AUTH,
    permission: ["deployments", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      const deployment = requireDeployment(repo, intParam(req, "deployment_id"));
      return list(req, ctx, deployment.statuses.map((s) => deploymentStatusObject(ctx.hub.urls(), ctx.hub.state, repo, deployment, s)));
    },
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/releases",
    auth: REPO_AUTH,
    permission: ["contents", "write"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      return { status: 201, body: releaseObject(ctx.hub.urls(), repo, createRelease(ctx.hub, repo, actorFor(req, ctx), req.body ?? {})) };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/releases",
    auth: REPO_AUTH,
    permission: ["contents", "read"],
    handle: (req, ctx) => {
      const repo = repoFor(req, ctx);
      return list(req, ctx, repo.releases.slice().reverse().map((r) => releaseObject(ctx.hub.urls(), repo, r)));
    },
  },
];
