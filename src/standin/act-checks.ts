import { requireRole } from "./access.js";
import { ApiError, validationFailed, type FieldError } from "./errors.js";
import type { Hub } from "./hub.js";
import type { Actor, CheckRun, CheckRunAction, CheckSuite, Repo } from "./model.js";
import { checkRunObject, checkSuiteObject, suiteSummary } from "./render-checks.js";

const STATUSES = ["queued", "in_progress", "completed", "waiting", "requested", "pending"];
const CONCLUSIONS = ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"];

export interface CheckRunInput {
  name?: string;
  head_sha?: string;
  details_url?: string | null;
  external_id?: string | null;
  status?: string;
  conclusion?: string | null;
  started_at?: string;
  completed_at?: string;
  output?: { title?: string; summary?: string; text?: string | null } | null;
  actions?: CheckRunAction[];
}

/** The limits GitHub enforces on a check run, answered as its 422s are. */
function validate(input: CheckRunInput, creating: boolean): void {
  const errors: FieldError[] = [];
  if (creating && !input.name) errors.push({ resource: "CheckRun", field: "name", code: "missing_field" });
  if (input.status !== undefined && !STATUSES.includes(input.status)) errors.push({ resource: "CheckRun", field: "status", code: "invalid", value: input.status });
  if (input.conclusion != null && !CONCLUSIONS.includes(input.conclusion)) errors.push({ resource: "CheckRun", field: "conclusion", code: "invalid", value: input.conclusion });
  if (input.status === "completed" && input.conclusion == null) errors.push({ resource: "CheckRun", field: "conclusion", code: "missing_field", message: "conclusion is required when status is completed" });
  if (input.output) {
    if (!input.output.title) errors.push({ resource: "CheckRun", field: "output.title", code: "missing_field" });
    if (!input.output.summary) errors.push({ resource: "CheckRun", field: "output.summary", code: "missing_field" });
    if ((input.output.summary ?? "").length > 65_535) errors.push({ resource: "CheckRun", field: "output.summary", code: "custom", message: "summary is too long (maximum is 65535 characters)" });
    if ((input.output.text ?? "").length > 65_535) errors.push({ resource: "CheckRun", field: "output.text", code: "custom", message: "text is too long (maximum is 65535 characters)" });
  }
  const actions = input.actions ?? [];
  if (actions.length > 3) errors.push({ resource: "CheckRun", field: "actions", code: "custom", message: "Only 3 actions are allowed" });
  for (const action of actions) {
    if (!action.label || action.label.length > 20) errors.push({ resource: "CheckRun", field: "actions.label", code: "custom", message: "label must be 1 to 20 characters", value: action.label });
    if (!action.description || action.description.length > 40) errors.push({ resource: "CheckRun", field: "actions.description", code: "custom", message: "description must be 1 to 40 characters", value: action.description });
    if (!action.identifier || action.identifier.length > 20) errors.push({ resource: "CheckRun", field: "actions.identifier", code: "custom", message: "identifier must be 1 to 20 characters", value: action.identifier });
  }
  if (errors.length > 0) throw validationFailed(...errors);
}

export function ensureSuite(hub: Hub, repo: Repo, sha: string, branch: string | null, before: string | null = null): { suite: CheckSuite; created: boolean } {
  const existing = repo.checkSuites.find((s) => s.headSha === sha);
  if (existing) return { suite: existing, created: false };
  const now = hub.state.now();
  const suite: CheckSuite = { id: hub.state.ids.next(), headSha: sha, headBranch: branch, before, after: sha, createdAt: now, updatedAt: now, rerequested: false };
  repo.checkSuites.push(suite);
  return { suite, created: true };
}

/** A push asks every app with checks permission for a suite on the new head (`check_suite.requested`). */
export function requestCheckSuite(hub: Hub, repo: Repo, actor: Actor, sha: string, branch: string, before: string | null): void {
  const installation = hub.state.installationOf(repo);
  if (!installation?.permissions.checks) return;
  const { suite, created } = ensureSuite(hub, repo, sha, branch, before);
  if (created) hub.hooks.repoEvent("check_suite", "requested", repo, actor.user, { check_suite: checkSuiteObject(hub.urls(), hub.state, repo, suite, "event") });
}

function runEvent(hub: Hub, repo: Repo, run: CheckRun, action: string, actor: Actor, extra: Record<string, unknown> = {}): void {
  hub.hooks.repoEvent("check_run", action, repo, actor.user, { check_run: checkRunObject(hub.urls(), hub.state, repo, run, false), ...extra });
}

function completeSuiteIfDone(hub: Hub, repo: Repo, run: CheckRun, actor: Actor): void {
  const suite = repo.checkSuites.find((s) => s.id === run.suiteId)!;
  suite.updatedAt = hub.state.now();
  if (suiteSummary(repo, suite).status === "completed") hub.hooks.repoEvent("check_suite", "completed", repo, actor.user, { check_suite: checkSuiteObject(hub.urls(), hub.state, repo, suite, "event") });
}

function apply(hub: Hub, run: CheckRun, input: CheckRunInput): void {
  const now = hub.state.now();
  if (input.name !== undefined) run.name = input.name;
  if (input.details_url !== undefined) run.detailsUrl = input.details_url;
  if (input.external_id !== undefined) run.externalId = input.external_id;
  if (input.started_at !== undefined) run.startedAt = input.started_at;
  if (input.output) run.output = { title: input.output.title ?? null, summary: input.output.summary ?? null, text: input.output.text ?? null };
  if (input.actions !== undefined) run.actions = input.actions.map((a) => ({ label: a.label, description: a.description, identifier: a.identifier }));
  // Giving a conclusion completes the run, whatever status was sent with it.
  if (input.conclusion != null) {
    run.status = "completed";
    run.conclusion = input.conclusion;
    run.completedAt = input.completed_at ?? now;
  } else if (input.status !== undefined) {
    run.status = input.status;
    if (input.status !== "completed") {
      run.conclusion = null;
      run.completedAt = null;
    }
  }
  if (run.status === "in_progress" && !run.startedAt) run.startedAt = now;
}

export function createCheckRun(hub: Hub, repo: Repo, actor: Actor, input: CheckRunInput): CheckRun {
  validate(input, true);
  const commit = input.head_sha ? repo.git.resolve(input.head_sha) : undefined;
  if (!commit || commit.sha !== input.head_sha) throw validationFailed({ resource: "CheckRun", field: "head_sha", code: "invalid", value: input.head_sha, message: `No commit found for SHA: ${input.head_sha}` });
  const branch = [...repo.git.branches.entries()].find(([, sha]) => sha === commit.sha)?.[0] ?? null;
  const { suite } = ensureSuite(hub, repo, commit.sha, branch);
  const now = hub.state.now();
  const run: CheckRun = { id: hub.state.ids.next(), suiteId: suite.id, name: input.name!, headSha: commit.sha, externalId: null, detailsUrl: null, status: "queued", conclusion: null, startedAt: now, completedAt: null, output: { title: null, summary: null, text: null }, actions: [] };
  apply(hub, run, input);
  repo.checkRuns.push(run);
  runEvent(hub, repo, run, "created", actor);
  if (run.status === "completed") {
    runEvent(hub, repo, run, "completed", actor);
    completeSuiteIfDone(hub, repo, run, actor);
  }
  return run;
}

export function requireCheckRun(repo: Repo, id: number): CheckRun {
  const run = repo.checkRuns.find((r) => r.id === id);
  if (!run) throw new ApiError(404, "Not Found");
  return run;
}

export function updateCheckRun(hub: Hub, repo: Repo, actor: Actor, id: number, input: CheckRunInput): CheckRun {
  const run = requireCheckRun(repo, id);
  validate(input, false);
  const before = `${run.status}/${run.conclusion}`;
  apply(hub, run, input);
  if (run.status === "completed" && `${run.status}/${run.conclusion}` !== before) {
    runEvent(hub, repo, run, "completed", actor);
    completeSuiteIfDone(hub, repo, run, actor);
  }
  return run;
}

/** A person presses "Re-run" on a check run. */
export function rerequestCheckRun(hub: Hub, repo: Repo, actor: Actor, id: number): CheckRun {
  requireRole(repo, actor, "write");
  const run = requireCheckRun(repo, id);
  runEvent(hub, repo, run, "rerequested", actor);
  return run;
}

/** A person presses one of the check run's action buttons. */
export function requestCheckRunAction(hub: Hub, repo: Repo, actor: Actor, id: number, identifier: string): CheckRun {
  requireRole(repo, actor, "write");
  const run = requireCheckRun(repo, id);
  if (!run.actions.some((a) => a.identifier === identifier)) throw new ApiError(422, `check run ${id} has no action ${identifier}`);
  runEvent(hub, repo, run, "requested_action", actor, { requested_action: { identifier } });
  return run;
}
