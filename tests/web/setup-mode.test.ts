import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { startHttpServer } from "../../src/web/server.js";
import { probotSetupRoute } from "../../src/web/setup-mode.js";
import { setupStatusRoute } from "../../src/web/status-page.js";
import { silentLogger } from "../helpers/logger.js";

describe("setup mode (no GitHub App credentials yet)", () => {
  it("says what is missing at / and serves Probot's app registration page", async () => {
    const setup = await probotSetupRoute({ port: 3000, log: silentLogger });
    const server = await startHttpServer([setupStatusRoute(["APP_ID", "WEBHOOK_SECRET"], setup !== undefined), ...(setup ? [setup] : [])], { port: 0, host: "127.0.0.1", log: silentLogger });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const status = await fetch(`${base}/`);
    const register = await fetch(`${base}/probot`);
    const statusText = await status.text();
    const registerText = await register.text();
    await new Promise<void>((resolve) => server.close(() => resolve()));

    expect(setup).toBeDefined();
    expect(status.status).toBe(200);
    expect(statusText).toContain("<code>APP_ID</code>");
    expect(statusText).toContain("<code>WEBHOOK_SECRET</code>");
    expect(statusText).toContain('href="/probot"');
    expect(register.status).toBe(200);
    expect(registerText).toContain("senseloop");
    expect(registerText).toMatch(/checks.*write/s);
  });
});
