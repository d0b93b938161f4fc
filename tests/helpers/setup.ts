import nock from "nock";
import { afterAll, afterEach, beforeAll } from "vitest";

/** Requests no interceptor matched, collected to fail the test that made them. */
const unmatched: string[] = [];

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith("127.0.0.1") || host.startsWith("localhost"));
  nock.emitter.on("no match", (req: { method?: string; path?: string; options?: { host?: string } }) => {
    unmatched.push(`${req.method ?? "?"} ${req.options?.host ?? ""}${req.path ?? ""}`);
  });
});

afterEach(() => {
  const pending = nock.pendingMocks();
  const missed = unmatched.splice(0);
  nock.cleanAll();
  if (missed.length > 0) throw new Error(`GitHub calls no test expected:\n${missed.join("\n")}`);
  if (pending.length > 0) throw new Error(`GitHub calls the test expected but the app never made:\n${pending.join("\n")}`);
});

afterAll(() => {
  nock.enableNetConnect();
});
