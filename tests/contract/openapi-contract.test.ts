import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { OpenApiContract, type Exchange } from "../helpers/openapi-contract.js";
import { checkRunObject, errorBody, issueObject } from "../helpers/rest-objects.js";
import { SHOP } from "../helpers/ids.js";

const contract = new OpenApiContract(inject("openapiContract"));
const API = "https://api.github.com";
const ISSUE = `${API}/repos/acme/shop/issues/12`;
const CHECK_RUNS = `${API}/repos/acme/shop/check-runs`;
const CHECK_RUN_BODY = "#/paths/~1repos~1{owner}~1{repo}~1check-runs/post/requestBody/content/application~1json/schema";

const json = (value: unknown) => JSON.stringify(value);
const check = (e: Exchange) => contract.check(e);
const getIssue = (body: unknown, status = 200): Exchange => ({ method: "GET", url: ISSUE, status, responseHeaders: { "content-type": "application/json" }, responseBody: json(body) });
const createCheckRun = (body: unknown, status = 201, response: unknown = checkRunObject(SHOP, { id: 555 })): Exchange => ({ method: "POST", url: CHECK_RUNS, requestBody: json(body), status, responseBody: json(response) });
const goodCheckRun = { name: "Senseloop / hypothesis", head_sha: "a".repeat(40), status: "completed", conclusion: "success", output: { title: "Serves acme/shop#12", summary: "…" } };

describe("exchanges GitHub's description allows", () => {
  it.each([
    ["an issue read", getIssue(issueObject())],
    ["an issue with a null body and milestone (nullable fields)", getIssue({ ...issueObject(), body: null, milestone: null })],
    ["a check run create", createCheckRun(goodCheckRun)],
    ["a list with a typed query", { method: "GET", url: `${API}/repos/acme/shop/issues?labels=hypothesis&state=open&per_page=21`, status: 200, responseBody: json([issueObject()]) }],
    ["a 404 on any operation", getIssue(errorBody("Not Found", 404), 404)],
    ["a 422 on a write the description lists no 422 for", createCheckRun(goodCheckRun, 422, errorBody("Invalid request"))],
    ["a 204 without a body", { method: "DELETE", url: `${API}/repos/acme/shop/issues/comments/5`, status: 204, responseBody: "" }],
    ["raw file contents", { method: "GET", url: `${API}/repos/acme/shop/contents/.github%2Fsenseloop.yml`, requestHeaders: { accept: "application/vnd.github.v3.raw" }, status: 200, responseHeaders: { "content-type": "application/vnd.github.v3.raw; charset=utf-8" }, responseBody: "mode: off\n" }],
    ["a 304 to a conditional read", { method: "GET", url: ISSUE, requestHeaders: { "if-none-match": '"abc"' }, status: 304, responseBody: "" }],
    ["an Enterprise Server base", { ...getIssue(issueObject()), url: "https://ghe.example.com/api/v3/repos/acme/shop/issues/12" }],
  ] satisfies [string, Exchange][])("accepts %s", (_name, exchange) => {
    expect(check(exchange)).toEqual([]);
  });
});

describe("exchanges GitHub would refuse or never send", () => {
  it("names a misspelt request field, with the operation and the schema path", () => {
    const violations = check(createCheckRun({ ...goodCheckRun, conclusoin: "success" }));

    expect(violations).toEqual([
      { operation: "checks/create", description: "api.github.com", request: "POST /repos/acme/shop/check-runs", part: "request body", instancePath: "", schemaPath: `${CHECK_RUN_BODY}/additionalProperties`, message: 'must not have the property "conclusoin" (the schema does not define it)' },
    ]);
  });

  it("names a request field of the wrong value", () => {
    const [violation] = check(createCheckRun({ ...goodCheckRun, conclusion: "passed" }));

    expect(violation).toMatchObject({ operation: "checks/create", part: "request body", instancePath: "/conclusion", schemaPath: `${CHECK_RUN_BODY}/properties/conclusion/enum` });
    expect(violation!.message).toContain('"success"');
  });

  it("refuses a success status the operation does not answer with", () => {
    expect(check(createCheckRun(goodCheckRun, 200))).toEqual([expect.objectContaining({ operation: "checks/create", part: "response 200", message: "status 200 is not documented for this operation (documented: 201)" })]);
  });

  it("refuses an error status only some operations answer with", () => {
    expect(check(getIssue(errorBody("Conflict"), 409))).toEqual([expect.objectContaining({ operation: "issues/get", part: "response 409", message: expect.stringContaining("status 409 is not documented") })]);
  });

  it("refuses an error body without a message", () => {
    expect(check(getIssue({ error: "nope" }, 404))).toEqual([expect.objectContaining({ operation: "issues/get", part: "response 404", message: 'must have the required property "message"' })]);
  });

  it("names a response missing a required field, and the component that requires it", () => {
    const { node_id: _dropped, ...issue } = issueObject();

    expect(check(getIssue(issue))).toEqual([expect.objectContaining({ operation: "issues/get", part: "response 200", instancePath: "", schemaPath: "#/components/schemas/issue/required", message: 'must have the required property "node_id"' })]);
  });

  it("names a nested field of the wrong type", () => {
    expect(check(getIssue({ ...issueObject(), user: { ...issueObject().user, id: "pam" } }))).toEqual([
      expect.objectContaining({ operation: "issues/get", instancePath: "/user/id", schemaPath: "#/components/schemas/nullable-simple-user/properties/id/type", message: "must be integer" }),
    ]);
  });

  it("refuses a route that does not exist", () => {
    expect(check({ method: "GET", url: `${API}/repos/acme/shop/issuez/12`, status: 200, responseBody: "{}" })).toEqual([expect.objectContaining({ operation: "(no operation)", part: "route", message: "no operation matches GET /repos/acme/shop/issuez/12" })]);
  });

  it("refuses a method the path does not have", () => {
    expect(check({ method: "PUT", url: ISSUE, requestBody: "{}", status: 200, responseBody: "{}" })).toEqual([expect.objectContaining({ operation: "(no operation)", part: "route", message: "PUT is not an operation of this path (it has GET, PATCH)" })]);
  });

  it("prefers the literal segment when two templates match (issues/comments/{id} over issues/{number})", () => {
    expect(check({ method: "DELETE", url: `${API}/repos/acme/shop/issues/comments/5`, status: 204, responseBody: "" })).toEqual([]);
    expect(check({ method: "DELETE", url: `${API}/repos/acme/shop/issues/comments/5`, status: 200, responseBody: "{}" })[0]).toMatchObject({ operation: "issues/delete-comment" });
  });

  it("refuses query values GitHub would not read, and query names it does not know", () => {
    const violations = check({ method: "GET", url: `${API}/repos/acme/shop/issues?state=opne&per_page=many&labelz=hypothesis`, status: 200, responseBody: "[]" });

    expect(violations).toEqual([
      expect.objectContaining({ operation: "issues/list-for-repo", part: "query", instancePath: "/labelz", message: 'unknown query parameter "labelz" (GitHub ignores it)' }),
      expect.objectContaining({ operation: "issues/list-for-repo", part: "query", instancePath: "/state", schemaPath: "#/paths/~1repos~1{owner}~1{repo}~1issues/get/parameters/3/schema/enum" }),
      expect.objectContaining({ operation: "issues/list-for-repo", part: "query", instancePath: "/per_page", schemaPath: "#/components/parameters/per-page/schema/type", message: "must be integer" }),
    ]);
  });

  it("refuses a path parameter of the wrong type", () => {
    expect(check({ ...getIssue(issueObject()), url: `${API}/repos/acme/shop/issues/twelve` })).toEqual([expect.objectContaining({ operation: "issues/get", part: "path", instancePath: "/issue_number", message: "must be integer" })]);
  });

  it("refuses a body on a status that has none", () => {
    expect(check({ method: "DELETE", url: `${API}/repos/acme/shop/issues/comments/5`, status: 204, responseBody: "{}" })).toEqual([expect.objectContaining({ operation: "issues/delete-comment", part: "response 204", message: "this status has no body" })]);
  });

  it("refuses raw contents labelled as JSON, and raw contents from an operation that has none", () => {
    const raw = { accept: "application/vnd.github.v3.raw" };

    expect(check({ method: "GET", url: `${API}/repos/acme/shop/contents/a.yml`, requestHeaders: raw, status: 200, responseHeaders: { "content-type": "application/json" }, responseBody: "a: 1" })[0]).toMatchObject({ operation: "repos/get-content", message: 'raw contents are answered as application/vnd.github.raw, not "application/json"' });
    expect(check({ ...getIssue(issueObject()), requestHeaders: raw })[0]).toMatchObject({ operation: "issues/get", message: "raw contents (application/vnd.github.v3.raw) are not offered by this operation" });
  });

  it("refuses a 304 to a request that was not conditional, or with a body", () => {
    expect(check({ method: "GET", url: ISSUE, status: 304, responseBody: "{}" }).map((v) => v.message)).toEqual(["GitHub answers 304 only to a conditional request (If-None-Match or If-Modified-Since)", "a 304 has no body"]);
  });

  it("refuses a route the oldest supported Enterprise Server does not have", () => {
    const violations = check({ method: "GET", url: `${API}/repos/acme/shop/actions/cache/retention-limit`, status: 200, responseBody: json({ max_cache_retention_days: 7 }) });

    expect(violations).toContainEqual(expect.objectContaining({ description: "ghes-3.17", operation: "actions/get-actions-cache-retention-limit-for-repository", part: "route" }));
  });

  it("validates an Enterprise Server request against that version's description", () => {
    const { node_id: _dropped, ...issue } = issueObject();

    expect(check({ ...getIssue(issue), url: "https://ghe.example.com/api/v3/repos/acme/shop/issues/12" })).toEqual([expect.objectContaining({ description: "ghes-3.17", operation: "issues/get", schemaPath: "#/components/schemas/issue/required" })]);
  });
});
