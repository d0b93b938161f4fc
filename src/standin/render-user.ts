import { nodeId } from "./ids.js";
import type { App, Installation, User } from "./model.js";
import { loginPath, type Urls } from "./urls.js";

/** A user as GitHub's `simple-user` (the same fields webhooks carry). */
export function userObject(urls: Urls, user: User) {
  const base = `${urls.api}/users/${loginPath(user.login)}`;
  const slug = user.type === "Bot" ? user.login.replace(/\[bot\]$/, "") : undefined;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === "Organization" ? "O" : user.type === "Bot" ? "BOT" : "U", user.id),
    avatar_url: `${urls.web}/avatars/u/${user.id}`,
    gravatar_id: "",
    url: base,
    html_url: slug ? `${urls.web}/apps/${slug}` : `${urls.web}/${loginPath(user.login)}`,
    followers_url: `${base}/followers`,
    following_url: `${base}/following{/other_user}`,
    gists_url: `${base}/gists{/gist_id}`,
    starred_url: `${base}/starred{/owner}{/repo}`,
    subscriptions_url: `${base}/subscriptions`,
    organizations_url: `${base}/orgs`,
    repos_url: `${base}/repos`,
    events_url: `${base}/events{/privacy}`,
    received_events_url: `${base}/received_events`,
    type: user.type,
    site_admin: false,
  };
}

export const nullableUser = (urls: Urls, user: User | null) => (user ? userObject(urls, user) : null);

/** `GET /user`'s private profile of the signed-in user. */
export function privateUserObject(urls: Urls, user: User) {
  return {
    ...userObject(urls, user),
    name: user.name,
    company: null,
    blog: "",
    location: null,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: user.createdAt,
    updated_at: user.createdAt,
  };
}

/** The organisation block webhooks carry for repositories owned by an organisation. */
export function organizationObject(urls: Urls, org: User) {
  const base = `${urls.api}/orgs/${loginPath(org.login)}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("O", org.id),
    url: base,
    repos_url: `${base}/repos`,
    events_url: `${base}/events`,
    hooks_url: `${base}/hooks`,
    issues_url: `${base}/issues`,
    members_url: `${base}/members{/member}`,
    public_members_url: `${base}/public_members{/member}`,
    avatar_url: `${urls.web}/avatars/u/${org.id}`,
    description: null,
  };
}

/**
 * The app as GitHub's `integration`. Webhooks (`performed_via_github_app`) carry it without
 * `client_id`, which their schema does not allow; the REST answers add it.
 */
export function appObject(urls: Urls, app: App, rest = false) {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId("A", app.id),
    owner: userObject(urls, app.owner),
    name: app.name,
    description: app.description,
    external_url: `${urls.web}/apps/${app.slug}`,
    html_url: `${urls.web}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.updatedAt,
    permissions: app.permissions,
    events: app.events,
    ...(rest ? { client_id: app.clientId } : {}),
  };
}

export function installationObject(urls: Urls, app: App, installation: Installation, rest = true) {
  const account = installation.account;
  return {
    id: installation.id,
    account: userObject(urls, account),
    repository_selection: installation.selection,
    access_tokens_url: `${urls.api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: account.type === "Organization" ? `${urls.web}/organizations/${loginPath(account.login)}/settings/installations/${installation.id}` : `${urls.web}/settings/installations/${installation.id}`,
    app_id: app.id,
    app_slug: app.slug,
    ...(rest ? { client_id: app.clientId } : {}),
    target_id: account.id,
    target_type: account.type,
    permissions: installation.permissions,
    events: installation.events,
    created_at: installation.createdAt,
    updated_at: installation.updatedAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: nullableUser(urls, installation.suspendedBy),
    suspended_at: installation.suspendedAt,
  };
}
