import { inspect } from "node:util";
import { DEFAULT_TIMEOUT_MS } from "./http.js";
import { failure, isReadFailure, type ReadFailure, type Reading, type SignalSource, type SourceKind, type SourceLimits } from "./source.js";

export interface SourceSettings {
  name: string;
  /** Account logins allowed to read it, or null for every installation. */
  owners: readonly string[] | null;
  limits: SourceLimits;
  timeoutMs?: number;
}

const MAX_REASON = 300;

/**
 * Every piece of a credential worth hiding: the whole value, and each long word of it (the
 * token in "Bearer <token>"), so a source echoing only the token is caught too. Short words
 * such as the scheme stay readable.
 */
function secretParts(values: readonly string[]): string[] {
  const parts = values.flatMap((value) => [value, ...value.split(/\s+/).filter((word) => word.length >= 8)]).filter((part) => part.length >= 4);
  return [...new Set(parts)].sort((a, b) => b.length - a.length);
}

/**
 * What the HTTP adapters share: the owners check, credentials kept in private fields (so
 * neither `JSON.stringify`, `util.inspect` nor a logger can reach them), and reasons scrubbed
 * of any credential a source might echo back.
 */
export abstract class HttpSource implements SignalSource {
  abstract readonly kind: SourceKind;
  readonly name: string;
  readonly limits: SourceLimits;
  protected readonly timeoutMs: number;
  readonly #owners: ReadonlySet<string> | null;
  readonly #secrets: readonly string[];

  protected constructor(settings: SourceSettings, secrets: readonly string[]) {
    this.name = settings.name;
    this.limits = settings.limits;
    this.timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#owners = settings.owners ? new Set(settings.owners.map((owner) => owner.toLowerCase())) : null;
    this.#secrets = secretParts(secrets);
  }

  allows(owner: string): boolean {
    return this.#owners === null || this.#owners.has(owner.toLowerCase());
  }

  async read(query: string, at: Date, signal?: AbortSignal): Promise<Reading | ReadFailure> {
    if (query.trim() === "") return failure("empty", "the query is empty");
    let result: Reading | ReadFailure;
    try {
      result = await this.readOnce(query, at, signal);
    } catch {
      // An adapter bug must not take the sweep down, and its message may hold anything.
      result = failure("bad_answer", `reading ${this.name} failed unexpectedly`);
    }
    return isReadFailure(result) ? { ...result, reason: this.#clean(result.reason) } : result;
  }

  protected abstract readOnce(query: string, at: Date, signal?: AbortSignal): Promise<Reading | ReadFailure>;

  /** Where it reads from, without credentials, for logs and the status page. */
  protected abstract address(): string;

  #clean(reason: string): string {
    let text = reason.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
    for (const secret of this.#secrets) text = text.split(secret).join("[redacted]");
    return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, address: this.address(), owners: this.#owners ? [...this.#owners] : "all", limits: this.limits };
  }

  toString(): string {
    return `${this.kind} source ${this.name} (${this.address()})`;
  }

  [inspect.custom](): Record<string, unknown> {
    return this.toJSON();
  }
}
