import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { repositories, senseItems } from "../src/db/schema/index.js";
import { dueItemsOfInstallation, installationsWithDueItems } from "../src/db/queries/sweep.js";
import { dueness } from "../src/domain/due.js";
import { SENSE_STATES, type SenseState } from "../src/domain/sense-state.js";
import { useHarness } from "./helpers/harness.js";
import { INSTALLATION_ID, repo } from "./helpers/ids.js";
import { seedSenseItem } from "./helpers/seed.js";

const h = useHarness();
const DAY = 86_400_000;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("the sweep's SQL selection of due loops", () => {
  it("selects exactly the loops the domain says are owed a reminder or an escalation", async () => {
    const next = random(7);
    const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
    const rules = new Map<number, { graceDays: number; escalateAfterDays: number }>();
    for (let r = 0; r < 4; r++) {
      const target = repo("acme", `repo-${r}`, 5000 + r);
      const timing = { graceDays: pick([0, 1, 3]), escalateAfterDays: pick([1, 7]) };
      rules.set(target.id, timing);
      for (let n = 0; n < 15; n++) {
        const shippedAt = new Date(h.time.now().getTime() - Math.floor(next() * 40) * DAY - Math.floor(next() * DAY)).toISOString();
        await seedSenseItem(h, { repo: target, hypothesisNumber: 100 + n, issueNumber: 200 + n, shippedAt, state: pick(SENSE_STATES), senseAfterDays: pick([0, 7, 14]) });
      }
      await h.rt.db.update(repositories).set(timing).where(eq(repositories.id, target.id));
    }
    // Some loops were reminded or escalated for their due date already, some for an earlier one.
    for (const item of await h.rt.db.select().from(senseItems)) {
      const earlier = new Date(item.dueAt.getTime() - 7 * DAY);
      await h.rt.db
        .update(senseItems)
        .set({
          remindedForDue: pick([null, item.dueAt, earlier]),
          escalatedForDue: pick([null, null, item.dueAt, earlier]),
          respondedAt: item.state === "responded" ? item.dueAt : null,
          rolledBackAt: item.state === "rolled_back" ? item.dueAt : null,
        })
        .where(eq(senseItems.id, item.id));
    }
    const now = h.time.now();

    const selected = (await dueItemsOfInstallation(h.rt.db, INSTALLATION_ID, now)).map((item) => item.id).sort((a, b) => a - b);

    const owed = (await h.rt.db.select().from(senseItems))
      .filter((item) => {
        const owes = dueness({ state: item.state as SenseState, dueAt: item.dueAt, remindedForDue: item.remindedForDue, escalatedForDue: item.escalatedForDue }, rules.get(item.repositoryId)!, now);
        return owes.remind || owes.escalate;
      })
      .map((item) => item.id)
      .sort((a, b) => a - b);
    expect(owed.length).toBeGreaterThan(5);
    expect(selected).toEqual(owed);
    expect(await installationsWithDueItems(h.rt.db, now)).toEqual([INSTALLATION_ID]);
  });
});
