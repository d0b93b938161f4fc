import { describe, expect, it } from "vitest";
import { GitHubError } from "../../src/github/errors.js";
import { octokitGitHub } from "../../src/github/octokit/index.js";
import { installationOctokit, seedShop, startReceiver, startStandin } from "./helpers.js";

async function setup() {
  const receiver = await startReceiver();
  const standin = await startStandin({ webhook: { url: receiver.url } });
  const seeded = seedShop(standin);
  const octokit = installationOctokit(standin, seeded.installationId);
  // Mint the token first, so the faults meet the request under test rather than the token request.
  await octokit.rest.repos.get({ owner: "acme", repo: "shop" });
  return { standin, receiver, octokit, ...seeded };
}

type Failure = { status: number; message: string; response: { headers: Record<string, string>; data: { message: string } } };
const failure = (e: unknown) => e as Failure;

describe("rate limits", () => {
  it("sends GitHub's rate-limit headers on every answer, and a 304 costs nothing", async () => {
    const { octokit } = await setup();

    const first = await octokit.rest.repos.get({ owner: "acme", repo: "shop" });
    const missing = (await octokit.rest.issues.get({ owner: "acme", repo: "shop", issue_number: 99 }).catch(failure)) as Failure;
    const notModified = await octokit.rest.repos.get({ owner: "acme", repo: "shop", headers: { "if-none-match": first.headers.etag! } }).catch(failure);
    const after = await octokit.rest.repos.get({ owner: "acme", repo: "shop" });

    expect(first.headers).toMatchObject({ "x-ratelimit-limit": "5000", "x-ratelimit-resource": "core" });
    expect(Number(first.headers["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000);
    expect(missing.status).toBe(404);
    expect(Number(missing.response.headers["x-ratelimit-used"])).toBe(Number(first.headers["x-ratelimit-used"]) + 1);
    expect(notModified.status).toBe(304);
    expect(Number(after.headers["x-ratelimit-used"])).toBe(Number(first.headers["x-ratelimit-used"]) + 2);
  });

  it("answers an injected primary limit with 403 and remaining 0, then recovers", async () => {
    const { standin, octokit, installationId } = await setup();
    standin.injectFault({ installationId, kind: "primary-rate-limit", times: 2 });

    const limited = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "shop" }).catch(failure);
    const again = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "shop" }).catch(failure);
    const recovered = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "shop" });

    expect(limited).toMatchObject({ status: 403, response: { headers: { "x-ratelimit-remaining": "0" }, data: { message: `API rate limit exceeded for installation ID ${installationId}.` } } });
    expect(again.status).toBe(403);
    expect(recovered.status).toBe(200);
  });

  it.each([403, 429])("answers an injected secondary limit with %i and retry-after", async (status) => {
    const { standin, octokit, installationId } = await setup();
    standin.injectFault({ installationId, kind: "secondary-rate-limit", status, retryAfter: 120 });

    const limited = (await octokit.rest.issues.create({ owner: "acme", repo: "shop", title: "x" }).catch(failure)) as Failure;

    expect(limited).toMatchObject({ status, response: { headers: { "retry-after": "120" } } });
    expect(limited.message).toMatch(/secondary rate limit/);
    expect(standin.state.requireRepo("acme/shop").issues).toHaveLength(0);
  });

  it("spends the real hourly budget, and the window resets when the clock passes it", async () => {
    const { standin, octokit, installationId } = await setup();
    standin.exhaustRateLimit({ installationId });

    const limited = await octokit.rest.repos.get({ owner: "acme", repo: "shop" }).catch(failure);
    standin.advanceClock({ minutes: 61 });
    const later = await octokit.rest.repos.get({ owner: "acme", repo: "shop" });

    expect(limited).toMatchObject({ status: 403, response: { headers: { "x-ratelimit-remaining": "0" } } });
    expect(later.headers["x-ratelimit-used"]).toBe("1");
  });

  it("is read by Senseloop's GitHub port as rate limited, with when it resets", async () => {
    const { standin, octokit, installationId } = await setup();
    standin.injectFault({ installationId, kind: "primary-rate-limit" });

    const error = await octokitGitHub(octokit, standin.clock, () => ({ appId: 123, login: undefined })).issues.create({ owner: "acme", repo: "shop" }, { title: "Sense: x", body: "b", labels: [], assignees: [] }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ status: 403, failure: "rate_limited" });
    expect((error as GitHubError).resetAt!.getTime()).toBeGreaterThan(standin.clock.now().getTime());
  });
});

describe("server errors", () => {
  it("applies a write and still answers 502 when told to fail after the write", async () => {
    const { standin, receiver, octokit, installationId } = await setup();
    standin.injectFault({ installationId, kind: "server-error-after-write" });

    const answer = await octokit.rest.issues.create({ owner: "acme", repo: "shop", title: "Sense: reorder" }).catch(failure);
    await standin.settle();
    const { data: issues } = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "shop", creator: "senseloop[bot]" });

    expect(answer.status).toBe(502);
    expect(issues.map((i) => i.title)).toEqual(["Sense: reorder"]);
    expect(receiver.names().at(-1)).toBe("issues.opened");
    expect(standin.requests({ writes: true, kind: "installation" }).map((r) => [r.route, r.status, r.body])).toEqual([["POST /repos/{owner}/{repo}/issues", 502, { title: "Sense: reorder" }]]);
  });
});
