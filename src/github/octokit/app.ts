import type { ProbotOctokit } from "probot";
import type { Clock } from "../../clock.js";
import type { AppPort } from "../port.js";
import { call, orNull, type Client } from "./call.js";

/** The app-authenticated (JWT) calls: about the app itself, not an installation. */
export function appAdapter(octokit: ProbotOctokit, clock: Clock): AppPort {
  const client: Client = { octokit, clock, own: () => ({ appId: 0, login: undefined }) };
  return {
    installationOf: (ref) => orNull(client, async () => (await octokit.rest.apps.getRepoInstallation({ ...ref })).data.id),
    whoAmI: () =>
      call(client, async () => {
        const { data } = await octokit.rest.apps.getAuthenticated();
        if (!data?.slug) throw new Error("GitHub returned no app slug");
        return { slug: data.slug, name: data.name };
      }),
  };
}
