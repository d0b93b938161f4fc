import type { SenseState } from "../../src/domain/sense-state.js";
import { githubWrites, hypotheses, installations, repositories, senseItemPullRequests, senseItems, ships } from "../../src/db/schema/index.js";
import type { Harness } from "./harness.js";
import { INSTALLATION_ID, SHOP, type TestRepo } from "./ids.js";

export interface SeededLoop {
  hypothesisId: number;
  senseItemId: number;
  issueNumber: number;
}

export interface SeedOptions {
  repo?: TestRepo;
  installationId?: number;
  hypothesisNumber?: number;
  issueNumber?: number;
  shippedAt?: string;
  senseAfterDays?: number;
  assignees?: string[];
  author?: string;
  state?: SenseState;
  environment?: string;
  title?: string;
  /** The hypothesis's Signal query line; its loop is then due for a reading at `nextReadingAt` (default: the ship). */
  signalQuery?: string;
  byHowMuch?: string;
  nextReadingAt?: string;
}

/**
 * Arranges a shipped loop directly in the database (the ship → sense path has its own tests):
 * a repository, a hypothesis, a ship and a sense item whose issue is open. The write ledger
 * remembers the sense issue and the "shipped" comment on the hypothesis as already made, as
 * the ship path leaves them, so a later sense-issue job only edits the issue body.
 */
export async function seedSenseItem(h: Harness, o: SeedOptions = {}): Promise<SeededLoop> {
  const repo = o.repo ?? SHOP;
  const installationId = o.installationId ?? INSTALLATION_ID;
  const now = h.time.now();
  const db = h.rt.db;
  await db.insert(installations).values({ id: installationId, accountLogin: repo.owner, createdAt: now, updatedAt: now }).onConflictDoNothing();
  await db.insert(repositories).values({ id: repo.id, installationId, owner: repo.owner, name: repo.name, fullNameKey: repo.fullName.toLowerCase(), updatedAt: now }).onConflictDoNothing();
  const number = o.hypothesisNumber ?? 12;
  const [hypothesis] = await db
    .insert(hypotheses)
    .values({
      repositoryId: repo.id,
      number,
      title: o.title ?? "Returning customers reorder a past basket",
      htmlUrl: `https://github.com/${repo.fullName}/issues/${number}`,
      state: "open",
      labels: ["hypothesis"],
      authorLogin: o.author ?? "pam",
      assignees: o.assignees ?? ["pam"],
      senseAfterDays: o.senseAfterDays ?? 14,
      signalQuery: o.signalQuery ?? null,
      byHowMuch: o.byHowMuch ?? null,
      githubUpdatedAt: now,
    })
    .returning();
  const shippedAt = new Date(o.shippedAt ?? now.toISOString());
  const [ship] = await db
    .insert(ships)
    .values({ repositoryId: repo.id, environment: o.environment ?? "production", source: "deployment", sourceRef: `${number}00`, sha: "f".repeat(40), kind: "ahead", shippedAt, processedAt: shippedAt })
    .returning();
  const issueNumber = o.issueNumber ?? 100;
  const [item] = await db
    .insert(senseItems)
    .values({
      hypothesisId: hypothesis!.id,
      installationId,
      environment: o.environment ?? "production",
      state: o.state ?? "sensing",
      shippedAt,
      dueAt: new Date(shippedAt.getTime() + (o.senseAfterDays ?? 14) * 86_400_000),
      repositoryId: repo.id,
      issueNumber,
      issueUrl: `https://github.com/${repo.fullName}/issues/${issueNumber}`,
      nextReadingAt: o.signalQuery ? new Date(o.nextReadingAt ?? shippedAt.toISOString()) : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await db.insert(senseItemPullRequests).values({ senseItemId: item!.id, repositoryId: repo.id, prNumber: 7, repo: repo.fullName, title: "Add reorder button", htmlUrl: `https://github.com/${repo.fullName}/pull/7`, shipId: ship!.id, addedAt: now });
  await db.insert(githubWrites).values(
    [
      { key: `sense-issue:${item!.id}`, result: { number: issueNumber, htmlUrl: `https://github.com/${repo.fullName}/issues/${issueNumber}` } },
      { key: `shipped:${item!.id}`, result: { id: 4000 + item!.id, htmlUrl: `https://github.com/${repo.fullName}/issues/${number}#issuecomment-${4000 + item!.id}` } },
    ].map((w) => ({ key: w.key, status: "done", result: JSON.stringify(w.result), attempts: 1, createdAt: now, updatedAt: now })),
  );
  return { hypothesisId: hypothesis!.id, senseItemId: item!.id, issueNumber };
}
