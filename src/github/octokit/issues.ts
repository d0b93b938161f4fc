import type { IssuesPort } from "../port.js";
import { call, isOwn, labelName, NO_RETRY, orNull, type Client } from "./call.js";

export function issuesAdapter(client: Client): IssuesPort {
  const { octokit } = client;
  return {
    get: (ref, number) =>
      orNull(client, async () => {
        const { data } = await octokit.rest.issues.get({ ...ref, issue_number: number });
        return {
          id: data.id,
          number: data.number,
          title: data.title,
          body: data.body ?? null,
          htmlUrl: data.html_url,
          state: data.state === "closed" ? "closed" : "open",
          labels: data.labels.map(labelName),
          authorLogin: data.user?.login ?? null,
          assignees: (data.assignees ?? []).map((a) => a.login),
          pullRequest: data.pull_request !== undefined && data.pull_request !== null,
          updatedAt: data.updated_at,
          repoFullName: data.repository_url.replace(/^.*\/repos\//, ""),
        };
      }),

    async listOpenWithLabel(ref, label, limit = 20) {
      const result = await orNull(client, async () => {
        const { data } = await octokit.rest.issues.listForRepo({ ...ref, labels: label, state: "open", sort: "created", direction: "desc", per_page: limit + 1 });
        return data.filter((issue) => !issue.pull_request);
      });
      const issues = result ?? [];
      return { items: issues.slice(0, limit).map((i) => ({ number: i.number, title: i.title, htmlUrl: i.html_url })), more: issues.length > limit };
    },

    create: (ref, issue) =>
      call(client, async () => {
        const { data } = await octokit.rest.issues.create({ ...ref, ...NO_RETRY, ...issue });
        return { number: data.number, htmlUrl: data.html_url };
      }),

    async update(ref, number, { stateReason, ...rest }) {
      await call(client, () => octokit.rest.issues.update({ ...ref, issue_number: number, ...rest, ...(stateReason ? { state_reason: stateReason } : {}) }));
    },

    findOwn: (ref, marker, options = {}) =>
      call(client, async () => {
        const own = client.own();
        let page = 0;
        for await (const response of octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
          ...ref,
          state: "all",
          sort: "created",
          direction: "desc",
          per_page: 100,
          ...(own.login ? { creator: own.login } : {}),
          ...(options.label ? { labels: options.label } : {}),
        })) {
          for (const issue of response.data) {
            if (!issue.pull_request && isOwn(issue, own) && (issue.body ?? "").includes(marker)) {
              return { number: issue.number, htmlUrl: issue.html_url, body: issue.body ?? "", state: issue.state };
            }
          }
          if (++page >= (options.maxPages ?? 5)) break;
        }
        return null;
      }),

    async addLabels(ref, number, labels) {
      await call(client, () => octokit.rest.issues.addLabels({ ...ref, issue_number: number, labels }));
    },

    async removeLabel(ref, number, label) {
      await orNull(client, () => octokit.rest.issues.removeLabel({ ...ref, issue_number: number, name: label }));
    },

    createComment: (ref, number, body) =>
      call(client, async () => {
        const { data } = await octokit.rest.issues.createComment({ ...ref, ...NO_RETRY, issue_number: number, body });
        return { id: data.id, htmlUrl: data.html_url };
      }),

    findOwnComment: (ref, number, marker) =>
      orNull(client, async () => {
        const own = client.own();
        let page = 0;
        for await (const response of octokit.paginate.iterator(octokit.rest.issues.listComments, { ...ref, issue_number: number, per_page: 100 })) {
          for (const comment of response.data) {
            if (isOwn(comment, own) && (comment.body ?? "").includes(marker)) return { id: comment.id, htmlUrl: comment.html_url };
          }
          if (++page >= 10) break;
        }
        return null;
      }),

    async addReaction(ref, commentId, content) {
      await call(client, () => octokit.rest.reactions.createForIssueComment({ ...ref, comment_id: commentId, content }));
    },
  };
}
