import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createStandin, type Standin, type StandinOptions } from "../../src/standin/index.js";
import { APP_ID, PRIVATE_KEY, WEBHOOK_SECRET } from "./servers.js";

const FORM = readFileSync(fileURLToPath(new URL("../../.github/ISSUE_TEMPLATE/hypothesis.yml", import.meta.url)), "utf8");

export interface World {
  standin: Standin;
  installationId: number;
  /** The hypothesis PRs name (`Hypothesis: #1`). */
  hypothesis: number;
  repo: string;
}

/** The local GitHub, with the benchmark's app (its key is the one Senseloop is started with). */
export async function startStandin(options: Omit<StandinOptions, "app" | "webhook"> = {}): Promise<Standin> {
  const standin = createStandin({ ...options, app: { id: Number(APP_ID), slug: "senseloop-bench", privateKey: PRIVATE_KEY }, webhook: { secret: WEBHOOK_SECRET } });
  await standin.start();
  return standin;
}

/**
 * One organisation, one repository holding the hypothesis form, the app installed, and one
 * hypothesis written with the form, announced to `webhookUrl`: what every end-to-end
 * measurement needs.
 */
export async function populate(standin: Standin, webhookUrl: string): Promise<World> {
  standin.setWebhook({ url: webhookUrl });
  standin.createUser({ login: "pam" });
  const world = organisation(standin, "acme");
  await standin.settle();
  return world;
}

/** `count` organisations (`org-1` …), each with the app installed and one hypothesis. */
export async function populateMany(standin: Standin, webhookUrl: string, count: number): Promise<World[]> {
  standin.setWebhook({ url: webhookUrl });
  standin.createUser({ login: "pam" });
  const worlds = Array.from({ length: count }, (_, i) => organisation(standin, `org-${i + 1}`));
  await standin.settle();
  return worlds;
}

function organisation(standin: Standin, login: string): World {
  standin.createOrg({ login });
  const repo = `${login}/shop`;
  standin.createRepo({ owner: login, name: "shop", creator: "pam", files: { ".github/ISSUE_TEMPLATE/hypothesis.yml": FORM, "README.md": "# shop\n" } });
  const { id: installationId } = standin.createInstallation({ account: login, sender: "pam" });
  const issue = standin.submitIssueForm({
    repo,
    actor: "pam",
    title: "Returning customers reorder a past basket",
    fields: { belief: "A reorder button on past orders", who: "Returning customers", "does-what": "Reorder a past basket", "by-how-much": "+5% repeat purchases", "sense-after": "14" },
  });
  return { standin, installationId, hypothesis: issue.number, repo };
}
