import { readFileSync } from "node:fs";
import type { Standin } from "../../src/standin/index.js";

const HYPOTHESIS_FORM = readFileSync(new URL("../../.github/ISSUE_TEMPLATE/hypothesis.yml", import.meta.url), "utf8");
const REPO = "acme/shop";

export interface StoryOptions {
  /** The hypotheses' "Sense after (days)": 0 makes every shipped one due at once. */
  senseAfterDays: number;
  /** The repository's `.github/senseloop.yml`. */
  config?: string;
}

/** What the story should have made Senseloop write. */
export interface StoryExpectations {
  /** Every head SHA a PR had: one check run each. */
  heads: string[];
  /** The PR that named its hypothesis later: its check run is updated once. */
  named: number;
  /** The hypotheses the deploy shipped: one sense issue each, and a comment on the hypothesis. */
  shipped: { number: number; title: string }[];
}

export interface Shop {
  installationId: number;
  repositoryId: number;
}

/**
 * An organisation with one repository, the app installed on it, and the repository deployed
 * once (the first deploy Senseloop sees is the baseline later ones are compared with).
 */
export function setUpShop(standin: Standin, o: StoryOptions): Shop {
  standin.createOrg({ login: "acme" });
  standin.createUser({ login: "pam" });
  standin.createUser({ login: "alice" });
  const repo = standin.createRepo({ owner: "acme", name: "shop", creator: "pam", files: { "README.md": "# Shop\n", ".github/ISSUE_TEMPLATE/hypothesis.yml": HYPOTHESIS_FORM, ...(o.config ? { ".github/senseloop.yml": o.config } : {}) } });
  standin.grantAccess({ repo: REPO, login: "alice", role: "write" });
  const installation = standin.createInstallation({ account: "acme", sender: "pam" }).id;
  standin.deploy({ repo: REPO, actor: "pam", ref: "main", environment: "production" });
  return { installationId: installation, repositoryId: repo.id };
}

/** A PR of one new file on a new branch, by alice. */
function openPr(standin: Standin, branch: string, title: string, body: string): { number: number; head: string } {
  const { head } = standin.push({ repo: REPO, actor: "alice", branch, commits: [{ message: title, files: { [`${branch}.js`]: `${branch}()\n` } }] });
  const pr = standin.openPullRequest({ repo: REPO, actor: "alice", head: branch, title, body });
  return { number: pr.number, head };
}

/**
 * A week of product work, as people do it on GitHub: three hypotheses written with the issue
 * form, four PRs (one naming none at first, one pushed to again), three merged, one deploy to
 * production. Each step makes the stand-in send its webhooks, signed, to Senseloop. The acts
 * come in bursts; `settled` waits between them until Senseloop has done what the last one asked,
 * as a week's pace would.
 */
export async function playWeek(standin: Standin, o: StoryOptions, settled: () => Promise<void>): Promise<StoryExpectations> {
  const hypothesis = (title: string, belief: string) => ({
    title,
    number: standin.submitIssueForm({ repo: REPO, actor: "pam", title, fields: { belief, who: "returning customers", "does-what": "order again", "by-how-much": "5%", signal: "the reorder dashboard", "sense-after": String(o.senseAfterDays) } }).number,
  });
  const reorder = hypothesis("Hypothesis: a reorder button", "a reorder button on past orders");
  const saved = hypothesis("Hypothesis: saved baskets", "saved baskets");
  const wishlist = hypothesis("Hypothesis: a wishlist", "a wishlist");
  await settled();

  const a = openPr(standin, "reorder", "Reorder button", `Hypothesis: #${reorder.number}`);
  const b = openPr(standin, "saved-baskets", "Saved baskets", `Hypothesis: #${saved.number}`);
  const c = openPr(standin, "wishlist", "Wishlist and reorder links", `Hypothesis: #${wishlist.number}, #${reorder.number}`);
  const d = openPr(standin, "faster-search", "Faster search", "Makes search faster.");
  await settled();
  // The PR without a reference names one; the second PR gets another commit (a new head).
  standin.editPullRequest({ repo: REPO, number: d.number, actor: "alice", body: `Makes search faster.\n\nHypothesis: #${wishlist.number}` });
  const again = standin.push({ repo: REPO, actor: "alice", branch: "saved-baskets", commits: [{ message: "Keep baskets for 30 days", files: { "saved-baskets.js": "savedBaskets(30)\n" } }] });
  await settled();

  for (const pr of [a, b, c]) standin.mergePullRequest({ repo: REPO, number: pr.number, actor: "pam", method: "squash" });
  standin.deploy({ repo: REPO, actor: "pam", ref: "main", environment: "production" });
  await settled();
  return { heads: [a.head, b.head, again.head, c.head, d.head], named: d.number, shipped: [reorder, saved, wishlist] };
}
