import { afterAll, describe, expect, inject, it } from "vitest";
import { recordingNarrator } from "../../src/demo/narrator.js";
import { CAST, LEARNING, SIGNAL } from "../../src/demo/scene.js";
import { playStory, type StoryEnd } from "../../src/demo/story.js";
import { WebSession } from "../../src/demo/web-session.js";
import { startWorld, type DemoWorld } from "../../src/demo/world.js";
import { countWrites } from "../../src/demo/writes.js";
import type { RecordedRequest } from "../../src/standin/requests.js";

let world: DemoWorld | undefined;
afterAll(async () => {
  await world?.stop();
});

const DAY_MS = 86_400_000;

/** The body Senseloop sent with a write. */
const sent = (request: RecordedRequest) => (request.body ?? {}) as { body?: string; conclusion?: string; state?: string; title?: string };

/** Follows redirects by hand, as a browser does, carrying Senseloop's cookies; answers the last page. */
async function openInOneClick(url: string): Promise<{ finalUrl: string; html: string }> {
  const browser = new WebSession(new URL(url).origin);
  let next = url;
  for (let hops = 0; hops < 5; hops++) {
    const res = next.startsWith(browser.base) ? await browser.get(next) : await fetch(next, { redirect: "manual" });
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) return { finalUrl: next, html: await res.text() };
    next = new URL(location, next).href;
  }
  throw new Error(`too many redirects from ${url}`);
}

// The demo runs Senseloop on its own embedded database whatever the suite's is: once per CI run is enough.
describe.skipIf(inject("dbTemplate").kind === "postgres")("npm run demo's story", () => {
  it("plays from hypothesis to pivot through Senseloop's real webhook endpoint; GitHub sees exactly the writes it expects", { timeout: 240_000 }, async () => {
    world = await startWorld({ demoUser: CAST.product, series: { query: SIGNAL.query, start: SIGNAL.start, perDay: SIGNAL.perDay } });
    const narrator = recordingNarrator();
    const end: StoryEnd = await playStory(world, narrator);

    const writes = world.standin.requests({ writes: true, pathPrefix: "/api/v3/repos/" });
    const dashboard = Number(end.dashboardIssueUrl.split("/").at(-1));
    const counts = Object.fromEntries(countWrites(writes, { hypothesis: end.hypothesisNumber, sense: end.senseIssueNumber, dashboard }));
    const { "sense issue edited": senseEdits = 0, "dashboard issue edited": dashboardEdits = 0, ...exact } = counts;
    const ofRoute = (route: string) => writes.filter((w) => w.route === route);
    const checkRuns = [...ofRoute("POST /repos/{owner}/{repo}/check-runs"), ...ofRoute("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}")];
    const bodiesOf = (number: number) => writes.filter((w) => w.method === "PATCH" && w.path.endsWith(`/issues/${number}`) && sent(w).body !== undefined).map((w) => sent(w).body);
    const pages = narrator.lines.map((line) => /→ .*? (http:\/\/\S+)$/.exec(line)?.[1]).filter((url): url is string => url !== undefined);
    // The stand-in's pages, which a person opens from the story; Senseloop's own pages need a sign-in.
    const github = pages.filter((url) => url.startsWith(world!.standin.url));
    const answers = await Promise.all(github.map(async (url) => [url, (await fetch(url)).status, (await fetch(url)).headers.get("content-type")] as const));
    const oneClick = await openInOneClick(end.signInUrl);

    // Every write is Senseloop's, through its installation: the people's acts are the stand-in's control calls.
    expect(new Set(writes.map((w) => w.actor.kind))).toEqual(new Set(["installation"]));
    expect(exact).toEqual({
      "check run created": 1,
      "check run updated": 1,
      "sense issue opened": 1,
      "comment on the hypothesis: shipped": 1,
      "comment on the sense issue: reminder": 1,
      "label added to the sense issue: needs-response": 1,
      "comment on the sense issue: rolled-back": 1,
      "reaction on the command": 1,
      "comment on the sense issue: response": 1,
      "label removed from the sense issue: needs-response": 1,
      "sense issue closed": 1,
      "comment on the hypothesis: response-hypothesis": 1,
      "label added to the hypothesis: pivot": 1,
      "issue opened: Senseloop dashboard": 1,
    });
    expect(checkRuns.map((w) => sent(w).conclusion)).toEqual(["failure", "success"]);
    // Readings and the rollback edit the sense issue's body; the dashboard is edited once per burst of changes.
    expect(senseEdits).toBeGreaterThanOrEqual(1);
    expect(senseEdits).toBeLessThanOrEqual(4);
    expect(dashboardEdits).toBeLessThanOrEqual(4);
    for (const bodies of [bodiesOf(end.senseIssueNumber), bodiesOf(dashboard)]) {
      expect(bodies.every((body, i) => i === 0 || body !== bodies[i - 1])).toBe(true);
    }
    // The dashboard's table shortens a long learning.
    expect(world.standin.state.requireRepo(CAST.repo).issues[dashboard - 1]!.body).toContain(`| pivot | ${LEARNING.slice(0, 60)}`);

    // The signal: the baseline read at the ship's moment, the due-date reading 14 days later, from the stand-in Prometheus.
    const [baseline, ...later] = world.prometheus.queries;
    const due = later.find((q) => Date.parse(q.time) === Date.parse(baseline!.time) + 14 * DAY_MS);
    expect([baseline?.query, baseline?.value, due?.value]).toEqual([SIGNAL.query, "0.150", "0.171"]);

    expect(narrator.lines.filter((line) => /^\n?\d+\. /.test(line.trim()))).toHaveLength(10);
    expect(github.length).toBeGreaterThanOrEqual(13);
    expect(answers.filter(([, status, type]) => status !== 200 || !type?.startsWith("text/html"))).toEqual([]);
    expect(oneClick.finalUrl).toBe(`${world.senseloop.url}/${CAST.repo}`);
    expect(oneClick.html).toContain("Signed in as");
  });
});
