import type { RecordedRequest } from "../standin/requests.js";

/** The numbers of the story's issues, to tell Senseloop's writes on each apart. */
export interface StoryIssues {
  hypothesis: number;
  sense: number;
  dashboard: number;
}

/**
 * Every write Senseloop made to GitHub, named. Comments are told apart by the hidden marker key
 * Senseloop puts in each (`shipped:`, `reminder:`, …), issue edits by the issue they change.
 */
export function nameWrite(request: RecordedRequest, issues: StoryIssues): string {
  const body = (request.body ?? {}) as { title?: string; body?: string; labels?: string[]; state?: string };
  const number = Number(/\/issues\/(\d+)/.exec(request.path)?.[1]);
  const which = number === issues.sense ? "sense issue" : number === issues.hypothesis ? "hypothesis" : number === issues.dashboard ? "dashboard issue" : `issue #${number}`;
  switch (request.route) {
    case "POST /repos/{owner}/{repo}/check-runs":
      return "check run created";
    case "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}":
      return "check run updated";
    case "POST /repos/{owner}/{repo}/issues":
      return body.title?.startsWith("Sense: ") ? "sense issue opened" : `issue opened: ${body.title ?? ""}`;
    case "PATCH /repos/{owner}/{repo}/issues/{issue_number}":
      return body.state === "closed" ? `${which} closed` : `${which} edited`;
    case "POST /repos/{owner}/{repo}/issues/{issue_number}/comments":
      return `comment on the ${which}: ${/<!-- senseloop:comment key=([a-z-]+)/.exec(body.body ?? "")?.[1] ?? "unmarked"}`;
    case "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions":
      return "reaction on the command";
    case "POST /repos/{owner}/{repo}/issues/{issue_number}/labels":
      return `label added to the ${which}: ${(body.labels ?? []).join(", ")}`;
    case "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}":
      return `label removed from the ${which}: ${decodeURIComponent(request.path.split("/").at(-1) ?? "")}`;
    default:
      return `${request.method} ${request.route ?? request.path}`;
  }
}

/** How many times each named write happened. */
export function countWrites(requests: RecordedRequest[], issues: StoryIssues): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    if (request.method === "GET" || request.method === "HEAD" || !request.path.startsWith("/api/v3/repos/")) continue;
    const name = nameWrite(request, issues);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/**
 * What the story makes Senseloop write, exactly. Two kinds of edit vary in number and are given as
 * a range: the sense issue's body is edited when a reading lands after the issue was written (the
 * baseline may be in or after the first version) and on the rollback; the dashboard issue is
 * edited once per burst of changes (30 s apart), which depends on how the steps fall.
 */
export const EXPECTED_WRITES: Record<string, number | [number, number]> = {
  "check run created": 1,
  "check run updated": 1,
  "sense issue opened": 1,
  "comment on the hypothesis: shipped": 1,
  "comment on the sense issue: reminder": 1,
  "label added to the sense issue: needs-response": 1,
  "comment on the sense issue: rolled-back": 1,
  "reaction on the command": 1,
  "comment on the sense issue: response": 1,
  "label removed from the sense issue: needs-response": 1,
  "sense issue closed": 1,
  "comment on the hypothesis: response-hypothesis": 1,
  "label added to the hypothesis: pivot": 1,
  "issue opened: Senseloop dashboard": 1,
  "sense issue edited": [1, 4],
  "dashboard issue edited": [0, 4],
};

/** Each difference between what happened and what was expected, in words; empty when they agree. */
export function compareWrites(counts: Map<string, number>, expected = EXPECTED_WRITES): string[] {
  const problems: string[] = [];
  for (const [name, want] of Object.entries(expected)) {
    const got = counts.get(name) ?? 0;
    const [low, high] = typeof want === "number" ? [want, want] : want;
    if (got < low || got > high) problems.push(`${name}: ${got}, expected ${low === high ? low : `${low} to ${high}`}`);
  }
  for (const [name, got] of counts) if (!(name in expected)) problems.push(`${name}: ${got}, expected none`);
  return problems;
}
