import type { PullsPort } from "../port.js";
import { call, labelName, orNull, type Client } from "./call.js";

export function pullsAdapter(client: Client): PullsPort {
  const { octokit } = client;
  return {
    get: (ref, number) =>
      orNull(client, async () => {
        const { data } = await octokit.rest.pulls.get({ ...ref, pull_number: number });
        return {
          number: data.number,
          title: data.title,
          body: data.body ?? null,
          htmlUrl: data.html_url,
          state: data.state === "closed" ? "closed" : "open",
          draft: data.draft ?? false,
          merged: data.merged ?? false,
          mergedAt: data.merged_at ?? null,
          mergeCommitSha: data.merge_commit_sha ?? null,
          headSha: data.head.sha,
          baseRef: data.base.ref,
          authorLogin: data.user?.login ?? "ghost",
          labels: data.labels.map(labelName),
        };
      }),

    listCommitMessages: (ref, number) =>
      call(client, async () => {
        const messages: string[] = [];
        for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listCommits, { ...ref, pull_number: number, per_page: 100 })) {
          for (const commit of page.data) messages.push(commit.commit.message);
          if (messages.length >= 250) break;
        }
        return messages;
      }),

    listFiles: (ref, number, max = 3000) =>
      call(client, async () => {
        const files: string[] = [];
        for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listFiles, { ...ref, pull_number: number, per_page: 100 })) {
          for (const file of page.data) {
            files.push(file.filename);
            if (file.previous_filename) files.push(file.previous_filename);
          }
          if (files.length >= max) break;
        }
        return files;
      }),
  };
}
