import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { nockCheckReads, nockCreateCheckRun, nockIssue } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { pullRequestEvent } from "./helpers/payloads.js";
import { nockConfigAlways, nockReading, prometheusSource, QUERY, unix, readingRows, readingsOf, shipHypothesis, signalHypothesisBody, SIGNALS_CONFIG, sourceCallRows } from "./helpers/signal-flow.js";
import { nockPrometheusQuery } from "./helpers/signal-http.js";
import { SIGNAL_ENV } from "./helpers/signal-sources.js";

const h = useHarness();

describe("what may be read", () => {
  it("refuses a source whose owners leave this installation out, without calling it, and says so in the sense issue", async () => {
    h.useSignals(prometheusSource({ owners: ["globex"] }));
    nockConfigAlways(SIGNALS_CONFIG);

    const { issue } = await shipHypothesis(h, signalHypothesisBody());

    expect(readingsOf(issue.body.body)).toBe("**No reading:** the source `prod` is not available to acme; ask whoever runs Senseloop to add acme to its owners.");
    expect(await sourceCallRows(h)).toEqual([]);
    expect((await readingRows(h)).map((r) => [r.slotKey, r.status, r.failure, r.attempts])).toEqual([["baseline", "failed", "query", 0]]);
  });

  it("names a bad Signal query line in the sense issue and reads nothing", async () => {
    h.useSignals(prometheusSource());
    nockConfigAlways(SIGNALS_CONFIG);

    const { issue } = await shipHypothesis(h, signalHypothesisBody({ signalQuery: "prd: up" }));

    expect(readingsOf(issue.body.body)).toBe("**No reading:** unknown source `prd` (known: `prod`).");
    expect(await sourceCallRows(h)).toEqual([]);
  });

  it("names a bad Signal query line of a referenced hypothesis in the check summary, and the check still passes", async () => {
    h.useSignals(prometheusSource());
    nockCheckReads({ body: "Hypothesis: #12" });
    nockIssue(SHOP, 12, { body: signalHypothesisBody({ signalQuery: "prod:" }) });
    const check = nockCreateCheckRun();

    await h.receive("pull_request", pullRequestEvent("opened"));
    await h.drain();

    expect(check.body).toMatchObject({ conclusion: "success", output: { title: "Serves acme/shop#12" } });
    expect(check.body.output.summary).toContain(
      "Senseloop cannot read the Signal query of this hypothesis, so it will not read the signal until the line on the hypothesis is fixed. This does not change the check.\n\n- acme/shop#12: the signal query for `prod` is empty; write the query after the colon.",
    );
  });

  it("says nothing about signals in the check of a hypothesis whose query line reads fine", async () => {
    h.useSignals(prometheusSource());
    nockCheckReads({ body: "Hypothesis: #12" });
    nockIssue(SHOP, 12, { body: signalHypothesisBody() });
    const check = nockCreateCheckRun();

    await h.receive("pull_request", pullRequestEvent("opened"));
    await h.drain();

    expect(check.body.output.summary).not.toContain("Signal query");
  });

  it("reads a Prometheus on this machine the same way", async () => {
    h.useSignals(prometheusSource({ url: "http://127.0.0.1:9090" }));
    nockConfigAlways(SIGNALS_CONFIG);
    const baseline = nockReading("2026-03-03T09:00:00.000Z", "42", { base: "http://127.0.0.1:9090" });

    const { issue } = await shipHypothesis(h, signalHypothesisBody({ byHowMuch: "+5%" }));

    expect(baseline.calls).toBe(1);
    expect(readingsOf(issue.body.body)).toContain("| 42 (2026-03-03) | — | +5% (≥ 44.1) | — |");
  });
});

describe("credentials", () => {
  it("never logs, stores or shows the source's credential, even when the source echoes it back", async () => {
    const logged: string[] = [];
    h.rt.log = pino({ level: "trace" }, new Writable({ write: (chunk, _encoding, done) => (logged.push(String(chunk)), done()) }));
    h.useSignals(prometheusSource());
    nockConfigAlways(SIGNALS_CONFIG);
    nockPrometheusQuery({ query: QUERY, time: unix("2026-03-03T09:00:00.000Z") }).reply(400, { status: "error", errorType: "bad_data", error: `token Bearer ${SIGNAL_ENV.PROMETHEUS_TOKEN} may not run this query` });

    const { issue, shipped } = await shipHypothesis(h, signalHypothesisBody());

    const secret = SIGNAL_ENV.PROMETHEUS_TOKEN;
    expect(readingsOf(issue.body.body)).toContain("**No reading:** the last reading failed: prod answered 400 Bad Request: bad_data: token [redacted] may not run this query.");
    expect(logged.some((line) => line.includes("no reading for this slot"))).toBe(true);
    expect(logged.filter((line) => line.includes(secret))).toEqual([]);
    expect(JSON.stringify([issue.calls, shipped.calls])).not.toContain(secret);
    expect(JSON.stringify(await readingRows(h))).not.toContain(secret);
  });
});
