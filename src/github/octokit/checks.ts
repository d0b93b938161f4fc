import type { ChecksPort } from "../port.js";
import { call, NO_RETRY, type Client } from "./call.js";

export function checksAdapter(client: Client): ChecksPort {
  const { octokit } = client;
  return {
    findOwn: (ref, sha, name) =>
      call(client, async () => {
        const appId = client.own().appId;
        const { data } = await octokit.rest.checks.listForRef({ ...ref, ref: sha, check_name: name, app_id: appId, filter: "latest", per_page: 10 });
        return data.check_runs.find((run) => run.name === name && run.app?.id === appId)?.id ?? null;
      }),

    create: (ref, sha, name, write) =>
      call(client, async () => {
        const { data } = await octokit.rest.checks.create({
          ...ref,
          ...NO_RETRY,
          name,
          head_sha: sha,
          status: "completed",
          conclusion: write.conclusion,
          external_id: write.externalId,
          output: write.output,
          actions: write.actions,
        });
        return data.id;
      }),

    async update(ref, checkRunId, write) {
      await call(client, () =>
        octokit.rest.checks.update({
          ...ref,
          check_run_id: checkRunId,
          status: "completed",
          conclusion: write.conclusion,
          external_id: write.externalId,
          output: write.output,
          actions: write.actions,
        }),
      );
    },
  };
}
