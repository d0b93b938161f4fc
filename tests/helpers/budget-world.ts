import { readFileSync } from "node:fs";
import { Probot } from "probot";
import { afterEach } from "vitest";
import { senseloopOctokit } from "../../src/github/pacing.js";
import { QUEUES } from "../../src/jobs/queues.js";
import { createStandin, type Standin } from "../../src/standin/index.js";
import type { RecordedRequest } from "../../src/standin/requests.js";
import { PRIVATE_KEY, type Harness } from "./harness.js";
import { APP_ID, WEBHOOK_SECRET } from "./ids.js";
import { silentLogger } from "./logger.js";
import { harnessParts, serveWeb } from "./web.js";

const HYPOTHESIS_FORM = readFileSync(new URL("../../.github/ISSUE_TEMPLATE/hypothesis.yml", import.meta.url), "utf8");

/** Senseloop's events as app.yml subscribes them, so the stand-in sends what GitHub would. */
const EVENTS = ["check_run", "check_suite", "deployment_status", "issue_comment", "issues", "pull_request", "push", "release"];

/** The installation token is asked for once an hour, not per event: it is not counted. */
const TOKEN_ROUTE = "POST /app/installations/{installation_id}/access_tokens";

/** A GitHub call Senseloop made, as the stand-in logged it. */
export type Call = Pick<RecordedRequest, "method" | "route" | "status" | "path">;

export interface World {
  github: Standin;
  /** Runs `act` (people doing things on GitHub), lets every webhook arrive and every job run; the calls Senseloop made meanwhile. */
  measure(act: () => unknown): Promise<Call[]>;
  /** Lets every webhook arrive and every job run until nothing is left. */
  settle(): Promise<void>;
}

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.stop();
  standin = undefined;
});

export const describeCalls = (calls: readonly Call[]) => calls.map((c) => `${c.route ?? `${c.method} ${c.path}`} → ${c.status}`);

/**
 * Senseloop's HTTP server and job runner against the local stand-in of GitHub: acme/shop with
 * the hypothesis form and `config` as `.github/senseloop.yml`, Pam (admin) and Alice (write),
 * the app installed. The stand-in logs every request; `measure` counts the ones an action caused.
 */
export async function budgetWorld(h: Harness, config: string): Promise<World> {
  const { base } = await serveWeb(harnessParts(h));
  standin = createStandin({ app: { id: APP_ID, slug: "senseloop", privateKey: PRIVATE_KEY, events: EVENTS }, webhook: { url: `${base}/api/github/webhooks`, secret: WEBHOOK_SECRET }, clock: h.time });
  await standin.start();
  h.rt.probot = new Probot({ appId: APP_ID, privateKey: PRIVATE_KEY, secret: WEBHOOK_SECRET, baseUrl: standin.urls.api, log: silentLogger, Octokit: senseloopOctokit({ throttle: false }) });
  const github = standin;
  github.createOrg({ login: "acme" });
  github.createUser({ login: "pam" });
  github.createUser({ login: "alice" });
  github.createRepo({ owner: "acme", name: "shop", creator: "pam", files: { "README.md": "# Shop\n", ".github/ISSUE_TEMPLATE/hypothesis.yml": HYPOTHESIS_FORM, ".github/senseloop.yml": config } });
  github.grantAccess({ repo: "acme/shop", login: "alice", role: "write" });
  github.createInstallation({ account: "acme", sender: "pam" });

  const settle = async () => {
    // Our own writes come back as webhooks (ignored, but delivered): settle until none is left.
    for (let round = 0; round < 10; round++) {
      await github.settle();
      const counts = await h.drain();
      if (counts.done + counts.parked + counts.dead + counts.retry === 0) return;
    }
    throw new Error("webhooks and jobs never settled");
  };
  await settle();
  return {
    github,
    settle,
    async measure(act) {
      const since = github.requests().at(-1)?.seq ?? 0;
      await act();
      await settle();
      return github
        .requests({ since, pathPrefix: "/api/v3/" })
        .filter((r) => r.route !== TOKEN_ROUTE)
        .map((r) => ({ method: r.method, route: r.route, status: r.status, path: r.path }));
    },
  };
}

/** Runs the scheduled sweep now, as its cron would. */
export async function sweepNow(h: Harness): Promise<void> {
  await h.rt.boss.send(QUEUES.sweep.name, {});
}
