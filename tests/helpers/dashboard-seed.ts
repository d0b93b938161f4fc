import { eq } from "drizzle-orm";
import type { Decision } from "../../src/domain/commands.js";
import { pullRequests, responses, senseItems } from "../../src/db/schema/index.js";
import type { Harness } from "./harness.js";
import type { TestRepo } from "./ids.js";
import { seedSenseItem, type SeedOptions } from "./seed.js";

let comments = 0;

/** A loop that got a response: the sense item moved to responded, the response stored. */
export async function seedResponded(h: Harness, o: SeedOptions & { decision: Decision; learning: string; respondedAt: string; by?: string }) {
  const loop = await seedSenseItem(h, { ...o, state: "responded" });
  const respondedAt = new Date(o.respondedAt);
  const id = ++comments + 70_000;
  const repo = o.repo!;
  await h.rt.db.insert(responses).values({ senseItemId: loop.senseItemId, repositoryId: repo.id, decision: o.decision, learning: o.learning, actorLogin: o.by ?? "pam", commentId: id, commentUrl: `https://github.com/${repo.fullName}/issues/${loop.issueNumber}#issuecomment-${id}`, respondedAt });
  await h.rt.db.update(senseItems).set({ respondedAt }).where(eq(senseItems.id, loop.senseItemId));
  return loop;
}

/** A merged PR as its check left it. */
export async function seedMergedPull(h: Harness, repo: TestRepo, number: number, outcome: "linked" | "exempt" | "missing", mergedAt: string) {
  await h.rt.db.insert(pullRequests).values({ repositoryId: repo.id, number, title: `PR ${number}`, htmlUrl: `https://github.com/${repo.fullName}/pull/${number}`, state: "closed", headSha: "a".repeat(40), mergedAt: new Date(mergedAt), outcome });
}
