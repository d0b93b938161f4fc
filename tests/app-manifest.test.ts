import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { handledEvents } from "../src/handlers/routes.js";

const manifest = parse(readFileSync(new URL("../app.yml", import.meta.url), "utf8")) as { default_events: string[]; default_permissions: Record<string, string> };

describe("app.yml", () => {
  it("subscribes to every event the app handles (installation events are always delivered)", () => {
    const needed = handledEvents().filter((event) => !event.startsWith("installation"));

    expect([...manifest.default_events].sort()).toEqual(needed);
  });

  it("asks for the minimum permissions", () => {
    expect(manifest.default_permissions).toEqual({ checks: "write", issues: "write", pull_requests: "read", contents: "read", deployments: "read", metadata: "read" });
  });
});
