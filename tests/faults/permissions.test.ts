import { describe, expect, it } from "vitest";
import { permissionRefusals } from "../../src/db/schema/index.js";
import { NOT_ACCESSIBLE } from "../helpers/fault-github.js";
import { api, nockCheckReads, nockConfig, nockCreateCheckRunFailing } from "../helpers/github.js";
import { useHarness } from "../helpers/harness.js";
import { SHOP } from "../helpers/ids.js";
import { captureLogs, WARN } from "../helpers/log-capture.js";
import { installationEvent, pullRequestEvent } from "../helpers/payloads.js";
import { nockDeployments, sha } from "../helpers/ship-github.js";
import { deploymentStatusEvent } from "../helpers/ship-payloads.js";
import { deadJobRows, ledgerEntry, pendingJobs } from "../helpers/state.js";
import { FROM_THIS_MACHINE, harnessParts, testEnv } from "../helpers/web.js";
import { createWebApp } from "../../src/web/app.js";

const h = useHarness();
const NOTHING = { done: 0, parked: 0, dead: 0, retry: 0 };

/** The first deploy reads the environment's deployments; the installation never granted `deployments`. */
function nockDeploymentsRefused() {
  nockConfig(SHOP, null);
  api()
    .get(`/repos/${SHOP.fullName}/deployments`)
    .query((q) => q.environment === "production")
    .reply(403, NOT_ACCESSIBLE);
}

const deploy = (id: number, delivery: string) => h.receive("deployment_status", deploymentStatusEvent({ id, sha: sha(id) }), delivery);
const refusalWarnings = (lines: { level: number; msg: string }[]) => lines.filter((l) => l.level === WARN && /permission this installation has not granted/.test(l.msg));

describe("a permission the installation has not granted", () => {
  it("turns ship detection off for the repository with one log line, makes no call while refused, and notes it on the status page", async () => {
    const logs = captureLogs(h);
    nockDeploymentsRefused();

    await deploy(1, "deploy-1");
    const first = await h.drain();
    await deploy(2, "deploy-2");
    const second = await h.drain();

    expect(first).toEqual({ ...NOTHING, done: 2 });
    // The second deploy made no call: nothing answers one, and an unexpected call fails the test.
    expect(second).toEqual({ ...NOTHING, done: 2 });
    expect(await pendingJobs(h, "ship")).toBe(0);
    expect(await deadJobRows(h)).toEqual([]);
    expect(refusalWarnings(logs)).toMatchObject([{ installation: 42, repository: "acme/shop", permission: "deployments" }]);
    expect(await h.rt.db.select({ permission: permissionRefusals.permission, repository: permissionRefusals.repository, refusals: permissionRefusals.refusals }).from(permissionRefusals)).toEqual([
      { permission: "deployments", repository: "acme/shop", refusals: 1 },
    ]);
    const html = await (await createWebApp(harnessParts(h, testEnv())).request("/status", undefined, FROM_THIS_MACHINE)).text();
    expect(html).toContain("<h2>Permissions not granted</h2>");
    expect(html).toMatch(/<td><code>acme\/shop<\/code><\/td><td><code>deployments<\/code> <span class="muted">GET https:\/\/api\.github\.com\/repos\/acme\/shop\/deployments<\/span><\/td>/);
  });

  it("ends a check whose write GitHub refuses for want of `checks` without a retry, and records what is off", async () => {
    nockCheckReads({ title: "docs: tidy the readme", body: "Tidies the readme." });
    const refused = nockCreateCheckRunFailing(SHOP, 403, NOT_ACCESSIBLE.message);
    await h.receive("pull_request", pullRequestEvent("opened", { title: "docs: tidy the readme", body: "Tidies the readme." }));

    const counts = await h.drain();

    expect(counts).toEqual({ ...NOTHING, done: 2 });
    expect(refused.calls).toHaveLength(1);
    expect(await pendingJobs(h, "check-pr")).toBe(0);
    expect(await deadJobRows(h)).toEqual([]);
    // GitHub wrote nothing: the ledger forgets the key, so accepting the permission later writes it afresh.
    expect(await ledgerEntry(h, `check-run:${SHOP.id}:${"a".repeat(40)}`)).toBeUndefined();
    expect(await h.rt.db.select({ permission: permissionRefusals.permission, repository: permissionRefusals.repository }).from(permissionRefusals)).toEqual([{ permission: "checks", repository: "acme/shop" }]);
  });

  it("tries again once a day, logging once more, and at once when the owner accepts the new permissions", async () => {
    const logs = captureLogs(h);
    nockDeploymentsRefused();
    await deploy(1, "deploy-1");
    await h.drain();

    await h.time.advanceSeconds(86_400 + 60);
    nockDeploymentsRefused();
    await deploy(2, "deploy-2");
    await h.drain();
    await h.receive("installation", installationEvent("new_permissions_accepted"), "accepted");
    nockDeployments(SHOP, "production", []);
    await deploy(3, "deploy-3");
    const counts = await h.drain();

    expect(refusalWarnings(logs)).toHaveLength(2);
    expect(counts).toEqual({ ...NOTHING, done: 3 });
    expect(await h.rt.db.select().from(permissionRefusals)).toEqual([]);
  });
});
