import nock from "nock";
import { afterAll, afterEach, beforeAll } from "vitest";
import { contractHookInstalled, formatViolations, installContractHook, takeContractViolations } from "./contract-hook.js";

/** Requests no interceptor matched, collected to fail the test that made them. */
const unmatched: string[] = [];

/** HTTP tests talk to our own server on loopback; everything else must be mocked. */
const isLoopback = (host: string) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host);

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(isLoopback);
  nock.emitter.on("no match", (req: { method?: string; url?: string }) => {
    const url = new URL(req.url ?? "http://unknown/");
    if (isLoopback(url.host)) return;
    unmatched.push(`${req.method ?? "?"} ${url.host}${url.pathname}${url.search}`);
  });
  // Every GitHub request and mocked response, and every webhook a test delivers, is held to GitHub's descriptions.
  installContractHook();
});

afterEach(() => {
  const pending = nock.pendingMocks();
  const missed = unmatched.splice(0);
  const broken = takeContractViolations();
  nock.cleanAll();
  if (!contractHookInstalled()) throw new Error("globalThis.fetch was replaced: GitHub requests are no longer checked against GitHub's OpenAPI description");
  if (missed.length > 0) throw new Error(`GitHub calls no test expected:\n${missed.join("\n")}`);
  if (broken.length > 0) throw new Error(`GitHub calls or webhooks that do not match GitHub's published descriptions:\n${formatViolations(broken)}`);
  if (pending.length > 0) throw new Error(`GitHub calls the test expected but the app never made:\n${pending.join("\n")}`);
});

afterAll(() => {
  nock.enableNetConnect();
});
