import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { OAuthApp } from "@octokit/oauth-app";
import { sign } from "@octokit/webhooks-methods";
import { afterEach, describe, expect, it } from "vitest";
import { contractHookInstalled, formatViolations, takeContractViolations } from "../helpers/contract-hook.js";
import { api, nockCheckReads, nockIssue } from "../helpers/github.js";
import { useHarness } from "../helpers/harness.js";
import { INSTALLATION_ID, SHOP, WEBHOOK_SECRET } from "../helpers/ids.js";
import { pullRequestEvent } from "../helpers/payloads.js";
import { harnessParts, serveWeb } from "../helpers/web.js";
import { checkRunObject, commentObject, errorBody, issueObject } from "../helpers/rest-objects.js";

const h = useHarness();
let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Each test breaks the contract on purpose, so it takes what setup.ts would otherwise fail it for. */
describe("the contract hook sees what every GitHub client sends and every mock answers", () => {
  it("reports a mocked response missing a required field, read through Probot's installation client", async () => {
    const { node_id: _dropped, ...issue } = issueObject();
    api().get("/repos/acme/shop/issues/12").reply(200, issue);
    const octokit = await h.probot.auth(INSTALLATION_ID);

    const { data } = await octokit.rest.issues.get({ owner: "acme", repo: "shop", issue_number: 12 });

    expect(data.number).toBe(12);
    expect(takeContractViolations()).toEqual([
      { kind: "rest", operation: "issues/get", description: "api.github.com", request: "GET /repos/acme/shop/issues/12", part: "response 200", instancePath: "", schemaPath: "#/components/schemas/issue/required", message: 'must have the required property "node_id"' },
    ]);
  });

  it("reports a misspelt field in the body Octokit actually sent", async () => {
    api().post("/repos/acme/shop/check-runs").reply(201, checkRunObject(SHOP, { id: 555 }));
    const octokit = await h.probot.auth(INSTALLATION_ID);

    await octokit.request("POST /repos/{owner}/{repo}/check-runs", { owner: "acme", repo: "shop", name: "Senseloop / hypothesis", head_sha: "a".repeat(40), status: "completed", conclusoin: "success" });

    expect(takeContractViolations()).toEqual([expect.objectContaining({ operation: "checks/create", part: "request body", message: 'must not have the property "conclusoin" (the schema does not define it)' })]);
  });

  it("reports a wrong status even when the app swallows the error it causes", async () => {
    nockCheckReads();
    nockIssue(SHOP, 12);
    api().post("/repos/acme/shop/check-runs").reply(409, errorBody("Conflict", 409));

    await h.receive("pull_request", pullRequestEvent("opened"));
    const counts = await h.drain();

    expect(counts.retry + counts.dead).toBe(1);
    expect(takeContractViolations()).toEqual([expect.objectContaining({ operation: "checks/create", part: "response 409", message: "status 409 is not documented for this operation (documented: 201)" })]);
  });

  it("checks the app's JWT client too", async () => {
    api().get("/app").reply(200, { slug: "senseloop" });
    const app = await h.probot.auth();

    await app.rest.apps.getAuthenticated();

    expect(takeContractViolations()).toEqual([expect.objectContaining({ operation: "apps/get-authenticated", part: "response 200", schemaPath: "#/components/schemas/integration/required" })]);
  });

  it("checks an OAuth client too", async () => {
    api().post("/applications/Iv1.test/token").reply(200, { token: "ghu_test" });
    const oauth = new OAuthApp({ clientType: "github-app", clientId: "Iv1.test", clientSecret: "secret" });

    await oauth.checkToken({ token: "ghu_test" }).catch(() => undefined);

    expect(takeContractViolations()).toEqual([expect.objectContaining({ operation: "apps/check-token", part: "response 200", schemaPath: "#/components/schemas/authorization/required" })]);
  });

  it("checks a client that hands fetch a Request, and still sends its body", async () => {
    let received: unknown;
    api()
      .post("/repos/acme/shop/issues/12/comments")
      .reply(async (request: Request) => {
        received = await request.json();
        return [201, commentObject(SHOP, 12, { id: 1 })];
      });

    await fetch(new Request("https://api.github.com/repos/acme/shop/issues/12/comments", { method: "POST", body: JSON.stringify({ bdy: "hi" }) }));

    expect(received).toEqual({ bdy: "hi" });
    expect(takeContractViolations().map((v) => v.message)).toEqual(['must have the required property "body"', 'must not have the property "bdy" (the schema does not define it)']);
  });

  it("reports a request to a route GitHub does not have, answered or not", async () => {
    api().get("/repos/acme/shop/hypotheses").reply(200, []);
    const octokit = await h.probot.auth(INSTALLATION_ID);

    await octokit.request("GET /repos/{owner}/{repo}/hypotheses", { owner: "acme", repo: "shop" });

    expect(takeContractViolations()).toEqual([expect.objectContaining({ operation: "(no operation)", part: "route", message: "no operation matches GET /repos/acme/shop/hypotheses" })]);
  });

  it("checks a webhook that arrives over HTTP, signed", async () => {
    ({ server } = await serveWeb(harnessParts(h)));
    const payload = pullRequestEvent("opened");
    payload.number = "7";
    const body = JSON.stringify(payload);

    const res = await fetch(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/github/webhooks`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": "d-wrong", "x-hub-signature-256": await sign(WEBHOOK_SECRET, body) },
    });

    expect(res.status).toBe(202);
    expect(takeContractViolations()).toEqual([expect.objectContaining({ kind: "webhook", event: "pull_request", action: "opened", instancePath: "/number", schemaPath: "#/definitions/pull_request$opened/properties/number/type", message: "must be integer" })]);
  });

  it("says in one line per violation what was sent, which operation, which part and where in the schema", () => {
    const message = formatViolations([
      { kind: "rest", operation: "issues/get", description: "api.github.com", request: "GET /repos/acme/shop/issues/12", part: "response 200", instancePath: "/user", schemaPath: "#/components/schemas/nullable-simple-user/required", message: 'must have the required property "login"' },
      { kind: "webhook", event: "issues", action: "opened", instancePath: "/issue", schemaPath: "#/definitions/issue/required", message: 'must have the required property "number"' },
    ]);

    expect(message).toBe(
      [
        'issues/get (api.github.com) GET /repos/acme/shop/issues/12 — response 200 /user: must have the required property "login" [#/components/schemas/nullable-simple-user/required]',
        'webhook issues.opened /issue: must have the required property "number" [#/definitions/issue/required]',
      ].join("\n"),
    );
  });

  it("notices when something replaces the wrapped fetch", () => {
    const wrapped = globalThis.fetch;
    expect(contractHookInstalled()).toBe(true);
    try {
      globalThis.fetch = (async () => new Response("")) as typeof fetch;
      expect(contractHookInstalled()).toBe(false);
    } finally {
      globalThis.fetch = wrapped;
    }
  });
});
