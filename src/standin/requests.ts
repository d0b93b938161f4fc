import type { PrincipalKind } from "./api-kit.js";

/** One request the stand-in answered, for tests and the demo to assert exactly what was called. */
export interface RecordedRequest {
  seq: number;
  /** On the stand-in's clock. */
  at: string;
  method: string;
  /** As requested, `/api/v3` included for the REST API. */
  path: string;
  query: Record<string, string>;
  /** The REST route that answered, in GitHub's template form (`POST /repos/{owner}/{repo}/issues`). */
  route: string | null;
  status: number;
  actor: { kind: PrincipalKind | "web"; login?: string; installationId?: number };
  /** The parsed body of a write (POST, PATCH, PUT, DELETE). */
  body?: unknown;
  /** The JSON answer, kept only when the stand-in was created with `recordResponses`. */
  response?: unknown;
  durationMs: number;
}

export interface RequestFilter {
  /** Only requests after this sequence number. */
  since?: number;
  method?: string;
  /** Only writes (anything but GET and HEAD). */
  writes?: boolean;
  kind?: RecordedRequest["actor"]["kind"];
  /** Only requests whose path starts with this. */
  pathPrefix?: string;
}

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private seq = 0;
  /** How many old entries were forgotten to keep memory bounded. */
  dropped = 0;

  constructor(private readonly keep = 50_000) {}

  add(entry: Omit<RecordedRequest, "seq">): RecordedRequest {
    const recorded = { seq: ++this.seq, ...entry };
    this.entries.push(recorded);
    if (this.entries.length > this.keep) {
      this.dropped += this.entries.length - this.keep;
      this.entries.splice(0, this.entries.length - this.keep);
    }
    return recorded;
  }

  get lastSeq(): number {
    return this.seq;
  }

  list(filter: RequestFilter = {}): RecordedRequest[] {
    return this.entries.filter(
      (r) =>
        (filter.since === undefined || r.seq > filter.since) &&
        (filter.method === undefined || r.method === filter.method.toUpperCase()) &&
        (!filter.writes || (r.method !== "GET" && r.method !== "HEAD")) &&
        (filter.kind === undefined || r.actor.kind === filter.kind) &&
        (filter.pathPrefix === undefined || r.path.startsWith(filter.pathPrefix)),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
