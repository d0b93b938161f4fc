import type { Decision } from "../../src/domain/commands.js";
import { reminderKey } from "../../src/domain/loop-keys.js";
import type { SenseState } from "../../src/domain/sense-state.js";
import { extensions, githubWrites, hypotheses, installations, pullRequests, repositories, responses, senseItemPullRequests, senseItems, senseReadings, ships } from "../../src/db/schema/index.js";
import type { Harness } from "./harness.js";
import { INSTALLATION_ID, PRODUCT, SHOP, type TestRepo } from "./ids.js";

const DAY = 86_400_000;

interface LoopSpec {
  environment: string;
  state: SenseState;
  /** Days before now. */
  shippedDaysAgo: number;
  senseAfterDays: number;
  issueNumber: number;
  response?: { decision: Decision; learning: string; daysAgo: number; by: string };
  readings?: { kind: "baseline" | "periodic" | "due"; daysAgo: number; value: number }[];
  extension?: { days: number; reason: string; by: string; daysAgo: number };
  reminded?: boolean;
}

type Role = "shop" | "product";

interface HypothesisSpec {
  repo: Role;
  number: number;
  title: string;
  owners: string[];
  byHowMuch?: string;
  loops: LoopSpec[];
}

/**
 * One organisation's story, seeded straight into the tables as the loop leaves them: acme/shop
 * with a hypothesis shipped to staging and production (readings, an extension, a reminder, a
 * response), an overdue loop, one being sensed, a kill, a rollback and one not shipped yet;
 * acme/product with a pivot; and merged PRs linked, exempt and missing over the last weeks.
 */
export const STORY: HypothesisSpec[] = [
  {
    repo: "shop",
    number: 12,
    title: "Returning customers reorder a past basket",
    owners: ["pam"],
    byHowMuch: "Reorder rate >= 0.18",
    loops: [
      { environment: "staging", state: "sensing", shippedDaysAgo: 30, senseAfterDays: 45, issueNumber: 120 },
      {
        environment: "production",
        state: "responded",
        shippedDaysAgo: 28,
        senseAfterDays: 14,
        issueNumber: 121,
        extension: { days: 7, reason: "Easter traffic skews the first week", by: "maria", daysAgo: 15 },
        reminded: true,
        readings: [
          { kind: "baseline", daysAgo: 28, value: 0.15 },
          { kind: "periodic", daysAgo: 24, value: 0.16 },
          { kind: "periodic", daysAgo: 18, value: 0.155 },
          { kind: "periodic", daysAgo: 12, value: 0.19 },
          { kind: "due", daysAgo: 7, value: 0.21 },
        ],
        response: { decision: "persevere", learning: "Reorders rose from 15% to 21%; returning customers use the button weekly.", daysAgo: 6, by: "pam" },
      },
    ],
  },
  { repo: "shop", number: 14, title: "One-page checkout halves drop-off", owners: ["pam", "maria"], loops: [{ environment: "production", state: "overdue", shippedDaysAgo: 30, senseAfterDays: 14, issueNumber: 140, readings: [{ kind: "baseline", daysAgo: 30, value: 0.42 }, { kind: "periodic", daysAgo: 20, value: 0.4 }] }] },
  { repo: "shop", number: 15, title: "Saved carts bring people back", owners: ["maria"], loops: [{ environment: "production", state: "sensing", shippedDaysAgo: 9, senseAfterDays: 14, issueNumber: 150, readings: [{ kind: "baseline", daysAgo: 9, value: 310 }, { kind: "periodic", daysAgo: 2, value: 356 }] }] },
  { repo: "shop", number: 16, title: "Gift cards for the holidays", owners: ["sam"], loops: [{ environment: "production", state: "responded", shippedDaysAgo: 60, senseAfterDays: 14, issueNumber: 160, response: { decision: "kill", learning: "Nobody bought a gift card in six weeks; removing the page frees the checkout team.", daysAgo: 40, by: "sam" } }] },
  { repo: "shop", number: 17, title: "Free shipping banner", owners: ["sam"], loops: [{ environment: "production", state: "rolled_back", shippedDaysAgo: 5, senseAfterDays: 14, issueNumber: 170 }] },
  { repo: "shop", number: 18, title: "Wish lists", owners: ["maria"], loops: [] },
  { repo: "product", number: 3, title: "An onboarding checklist gets teams to a first loop", owners: ["lee"], loops: [{ environment: "production", state: "responded", shippedDaysAgo: 35, senseAfterDays: 14, issueNumber: 30, response: { decision: "pivot", learning: "Teams skip the checklist but finish the sample hypothesis: lead with that instead.", daysAgo: 20, by: "lee" } }] },
];

/** Merged PRs per repository, `[days ago, outcome]`. */
const MERGED: [Role, number, "linked" | "exempt" | "missing"][] = [
  ["shop", 2, "linked"], ["shop", 3, "linked"], ["shop", 5, "exempt"], ["shop", 9, "missing"], ["shop", 10, "linked"], ["shop", 16, "linked"], ["shop", 17, "missing"], ["shop", 23, "linked"], ["shop", 30, "exempt"], ["shop", 44, "missing"],
  ["product", 4, "linked"], ["product", 12, "missing"], ["product", 26, "missing"],
];

export interface StoryPlace {
  shop: TestRepo;
  product: TestRepo;
  installationId: number;
}

export async function seedDashboardStory(h: Harness, place: StoryPlace = { shop: SHOP, product: PRODUCT, installationId: INSTALLATION_ID }): Promise<void> {
  const db = h.rt.db;
  const INSTALLATION = place.installationId;
  const now = h.time.now();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  await db.insert(installations).values({ id: INSTALLATION, accountLogin: place.shop.owner, createdAt: ago(400), updatedAt: now }).onConflictDoNothing();
  for (const repo of [place.shop, place.product]) {
    await db.insert(repositories).values({ id: repo.id, installationId: INSTALLATION, owner: repo.owner, name: repo.name, fullNameKey: repo.fullName, updatedAt: now }).onConflictDoNothing();
  }
  let pr = 40;
  for (const spec of STORY) {
    const repo = place[spec.repo];
    const [hypothesis] = await db
      .insert(hypotheses)
      .values({ repositoryId: repo.id, number: spec.number, title: spec.title, htmlUrl: `https://github.com/${repo.fullName}/issues/${spec.number}`, state: "open", labels: ["hypothesis"], authorLogin: spec.owners[0]!, assignees: spec.owners, belief: `${spec.title} for returning customers`, who: "Returning customers", doesWhat: "come back and buy again", byHowMuch: spec.byHowMuch ?? "+5% in 30 days", signal: "https://grafana.example.com/d/shop", githubUpdatedAt: ago(90), createdAt: ago(90) })
      .returning();
    const prNumber = ++pr;
    for (const loop of spec.loops) {
      const shippedAt = ago(loop.shippedDaysAgo);
      const [ship] = await db.insert(ships).values({ repositoryId: repo.id, environment: loop.environment, source: "deployment", sourceRef: `${loop.issueNumber}0`, url: `https://github.com/${repo.fullName}/deployments`, sha: "a".repeat(40), kind: "ahead", shippedAt, processedAt: shippedAt }).returning();
      const firstDue = new Date(shippedAt.getTime() + loop.senseAfterDays * DAY);
      const dueAt = loop.extension ? new Date(firstDue.getTime() + loop.extension.days * DAY) : firstDue;
      const [item] = await db
        .insert(senseItems)
        .values({ hypothesisId: hypothesis!.id, installationId: INSTALLATION, repositoryId: repo.id, environment: loop.environment, state: loop.state, shippedAt, dueAt, issueNumber: loop.issueNumber, issueUrl: `https://github.com/${repo.fullName}/issues/${loop.issueNumber}`, respondedAt: loop.response ? ago(loop.response.daysAgo) : null, rolledBackAt: loop.state === "rolled_back" ? ago(loop.shippedDaysAgo - 1) : null, createdAt: shippedAt, updatedAt: now })
        .returning();
      await db.insert(senseItemPullRequests).values({ senseItemId: item!.id, repositoryId: repo.id, prNumber, repo: repo.fullName, title: `Build: ${spec.title.toLowerCase()}`, htmlUrl: `https://github.com/${repo.fullName}/pull/${prNumber}`, shipId: ship!.id, left: loop.state === "rolled_back", addedAt: shippedAt });
      if (loop.response) {
        await db.insert(responses).values({ senseItemId: item!.id, repositoryId: repo.id, decision: loop.response.decision, learning: loop.response.learning, actorLogin: loop.response.by, commentId: 90_000 + item!.id, commentUrl: `https://github.com/${repo.fullName}/issues/${loop.issueNumber}#issuecomment-${90_000 + item!.id}`, respondedAt: ago(loop.response.daysAgo) });
      }
      if (loop.extension) {
        await db.insert(extensions).values({ senseItemId: item!.id, days: loop.extension.days, reason: loop.extension.reason, actorLogin: loop.extension.by, commentId: 80_000 + item!.id, previousDueAt: firstDue, newDueAt: dueAt, createdAt: ago(loop.extension.daysAgo) });
      }
      if (loop.reminded) {
        const url = `https://github.com/${repo.fullName}/issues/${loop.issueNumber}#issuecomment-${70_000 + item!.id}`;
        await db.insert(githubWrites).values({ key: reminderKey(item!.id, dueAt), status: "done", result: JSON.stringify({ id: 70_000 + item!.id, htmlUrl: url }), attempts: 1, createdAt: ago(7), updatedAt: ago(7) });
      }
      for (const [i, r] of (loop.readings ?? []).entries()) {
        const slotAt = ago(r.daysAgo);
        const slotKey = r.kind === "baseline" ? "baseline" : r.kind === "due" ? `due:${dueAt.toISOString()}` : `periodic:${slotAt.toISOString()}`;
        await db.insert(senseReadings).values({ senseItemId: item!.id, slotKind: r.kind, slotKey, slotAt, status: "read", source: "prod", query: "sum(rate(orders_reordered_total[1d]))", value: r.value, at: slotAt, attempts: 1 + (i % 2), createdAt: slotAt, updatedAt: slotAt });
      }
    }
  }
  for (const [i, [role, daysAgo, outcome]] of MERGED.entries()) {
    const repo = place[role];
    await db.insert(pullRequests).values({ repositoryId: repo.id, number: 200 + i, title: `Merged ${i}`, htmlUrl: `https://github.com/${repo.fullName}/pull/${200 + i}`, state: "closed", headSha: "b".repeat(40), mergedAt: ago(daysAgo), outcome });
  }
}
