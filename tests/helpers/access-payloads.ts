import { INSTALLATION_ID, type TestRepo } from "./ids.js";
import { example, repositoryPayload } from "./payloads.js";
import { user } from "./rest-objects.js";

/** `member.<action>`: a collaborator of `repo` changed. */
export function memberEvent(action: "added" | "removed" | "edited", login: string, repo: TestRepo) {
  const payload = example("member", action);
  payload.action = action;
  payload.member = user(login);
  payload.repository = repositoryPayload(repo);
  payload.installation = { id: INSTALLATION_ID, node_id: "I_42" };
  payload.sender = user("owner");
  delete payload.organization;
  return payload;
}

/** `github_app_authorization.revoked`: the person revoked the app; no installation in it. */
export function authorizationRevokedEvent(login: string) {
  const payload = example("github_app_authorization", "revoked");
  payload.sender = user(login);
  return payload;
}
