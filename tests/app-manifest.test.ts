import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ALWAYS_DELIVERED, handledEvents } from "../src/handlers/routes.js";

const manifest = parse(readFileSync(new URL("../app.yml", import.meta.url), "utf8")) as { default_events: string[]; default_permissions: Record<string, string> };

describe("app.yml", () => {
  it("subscribes to every event the app handles but those GitHub always delivers (installation events, revoked authorisations)", () => {
    const needed = handledEvents().filter((event) => !ALWAYS_DELIVERED.includes(event));

    expect([...manifest.default_events].sort()).toEqual(needed);
  });

  it("asks for the minimum permissions", () => {
    expect(manifest.default_permissions).toEqual({ checks: "write", issues: "write", pull_requests: "read", contents: "read", deployments: "read", metadata: "read", members: "read" });
  });
});
