import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./senseloop-process.js";
import type { DemoWorld } from "./world.js";

/** The people, the repository and the hypothesis of the story. */
export const CAST = {
  org: "acme",
  repo: "acme/shop",
  /** The product manager: writes the hypothesis, decides, and is the demo's signed-in user. */
  product: "pam",
  /** The engineer: builds, ships and rolls back. */
  engineer: "sam",
} as const;

/** The signal the hypothesis names, and how the stand-in Prometheus makes it move: up a little every day, short of the target. */
export const SIGNAL = {
  query: "sum(rate(orders_reordered_total[1d])) / sum(rate(orders_total[1d]))",
  start: 0.15,
  perDay: 0.0015,
  target: "Reorder rate >= 0.18",
} as const;

export const SENSE_AFTER_DAYS = 14;

export const HYPOTHESIS = {
  title: "Hypothesis: a Reorder button brings returning customers back",
  fields: {
    "We believe": "A Reorder button on each past order",
    Who: "Returning customers",
    "Does what": "Reorder a past basket in one tap instead of searching item by item",
    "By how much": SIGNAL.target,
    Signal: "Reorder rate on the shop's Grafana board",
    "Signal query": `prod: ${SIGNAL.query}`,
    "Sense after (days)": String(SENSE_AFTER_DAYS),
  },
};

export const LEARNING = "Customers did not look for a button on old orders; most reorders started from the basket page. Next: suggest the last basket at checkout.";

/**
 * acme's shop as GitHub holds it before the story: the team, the repository with Senseloop's
 * hypothesis form, the app installed on it; then production's current build deployed, which
 * Senseloop takes as its starting point (a first deploy opens nothing).
 */
export function setTheScene(world: DemoWorld): { baselineSha: string } {
  const { standin } = world;
  standin.createOrg({ login: CAST.org, name: "Acme Shop" });
  standin.createUser({ login: CAST.product, name: "Pam Product" });
  standin.createUser({ login: CAST.engineer, name: "Sam Engineer" });
  const form = readFileSync(join(ROOT, ".github/ISSUE_TEMPLATE/hypothesis.yml"), "utf8");
  const repo = standin.createRepo({
    owner: CAST.org,
    name: CAST.repo.split("/")[1]!,
    creator: CAST.product,
    description: "The Acme web shop",
    files: { "README.md": "# Acme shop\n", "src/orders.js": "export function pastOrders(customer) {\n  return customer.orders;\n}\n", ".github/ISSUE_TEMPLATE/hypothesis.yml": form },
  });
  standin.grantAccess({ repo: CAST.repo, login: CAST.product, role: "admin" });
  standin.grantAccess({ repo: CAST.repo, login: CAST.engineer, role: "write" });
  standin.createInstallation({ account: CAST.org, repositories: "all", sender: CAST.product });
  standin.deploy({ repo: CAST.repo, actor: CAST.engineer, ref: repo.head, environment: "production" });
  return { baselineSha: repo.head };
}
