import { firstLine, GitHubView, lineStarting } from "./github-view.js";
import { chapter, type Narrator } from "./narrator.js";
import { CAST, HYPOTHESIS, LEARNING, SENSE_AFTER_DAYS, setTheScene, SIGNAL } from "./scene.js";
import { StepFailed, waitFor } from "./wait.js";
import type { DemoWorld } from "./world.js";

const DAY_MS = 86_400_000;
const DASHBOARD_TITLE = "Senseloop dashboard";

/** What the story leaves behind for whoever told it: where to look next. */
export interface StoryEnd {
  /** Opens the web dashboard signed in as the demo user: GitHub's (the stand-in's) sign-in approves at once. */
  signInUrl: string;
  dashboardIssueUrl: string;
  senseIssueNumber: number;
  hypothesisNumber: number;
}

interface Loop {
  state: string;
  readings: { value: number; slot: string }[];
  response: { decision: string; learning: string } | null;
}

/**
 * The scripted story, played against the real Senseloop through its real webhook endpoint: the
 * stand-in sends every webhook, signed, as GitHub would, and each step waits for the effect it
 * expects to show up on "GitHub" (the stand-in's state) or in Senseloop's own API, with a timeout.
 */
export async function playStory(world: DemoWorld, narrator: Narrator): Promise<StoryEnd> {
  const { standin } = world;
  const gh = new GitHubView(standin, CAST.repo);
  const api = `/api/v1/repos/${CAST.repo}`;
  const loops = async () => (await world.web.json<{ data: Loop[] }>(`${api}/loops`)).data;
  let baselineSha = "";

  await chapter(narrator, 1, `${CAST.org} installs Senseloop on its shop repository, ${CAST.repo}.`, async () => {
    ({ baselineSha } = setTheScene(world));
    await world.web.signIn();
    await waitFor("Senseloop to know the installation and its repository", async () => {
      const orgs = await world.web.json<{ data: { login: string; repositories: number }[] }>("/api/v1/orgs");
      return orgs.data.find((o) => o.login === CAST.org && o.repositories === 1);
    });
    narrator.say(`Production already runs the shop (commit ${baselineSha.slice(0, 7)}): Senseloop compares every later deploy with it.`);
    narrator.link("repository", gh.web);
  });

  let hypothesis = 0;
  await chapter(narrator, 2, `${CAST.product}, the product manager, writes a hypothesis with the issue form.`, async () => {
    hypothesis = standin.submitIssueForm({ repo: CAST.repo, actor: CAST.product, title: HYPOTHESIS.title, fields: HYPOTHESIS.fields }).number;
    narrator.say(`"${HYPOTHESIS.fields["We believe"]}" for ${HYPOTHESIS.fields.Who.toLowerCase()}; target: ${SIGNAL.target}, looked at ${SENSE_AFTER_DAYS} days after it ships.`);
    narrator.say(`Senseloop will read the signal itself from Prometheus: ${SIGNAL.query}`);
    await waitFor("Senseloop to record the hypothesis", async () => {
      const listed = await world.web.json<{ data: { number: number; is_hypothesis: boolean }[] }>(`${api}/hypotheses`);
      return listed.data.find((h) => h.number === hypothesis && h.is_hypothesis);
    });
    narrator.link(`hypothesis #${hypothesis}`, gh.issueUrl(hypothesis));
  });

  let pr = 0;
  let head = "";
  await chapter(narrator, 3, `${CAST.engineer}, an engineer, opens a pull request that does not say which hypothesis it serves.`, async () => {
    head = standin.push({ repo: CAST.repo, actor: CAST.engineer, branch: "reorder-button", commits: [{ message: "Add a Reorder button to past orders", files: { "src/orders.js": "export function pastOrders(customer) {\n  return customer.orders.map((order) => ({ ...order, reorder: true }));\n}\n" } }] }).head;
    pr = standin.openPullRequest({ repo: CAST.repo, actor: CAST.engineer, head: "reorder-button", title: "Add a Reorder button to past orders", body: "Each past order gets a Reorder button that refills the basket." }).number;
    const run = await waitFor("the hypothesis check to fail", () => gh.checkRunsFor(head).find((r) => r.status === "completed" && r.conclusion === "failure"));
    narrator.say(`The "${run.name}" check fails: ${run.output.title}`);
    narrator.link(`pull request #${pr}`, gh.issueUrl(pr));
    narrator.link("check run", gh.checkRunUrl(run));
  });

  await chapter(narrator, 4, `${CAST.engineer} links the hypothesis in the description ("Hypothesis: #${hypothesis}"), and the check passes.`, async () => {
    standin.editPullRequest({ repo: CAST.repo, actor: CAST.engineer, number: pr, body: `Each past order gets a Reorder button that refills the basket.\n\nHypothesis: #${hypothesis}` });
    const run = await waitFor("the hypothesis check to pass", () => gh.checkRunsFor(head).find((r) => r.conclusion === "success"));
    narrator.say(`The same check run, updated: ${run.output.title}.`);
    narrator.link("check run", gh.checkRunUrl(run));
  });

  let merged = "";
  await chapter(narrator, 5, `${CAST.engineer} merges it.`, async () => {
    merged = standin.mergePullRequest({ repo: CAST.repo, actor: CAST.engineer, number: pr, method: "squash" }).sha;
    const share = await waitFor("Senseloop to count the merged PR as linked to a hypothesis", async () => {
      const metrics = await world.web.json<{ figures: { merged_linked_share_30_days: number | null } }>(`${api}/metrics`);
      return metrics.figures.merged_linked_share_30_days ?? undefined;
    });
    narrator.say(`Merged as ${merged.slice(0, 7)}. Merged PRs linked to a hypothesis in the last 30 days: ${Math.round(share * 100)}%.`);
  });

  let sense = 0;
  await chapter(narrator, 6, "The deploy pipeline ships it to production.", async () => {
    const deployment = standin.deploy({ repo: CAST.repo, actor: CAST.engineer, ref: merged, environment: "production" }).deploymentId;
    const baseline = await waitFor("the signal's baseline, read from Prometheus", async () => (await loops())[0]?.readings.find((r) => r.slot === "baseline"));
    const issue = await waitFor("the sense issue, showing the baseline", () => gh.botIssues({ label: "sense" }).find((i) => i.body?.includes(`| ${baseline.value} (`)));
    sense = issue.number;
    const shipped = await waitFor("the shipped comment on the hypothesis", () => gh.botComments(hypothesis, "shipped:")[0]);
    narrator.say(`Deployment ${deployment} succeeded. Senseloop opens a sense issue: look at the signal by the due date, ${SENSE_AFTER_DAYS} days from now.`);
    narrator.say(`It read the signal's baseline from Prometheus at the moment of the ship: ${baseline.value}.`);
    narrator.link(`sense issue #${sense}`, gh.issueUrl(sense));
    narrator.say(`And tells the hypothesis: "${firstLine(shipped.body)}"`);
    narrator.link("comment", gh.commentUrl(shipped));
  });

  await chapter(narrator, 7, `${SENSE_AFTER_DAYS} days pass. (The demo moves every clock on; nothing sleeps.)`, async () => {
    const now = await world.advance(SENSE_AFTER_DAYS * DAY_MS + 3_600_000);
    narrator.say(`It is now ${now.toISOString().slice(0, 16).replace("T", " ")} UTC on GitHub's clock and on Senseloop's.`);
    const swept = await fetch(`${world.senseloop.url}/api/sweep`, { method: "POST", headers: { authorization: `Bearer ${world.sweepToken}` } });
    if (swept.status !== 202) throw new StepFailed(`POST /api/sweep answered ${swept.status}`);
    const reminder = await waitFor("the sweep's reminder on the sense issue", () => gh.botComments(sense, "reminder:")[0]);
    await waitFor("the needs-response label", () => gh.issue(sense)?.labels.some((l) => l.name === "needs-response") || undefined);
    narrator.say("The sweep finds the loop past its due date with no response yet: it reminds the owner, with the signal read at the due date,");
    narrator.say(`"${lineStarting(reminder.body, "Signal:") ?? firstLine(reminder.body)}"`);
    narrator.say("and labels the sense issue needs-response.");
    narrator.link("reminder", gh.commentUrl(reminder));
  });

  await chapter(narrator, 8, `${CAST.engineer} rolls production back to the previous build.`, async () => {
    standin.deploy({ repo: CAST.repo, actor: CAST.engineer, ref: baselineSha, environment: "production" });
    const comment = await waitFor("the rollback comment on the sense issue", () => gh.botComments(sense, "rolled-back:")[0]);
    narrator.say(`Senseloop sees the deploy go back to ${baselineSha.slice(0, 7)}: the Reorder button left production. It opens nothing new and says so:`);
    narrator.say(`"${firstLine(comment.body)}"`);
    narrator.link("comment", gh.commentUrl(comment));
  });

  await chapter(narrator, 9, `${CAST.product} records what the team learned: a pivot.`, async () => {
    const command = standin.comment({ repo: CAST.repo, actor: CAST.product, number: sense, body: `/respond pivot ${LEARNING}` });
    narrator.say(`"/respond pivot ${LEARNING}"`);
    const summary = await waitFor("the response summary on the sense issue", () => gh.botComments(sense, "response:")[0]);
    await waitFor("the sense issue to be closed", () => (gh.issue(sense)?.state === "closed" ? true : undefined));
    const decided = await waitFor("the decision on the hypothesis", () => gh.botComments(hypothesis, "response-hypothesis:")[0]);
    await waitFor("the pivot label on the hypothesis", () => gh.issue(hypothesis)?.labels.some((l) => l.name === "pivot") || undefined);
    narrator.say(`Senseloop answers with 👍, records the decision with the signal as it read then, closes the sense issue with a summary, and labels the hypothesis "pivot".`);
    narrator.say(`"${lineStarting(summary.body, "The signal read") ?? firstLine(summary.body)}"`);
    narrator.link("command", command.htmlUrl);
    narrator.link("summary", gh.commentUrl(summary));
    narrator.link("on the hypothesis", gh.commentUrl(decided));
  });

  let dashboard = 0;
  await chapter(narrator, 10, "The dashboards show it all.", async () => {
    // The dashboard issue is refreshed 30 s after the first change of a burst: let that half minute pass.
    await world.advance(60_000);
    dashboard = (await waitFor("the dashboard issue to list the pivot", () => gh.botIssues({ title: DASHBOARD_TITLE }).find((i) => i.body?.includes(LEARNING.slice(0, 40))))).number;
    narrator.say("The dashboard issue in the repository lists the response with what was learned, and the loop metrics.");
    narrator.link(`dashboard issue #${dashboard}`, gh.issueUrl(dashboard));
    // Two weeks passed since the first sign-in, longer than a session lasts unused: sign in again.
    await world.web.signIn();
    const [loop] = await loops();
    if (loop?.state !== "responded" || loop.response?.decision !== "pivot") throw new StepFailed(`the web API shows the loop as ${loop?.state ?? "missing"}, not responded with a pivot`);
    const page = await world.web.pageText(`/${CAST.repo}`);
    const learnings = await world.web.pageText(`/${CAST.org}/learnings`);
    if (!learnings.includes(LEARNING.slice(0, 40))) throw new StepFailed("the learning log does not show the pivot's learning");
    if (!page.includes(HYPOTHESIS.title)) throw new StepFailed("the repository page does not show the hypothesis");
    narrator.say(`The web dashboard shows the loop responded (${loop.readings.length} signal readings), and ${CAST.org}'s learning log has the pivot.`);
    narrator.link("repository page", `${world.senseloop.url}/${CAST.repo}`);
    narrator.link("learning log", `${world.senseloop.url}/${CAST.org}/learnings`);
  });

  return { signInUrl: `${world.senseloop.url}/login?return_to=${encodeURIComponent(`/${CAST.repo}`)}`, dashboardIssueUrl: gh.issueUrl(dashboard), senseIssueNumber: sense, hypothesisNumber: hypothesis };
}
