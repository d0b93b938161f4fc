import nock from "nock";
import { api } from "./github.js";
import type { TestRepo } from "./ids.js";
import { restExample, user } from "./rest-objects.js";

/** GitHub's sign-in side (github.com), where the OAuth token exchange and refresh happen. */
export const web = () => nock("https://github.com");

export const CLIENT_ID = "Iv23liTestClient01";
export const CLIENT_SECRET = "test-client-secret-0123456789abcdef01234567";
export const SESSION_SECRET = "session-secret-for-tests-0123456789abcdefgh";
export const SIGN_IN_ENV = { GITHUB_CLIENT_ID: CLIENT_ID, GITHUB_CLIENT_SECRET: CLIENT_SECRET, SESSION_SECRET };

/** A person on GitHub: REST's user object, with the id our tables key them by. */
export const person = (login: string) => user(login);

export interface TokenAnswer {
  access: string;
  refresh: string;
  /** Seconds the access token lives (GitHub: 8 hours). */
  expiresIn?: number;
  /** How long GitHub takes to answer. */
  delayMs?: number;
  now: Date;
}

const tokenBody = (t: TokenAnswer) => ({ access_token: t.access, expires_in: t.expiresIn ?? 28_800, refresh_token: t.refresh, refresh_token_expires_in: 15_897_600, token_type: "bearer", scope: "" });

/** `POST /login/oauth/access_token` trading `code`; GitHub answers JSON when asked, dated by its clock. */
export function nockCodeExchange(code: string, t: TokenAnswer) {
  web()
    .post("/login/oauth/access_token", (body: Record<string, string>) => body.code === code && body.client_id === CLIENT_ID && body.client_secret === CLIENT_SECRET)
    .reply(200, tokenBody(t), { date: t.now.toUTCString() });
}

/** A refresh of `refreshToken`: a new pair, or GitHub's bad_refresh_token (a 200 carrying `error`). */
export function nockRefresh(refreshToken: string, answer: TokenAnswer | "refused" | { status: number }) {
  const calls: string[] = [];
  const scope = web().post("/login/oauth/access_token", (body: Record<string, string>) => body.grant_type === "refresh_token" && body.refresh_token === refreshToken);
  if (answer === "refused") {
    scope.reply(200, () => {
      calls.push(refreshToken);
      return { error: "bad_refresh_token", error_description: "The refresh token passed is incorrect or expired.", error_uri: "https://docs.github.com" };
    });
  } else if ("status" in answer) {
    scope.reply(answer.status, () => {
      calls.push(refreshToken);
      return { message: "Server Error" };
    });
  } else {
    scope.delay(answer.delayMs ?? 0).reply(200, () => {
      calls.push(refreshToken);
      return tokenBody(answer);
    }, { date: answer.now.toUTCString() });
  }
  return calls;
}

/** `GET /user` with this token. */
export function nockAuthenticatedUser(token: string, login: string) {
  const me = { ...restExample("users/get-authenticated"), ...person(login), name: `${login[0]!.toUpperCase()}${login.slice(1)}` };
  api().get("/user").matchHeader("authorization", `token ${token}`).reply(200, me);
  return me;
}

/** What the person can reach: `GET /user/installations` and each installation's repositories, with this token. */
export function nockUserAccess(token: string, access: { installationId: number; account: string; repos: TestRepo[] }[], o: { times?: number; persist?: boolean } = {}) {
  const example = restExample("apps/list-installations-for-authenticated-user");
  const template = example.installations[0];
  const repoTemplate = restExample("apps/list-installation-repos-for-authenticated-user").repositories[0];
  const authorizations: string[] = [];
  // persist: requests racing each other may each ask, or one may find the other's answer cached.
  const repeat = (interceptor: nock.Scope) => (o.persist ? interceptor.persist() : interceptor);
  repeat(
    api()
      .get("/user/installations")
      .query(true)
      .times(o.times ?? 1)
      .matchHeader("authorization", `token ${token}`)
      .reply((request: Request) => {
        authorizations.push(request.headers.get("authorization") ?? "");
        return [200, { total_count: access.length, installations: access.map((a) => ({ ...template, id: a.installationId, account: { ...template.account, ...user(a.account, "Organization"), type: "Organization" }, app_id: 123 })) }];
      }),
  );
  for (const a of access) {
    repeat(
      api()
        .get(`/user/installations/${a.installationId}/repositories`)
        .query(true)
        .times(o.times ?? 1)
        .matchHeader("authorization", `token ${token}`)
        .reply(200, {
          total_count: a.repos.length,
          repositories: a.repos.map((r) => ({ ...repoTemplate, id: r.id, name: r.name, full_name: r.fullName, owner: { ...repoTemplate.owner, ...user(r.owner, "Organization"), type: "Organization" }, private: true })),
        }),
    );
  }
  return authorizations;
}

/** The token is dead (revoked): GitHub answers 401 Bad credentials. */
export function nockUserAccessRefused(token: string) {
  api().get("/user/installations").query(true).matchHeader("authorization", `token ${token}`).reply(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
}
