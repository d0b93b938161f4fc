import { asc } from "drizzle-orm";
import { senseReadings, signalSourceCalls } from "../../src/db/schema/index.js";
import { api, newCapture, recorded, type Captured } from "./github.js";
import { issueObject } from "./rest-objects.js";
import type { Harness } from "./harness.js";
import { SHOP, type TestRepo } from "./ids.js";
import { nockHypothesis, nockRange, nockShippedPrs } from "./ship-flow.js";
import { nockCreateComment, nockCreateIssue, nockDeployments, sha } from "./ship-github.js";
import { deploymentStatusEvent } from "./ship-payloads.js";
import { nockPrometheusQuery, PROMETHEUS, promVector } from "./signal-http.js";
import { SIGNAL_ENV } from "./signal-sources.js";

/** Scenario steps and reads for readings tests: a hypothesis with a Signal query, its ship, its source. */

export const QUERY = "sum(rate(orders_reordered_total[1d]))";

/** The operator's sources file: one Prometheus, credentials by reference. */
export function prometheusSource(o: { url?: string; owners?: string[]; perHour?: number } = {}): string {
  return [
    "sources:",
    "  prod:",
    "    kind: prometheus",
    `    url: ${o.url ?? PROMETHEUS}`,
    '    headers: { Authorization: "Bearer ${PROMETHEUS_TOKEN}" }',
    ...(o.owners ? [`    owners: [${o.owners.join(", ")}]`] : []),
    ...(o.perHour ? [`    limits: { perHour: ${o.perHour} }`] : []),
  ].join("\n");
}

export function signalHypothesisBody(o: { signalQuery?: string; byHowMuch?: string; senseAfterDays?: number } = {}): string {
  return [
    "### We believe",
    "",
    "A reorder button brings returning customers back",
    "",
    "### By how much",
    "",
    o.byHowMuch ?? "Reorder rate >= 0.18",
    "",
    "### Signal query",
    "",
    o.signalQuery ?? `prod: ${QUERY}`,
    "",
    "### Sense after (days)",
    "",
    String(o.senseAfterDays ?? 3),
  ].join("\n");
}

/** `time` as Prometheus takes it: Unix seconds. */
export const unix = (iso: string) => String(Date.parse(iso) / 1000);

/**
 * Prometheus answering the query at `at` with `value`, and only when our configured credential is
 * sent. Returns the requests it answered.
 */
export function nockReading(at: string, value: string, o: { query?: string; base?: string } = {}): { calls: number } {
  const seen = { calls: 0 };
  nockPrometheusQuery({ query: o.query ?? QUERY, time: unix(at) }, { headers: { authorization: `Bearer ${SIGNAL_ENV.PROMETHEUS_TOKEN}` }, ...(o.base ? { base: o.base } : {}) }).reply(() => {
    seen.calls++;
    return [200, promVector([{ value, time: Date.parse(at) / 1000 }])];
  });
  return seen;
}

/** Prometheus never answering within the read's deadline. */
export function nockSlowReading(at: string, times = 1) {
  nockPrometheusQuery({ query: QUERY, time: unix(at) }).times(times).delay(2_000).reply(200, promVector([{ value: "1" }]));
}

const configPath = (repo: TestRepo) => (uri: string) => decodeURIComponent(uri.split("?")[0]!) === `/repos/${repo.fullName}/contents/.github/senseloop.yml`;

/** `.github/senseloop.yml` for every read of a test that reads it many times (syncs, sweeps, dashboards). */
export function nockConfigAlways(yaml: string, repo: TestRepo = SHOP) {
  api().get(configPath(repo)).reply(200, yaml, { "content-type": "application/vnd.github.v3.raw; charset=utf-8" }).persist();
}

/** Dashboards off, so a refresh only reads the config. */
export const SIGNALS_CONFIG = "dashboard:\n  issue: false\n";

export const SHIPPED_AT = "2026-03-03T09:00:00.000Z";

/**
 * A baseline deploy of sha(1), then deploy 2 at SHIPPED_AT shipping PR #7, which serves hypothesis
 * #12 written with `body`. Mocks every GitHub read; the sense issue is #100. Config reads are the
 * caller's (`nockConfigAlways`).
 */
export async function shipHypothesis(h: Harness, body: string): Promise<{ issue: Captured; shipped: Captured }> {
  nockDeployments(SHOP, "production", []);
  await h.receive("deployment_status", deploymentStatusEvent({ id: 1, sha: sha(1), at: "2026-03-02T09:00:00Z" }));
  await h.drain();

  await h.time.set(SHIPPED_AT);
  nockRange(sha(1), sha(2), [{ sha: sha(2), message: "Add reorder button (#7)", prs: [7] }]);
  nockShippedPrs({ 7: "Hypothesis: #12" });
  nockHypothesis({ body });
  const issue = nockCreateIssue(SHOP, 100);
  const shipped = nockCreateComment(SHOP, 12);
  await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(2), at: SHIPPED_AT }));
  await h.drain();
  return { issue, shipped };
}

/** Every issue edit of the sense issue, recording each body sent. */
export function nockSenseIssueEdits(times: number, number = 100): Captured {
  const captured = newCapture();
  api().patch(`/repos/${SHOP.fullName}/issues/${number}`).times(times).reply(recorded(captured, 200, issueObject({ repo: SHOP, number, labels: ["sense"] })));
  return captured;
}

export const readingRows = (h: Harness) => h.rt.db.select().from(senseReadings).orderBy(asc(senseReadings.slotAt), asc(senseReadings.id));
export const sourceCallRows = (h: Harness) => h.rt.db.select().from(signalSourceCalls).orderBy(asc(signalSourceCalls.id));

/** The readings section of a sense issue body: from its heading to the next blank-line-separated bold line. */
export function readingsOf(body: string): string {
  const start = body.indexOf("### Readings\n");
  if (start < 0) return "";
  const end = body.indexOf("\n\n**Respond by", start);
  return body.slice(start + "### Readings\n".length, end);
}
