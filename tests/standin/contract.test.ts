import { beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../src/standin/api-router.js";
import type { Standin } from "../../src/standin/index.js";
import { runContractScenario } from "./contract-scenario.js";
import { loadDescription, loadWebhookSchemas, type Described } from "./openapi.js";

let standin: Standin;
let github: Described;
let ghes: Described;

beforeAll(async () => {
  github = loadDescription("api.github.com.json");
  ghes = loadDescription("ghes-3.19.json");
  standin = await runContractScenario();
}, 120_000);

/** One line per schema error: where, what, and the keyword's parameters. */
const describeErrors = (errors: { instancePath: string; message?: string; params: unknown }[] | null | undefined) =>
  (errors ?? []).slice(0, 12).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`).join("; ");

describe("the REST contract", () => {
  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))("%s is an operation of GitHub's REST description (github.com and GHES 3.19)", (_name, route) => {
    expect(github.operation(route.method, route.path)).toBeDefined();
    expect(ghes.operation(route.method, route.path)).toBeDefined();
  });

  it("answers every route with JSON that validates against the operation's response schema", () => {
    const answered = standin.requests({}).filter((r) => r.route !== null);

    const problems: string[] = [];
    const validated = new Set<string>();
    for (const request of answered) {
      const [method, path] = request.route!.split(" ") as [string, string];
      const documented = github.operation(method, path)!.responses[String(request.status)];
      if (!documented) {
        // Errors GitHub can answer on any route (401, 403, 404) are not described on every operation.
        if (request.status < 400) problems.push(`${request.route} answered ${request.status}, which the description does not list`);
        else if (!(request.response && typeof (request.response as { message?: unknown }).message === "string")) problems.push(`${request.route} answered ${request.status} without a message`);
        continue;
      }
      const validate = github.responseValidator(method, path, request.status);
      if (!validate) {
        if (request.response !== undefined && request.status !== 202) problems.push(`${request.route} ${request.status} sent a body where the description has none`);
        if (request.status < 300) validated.add(request.route!);
        continue;
      }
      if (!validate(request.response)) problems.push(`${request.route} ${request.status}: ${describeErrors(validate.errors)}`);
      else if (request.status < 300) validated.add(request.route!);
    }

    expect(problems).toEqual([]);
    expect(ROUTES.map((r) => `${r.method} ${r.path}`).filter((name) => !validated.has(name))).toEqual([]);
  });

  it("sends webhook payloads that validate against @octokit/webhooks-schemas, for every event it emits", () => {
    const validatorFor = loadWebhookSchemas();
    const delivered = standin.deliveries();

    const problems = delivered.flatMap((d) => {
      const validate = validatorFor(d.event, d.action);
      if (!validate) return [`${d.event}.${d.action}: no schema`];
      return validate(d.payload) ? [] : [`${d.event}.${d.action}: ${describeErrors(validate.errors)}`];
    });
    const kinds = new Set(delivered.map((d) => (d.action ? `${d.event}.${d.action}` : d.event)));

    expect(problems).toEqual([]);
    expect([...kinds].sort()).toEqual(
      [
        "check_run.completed", "check_run.created", "check_run.requested_action", "check_run.rerequested", "check_suite.completed", "check_suite.requested",
        "deployment.created", "deployment_status.created", "github_app_authorization.revoked", "installation.created", "installation.deleted", "installation.suspend", "installation.unsuspend",
        "installation_repositories.added", "installation_repositories.removed", "issue_comment.created", "issue_comment.edited",
        "issues.assigned", "issues.closed", "issues.edited", "issues.labeled", "issues.opened", "issues.reopened", "issues.unassigned", "issues.unlabeled",
        "pull_request.closed", "pull_request.converted_to_draft", "pull_request.edited", "pull_request.labeled", "pull_request.opened", "pull_request.ready_for_review", "pull_request.synchronize",
        "push", "release.created", "release.published", "release.released", "repository.created",
      ].sort(),
    );
  });
});
