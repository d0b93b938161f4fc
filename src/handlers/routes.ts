import { onCheckRun } from "./check-run.js";
import { onCheckSuite } from "./check-suite.js";
import type { Handler } from "./context.js";
import { onInstallation, onInstallationRepositories } from "./installation.js";
import { onIssueComment } from "./issue-comment.js";
import { onIssues } from "./issues.js";
import { onPullRequest } from "./pull-request.js";
import { onPush } from "./push.js";
import { onDeploymentStatus, onReleasePublished } from "./ship.js";

/** Which `event.action` Senseloop handles, and with what. Everything else is ignored and counted. */
const ROUTES: Record<string, Handler> = {};
const route = (event: string, actions: string[], handler: Handler) => {
  for (const action of actions) ROUTES[`${event}.${action}`] = handler;
};

route("pull_request", ["opened", "edited", "synchronize", "reopened", "labeled", "unlabeled", "ready_for_review", "converted_to_draft", "closed"], onPullRequest);
route("issues", ["opened", "edited", "labeled", "unlabeled", "closed", "reopened", "deleted", "transferred", "assigned", "unassigned"], onIssues);
route("check_run", ["requested_action", "rerequested"], onCheckRun);
route("check_suite", ["rerequested"], onCheckSuite);
route("deployment_status", ["created"], onDeploymentStatus);
route("issue_comment", ["created"], onIssueComment);
route("release", ["published", "released"], onReleasePublished);
// A push has no action.
route("push", [""], onPush);
route("installation", ["created", "deleted", "suspend", "unsuspend", "new_permissions_accepted"], onInstallation);
route("installation_repositories", ["added", "removed"], onInstallationRepositories);

export function routeFor(event: string, action: string | null): Handler | undefined {
  return ROUTES[`${event}.${action ?? ""}`];
}

export function isHandled(event: string, action: string | null): boolean {
  return routeFor(event, action) !== undefined;
}

/** The events app.yml must subscribe to. */
export function handledEvents(): string[] {
  return [...new Set(Object.keys(ROUTES).map((key) => key.split(".")[0]!))].sort();
}
