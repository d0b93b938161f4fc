import { consoleNarrator } from "./narrator.js";
import { CAST, SIGNAL } from "./scene.js";
import { playStory } from "./story.js";
import { compareWrites, countWrites } from "./writes.js";
import { startWorld, type DemoWorld } from "./world.js";

/**
 * `npm run demo`: the whole loop in one command, on this machine only. It starts a stand-in of
 * GitHub, a stand-in of Prometheus and Senseloop itself, plays the story, and leaves everything
 * running until Ctrl-C. `npm run demo -- --once` plays it and exits: 0 only when every step
 * produced what it should and GitHub saw exactly the writes the story expects.
 */
const once = process.argv.includes("--once");
const out = (line = "") => console.log(line);
const started = Date.now();

out("Senseloop, the whole loop in one command: a hypothesis, the work that serves it, the ship, the signal, the decision.");
out("Starting a local GitHub, a local Prometheus and Senseloop (nothing leaves this machine)…");

let world: DemoWorld;
try {
  world = await startWorld({ port: once ? undefined : 3000, demoUser: CAST.product, series: { query: SIGNAL.query, start: SIGNAL.start, perDay: SIGNAL.perDay } });
} catch (err) {
  console.error(`\nThe demo could not start: ${(err as Error).message}`);
  process.exit(1);
}
out(`   GitHub (a local stand-in)      ${world.standin.url}`);
out(`   Prometheus (a local stand-in)  ${world.prometheus.url}`);
out(`   Senseloop                      ${world.senseloop.url}   (its log: ${world.senseloop.logFile})`);

const failed = async (message: string) => {
  console.error(`\nThe demo stopped: ${message}`);
  console.error(`\nSenseloop's last log lines:\n${world.senseloop.logTail(15)}`);
  await world.stop();
  process.exit(1);
};

try {
  const end = await playStory(world, consoleNarrator());
  const problems = compareWrites(countWrites(world.standin.requests({ writes: true }), { hypothesis: end.hypothesisNumber, sense: end.senseIssueNumber, dashboard: Number(end.dashboardIssueUrl.split("/").at(-1)) }));
  if (problems.length > 0) await failed(`GitHub did not see exactly the writes the story expects:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  const writes = world.standin.requests({ writes: true, pathPrefix: "/api/v3/repos/" }).length;
  out(`\nEvery step produced what it should: ${writes} writes to GitHub, each one expected, in ${Math.round((Date.now() - started) / 1000)} s.`);
  if (once) {
    await world.stop();
    process.exit(0);
  }
  out(`\nOpen the web dashboard, signed in as ${CAST.product} in one click:`);
  out(`   ${end.signInUrl}`);
  out(`Everything keeps running (GitHub's pages: ${world.standin.url}/${CAST.repo}). Press Ctrl-C to stop.`);
  const stop = () => {
    out("\nStopping Senseloop and the stand-ins…");
    void world.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (err) {
  await failed((err as Error).message);
}
