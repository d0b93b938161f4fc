import { createProbot } from "probot";
import type { Logger } from "probot";
import type { PgBoss } from "pg-boss";
import type { Clock } from "./clock.js";
import type { Db } from "./db/client.js";
import type { Env, GitHubCredentials } from "./env.js";
import { senseloopOctokit } from "./github/pacing.js";
import type { Runtime } from "./runtime.js";
import type { SignalSources } from "./signals/signal-sources.js";

/** The production runtime: Probot from the environment (GitHub Enterprise included), throttling on. */
export function createRuntime(env: Env, github: GitHubCredentials, parts: { db: Db; boss: PgBoss; clock: Clock; log: Logger; signals: SignalSources }): Runtime {
  const probot = createProbot({
    env: { ...process.env, LOG_LEVEL: env.logLevel },
    overrides: {
      appId: github.appId,
      privateKey: github.privateKey,
      secret: github.webhookSecret,
      baseUrl: env.githubApiUrl,
      log: parts.log.child({ name: "probot" }),
      Octokit: senseloopOctokit({ throttle: true }),
    },
  });
  return {
    ...parts,
    probot,
    bot: { appId: github.appId, login: env.appSlug ? `${env.appSlug}[bot]` : undefined },
    webHost: env.githubWebHost,
    dashboardDelaySeconds: 30,
  };
}
