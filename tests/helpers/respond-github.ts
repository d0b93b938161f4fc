import nock from "nock";
import { api, newCapture, nockAddLabels, nockInstallationToken, recorded, type Captured } from "./github.js";
import { SHOP, type TestRepo } from "./ids.js";
import { nockCreateComment, nockUpdateIssue } from "./ship-github.js";
import { commentObject, errorBody } from "./rest-objects.js";
import { reactionObject } from "./rest-ship-objects.js";

export function nockReaction(repo: TestRepo, commentId: number): Captured {
  const captured = newCapture();
  api().post(`/repos/${repo.fullName}/issues/comments/${commentId}/reactions`).reply(recorded(captured, 201, reactionObject("+1")));
  return captured;
}

export function nockRemoveLabel(repo: TestRepo, number: number, label: string, status = 200) {
  api()
    .delete(`/repos/${repo.fullName}/issues/${number}/labels/${encodeURIComponent(label)}`)
    .reply(status, status === 200 ? [] : errorBody("Label does not exist", status));
}

/** The comments of an issue, as the write ledger reads them to look for our own after an unknown outcome. */
export function nockListComments(repo: TestRepo, number: number, comments: { id: number; body: string; byOwnApp?: boolean }[] = []) {
  api()
    .get(`/repos/${repo.fullName}/issues/${number}/comments`)
    .query(true)
    .reply(
      200,
      comments.map((c) => commentObject(repo, number, c)),
    );
}

/** A comment create that hits the primary rate limit, which resets at `resetAt`: GitHub wrote nothing. */
export function nockCommentRateLimited(repo: TestRepo, number: number, resetAt: Date): Captured {
  const captured = newCapture();
  api()
    .post(`/repos/${repo.fullName}/issues/${number}/comments`)
    .reply(recorded(captured, 403, errorBody("API rate limit exceeded for installation ID 42.", 403), { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(resetAt.getTime() / 1000)) }));
  return captured;
}

/** A comment create that fails with `status` (404: the issue was deleted; 5xx: GitHub is down). */
export function nockCommentFailing(repo: TestRepo, number: number, status: number): Captured {
  const captured = newCapture();
  api()
    .post(`/repos/${repo.fullName}/issues/${number}/comments`)
    .reply(recorded(captured, status, errorBody(status === 404 ? "Not Found" : "Server Error", status)));
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

/** Every GitHub write a recorded response makes, on sense issue #100 and hypothesis #12. */
export function nockRecorded(commentId = 7001) {
  return {
    reaction: nockReaction(SHOP, commentId),
    summary: nockCreateComment(SHOP, 100, 8001),
    unlabel: nockRemoveLabel(SHOP, 100, "needs-response", 404),
    close: nockUpdateIssue(SHOP, 100),
    onHypothesis: nockCreateComment(SHOP, 12, 8002),
    label: nockAddLabels(SHOP, 12),
  };
}
