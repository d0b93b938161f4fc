import { inject } from "vitest";
import { isGitHubApi, OpenApiContract, type Exchange, type Violation } from "./openapi-contract.js";
import { WebhookContract, type WebhookViolation } from "./webhook-contract.js";

export type ContractViolation = ({ kind: "rest" } & Violation) | ({ kind: "webhook" } & WebhookViolation);

const collected: ContractViolation[] = [];
let rest: OpenApiContract | undefined;
let webhooks: WebhookContract | undefined;
let installed: typeof fetch | undefined;

/** Built on the first GitHub request of a test file, from the compact descriptions the global setup wrote. */
const restContract = () => (rest ??= new OpenApiContract(inject("openapiContract")));

/**
 * The violations collected since the last call, emptied. setup.ts fails every test that
 * leaves some; a test that breaks the contract on purpose takes them and asserts on them.
 */
export function takeContractViolations(): ContractViolation[] {
  return collected.splice(0);
}

/** Checks a webhook payload a test delivers; the violations fail the test like a bad mock. */
export function checkWebhookPayload(event: string, payload: unknown): void {
  for (const v of (webhooks ??= new WebhookContract()).check(event, payload)) collected.push({ kind: "webhook", ...v });
}

const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])$/;

const headers = (h: Headers) => Object.fromEntries([...h.entries()]);

/**
 * The request as it goes out. Octokit passes a URL and a string body: read them as they are,
 * without building a Request; anything else is read from a clone, leaving the original to send.
 */
async function sent(input: Parameters<typeof fetch>[0], init: RequestInit | undefined): Promise<[Exchange, Parameters<typeof fetch>]> {
  if (!(input instanceof Request) && (init?.body === undefined || init.body === null || typeof init.body === "string")) {
    return [{ method: init?.method ?? "GET", url: String(input), requestHeaders: headers(new Headers(init?.headers)), requestBody: (init?.body as string | undefined) ?? "" }, [input, init]];
  }
  const request = new Request(input, init);
  const body = request.method === "GET" || request.method === "HEAD" ? "" : await request.clone().text();
  return [{ method: request.method, url: request.url, requestHeaders: headers(request.headers), requestBody: body }, [request]];
}

/** nock's answer to a request no interceptor matched: setup.ts reports those itself. */
const isNockNoMatch = (response: Response, body: string) => response.status === 501 && body.includes('"ERR_NOCK_NO_MATCH"');

/**
 * Wraps `globalThis.fetch` above nock's interceptor, so it sees the request exactly as a
 * client sent it and the response the mock gave. Every Octokit (Probot's installation
 * clients, the JWT app client, an OAuth client) resolves `globalThis.fetch` per request.
 * Responses are read from a clone before the caller gets them, so a violation is recorded
 * before the test can end, even when the app swallows the error that follows.
 */
export function installContractHook(): void {
  if (installed) return;
  const original = globalThis.fetch;
  const checked: typeof fetch = async (input, init) => {
    const target = input instanceof Request ? input.url : String(input);
    // The local stand-in (on loopback) is not a mock: its own contract test holds it to GitHub's
    // description, with the few places GitHub contradicts its description patched and explained.
    if (!URL.canParse(target) || !isGitHubApi(new URL(target)) || LOOPBACK.test(new URL(target).hostname)) return original(input, init);
    const [exchange, send] = await sent(input, init);
    let response: Response;
    try {
      response = await original(...send);
    } catch (err) {
      record(exchange);
      throw err;
    }
    const body = await response.clone().text();
    // A redirect GitHub followed is checked as the operation first asked for (its 3xx is documented there).
    record(isNockNoMatch(response, body) ? exchange : { ...exchange, status: response.status, responseHeaders: headers(response.headers), responseBody: body });
    return response;
  };
  globalThis.fetch = installed = checked;
}

/** True while the wrapper is still the global fetch: a test replacing fetch would switch the check off unseen. */
export const contractHookInstalled = () => installed !== undefined && globalThis.fetch === installed;

function record(exchange: Exchange) {
  for (const v of restContract().check(exchange)) collected.push({ kind: "rest", ...v });
}

/** One line per violation: what was sent, which operation, which part, where in the schema. */
export function formatViolations(violations: ContractViolation[]): string {
  return violations
    .map((v) => {
      const at = `${v.instancePath || "(root)"}: ${v.message}${v.schemaPath ? ` [${v.schemaPath}]` : ""}`;
      if (v.kind === "webhook") return `webhook ${v.event}${v.action ? `.${v.action}` : ""} ${at}`;
      return `${v.operation} (${v.description}) ${v.request} — ${v.part} ${at}`;
    })
    .join("\n");
}
