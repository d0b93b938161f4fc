import { describe, expect, it } from "vitest";
import { responses, senseItems } from "../src/db/schema/index.js";
import { nockAddLabels } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { nockRecorded } from "./helpers/respond-github.js";
import { issueCommentEvent } from "./helpers/respond-payloads.js";
import { nockConfigAlways, nockReading, nockSenseIssueEdits, prometheusSource, readingRows, readingsOf, shipHypothesis, signalHypothesisBody, SIGNALS_CONFIG } from "./helpers/signal-flow.js";
import { nockCreateComment } from "./helpers/ship-github.js";
import { runSweep } from "./helpers/sweep-github.js";

const h = useHarness();

const day = (n: number) => `2026-03-0${3 + n}T09:05:00.000Z`;

/** The readings table's row and the status line of a sense issue body. */
const tableAndStatus = (body: string) => {
  const lines = readingsOf(body).split("\n");
  return [lines[4], lines[6]];
};

describe("a hypothesis's signal, from ship to response", () => {
  it("reads a baseline when it ships, then daily, then at the due date; the reminder and the response carry the numbers", async () => {
    h.useSignals(prometheusSource());
    nockConfigAlways(SIGNALS_CONFIG);

    const baseline = nockReading("2026-03-03T09:00:00.000Z", "0.17");
    const { issue, shipped } = await shipHypothesis(h, signalHypothesisBody());

    expect(baseline.calls).toBe(1);
    expect(readingsOf(issue.body.body)).toBe(
      ["Read from `prod`: `sum(rate(orders_reordered_total[1d]))`", "", "| Baseline | Latest | Target | Change since baseline |", "| --- | --- | --- | --- |", "| 0.17 (2026-03-03) | — | ≥ 0.18 | — |", "", "**No reading:** only the baseline so far."].join("\n"),
    );
    expect(shipped.calls).toHaveLength(1);

    const edits = nockSenseIssueEdits(3);
    await h.time.set(day(1));
    const first = nockReading("2026-03-04T09:00:00.000Z", "0.19");
    await runSweep(h);
    await h.time.set(day(2));
    const second = nockReading("2026-03-05T09:00:00.000Z", "0.2");
    await runSweep(h);

    expect([first.calls, second.calls]).toEqual([1, 1]);

    await h.time.set(day(3));
    const due = nockReading("2026-03-06T09:00:00.000Z", "0.21");
    const reminder = nockCreateComment(SHOP, 100, 9001);
    const label = nockAddLabels(SHOP, 100);
    await runSweep(h);

    expect(due.calls).toBe(1);
    expect(label.body).toEqual({ labels: ["needs-response"] });
    // Routine readings edit the body only; the one comment of the due date is the reminder, carrying the reading.
    expect(edits.calls.map((sent) => tableAndStatus(sent.body))).toEqual([
      ["| 0.17 (2026-03-03) | 0.19 (2026-03-04) | ≥ 0.18 | +11.76% (+0.02) |", "**Target met:** 0.19; the target is ≥ 0.18."],
      ["| 0.17 (2026-03-03) | 0.2 (2026-03-05) | ≥ 0.18 | +17.65% (+0.03) |", "**Target met:** 0.2; the target is ≥ 0.18."],
      ["| 0.17 (2026-03-03) | 0.21 (2026-03-06) | ≥ 0.18 | +23.53% (+0.04) |", "**Target met:** at the due date, 0.21; the target is ≥ 0.18."],
    ]);
    expect(readingsOf(edits.calls[2].body)).toContain("| Baseline | At the due date | Target | Change since baseline |");
    expect(reminder.calls).toHaveLength(1);
    expect(reminder.body.body).toBe(
      [
        "@pam — [Returning customers reorder a past basket](https://github.com/acme/shop/issues/12) was due for a response on 2026-03-06.",
        "",
        "Signal: **Target met:** at the due date, 0.21; the target is ≥ 0.18.",
        "",
        "Answer here with `/respond persevere|pivot|kill <what we learned>`, or ask for more time with `/extend <days> <reason>`.",
        "",
        "<!-- senseloop:comment key=reminder:1:2026-03-06T09:00:00.000Z -->",
      ].join("\n"),
    );

    const writes = nockRecorded();
    await h.receive("issue_comment", issueCommentEvent("created", { author: "pam", body: "/respond persevere Customers reorder more than we hoped" }));
    await h.drain();

    const line = "The signal read 0.21 (target ≥ 0.18) when the team decided.";
    expect(writes.summary.body.body).toBe(`Recorded: **persevere** ([response](https://github.com/acme/shop/issues/100#issuecomment-7001)).\n\n> Customers reorder more than we hoped\n\n${line}\n\nClosing this loop.\n\n<!-- senseloop:comment key=response:1 -->`);
    expect(writes.onHypothesis.body.body).toBe(`After shipping to production, the team decided to **persevere** (#100):\n\n> Customers reorder more than we hoped\n\n${line}\n\n<!-- senseloop:comment key=response-hypothesis:1 -->`);
    const [response] = await h.rt.db.select().from(responses);
    expect(response).toMatchObject({ decision: "persevere", signalValue: 0.21, signalUnit: null, signalAt: new Date("2026-03-06T09:00:00.000Z"), signalSource: "prod" });
    expect((await readingRows(h)).map((r) => [r.slotKey, r.status, r.value, r.attempts])).toEqual([
      ["baseline", "read", 0.17, 1],
      ["periodic:2026-03-04T09:00:00.000Z", "read", 0.19, 1],
      ["periodic:2026-03-05T09:00:00.000Z", "read", 0.2, 1],
      ["due:2026-03-06T09:00:00.000Z", "read", 0.21, 1],
    ]);
    expect((await h.rt.db.select().from(senseItems))[0]!.state).toBe("responded");
  });
});
