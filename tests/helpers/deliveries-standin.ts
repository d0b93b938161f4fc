import { randomUUID } from "node:crypto";
import { api } from "./github.js";
import { INSTALLATION_ID } from "./ids.js";

/** One attempt in the stand-in's delivery log, with the payload a redelivery sends again. */
export interface LoggedAttempt {
  id: number;
  guid: string;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
  deliveredAt: Date;
  statusCode: number;
  redelivery: boolean;
  payload: Record<string, unknown>;
}

/** What a redelivery does on the receiving side: the status code Senseloop (or nobody) answered. */
export type Receiver = (attempt: LoggedAttempt) => Promise<number>;

/**
 * A stand-in for GitHub's app delivery log, stateful like the real one: `GET /app/hook/deliveries`
 * newest first, `per_page` at a time, continued by the opaque cursor of its `Link: rel="next"`;
 * `POST /app/hook/deliveries/{id}/attempts` answers 202 and logs a new attempt with the same
 * guid, delivered through `receiver` (a webhook to the test's Probot, or nobody listening).
 */
export class DeliveriesStandin {
  readonly attempts: LoggedAttempt[] = [];
  /** Every page asked for, by its cursor (`""` for the first). */
  readonly pagesRead: string[] = [];
  /** Every attempt id GitHub was asked to redeliver. */
  readonly redeliveryAsks: number[] = [];
  /** Answers the next redelivery asks with this status instead of 202 (GitHub's 422 for an attempt it no longer keeps). */
  refuseRedeliveries: number | undefined;
  private nextId = 1000;

  constructor(
    private readonly clock: { now(): Date },
    private receiver: Receiver = async () => 0,
  ) {
    // nock 15 hands a reply function the fetch Request alone.
    api()
      .get("/app/hook/deliveries")
      .query(true)
      .optionally()
      .reply((request: Request) => this.page(new URL(request.url)))
      .persist();
    api()
      .post(/^\/app\/hook\/deliveries\/\d+\/attempts$/)
      .optionally()
      .reply(async (request: Request) => this.redeliver(Number(/deliveries\/(\d+)\/attempts/.exec(request.url)![1])))
      .persist();
  }

  receiveWith(receiver: Receiver): void {
    this.receiver = receiver;
  }

  /** Logs an attempt GitHub made: `statusCode` 0 when nobody answered. */
  log(o: { at: Date; statusCode: number; event?: string; action?: string | null; guid?: string; payload?: Record<string, unknown>; redelivery?: boolean; installationId?: number | null }): LoggedAttempt {
    const attempt: LoggedAttempt = {
      id: this.nextId++,
      guid: o.guid ?? randomUUID(),
      event: o.event ?? "pull_request",
      action: o.action === undefined ? "opened" : o.action,
      installationId: o.installationId === undefined ? INSTALLATION_ID : o.installationId,
      repositoryId: 1001,
      deliveredAt: o.at,
      statusCode: o.statusCode,
      redelivery: o.redelivery ?? false,
      payload: o.payload ?? {},
    };
    this.attempts.push(attempt);
    this.attempts.sort((a, b) => a.deliveredAt.getTime() - b.deliveredAt.getTime() || a.id - b.id);
    return attempt;
  }

  private page(url: URL): [number, unknown, Record<string, string>] {
    const perPage = Math.min(100, Number(url.searchParams.get("per_page") ?? 30));
    const cursor = url.searchParams.get("cursor");
    this.pagesRead.push(cursor ?? "");
    const newestFirst = [...this.attempts].reverse();
    const start = cursor ? newestFirst.findIndex((a) => a.id === Number(cursor.replace(/^v1_/, ""))) + 1 : 0;
    const page = newestFirst.slice(start, start + perPage);
    const headers: Record<string, string> = {};
    if (start + perPage < newestFirst.length) headers.link = `<https://api.github.com/app/hook/deliveries?per_page=${perPage}&cursor=v1_${page.at(-1)!.id}>; rel="next"`;
    return [200, page.map(item), headers];
  }

  private async redeliver(id: number): Promise<[number, unknown]> {
    this.redeliveryAsks.push(id);
    if (this.refuseRedeliveries) return [this.refuseRedeliveries, { message: this.refuseRedeliveries === 422 ? "Validation Failed" : "Server Error", documentation_url: "https://docs.github.com/rest/apps/webhooks#redeliver-a-delivery-for-an-app-webhook" }];
    const original = this.attempts.find((a) => a.id === id);
    if (!original) return [404, { message: "Not Found" }];
    const again = this.log({ ...original, at: this.clock.now(), redelivery: true, statusCode: 0 });
    again.statusCode = await this.receiver(again);
    return [202, {}];
  }
}

/** An attempt as GitHub's list shows it. */
function item(a: LoggedAttempt) {
  return {
    id: a.id,
    guid: a.guid,
    delivered_at: a.deliveredAt.toISOString(),
    redelivery: a.redelivery,
    duration: 0.05,
    status: a.statusCode >= 200 && a.statusCode < 300 ? "OK" : a.statusCode === 0 ? "failed to connect to host" : `Invalid HTTP Response: ${a.statusCode}`,
    status_code: a.statusCode,
    event: a.event,
    action: a.action,
    installation_id: a.installationId,
    repository_id: a.repositoryId,
    throttled_at: null,
  };
}
