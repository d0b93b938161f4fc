import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { installations } from "../src/db/schema/index.js";
import { api, forbidGitHubCalls } from "./helpers/github.js";
import { START, useHarness } from "./helpers/harness.js";
import { INSTALLATION_ID, PRODUCT, SHOP } from "./helpers/ids.js";
import { installationEvent, installationRepositoriesEvent, pullRequestEvent } from "./helpers/payloads.js";
import { errorBody } from "./helpers/rest-objects.js";
import { repositoryRow, repositoryRows } from "./helpers/state.js";

const h = useHarness();

async function deliver(event: string, payload: object) {
  await h.receive(event, payload);
  return h.drain();
}

describe("installation events", () => {
  it("stores a new installation and its repositories, without calling GitHub", async () => {
    forbidGitHubCalls();

    const counts = await deliver("installation", installationEvent("created", [SHOP, PRODUCT]));

    expect(counts).toEqual({ done: 1, parked: 0, dead: 0, retry: 0 });
    expect(await h.rt.db.select().from(installations)).toMatchObject([{ id: INSTALLATION_ID, accountLogin: "acme", accountType: "Organization", active: true, suspended: false }]);
    expect(await repositoryRows(h)).toMatchObject([
      { id: SHOP.id, installationId: INSTALLATION_ID, owner: "acme", name: "shop", fullNameKey: "acme/shop", private: true, removedAt: null },
      { id: PRODUCT.id, installationId: INSTALLATION_ID, owner: "acme", name: "product", fullNameKey: "acme/product", removedAt: null },
    ]);
  });

  it("marks a repository removed from the installation, and keeps the others", async () => {
    await deliver("installation", installationEvent("created", [SHOP, PRODUCT]));
    await h.time.advanceDays(1);

    await deliver("installation_repositories", installationRepositoriesEvent("removed", { removed: [PRODUCT] }));

    expect((await repositoryRow(h, PRODUCT))?.removedAt?.toISOString()).toBe(new Date(Date.parse(START) + 86_400_000).toISOString());
    expect((await repositoryRow(h, SHOP))?.removedAt).toBeNull();
  });

  it("brings a removed repository back when it is added again", async () => {
    await deliver("installation", installationEvent("created", [SHOP, PRODUCT]));
    await deliver("installation_repositories", installationRepositoriesEvent("removed", { removed: [PRODUCT] }));

    await deliver("installation_repositories", installationRepositoriesEvent("added", { added: [PRODUCT] }));

    expect(await repositoryRow(h, PRODUCT)).toMatchObject({ installationId: INSTALLATION_ID, removedAt: null });
  });

  it("marks the installation inactive when the app is uninstalled, and suspended when suspended", async () => {
    await deliver("installation", installationEvent("created", [SHOP]));

    await deliver("installation", installationEvent("suspend", [SHOP]));
    const suspended = await h.rt.db.select().from(installations);
    await deliver("installation", installationEvent("deleted", [SHOP]));

    expect(suspended).toMatchObject([{ active: true, suspended: true }]);
    expect(await h.rt.db.select().from(installations)).toMatchObject([{ active: false }]);
  });
});

describe("an installation GitHub no longer knows", () => {
  it("marks it inactive when GitHub refuses its token, and ends the job instead of retrying", async () => {
    const removed = 77;
    api().post(`/app/installations/${removed}/access_tokens`).reply(404, errorBody("Not Found", 404));
    const payload = { ...pullRequestEvent("opened"), installation: { id: removed, node_id: "I_77" } };

    const counts = await deliver("pull_request", payload);

    expect(counts).toMatchObject({ retry: 0 });
    const [row] = await h.rt.db.select().from(installations).where(eq(installations.id, removed));
    expect(row?.active).toBe(false);
  });
});
