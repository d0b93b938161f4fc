import { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { reconcileRuns } from "../src/db/schema/index.js";
import { senseloopOctokit } from "../src/github/pacing.js";
import { QUEUES } from "../src/jobs/queues.js";
import { createStandin, type Standin } from "../src/standin/index.js";
import { PRIVATE_KEY, useHarness } from "./helpers/harness.js";
import { APP_ID, WEBHOOK_SECRET } from "./helpers/ids.js";
import { silentLogger } from "./helpers/logger.js";
import { deliveryRow } from "./helpers/state.js";
import { harnessParts, serveWeb } from "./helpers/web.js";

const h = useHarness();
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.stop();
  standin = undefined;
});

/**
 * The whole round trip against the local stand-in of GitHub: it delivers webhooks to Senseloop's
 * HTTP server, keeps the delivery log, and redelivers what it is asked to.
 */
async function connected(): Promise<Standin> {
  const { base } = await serveWeb(harnessParts(h));
  standin = createStandin({ app: { id: APP_ID, slug: "senseloop", privateKey: PRIVATE_KEY }, webhook: { url: `${base}/api/github/webhooks`, secret: WEBHOOK_SECRET }, clock: h.time });
  await standin.start();
  h.rt.probot = new Probot({ appId: APP_ID, privateKey: PRIVATE_KEY, secret: WEBHOOK_SECRET, baseUrl: standin.urls.api, log: silentLogger, Octokit: senseloopOctokit({ throttle: false }) });
  standin.createOrg({ login: "acme" });
  standin.createUser({ login: "pam" });
  standin.createRepo({ owner: "acme", name: "shop", creator: "pam", files: { "README.md": "# Shop\n" } });
  standin.createInstallation({ account: "acme", sender: "pam" });
  await standin.settle();
  await h.drain();
  return standin;
}

const reconcile = async () => {
  await h.rt.boss.send(QUEUES.reconcile.name, { trigger: "api" });
  await h.drain();
};

describe("reconciling against the stand-in of GitHub", () => {
  it("gets a webhook lost while Senseloop was unreachable redelivered, handles it once, and asks for it only once", async () => {
    const github = await connected();
    github.pauseDeliveries();
    github.openIssue({ repo: "acme/shop", actor: "pam", title: "Checkout is slow" });
    await github.settle();
    github.resumeDeliveries();
    const [lost] = github.deliveries({ state: "failed" });
    const before = await deliveryRow(h, lost!.guid);

    await reconcile();
    await github.settle();
    await h.drain();
    await reconcile();

    expect(before).toBeUndefined();
    expect(await deliveryRow(h, lost!.guid)).toMatchObject({ event: "issues", action: "opened", status: "done", duplicates: 0 });
    expect(github.requests({ method: "POST", pathPrefix: "/api/v3/app/hook/deliveries" })).toHaveLength(1);
    const runs = await h.rt.db.select().from(reconcileRuns);
    expect(runs.map((r) => [r.missing, r.redelivered])).toEqual([
      [1, 1],
      [0, 0],
    ]);
  });
});
