import { describe, expect, it } from "vitest";
import type { Decision } from "../../src/domain/commands.js";
import { featureFactoryIndex } from "../../src/domain/feature-factory.js";
import { combineFigures, countLoops, loopFigures, type LoopFigures } from "../../src/domain/loop-counts.js";
import type { MergeOutcome, MetricItem, MetricMerged } from "../../src/domain/loop-metrics.js";
import { SENSE_STATES, type SenseState } from "../../src/domain/sense-state.js";
import { hypotheses, installations, pullRequests, repositories, responses, senseItems } from "../../src/db/schema/index.js";
import { featureFactoryOf, figuresOf, INDEX_WEEKS } from "../../src/services/pages/figures.js";
import type { VisibleRepository } from "../../src/services/pages/visible.js";
import { useHarness } from "../helpers/harness.js";

const h = useHarness();
const DAY = 86_400_000;
const OUTCOMES: MergeOutcome[] = ["linked", "linked", "exempt", "missing", "invalid", "config_invalid", null];
const DECISIONS: Decision[] = ["persevere", "pivot", "kill"];

/** Three repositories with different grace days; the third has no loops and no merges. */
const REPOS: VisibleRepository[] = [
  { id: 501, installationId: 50, owner: "acme", name: "shop", private: true, graceDays: 0, hypothesisLabel: "hypothesis" },
  { id: 502, installationId: 50, owner: "acme", name: "product", private: false, graceDays: 3, hypothesisLabel: "hypothesis" },
  { id: 503, installationId: 50, owner: "acme", name: "quiet", private: false, graceDays: 1, hypothesisLabel: "hypothesis" },
];

type Loop = MetricItem & { repositoryId: number };
type Merge = MetricMerged & { repositoryId: number };

/** A fixed pseudo-random spread of loops and merges, then the cases on the edges of each rule. */
function story(now: Date): { loops: Loop[]; merges: Merge[] } {
  let seed = 7;
  const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
  const at = (days: number) => new Date(now.getTime() + days * DAY + next(86_400) * 1000);
  const loops: Loop[] = [];
  for (let i = 0; i < 160; i++) {
    const state: SenseState = SENSE_STATES[next(SENSE_STATES.length)]!;
    const shippedAt = at(-next(120));
    const dueAt = new Date(shippedAt.getTime() + (7 + next(21)) * DAY);
    const answered = state === "responded" || (state === "rolled_back" && next(3) === 0);
    const response = answered ? { decision: DECISIONS[next(3)]!, respondedAt: new Date(Math.min(now.getTime(), shippedAt.getTime() + next(40) * DAY)) } : null;
    loops.push({ repositoryId: REPOS[next(2)]!.id, state, shippedAt, dueAt, response });
  }
  const edge = (o: Partial<Loop>): Loop => ({ repositoryId: 502, state: "sensing", shippedAt: new Date(now.getTime() - 20 * DAY), dueAt: new Date(now.getTime() - 3 * DAY), response: null, ...o });
  loops.push(
    edge({}), // due plus grace is now: overdue, and past due
    edge({ dueAt: now }), // due now: past due, in its grace
    edge({ state: "responded", response: { decision: "kill", respondedAt: new Date(now.getTime() - 90 * DAY) } }), // answered exactly 90 days ago
    edge({ state: "responded", response: { decision: "pivot", respondedAt: new Date(now.getTime() - 30 * DAY) } }), // answered before it shipped: 0 days
    edge({ state: "rolled_back", response: { decision: "kill", respondedAt: now } }), // answered after a rollback: left out
  );
  const merges: Merge[] = [];
  for (let i = 0; i < 120; i++) merges.push({ repositoryId: REPOS[next(2)]!.id, mergedAt: at(-next(100)), outcome: OUTCOMES[next(OUTCOMES.length)]! });
  merges.push({ repositoryId: 501, mergedAt: new Date(now.getTime() - 30 * DAY), outcome: "missing" }, { repositoryId: 501, mergedAt: new Date(now.getTime() + 3_600_000), outcome: "missing" });
  return { loops, merges };
}

async function seed(loops: Loop[], merges: Merge[]): Promise<void> {
  const db = h.rt.db;
  const now = h.time.now();
  await db.insert(installations).values({ id: 50, accountLogin: "acme", createdAt: now, updatedAt: now });
  await db.insert(repositories).values(REPOS.map((r) => ({ id: r.id, installationId: 50, owner: r.owner, name: r.name, fullNameKey: `acme/${r.name}`, graceDays: r.graceDays, updatedAt: now })));
  for (const [i, loop] of loops.entries()) {
    const [hypothesis] = await db.insert(hypotheses).values({ repositoryId: loop.repositoryId, number: i + 1, title: `H${i + 1}`, htmlUrl: "https://github.com/acme/x/issues/1", state: "open", githubUpdatedAt: now }).returning();
    const [item] = await db.insert(senseItems).values({ hypothesisId: hypothesis!.id, installationId: 50, repositoryId: loop.repositoryId, environment: "production", state: loop.state, shippedAt: loop.shippedAt, dueAt: loop.dueAt, respondedAt: loop.response?.respondedAt ?? null, createdAt: now, updatedAt: now }).returning();
    if (loop.response) await db.insert(responses).values({ senseItemId: item!.id, repositoryId: loop.repositoryId, decision: loop.response.decision, learning: "what we learned", actorLogin: "pam", commentId: 10_000 + i, commentUrl: "https://github.com/acme/x/issues/1#issuecomment-1", respondedAt: loop.response.respondedAt });
  }
  await db.insert(pullRequests).values(merges.map((m, i) => ({ repositoryId: m.repositoryId, number: i + 1, title: `PR ${i + 1}`, htmlUrl: "https://github.com/acme/x/pull/1", state: "closed", headSha: "c".repeat(40), mergedAt: m.mergedAt, outcome: m.outcome })));
}

/** Figures with the median rounded: the database counts seconds, the domain milliseconds. */
const rounded = (f: LoopFigures) => ({ ...f, medianDaysToResponse: f.medianDaysToResponse === null ? null : Math.round(f.medianDaysToResponse * 1e6) / 1e6 });

describe("the figures counted by the database agree with the domain's rules", () => {
  it("per repository, in total, and week by week for the feature-factory index", async () => {
    const now = h.time.now();
    const { loops, merges } = story(now);
    await seed(loops, merges);

    const counted = await figuresOf(h.rt.db, now, REPOS);
    const weeks = await featureFactoryOf(h.rt.db, now, REPOS);

    const inputs = REPOS.map((repo) => ({ now, items: loops.filter((l) => l.repositoryId === repo.id), merged: merges.filter((m) => m.repositoryId === repo.id) }));
    const expected = REPOS.map((repo, i) => loopFigures(inputs[i]!, { graceDays: repo.graceDays }));
    const totals = combineFigures(REPOS.map((repo, i) => ({ figures: countLoops(inputs[i]!.items, { graceDays: repo.graceDays }, now), input: inputs[i]! })), now);
    expect(counted.repositories.map((r) => [r.repository.name, rounded(r.figures)])).toEqual(REPOS.map((repo, i) => [repo.name, rounded(expected[i]!)]));
    expect(rounded(counted.totals)).toEqual(rounded(totals));
    expect(weeks).toEqual(featureFactoryIndex({ now, weeks: INDEX_WEEKS, items: loops, merged: merges }));
    // The story reaches every branch: something overdue, sensing, answered lately, rolled back, and each decision.
    expect(totals).toMatchObject({ overdue: expect.any(Number), mix: { persevere: expect.any(Number), pivot: expect.any(Number), kill: expect.any(Number) } });
    expect(Math.min(totals.overdue, totals.sensing, totals.respondedRecently, totals.rolledBack, totals.mix.persevere, totals.mix.pivot, totals.mix.kill)).toBeGreaterThan(0);
    expect(counted.repositories[2]!.figures).toMatchObject({ overdue: 0, closureRate: null, medianDaysToResponse: null, linkedShare: null });
  });

  it("counts nothing for no repositories", async () => {
    const now = h.time.now();

    expect(await figuresOf(h.rt.db, now, [])).toEqual({ repositories: [], totals: expect.objectContaining({ overdue: 0, closureRate: null, linkedShare: null }) });
    expect((await featureFactoryOf(h.rt.db, now, [])).every((week) => week.merged === 0 && week.shippedDue === 0)).toBe(true);
  });
});
