import nock from "nock";

/** GitHub's answer to a manifest conversion: the new app, its secrets and its key. */
export interface ConvertedApp {
  id: number;
  node_id: string;
  owner: { login: string; id: number; node_id: string; avatar_url: string; gravatar_id: string; url: string; html_url: string; followers_url: string; following_url: string; gists_url: string; starred_url: string; subscriptions_url: string; organizations_url: string; repos_url: string; events_url: string; received_events_url: string; type: string; site_admin: boolean };
  description: string | null;
  external_url: string;
  created_at: string;
  updated_at: string;
  permissions: Record<string, string>;
  events: string[];
  slug: string;
  name: string;
  html_url: string;
  client_id: string;
  client_secret: string;
  webhook_secret: string;
  pem: string;
}

const owner = (login: string) => {
  const url = `https://api.github.com/users/${login}`;
  return {
    login,
    id: 9001,
    node_id: "O_kgDOAAAjKQ",
    avatar_url: `https://avatars.githubusercontent.com/u/9001?v=4`,
    gravatar_id: "",
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: "Organization",
    site_admin: false,
  };
};

export const convertedApp = (pem: string): ConvertedApp => ({
  id: 987654,
  node_id: "A_kwHOAAAjKc4AAQ",
  owner: owner("acme"),
  description: null,
  external_url: "https://senseloop.example.com",
  created_at: "2026-03-02T09:00:00Z",
  updated_at: "2026-03-02T09:00:00Z",
  permissions: { checks: "write", issues: "write", metadata: "read" },
  events: ["issues", "pull_request"],
  slug: "senseloop-acme",
  name: "Senseloop (acme)",
  html_url: "https://github.com/apps/senseloop-acme",
  client_id: "Iv23liAbCdEf012345",
  client_secret: "0123456789abcdef0123456789abcdef01234567",
  webhook_secret: "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed",
  pem,
});

/** `POST /app-manifests/{code}/conversions`: GitHub's answer to a manifest code (no authentication). */
export function nockManifestConversion(code: string, answer: { status: number; body: object }, apiUrl = "https://api.github.com") {
  return nock(new URL(apiUrl).origin, { badheaders: ["authorization"] })
    .post(`${new URL(apiUrl).pathname.replace(/\/$/, "")}/app-manifests/${code}/conversions`)
    .matchHeader("accept", "application/vnd.github+json")
    .reply(answer.status, answer.body);
}
