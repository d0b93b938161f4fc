import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { repositories, senseItems } from "../src/db/schema/index.js";
import { nockAddLabels, nockConfig } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { expectNoGitHubCall, withoutGitHub } from "./helpers/respond-github.js";
import { seedSenseItem } from "./helpers/seed.js";
import { NO_DASHBOARD, runSweep } from "./helpers/sweep-github.js";
import { nockCreateComment } from "./helpers/ship-github.js";

const h = useHarness();

const ZWSP = "\u200B";
const HYPOTHESIS = "[Returning customers reorder a past basket](https://github.com/acme/shop/issues/12)";
const ANSWER = "`/respond persevere|pivot|kill <what we learned>`";
const MORE_TIME = "`/extend <days> <reason>`";
const DUE = "2026-03-16T09:00:00.000Z";

async function item() {
  return (await h.rt.db.select().from(senseItems))[0]!;
}

/** Moves the clock to `day` days after the ship, arranges the mocks, and runs one scheduled sweep. */
async function sweepOn(day: number, arrange: () => void = () => {}) {
  const now = Date.parse("2026-03-02T09:00:00.000Z") + day * 86_400_000;
  await h.time.set(new Date(now));
  arrange();
  return runSweep(h);
}

describe("reminders and escalation", () => {
  it("reminds once and escalates once, to escalateTo, across sweeps on days 13, 14, 15, 20, 22 and 30", async () => {
    const loop = await seedSenseItem(h, { assignees: ["pam", "Omar"] });
    const config = `${NO_DASHBOARD}respond:\n  escalateTo: ["@acme/product-leads", carol]\n`;

    await withoutGitHub(() => sweepOn(13));

    let label!: ReturnType<typeof nockAddLabels>;
    let reminder!: ReturnType<typeof nockCreateComment>;
    await sweepOn(14, () => {
      nockConfig(SHOP, config);
      label = nockAddLabels(SHOP, 100);
      reminder = nockCreateComment(SHOP, 100, 9001);
    });
    expect(label.body).toEqual({ labels: ["needs-response"] });
    expect(reminder.body.body).toBe(
      `@pam @Omar — ${HYPOTHESIS} was due for a response on 2026-03-16. What did the signal show?\n\nAnswer here with ${ANSWER}, or ask for more time with ${MORE_TIME}.\n\n<!-- senseloop:comment key=reminder:${loop.senseItemId}:${DUE} -->`,
    );
    expect((await item()).state).toBe("overdue");

    // Only the dashboard refresh the reminder queued (dashboards are off here) reads config.
    await sweepOn(15, () => nockConfig(SHOP, config));
    await withoutGitHub(() => sweepOn(20));

    let escalation!: ReturnType<typeof nockCreateComment>;
    await sweepOn(22, () => {
      nockConfig(SHOP, config);
      escalation = nockCreateComment(SHOP, 100, 9002);
    });
    expect(escalation.body.body).toBe(
      `@acme/product-leads @carol — ${HYPOTHESIS} is 8 days past its due date (2026-03-16) and still has no response. Its owners (@${ZWSP}pam, @${ZWSP}Omar) had a reminder.\n\nCould you help the team decide? One comment closes the loop: ${ANSWER}, or ${MORE_TIME} if the signal needs more time.\n\n<!-- senseloop:comment key=escalation:${loop.senseItemId}:${DUE} -->`,
    );

    await sweepOn(30, () => nockConfig(SHOP, config));
    await withoutGitHub(() => sweepOn(31));

    expect(reminder.calls).toHaveLength(1);
    expect(escalation.calls).toHaveLength(1);
    const final = await item();
    expect({ state: final.state, remindedForDue: final.remindedForDue, escalatedForDue: final.escalatedForDue }).toEqual({ state: "escalated", remindedForDue: new Date(DUE), escalatedForDue: new Date(DUE) });
  });

  it("escalates to the owners again when no escalateTo is configured", async () => {
    await seedSenseItem(h, { assignees: ["pam"] });
    await sweepOn(14, () => {
      nockConfig(SHOP, NO_DASHBOARD);
      nockAddLabels(SHOP, 100);
      nockCreateComment(SHOP, 100, 9001);
    });

    let escalation!: ReturnType<typeof nockCreateComment>;
    await sweepOn(21, () => {
      nockConfig(SHOP, NO_DASHBOARD);
      escalation = nockCreateComment(SHOP, 100, 9002);
    });

    expect(escalation.body.body).toMatch(new RegExp(`^@pam — \\[Returning customers reorder a past basket\\]\\(https://github.com/acme/shop/issues/12\\) is 7 days past its due date \\(2026-03-16\\) and still has no response\\.\n\n`));
  });

  it("sends the reminder and the escalation in one run when the first sweep comes late", async () => {
    await seedSenseItem(h, { assignees: ["pam"] });

    let reminder!: ReturnType<typeof nockCreateComment>;
    await sweepOn(25, () => {
      nockConfig(SHOP, NO_DASHBOARD);
      nockAddLabels(SHOP, 100);
      reminder = nockCreateComment(SHOP, 100, 9001);
      nockCreateComment(SHOP, 100, 9002);
    });

    expect(reminder.calls).toHaveLength(1);
    expect((await item()).state).toBe("escalated");
  });

  it("waits out respond.graceDays before the reminder and counts the escalation from there, with no GitHub call in between", async () => {
    await seedSenseItem(h, { assignees: ["pam"] });
    // As the ship's config read left it: two grace days, escalation three days later.
    await h.rt.db.update(repositories).set({ graceDays: 2, escalateAfterDays: 3 });
    const config = `${NO_DASHBOARD}respond:\n  graceDays: 2\n  escalateAfterDays: 3\n`;

    await withoutGitHub(async () => {
      await sweepOn(14);
      await sweepOn(15);
    });

    let reminder!: ReturnType<typeof nockCreateComment>;
    await sweepOn(16, () => {
      nockConfig(SHOP, config);
      nockAddLabels(SHOP, 100);
      reminder = nockCreateComment(SHOP, 100, 9001);
    });
    expect(reminder.body.body).toContain("was due for a response on 2026-03-16");

    await sweepOn(18, () => nockConfig(SHOP, config)); // the reminder's dashboard refresh
    let escalation!: ReturnType<typeof nockCreateComment>;
    await sweepOn(19, () => {
      nockConfig(SHOP, config);
      escalation = nockCreateComment(SHOP, 100, 9002);
    });
    expect(escalation.body.body).toContain("is 5 days past its due date (2026-03-16)");
  });

  it("reads the config of a repository whose grace days changed since, and sends nothing early", async () => {
    await seedSenseItem(h, { assignees: ["pam"] });
    const config = `${NO_DASHBOARD}respond:\n  graceDays: 2\n`;

    await sweepOn(14, () => nockConfig(SHOP, config));
    await withoutGitHub(() => sweepOn(15));

    expect((await item()).state).toBe("sensing");
    const [repository] = await h.rt.db.select().from(repositories);
    expect(repository!.graceDays).toBe(2);
  });

  it("skips, without any GitHub call, the items of a repository removed from the installation", async () => {
    await seedSenseItem(h);
    await h.rt.db.update(repositories).set({ removedAt: new Date("2026-03-05T09:00:00Z") });
    expectNoGitHubCall();

    const counts = await sweepOn(20);

    expect(counts).toEqual({ done: 1, parked: 0, dead: 0, retry: 0 });
    expect((await item()).state).toBe("sensing");
  });

  it("never reminds about a responded or rolled-back loop, nor reads any config for it", async () => {
    await seedSenseItem(h, { state: "responded" });
    await h.rt.db.update(senseItems).set({ respondedAt: new Date("2026-03-10T09:00:00Z") }).where(eq(senseItems.issueNumber, 100));
    await seedSenseItem(h, { hypothesisNumber: 13, issueNumber: 101, state: "rolled_back" });
    await h.rt.db.update(senseItems).set({ rolledBackAt: new Date("2026-03-05T09:00:00Z") }).where(eq(senseItems.issueNumber, 101));
    expectNoGitHubCall();

    const counts = await sweepOn(30);

    expect(counts).toEqual({ done: 1, parked: 0, dead: 0, retry: 0 });
  });
});
