import type { HistoryPort } from "../port.js";
import type { CommitData, CompareData } from "../types.js";
import { orNull, type Client } from "./call.js";

export function historyAdapter(client: Client): HistoryPort {
  const { octokit } = client;
  return {
    compare: (ref, base, head, maxCommits = 3000) =>
      orNull(client, async () => {
        // GitHub lists at most 100 commits per page here.
        const perPage = 100;
        const commits: CommitData[] = [];
        let first: { status: string; ahead_by: number; behind_by: number; total_commits: number } | undefined;
        for (let page = 1; page <= Math.ceil(maxCommits / perPage); page++) {
          const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...ref, basehead: `${base}...${head}`, per_page: perPage, page });
          first ??= data;
          for (const c of data.commits) commits.push({ sha: c.sha, message: c.commit.message, parents: c.parents.map((p) => p.sha) });
          if (data.commits.length < perPage || commits.length >= data.total_commits) break;
        }
        const status = first!.status as CompareData["status"];
        return { status, aheadBy: first!.ahead_by, behindBy: first!.behind_by, totalCommits: first!.total_commits, commits, truncated: commits.length < first!.total_commits };
      }),

    async mergedPullRequestsOf(ref, sha) {
      const data = await orNull(client, async () => (await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...ref, commit_sha: sha, per_page: 100 })).data);
      return (data ?? []).filter((pr) => pr.merged_at !== null).map((pr) => pr.number);
    },

    resolveCommit: (ref, name) => orNull(client, async () => (await octokit.rest.repos.getCommit({ ...ref, ref: name, per_page: 1 })).data.sha),

    async listDeployments(ref, environment, perPage = 30) {
      const data = await orNull(client, async () => (await octokit.rest.repos.listDeployments({ ...ref, environment, per_page: perPage })).data);
      return (data ?? []).map((d) => ({ id: d.id, sha: d.sha, createdAt: d.created_at }));
    },

    async latestDeploymentState(ref, deploymentId) {
      const data = await orNull(client, async () => (await octokit.rest.repos.listDeploymentStatuses({ ...ref, deployment_id: deploymentId, per_page: 1 })).data);
      return data?.[0]?.state ?? null;
    },
  };
}
