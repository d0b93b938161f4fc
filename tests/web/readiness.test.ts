import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { healthRoutes } from "../../src/web/health.js";
import { startHttpServer } from "../../src/web/server.js";
import { openTestDatabase } from "../helpers/database.js";
import { silentLogger } from "../helpers/logger.js";

describe("readiness", () => {
  it("answers /readyz with 503 once the database is gone, while /healthz still answers", async () => {
    const database = await openTestDatabase();
    const server = await startHttpServer([healthRoutes(database.db)], { port: 0, host: "127.0.0.1", log: silentLogger });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    await database.close();
    const ready = await fetch(`${base}/readyz`);
    const health = await fetch(`${base}/healthz`);
    await new Promise<void>((resolve) => server.close(() => resolve()));

    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe("unavailable");
    expect(health.status).toBe(200);
  });
});
