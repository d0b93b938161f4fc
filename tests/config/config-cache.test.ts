import { describe, expect, it } from "vitest";
import { getCachedConfigFile, invalidateConfigFiles, saveConfigFile } from "../../src/db/queries/config-cache.js";
import { installations, repositories } from "../../src/db/schema/index.js";
import { scopeFor } from "../../src/runtime.js";
import { CONFIG_TRUSTED_MS } from "../../src/services/config-cache.js";
import { readRepoConfig } from "../../src/services/repo-config.js";
import { api, blobEtag, nockContents, nockContentsUnchanged } from "../helpers/github.js";
import { useHarness } from "../helpers/harness.js";
import { INSTALLATION_ID, repo, SHOP, type TestRepo } from "../helpers/ids.js";
import { silentLogger } from "../helpers/logger.js";
import { pushEvent } from "../helpers/payloads.js";

const h = useHarness();

const PATH = ".github/senseloop.yml";
const ORG_DEFAULTS = repo("acme", ".github", 1050);
const SHARED = repo("acme", "shared", 1060);
const PAST_THE_BOUND = CONFIG_TRUSTED_MS / 1000 + 1;

async function knownRepository(r: TestRepo = SHOP, installationId = INSTALLATION_ID) {
  const now = h.time.now();
  await h.rt.db.insert(installations).values({ id: installationId, accountLogin: r.owner, createdAt: now, updatedAt: now }).onConflictDoNothing();
  await h.rt.db.insert(repositories).values({ id: r.id, installationId, owner: r.owner, name: r.name, fullNameKey: r.fullName.toLowerCase(), updatedAt: now }).onConflictDoNothing();
}

/** The config of acme/shop as a job reads it now. */
async function read(r: TestRepo = SHOP, installationId = INSTALLATION_ID) {
  const scope = await scopeFor(h.rt, installationId, silentLogger);
  return readRepoConfig(scope, r.id, { owner: r.owner, repo: r.name });
}

async function modeNow() {
  const result = await read();
  if (!result.ok) throw new Error(`config invalid: ${JSON.stringify(result.problems)}`);
  return result.config.mode;
}

const cached = (fullName: string, path = PATH) => getCachedConfigFile(h.rt.db, { installationId: INSTALLATION_ID, repository: fullName.toLowerCase(), path });

async function push(o: Parameters<typeof pushEvent>[0]) {
  await h.receive("push", pushEvent(o));
  expect(await h.drain()).toMatchObject({ done: 1, dead: 0, retry: 0 });
}

describe("the config cache", () => {
  it("reads a repository's file once, with its ETag, and trusts it for ten minutes", async () => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, "mode: advisory\n");

    expect(await modeNow()).toBe("advisory");
    await h.time.advanceSeconds(PAST_THE_BOUND - 2);
    expect(await modeNow()).toBe("advisory");

    expect(await cached(SHOP.fullName)).toMatchObject({ content: "mode: advisory\n", etag: blobEtag("mode: advisory\n"), invalidatedAt: null });
  });

  it("asks again past ten minutes with If-None-Match; GitHub's 304 keeps the file and starts ten more minutes", async () => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, "mode: advisory\n");
    await modeNow();
    await h.time.advanceSeconds(PAST_THE_BOUND);
    nockContentsUnchanged(SHOP.fullName, PATH, "mode: advisory\n");

    expect(await modeNow()).toBe("advisory");
    await h.time.advanceSeconds(PAST_THE_BOUND - 2);
    expect(await modeNow()).toBe("advisory");
  });

  it("takes the new text when the file changed since its ETag", async () => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, "mode: advisory\n");
    await modeNow();
    await h.time.advanceSeconds(PAST_THE_BOUND);
    nockContents(SHOP.fullName, PATH, "mode: off\n", { ifNoneMatch: blobEtag("mode: advisory\n") });

    expect(await modeNow()).toBe("off");
    expect(await cached(SHOP.fullName)).toMatchObject({ content: "mode: off\n", etag: blobEtag("mode: off\n") });
  });

  it("remembers that a repository has no file, and reads the organisation's .github repository's instead", async () => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, null);
    nockContents(ORG_DEFAULTS.fullName, PATH, "mode: off\n");

    expect(await modeNow()).toBe("off");
    expect(await modeNow()).toBe("off");
    expect(await cached(SHOP.fullName)).toMatchObject({ content: null, etag: null });
  });

  it("gives every default when neither file exists, and asks for neither again within ten minutes", async () => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, null);
    nockContents(ORG_DEFAULTS.fullName, PATH, null);

    expect(await modeNow()).toBe("enforce");
    expect(await modeNow()).toBe("enforce");
  });

  it("is kept per installation: another installation reading the same file asks GitHub itself", async () => {
    const other = repo("acme", "shop", SHOP.id);
    await knownRepository();
    nockContents(SHOP.fullName, PATH, "mode: off\n");
    await modeNow();
    await h.rt.db.update(repositories).set({ installationId: 77 });
    api().post("/app/installations/77/access_tokens").reply(201, { token: "ghs_other", expires_at: "2099-01-01T00:00:00Z", permissions: { contents: "read" }, repository_selection: "all" });
    nockContents(SHOP.fullName, PATH, "mode: advisory\n");

    const result = await read(other, 77);

    expect(result).toMatchObject({ ok: true, config: { mode: "advisory" } });
  });

  it("never takes a refused installation token for a missing file", async () => {
    await knownRepository(SHOP, 78);
    api().post("/app/installations/78/access_tokens").reply(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app" });

    await expect(read(SHOP, 78)).rejects.toThrow();
    expect(await cached(SHOP.fullName)).toBeUndefined();
  });
});

describe("a push invalidates what it changed", () => {
  it("a push to the default branch touching .github/senseloop.yml: the next read asks GitHub at once", async () => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, "mode: advisory\n");
    await modeNow();

    await push({ files: [["src/app.js"], [PATH]] });
    nockContents(SHOP.fullName, PATH, "mode: off\n", { ifNoneMatch: blobEtag("mode: advisory\n") });

    expect(await modeNow()).toBe("off");
    expect(await modeNow()).toBe("off");
  });

  it.each([
    ["to another branch", { branch: "reorder", files: [[PATH]] }],
    ["to the default branch, not touching the file", { files: [["README.md", ".github/ISSUE_TEMPLATE/hypothesis.yml"]] }],
  ])("a push %s keeps the cached file", async (_name, o) => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, "mode: advisory\n");
    await modeNow();

    await push(o);

    expect(await modeNow()).toBe("advisory");
    expect((await cached(SHOP.fullName))?.invalidatedAt).toBeNull();
  });

  it("a forced push to the default branch, whose files are not all listed, invalidates every cached file of the repository", async () => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, "mode: advisory\n");
    await modeNow();

    await push({ forced: true, files: [["README.md"]] });
    nockContentsUnchanged(SHOP.fullName, PATH, "mode: advisory\n");

    expect(await modeNow()).toBe("advisory");
  });

  it("any push to the default branch of the organisation's .github repository refreshes the organisation's defaults", async () => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, null);
    nockContents(ORG_DEFAULTS.fullName, PATH, "mode: advisory\n");
    await modeNow();

    await push({ repo: ORG_DEFAULTS, files: [["profile/README.md"]] });
    // The repository's own file is still known to be missing; only the organisation's is asked for.
    nockContents(ORG_DEFAULTS.fullName, PATH, "mode: off\n", { ifNoneMatch: blobEtag("mode: advisory\n") });

    expect(await modeNow()).toBe("off");
  });

  it("an invalidation that arrives while the file is being fetched still stands after the fetch is stored", async () => {
    const key = { installationId: INSTALLATION_ID, repository: "acme/shop", path: PATH };
    const askedAt = h.time.now();
    await h.time.advanceSeconds(1);
    await saveConfigFile(h.rt.db, key, { content: "mode: advisory\n", etag: null }, h.time.now(), askedAt);
    await invalidateConfigFiles(h.rt.db, "acme/shop", [PATH], h.time.now());
    await h.time.advanceSeconds(1);

    await saveConfigFile(h.rt.db, key, { content: "mode: advisory\n", etag: null }, h.time.now(), askedAt);

    expect((await cached(SHOP.fullName))?.invalidatedAt).not.toBeNull();
  });
});

describe("composing the config, as Probot's config plugin does", () => {
  it("follows _extends, the repository's keys over those it extends, caching each file", async () => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, "_extends: shared\nmode: advisory\n");
    nockContents(SHARED.fullName, PATH, "mode: off\nexempt:\n  label: skip\n");

    const first = await read();
    const second = await read();

    expect(first).toEqual(second);
    expect(first).toMatchObject({ ok: true, config: { mode: "advisory", exempt: { label: "skip" } } });
    expect(await cached(SHARED.fullName)).toMatchObject({ content: "mode: off\nexempt:\n  label: skip\n" });
  });

  it("reads _extends with another owner and path", async () => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, "_extends: umbrella/config:senseloop/base.yml\n");
    nockContents("umbrella/config", "senseloop/base.yml", "mode: off\n");

    expect(await modeNow()).toBe("off");
  });

  it.each([
    ["loops back on itself", "_extends: shared\n", "_extends: shop\n", { path: "_extends", message: "the _extends chain loops back on itself" }],
    ["names no repository", "_extends: [shared]\n", undefined, { path: "_extends", message: "must name a repository: `repo`, `owner/repo` or `owner/repo:path.yml`" }],
    ["reaches a file that is not YAML", "_extends: shared\n", "mode: [off\n", { path: "(file)", message: expect.stringMatching(/^YAML syntax error at line 2, column 1: /) }],
  ])("reports an _extends chain that %s", async (_name, own, shared, problem) => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, own);
    if (shared !== undefined) nockContents(SHARED.fullName, PATH, shared);

    expect(await read()).toEqual({ ok: false, problems: [problem] });
  });

  it("reports a file that holds a list rather than keys", async () => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, "- mode: off\n");

    expect(await read()).toEqual({ ok: false, problems: [{ path: "(root)", message: "the file must hold a mapping of keys, such as `mode: enforce`" }] });
  });

  it("takes an empty file as every default, without asking the organisation", async () => {
    await knownRepository();
    nockContents(SHOP.fullName, PATH, "# nothing yet\n");

    expect(await modeNow()).toBe("enforce");
  });
});
