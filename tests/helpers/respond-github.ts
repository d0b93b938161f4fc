import nock from "nock";
import { api, nockInstallationToken, type Captured } from "./github.js";
import { BOT_LOGIN, type TestRepo } from "./ids.js";
import { user } from "./payloads.js";

/**
 * Replies with `status` and `body`, recording what the app sent. Recording in the reply (not in
 * a body matcher, which nock also runs for requests to other paths) counts only the requests
 * this interceptor answered, whatever order the app makes its calls in.
 */
function recorded(captured: Captured, status: number, body: unknown, headers: Record<string, string> = {}) {
  return async (request: Request) => {
    const sent = (await request.json()) as unknown;
    captured.body = sent;
    captured.calls.push(sent);
    return [status, body, headers] as const;
  };
}

const newCapture = (): Captured => ({ calls: [] });

/** A comment created on an issue, answered with comment `id`. */
export function nockComment(repo: TestRepo, number: number, id = 5000): Captured {
  const captured = newCapture();
  api()
    .post(`/repos/${repo.fullName}/issues/${number}/comments`)
    .reply(recorded(captured, 201, { id, html_url: `https://github.com/${repo.fullName}/issues/${number}#issuecomment-${id}` }));
  return captured;
}

/** Labels added to an issue. */
export function nockLabels(repo: TestRepo, number: number): Captured {
  const captured = newCapture();
  api().post(`/repos/${repo.fullName}/issues/${number}/labels`).reply(recorded(captured, 200, []));
  return captured;
}

/** An issue edit (body, state), answered with `status`. */
export function nockIssueUpdate(repo: TestRepo, number: number, status = 200): Captured {
  const captured = newCapture();
  api()
    .patch(`/repos/${repo.fullName}/issues/${number}`)
    .reply(recorded(captured, status, status === 200 ? { number } : { message: "Not Found" }));
  return captured;
}

/** An issue opened, answered with issue `number`. */
export function nockIssueCreate(repo: TestRepo, number: number): Captured {
  const captured = newCapture();
  api()
    .post(`/repos/${repo.fullName}/issues`)
    .reply(recorded(captured, 201, { number, id: number * 10, html_url: `https://github.com/${repo.fullName}/issues/${number}` }));
  return captured;
}

export function nockReaction(repo: TestRepo, commentId: number): Captured {
  const captured = newCapture();
  api().post(`/repos/${repo.fullName}/issues/comments/${commentId}/reactions`).reply(recorded(captured, 201, { id: 1, content: "+1" }));
  return captured;
}

export function nockRemoveLabel(repo: TestRepo, number: number, label: string, status = 200) {
  api()
    .delete(`/repos/${repo.fullName}/issues/${number}/labels/${encodeURIComponent(label)}`)
    .reply(status, status === 200 ? [] : { message: "Label does not exist" });
}

/** The comments of an issue, as the write ledger reads them to look for our own after an unknown outcome. */
export function nockListComments(repo: TestRepo, number: number, comments: { id: number; body: string; byOwnApp?: boolean }[] = []) {
  api()
    .get(`/repos/${repo.fullName}/issues/${number}/comments`)
    .query(true)
    .reply(
      200,
      comments.map((c) => ({
        id: c.id,
        body: c.body,
        html_url: `https://github.com/${repo.fullName}/issues/${number}#issuecomment-${c.id}`,
        user: c.byOwnApp === false ? user("mallory") : user(BOT_LOGIN, "Bot"),
        performed_via_github_app: c.byOwnApp === false ? null : { id: 123 },
      })),
    );
}

/** A comment create that hits the primary rate limit, which resets at `resetAt`: GitHub wrote nothing. */
export function nockCommentRateLimited(repo: TestRepo, number: number, resetAt: Date): Captured {
  const captured = newCapture();
  api()
    .post(`/repos/${repo.fullName}/issues/${number}/comments`)
    .reply(recorded(captured, 403, { message: "API rate limit exceeded for installation ID 42." }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(resetAt.getTime() / 1000)) }));
  return captured;
}

/** A comment create that fails with `status` (404: the issue was deleted; 5xx: GitHub is down). */
export function nockCommentFailing(repo: TestRepo, number: number, status: number): Captured {
  const captured = newCapture();
  api()
    .post(`/repos/${repo.fullName}/issues/${number}/comments`)
    .reply(recorded(captured, status, { message: status === 404 ? "Not Found" : "Server Error" }));
  return captured;
}

/**
 * Removes every mock, the harness's optional installation token included, so any request at
 * all (even for a token) fails the test as unexpected.
 */
export function expectNoGitHubCall() {
  if (nock.pendingMocks().length > 0) throw new Error(`mocks still pending before a step that must not call GitHub:\n${nock.pendingMocks().join("\n")}`);
  nock.cleanAll();
}

/** Runs `step` with no GitHub call allowed, then gives the installation its token back. */
export async function withoutGitHub<T>(step: () => Promise<T>): Promise<T> {
  expectNoGitHubCall();
  try {
    return await step();
  } finally {
    nockInstallationToken();
  }
}
