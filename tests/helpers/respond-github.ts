import { api, type Captured } from "./github.js";
import type { TestRepo } from "./ids.js";

const capture = <T>(captured: Captured<T>) => (body: T) => {
  captured.body = body;
  captured.calls.push(body);
  return true;
};

export function nockReaction(repo: TestRepo, commentId: number): Captured {
  const captured: Captured = { calls: [] };
  api().post(`/repos/${repo.fullName}/issues/comments/${commentId}/reactions`, capture(captured)).reply(201, { id: 1, content: "+1" });
  return captured;
}

export function nockRemoveLabel(repo: TestRepo, number: number, label: string, status = 200) {
  api()
    .delete(`/repos/${repo.fullName}/issues/${number}/labels/${encodeURIComponent(label)}`)
    .reply(status, status === 200 ? [] : { message: "Label does not exist" });
}
