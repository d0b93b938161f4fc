import { createHmac, randomUUID } from "node:crypto";
import { iso, type StandinClock } from "./clock.js";

export interface DeliveryTarget {
  url: string;
  secret: string;
  appId: number;
  hookId: number;
  host: string;
}

/** One attempt to deliver a webhook, as `/app/hook/deliveries` reports it. */
export interface Delivery {
  id: number;
  guid: string;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
  payload: string;
  redelivery: boolean;
  /** pending: queued; delivered: a 2xx answer; failed: anything else (kept until redelivered). */
  state: "pending" | "delivered" | "failed";
  deliveredAt: string;
  /** Seconds the receiver took to answer. */
  duration: number;
  status: string;
  statusCode: number;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

export interface DeliveryOptions {
  clock: StandinClock;
  target: () => DeliveryTarget | undefined;
  /** GitHub gives up on a receiver after 10 s. */
  timeoutMs?: number;
  /** Oldest attempts are forgotten beyond this many (GitHub keeps three days). */
  keep?: number;
  /** Deliveries in flight at once; 1 (the default) keeps them in order. */
  concurrency?: number;
}

const hmac = (algorithm: string, secret: string, body: string) => createHmac(algorithm, secret).update(body).digest("hex");

/**
 * The webhook queue: one delivery at a time, in the order the changes happened, so a
 * receiver sees `opened` before `labeled`. A failed attempt stays failed until redelivered.
 * With a higher `concurrency` several are in flight at once, as GitHub sends them under load:
 * started in order, answered in any order, so a slow answer does not hold back the rest.
 */
export class Deliveries {
  readonly log: Delivery[] = [];
  private readonly queue: Delivery[] = [];
  private inFlight = 0;
  private paused = false;
  private waiters: (() => void)[] = [];
  private nextId = 1;

  constructor(private readonly options: DeliveryOptions) {}

  enqueue(event: string, payload: Record<string, unknown>, meta: { installationId: number | null; repositoryId: number | null }, guid: string = randomUUID(), redelivery = false): Delivery {
    const delivery: Delivery = {
      id: this.nextId++,
      guid,
      event,
      action: typeof payload.action === "string" ? payload.action : null,
      installationId: meta.installationId,
      repositoryId: meta.repositoryId,
      payload: JSON.stringify(payload),
      redelivery,
      state: "pending",
      deliveredAt: iso(this.options.clock.now()),
      duration: 0,
      status: "Pending",
      statusCode: 0,
      requestHeaders: {},
      responseHeaders: {},
      responseBody: "",
    };
    this.log.push(delivery);
    const keep = this.options.keep ?? 10_000;
    if (this.log.length > keep) this.log.splice(0, this.log.length - keep);
    this.queue.push(delivery);
    this.pump();
    return delivery;
  }

  /** A new attempt of an earlier delivery: same guid and payload, `redelivery: true`. */
  redeliver(id: number): Delivery | undefined {
    const original = this.log.find((d) => d.id === id);
    if (!original) return undefined;
    return this.enqueue(original.event, JSON.parse(original.payload) as Record<string, unknown>, original, original.guid, true);
  }

  /** While paused, every delivery fails as if the receiver were down; nothing is held back. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Resolves once every queued delivery has been attempted. */
  settle(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private pump(): void {
    const limit = Math.max(1, this.options.concurrency ?? 1);
    while (this.inFlight < limit && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.inFlight++;
      void this.attempt(next).finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) return this.pump();
        if (this.inFlight === 0) for (const resolve of this.waiters.splice(0)) resolve();
      });
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const target = this.options.target();
    delivery.deliveredAt = iso(this.options.clock.now());
    if (!target) return this.fail(delivery, 0, "No webhook URL configured");
    const headers: Record<string, string> = {
      accept: "*/*",
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/standin",
      "x-github-delivery": delivery.guid,
      "x-github-event": delivery.event,
      "x-github-hook-id": String(target.hookId),
      "x-github-hook-installation-target-id": String(target.appId),
      "x-github-hook-installation-target-type": "integration",
      "x-github-enterprise-host": target.host,
      "x-github-enterprise-version": "3.19.0",
      "x-hub-signature": `sha1=${hmac("sha1", target.secret, delivery.payload)}`,
      "x-hub-signature-256": `sha256=${hmac("sha256", target.secret, delivery.payload)}`,
    };
    delivery.requestHeaders = headers;
    if (this.paused) return this.fail(delivery, 0, "failed to connect to host");
    const started = performance.now();
    try {
      const response = await fetch(target.url, { method: "POST", headers, body: delivery.payload, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
      delivery.responseBody = (await response.text()).slice(0, 10_000);
      delivery.responseHeaders = Object.fromEntries(response.headers.entries());
      delivery.duration = (performance.now() - started) / 1000;
      delivery.statusCode = response.status;
      delivery.state = response.ok ? "delivered" : "failed";
      delivery.status = response.ok ? "OK" : `Invalid HTTP Response: ${response.status}`;
    } catch (err) {
      delivery.duration = (performance.now() - started) / 1000;
      const timedOut = (err as Error).name === "TimeoutError";
      this.fail(delivery, 0, timedOut ? "timed out" : "failed to connect to host");
    }
  }

  private fail(delivery: Delivery, statusCode: number, status: string): void {
    delivery.state = "failed";
    delivery.statusCode = statusCode;
    delivery.status = status;
  }
}
