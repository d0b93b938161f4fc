import { describe, expect, it } from "vitest";
import { QUEUES } from "../src/jobs/queues.js";
import { nockAddLabels, nockConfig } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { seedSenseItem } from "./helpers/seed.js";
import { nockCreateComment } from "./helpers/ship-github.js";

const h = useHarness();
const CONFIG = "dashboard:\n  issue: false\n";

async function sweep() {
  await h.rt.boss.send(QUEUES.sweep.name, {});
  return h.drain();
}

describe("the scheduled sweep", () => {
  it("reminds once at day 14 and escalates once at day 22 for a 14-day hypothesis", async () => {
    await seedSenseItem(h, { assignees: ["pam"] });

    await h.time.advanceDays(13);
    await sweep();

    await h.time.advanceDays(1);
    nockConfig(SHOP, CONFIG);
    const label = nockAddLabels(SHOP, 100);
    const reminder = nockCreateComment(SHOP, 100, 9001);
    await sweep();
    expect(label.body).toEqual({ labels: ["needs-response"] });
    expect(reminder.body.body).toContain("@pam");

    await h.time.advanceDays(1);
    nockConfig(SHOP, CONFIG); // the dashboard refresh the reminder queued (dashboards are off here)
    await sweep();

    await h.time.advanceDays(7);
    nockConfig(SHOP, CONFIG);
    const escalation = nockCreateComment(SHOP, 100, 9002);
    await sweep();
    expect(escalation.calls).toHaveLength(1);
    expect(reminder.calls).toHaveLength(1);
  });
});
