import { describe, expect, it } from "vitest";
import { QUEUES } from "../src/jobs/queues.js";
import { nockAddLabels, nockConfig } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { seedSenseItem } from "./helpers/seed.js";
import { jobCount, NO_DASHBOARD } from "./helpers/sweep-github.js";
import { nockCreateComment } from "./helpers/ship-github.js";
import { harnessParts, serveWeb, testEnv } from "./helpers/web.js";

const h = useHarness();
const TOKEN = "sweep-token-0123456789abcdef";

async function start(token: string | undefined): Promise<string> {
  const { base } = await serveWeb(harnessParts(h, testEnv(token ? { SWEEP_TOKEN: token } : {})));
  return `${base}/api/sweep`;
}

const post = (url: string, headers: Record<string, string> = {}) => fetch(url, { method: "POST", headers });

describe("POST /api/sweep", () => {
  it("answers 202 to the right bearer token and queues a sweep job, which then sweeps", async () => {
    await seedSenseItem(h, { assignees: ["pam"] });
    await h.time.advanceDays(14);
    const url = await start(TOKEN);

    const res = await post(url, { authorization: `Bearer ${TOKEN}` });

    expect(res.status).toBe(202);
    const answer = (await res.json()) as { queued: boolean; job: string };
    expect(answer.queued).toBe(true);
    expect(answer.job).toMatch(/^[0-9a-f-]{36}$/);
    expect(await jobCount(h, QUEUES.sweep.name, ["created"])).toBe(1);

    nockConfig(SHOP, NO_DASHBOARD);
    const reminder = nockCreateComment(SHOP, 100, 9001);
    nockAddLabels(SHOP, 100);
    await h.drain();
    expect(reminder.body.body).toMatch(/^@pam — /);
  });

  it.each([
    ["a wrong token", { authorization: "Bearer sweep-token-0123456789abcdeX" }],
    ["a token of another length", { authorization: "Bearer short" }],
    ["no token", {}],
    ["another scheme", { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}` }],
  ])("answers 401 to %s and queues nothing", async (_name, headers) => {
    const url = await start(TOKEN);

    const res = await post(url, headers);

    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="senseloop"');
    expect(await res.json()).toEqual({ error: "a valid bearer token is required" });
    expect(await jobCount(h, QUEUES.sweep.name)).toBe(0);
  });

  it("does not exist (404) when SWEEP_TOKEN is unset", async () => {
    const url = await start(undefined);

    const res = await post(url, { authorization: `Bearer ${TOKEN}` });

    expect(res.status).toBe(404);
    expect(await jobCount(h, QUEUES.sweep.name)).toBe(0);
  });

  it("answers 405 to a GET", async () => {
    const url = await start(TOKEN);

    const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });

    expect([res.status, res.headers.get("allow")]).toEqual([405, "POST"]);
    expect(await jobCount(h, QUEUES.sweep.name)).toBe(0);
  });
});
