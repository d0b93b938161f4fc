import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ObservedRequest } from "../github/request-observer.js";

/** What became of one webhook request: intake's three answers, a refusal at the door, or a failure to record it. */
export type WebhookOutcome = "queued" | "duplicate" | "ignored" | "refused" | "failed";

/** How one run of a job ended: `parked` waits out a rate limit, `ended` stopped for good without a retry (installation gone, permission missing). */
export type JobRunOutcome = "done" | "retried" | "parked" | "dead" | "ended";

/** Seconds, from a millisecond to GitHub's 10 s webhook timeout. */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds, from 5 ms to a sweep of many repositories. */
const WORK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * Senseloop's Prometheus metrics on a registry of their own, one per runtime: two apps in one
 * process (tests) never share a counter, and nothing of ours lands on prom-client's global
 * registry. Process metrics (CPU, memory, event loop) are collected only when asked for, by
 * the server: each collection starts observers that live as long as the process.
 */
export function createMetrics(options: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const metrics = {
    registry,
    webhooks: new Counter({ name: "senseloop_webhooks_received_total", help: "Webhook deliveries received, by event and outcome (queued, duplicate, ignored, refused, failed).", labelNames: ["event", "outcome"] as const, registers }),
    webhookAck: new Histogram({ name: "senseloop_webhook_ack_duration_seconds", help: "Time from a webhook request's arrival to Senseloop's answer, by HTTP status.", labelNames: ["status"] as const, buckets: ACK_BUCKETS, registers }),
    jobs: new Counter({ name: "senseloop_jobs_total", help: "Job runs, by queue and outcome (done, retried, parked for a rate limit, dead, ended).", labelNames: ["queue", "outcome"] as const, registers }),
    jobDuration: new Histogram({ name: "senseloop_job_duration_seconds", help: "How long one run of a job took, by queue and outcome.", labelNames: ["queue", "outcome"] as const, buckets: WORK_BUCKETS, registers }),
    githubRequests: new Counter({ name: "senseloop_github_requests_total", help: "Requests to GitHub's REST API, by method, route template and status (0: no answer).", labelNames: ["method", "route", "status"] as const, registers }),
    githubDuration: new Histogram({ name: "senseloop_github_request_duration_seconds", help: "How long GitHub took to answer, by method and route template.", labelNames: ["method", "route"] as const, buckets: WORK_BUCKETS, registers }),
    rateLimitRemaining: new Gauge({ name: "senseloop_github_rate_limit_remaining", help: "Requests left in the current rate-limit window, as GitHub last reported it, per installation (`app` for calls made as the app).", labelNames: ["installation"] as const, registers }),
    rateLimited: new Counter({ name: "senseloop_github_rate_limited_total", help: "Times GitHub refused an installation's call for a rate limit, by kind (primary, secondary); its jobs are parked until the reset.", labelNames: ["kind"] as const, registers }),
    sweepDuration: new Histogram({ name: "senseloop_sweep_duration_seconds", help: "How long a sweep took, by stage: start (finding installations with loops due) or installation (one installation's reminders and escalations).", labelNames: ["stage"] as const, buckets: WORK_BUCKETS, registers }),
    sweepFlagged: new Counter({ name: "senseloop_sweep_flagged_total", help: "Shipped hypotheses a sweep flagged: loops reminded or escalated.", registers }),
    reconciled: new Counter({ name: "senseloop_reconcile_deliveries_total", help: "Deliveries a reconcile run saw in GitHub's log, by figure: listed, missing (no record here, or failed), redelivered (asked again), skipped (asked within the hour, or over the budget).", labelNames: ["figure"] as const, registers }),
    sweepDeferred: new Counter({ name: "senseloop_sweep_deferred_total", help: "Loops a sweep left for its next run, for lack of write budget.", registers }),

    /** Records one GitHub answer (the Octokit hook's observer). */
    githubResponse(response: ObservedRequest): void {
      metrics.githubRequests.inc({ method: response.method, route: response.route, status: String(response.status) });
      metrics.githubDuration.observe({ method: response.method, route: response.route }, response.seconds);
      if (response.rateLimitRemaining !== undefined) metrics.rateLimitRemaining.set({ installation: response.limitOf }, response.rateLimitRemaining);
    },
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Seconds since `started` (a `performance.now()` reading): wall time, whatever clock the app runs on. */
export function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}
