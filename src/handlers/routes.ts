import { onCheckRun } from "./check-run.js";
import { onAppAuthorization } from "./app-authorization.js";
import { onCheckSuite } from "./check-suite.js";
import type { AppHandler, Handler } from "./context.js";
import { onInstallation, onInstallationRepositories } from "./installation.js";
import { onIssueComment } from "./issue-comment.js";
import { onIssues } from "./issues.js";
import { onMember } from "./member.js";
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
route("member", ["added", "removed", "edited"], onMember);

/** Events about the app itself, which carry no installation. */
const APP_ROUTES: Record<string, AppHandler> = { "github_app_authorization.revoked": onAppAuthorization };

/** Delivered to every GitHub App whether it subscribes or not, so app.yml does not (and cannot) list them. */
export const ALWAYS_DELIVERED: readonly string[] = ["installation", "installation_repositories", "github_app_authorization"];

export function routeFor(event: string, action: string | null): Handler | undefined {
  return ROUTES[`${event}.${action ?? ""}`];
}

export function appRouteFor(event: string, action: string | null): AppHandler | undefined {
  return APP_ROUTES[`${event}.${action ?? ""}`];
}

export function isHandled(event: string, action: string | null): boolean {
  return routeFor(event, action) !== undefined || appRouteFor(event, action) !== undefined;
}

/** Every event Senseloop handles; app.yml subscribes to those not always delivered. */
export function handledEvents(): string[] {
  return [...new Set([...Object.keys(ROUTES), ...Object.keys(APP_ROUTES)].map((key) => key.split(".")[0]!))].sort();
}
