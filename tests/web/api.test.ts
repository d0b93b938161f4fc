import { describe, expect, it } from "vitest";
import { seedDashboardStory } from "../helpers/dashboard-story.js";
import { useHarness } from "../helpers/harness.js";
import { INSTALLATION_ID, PRODUCT, SHOP } from "../helpers/ids.js";
import { SIGN_IN_ENV } from "../helpers/user-github.js";
import { harnessParts, serveWeb, testEnv } from "../helpers/web.js";
import { formTokenOf, WebClient } from "../helpers/web-client.js";
import { signIn } from "../helpers/web-sign-in.js";

const h = useHarness();
const ACME = { installationId: INSTALLATION_ID, account: "acme", repos: [SHOP, PRODUCT] };

interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** The story seeded, the server up, pam signed in with access to acme/shop and acme/product. */
async function signedInPam(): Promise<{ base: string; client: WebClient }> {
  await seedDashboardStory(h);
  const { base } = await serveWeb(harnessParts(h, testEnv(SIGN_IN_ENV)));
  const { client } = await signIn(h, base, "pam", { access: [ACME] });
  return { base, client };
}

/** Follows `next_cursor` from `path` to the last page, keeping each page's Link header. */
async function walk<T>(client: WebClient, path: string): Promise<{ pages: T[][]; links: (string | null)[] }> {
  const pages: T[][] = [];
  const links: (string | null)[] = [];
  let url: string | null = path;
  while (url && pages.length < 20) {
    const res = await client.get(url);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Page<T>;
    pages.push(body.data);
    links.push(res.headers.get("link"));
    url = body.next_cursor ? `${path}${path.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(body.next_cursor)}` : null;
  }
  return { pages, links };
}

describe("the JSON API's figures", () => {
  it("gives an organisation's totals from its loops and merged PRs, and each repository's own", async () => {
    const { client } = await signedInPam();

    const orgs = (await (await client.get("/api/v1/orgs")).json()) as Page<{ login: string; repositories: number; totals: Record<string, unknown> }>;
    const metrics = (await (await client.get("/api/v1/orgs/acme/metrics")).json()) as { totals: Record<string, unknown>; feature_factory: { week_start: string }[] };
    const shop = (await (await client.get("/api/v1/repos/acme/shop/metrics")).json()) as { full_name: string; figures: Record<string, unknown>; merged_by_week: { week_start: string; linked: number; exempt: number; missing: number }[] };

    // Past due: shop #12 (production), #14, #16 and product #3; three answered after 22, 20 and 15 days.
    const totals = { overdue: 1, sensing: 2, responded_last_90_days: 3, rolled_back: 1, median_days_to_response: 20, closure_rate: 0.75, past_due: 4, past_due_responded: 3, decisions: { persevere: 1, pivot: 1, kill: 1 }, merged_linked_share_30_days: 0.5 };
    expect(orgs).toEqual({ data: [{ login: "acme", repositories: 2, totals }], next_cursor: null });
    expect(metrics.totals).toEqual(totals);
    expect(metrics.feature_factory).toHaveLength(12);
    expect(metrics.feature_factory.at(-1)!.week_start).toBe("2026-03-02");
    expect(shop.full_name).toBe("acme/shop");
    expect(shop.figures).toMatchObject({ past_due: 3, past_due_responded: 2, median_days_to_response: 21, decisions: { persevere: 1, pivot: 0, kill: 1 } });
    // The week of 2026-02-23: PRs merged 2, 3 (linked) and 5 days (exempt) before Monday 2026-03-02.
    expect(shop.merged_by_week.at(-2)).toEqual({ week_start: "2026-02-23", linked: 2, exempt: 1, missing: 0 });
  });

  it("lists a repository's loops by state, with owners, the sense issue and the readings", async () => {
    const { client } = await signedInPam();

    const overdue = (await (await client.get("/api/v1/repos/acme/shop/loops?state=overdue")).json()) as Page<Record<string, unknown>>;
    const wrong = await client.get("/api/v1/repos/acme/shop/loops?state=late");

    expect(overdue.data).toEqual([
      expect.objectContaining({
        hypothesis: expect.objectContaining({ number: 14, title: "One-page checkout halves drop-off" }),
        environment: "production",
        state: "overdue",
        days_overdue: 16,
        owners: ["pam", "maria"],
        sense_issue: { number: 140, html_url: "https://github.com/acme/shop/issues/140" },
        readings: [expect.objectContaining({ slot: "baseline", value: 0.42 }), expect.objectContaining({ slot: "periodic", value: 0.4 })],
      }),
    ]);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: expect.stringContaining("state must be one of") });
  });

  it("gives one hypothesis with its fields, loops, ships and timeline", async () => {
    const { client } = await signedInPam();

    const hypothesis = (await (await client.get("/api/v1/repos/acme/shop/hypotheses/12")).json()) as { fields: Record<string, unknown>; loops: { environment: string; ships: unknown[]; response: unknown }[]; timeline: { kind: string }[] };

    expect(hypothesis.fields).toMatchObject({ who: "Returning customers", by_how_much: "Reorder rate >= 0.18" });
    expect(hypothesis.loops.map((loop) => [loop.environment, loop.ships.length, loop.response !== null])).toEqual([
      ["staging", 1, false],
      ["production", 1, true],
    ]);
    expect(hypothesis.timeline.map((event) => event.kind)).toEqual(["shipped", "shipped", "extended", "reminded", "responded"]);
  });
});

describe("the JSON API's cursors", () => {
  it("walks the learning log one entry a page, newest first, each entry once, with a Link to the next page", async () => {
    const { client } = await signedInPam();

    const { pages, links } = await walk<{ repository: string; decision: string }>(client, "/api/v1/orgs/acme/learnings?limit=1");
    const kills = (await (await client.get("/api/v1/orgs/acme/learnings?decision=kill")).json()) as Page<{ learning: string }>;

    expect(pages.map((page) => page.map((row) => `${row.repository} ${row.decision}`))).toEqual([["acme/shop persevere"], ["acme/product pivot"], ["acme/shop kill"]]);
    expect(links[0]).toMatch(/^<\/api\/v1\/orgs\/acme\/learnings\?limit=1&cursor=[^>]+>; rel="next"$/);
    expect(links.at(-1)).toBeNull();
    expect(kills.data.map((row) => row.learning)).toEqual(["Nobody bought a gift card in six weeks; removing the page frees the checkout team."]);
  });

  it("walks loops and hypotheses a few at a time to the same list as one large page", async () => {
    const { client } = await signedInPam();

    const loops = await walk<{ hypothesis: { number: number }; environment: string }>(client, "/api/v1/repos/acme/shop/loops?limit=2");
    const allLoops = (await (await client.get("/api/v1/repos/acme/shop/loops?limit=100")).json()) as Page<{ hypothesis: { number: number }; environment: string }>;
    const hypotheses = await walk<{ number: number }>(client, "/api/v1/repos/acme/shop/hypotheses?limit=4");
    const repos = await walk<{ full_name: string }>(client, "/api/v1/orgs/acme/repos?limit=1");

    const key = (loop: { hypothesis: { number: number }; environment: string }) => `#${loop.hypothesis.number} ${loop.environment}`;
    expect(loops.pages.flat().map(key)).toEqual(allLoops.data.map(key));
    expect(allLoops.data.map(key)).toEqual(["#14 production", "#15 production", "#12 staging", "#12 production", "#16 production", "#17 production"]);
    expect(loops.pages.map((page) => page.length)).toEqual([2, 2, 2]);
    expect(hypotheses.pages.map((page) => page.map((row) => row.number))).toEqual([
      [12, 14, 15, 16],
      [17, 18],
    ]);
    expect(repos.pages.map((page) => page.map((row) => row.full_name))).toEqual([["acme/product"], ["acme/shop"]]);
  });

  it("refuses a cursor it never gave out and a limit outside 1 to 100", async () => {
    const { client } = await signedInPam();

    const answers = await Promise.all(
      ["/api/v1/orgs/acme/learnings?cursor=forged", "/api/v1/repos/acme/shop/loops?cursor=eyJuIjotMX0", "/api/v1/orgs?limit=0", "/api/v1/orgs/acme/repos?limit=101", "/api/v1/repos/acme/shop/hypotheses?limit=two"].map(async (path) => [path, (await client.get(path)).status]),
    );

    expect(answers.map(([, status]) => status)).toEqual([400, 400, 400, 400, 400]);
  });
});

describe("API tokens", () => {
  it("lets a script read the API as the person who made the token, until it is revoked", async () => {
    const { base, client } = await signedInPam();
    const settings = await (await client.get("/settings/tokens")).text();

    const made = await client.post("/settings/tokens", { token: formTokenOf(settings)!, label: "weekly export" });
    const page = await made.text();
    const token = /<p class="token">([^<]+)<\/p>/.exec(page)?.[1];
    const script = new WebClient(base);
    const read = await script.get("/api/v1/orgs", { authorization: `Bearer ${token}` });
    const noPages = await script.get("/acme", { authorization: `Bearer ${token}` });
    const id = /name="id" value="([^"]+)"/.exec(page)?.[1];
    const revoked = await client.post("/settings/tokens/revoke", { token: formTokenOf(page)!, id: id! });
    const after = await script.get("/api/v1/orgs", { authorization: `Bearer ${token}` });

    expect(made.status).toBe(201);
    expect(page).toContain(`curl -H &quot;Authorization: Bearer ${token}&quot; ${base}/api/v1/orgs`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as Page<{ login: string }>).data.map((org) => org.login)).toEqual(["acme"]);
    // A token is for the API: on a page it is no session.
    expect(noPages.status).toBe(404);
    expect(revoked.status).toBe(303);
    expect(after.status).toBe(401);
  });
});
