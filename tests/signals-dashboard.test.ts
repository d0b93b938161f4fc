import { describe, expect, it } from "vitest";
import { QUEUES } from "../src/jobs/queues.js";
import { nockRoleName } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { nockRecorded } from "./helpers/respond-github.js";
import { issueCommentEvent } from "./helpers/respond-payloads.js";
import { seedSenseItem } from "./helpers/seed.js";
import { nockConfigAlways, nockReading, nockSenseIssueEdits, prometheusSource } from "./helpers/signal-flow.js";
import { nockCreateIssue, nockOwnIssues, nockUpdateIssue } from "./helpers/ship-github.js";
import { runSweep } from "./helpers/sweep-github.js";

const h = useHarness();

async function refreshDashboard() {
  await h.rt.boss.send(QUEUES.dashboard.name, { installationId: 42, repositoryId: SHOP.id });
  await h.drain();
}

describe("the dashboard issue and the signal", () => {
  it("shows each read loop's latest reading, and the reading a response recorded", async () => {
    h.useSignals(prometheusSource());
    nockConfigAlways("mode: enforce\n");
    await seedSenseItem(h, { signalQuery: "prod: sum(rate(orders_reordered_total[1d]))", byHowMuch: "Reorder rate >= 0.18", shippedAt: "2026-03-02T09:00:00.000Z" });
    await h.time.set("2026-03-03T09:05:00.000Z");
    nockReading("2026-03-02T09:00:00.000Z", "0.17");
    nockReading("2026-03-03T09:00:00.000Z", "0.19");
    nockSenseIssueEdits(1);
    await runSweep(h);

    nockOwnIssues(SHOP, []);
    const created = nockCreateIssue(SHOP, 200);
    await refreshDashboard();

    expect(created.body.body).toContain("| Hypothesis | Environment | Due | Owners | Sense issue | Signal |");
    expect(created.body.body).toContain("| [#100](https://github.com/acme/shop/issues/100) | 0.19 (target met) |");

    nockRoleName(SHOP, "maria", "write");
    nockRecorded();
    await h.receive("issue_comment", issueCommentEvent("created", { body: "/respond persevere Customers reorder more" }));
    await h.drain();
    const edited = nockUpdateIssue(SHOP, 200);
    await refreshDashboard();

    expect(edited.body.body).toContain("| Hypothesis | Decision | What we learned | Responded | Signal then |");
    expect(edited.body.body).toContain("| persevere | Customers reorder more | 2026-03-03 | 0.19 |");
  });
});
