import { ApiError, validationFailed } from "./errors.js";
import { Git } from "./git.js";
import type { Hub } from "./hub.js";
import { nodeId } from "./ids.js";
import { fullName, type AccountType, type Installation, type Permissions, type Repo, type Role, type User } from "./model.js";
import { installationObject } from "./render-user.js";

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\[bot\])?$/;

export function createUser(hub: Hub, input: { login: string; name?: string | null; email?: string | null; type?: AccountType }): User {
  if (!LOGIN.test(input.login)) throw validationFailed({ resource: "User", field: "login", code: "invalid", value: input.login });
  const { state } = hub;
  return state.addUser({ id: state.ids.next(), login: input.login, name: input.name ?? null, email: input.email ?? null, type: input.type ?? "User", createdAt: state.now() });
}

export function createRepo(hub: Hub, input: { owner: string; name: string; private?: boolean; description?: string | null; defaultBranch?: string; files?: Record<string, string>; creator?: string }): Repo {
  const { state } = hub;
  const owner = state.requireUser(input.owner);
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(input.name)) throw validationFailed({ resource: "Repository", field: "name", code: "invalid", value: input.name });
  const creator = input.creator ? state.requireUser(input.creator) : owner;
  const now = state.now();
  const git = new Git(input.defaultBranch ?? "main");
  const files = input.files ?? { "README.md": `# ${input.name}\n` };
  const initial = git.commit({ parents: [], tree: new Map(Object.entries(files)), message: "Initial commit", author: { name: creator.name ?? creator.login, email: creator.email ?? `${creator.login}@users.noreply.standin`, date: now }, authorLogin: creator.login });
  git.branches.set(git.defaultBranch, initial.sha);
  const repo: Repo = { id: state.ids.next(), owner, name: input.name, private: input.private ?? true, description: input.description ?? null, createdAt: now, updatedAt: now, pushedAt: now, git, labels: new Map(), issues: [], access: new Map(), deployments: [], releases: [], checkSuites: [], checkRuns: [] };
  if (owner.type === "User") repo.access.set(owner.id, "admin");
  if (creator.id !== owner.id && creator.type === "User") repo.access.set(creator.id, "admin");
  state.addRepo(repo);
  hub.hooks.repoEvent("repository", "created", repo, creator, {});
  return repo;
}

export function grantAccess(hub: Hub, input: { repo: string; login: string; role: Role | "none" }): void {
  const repo = hub.state.requireRepo(input.repo);
  const user = hub.state.requireUser(input.login);
  if (input.role === "none") repo.access.delete(user.id);
  else repo.access.set(user.id, input.role);
}

const repoEntry = (repo: Repo) => ({ id: repo.id, node_id: nodeId("R", repo.id), name: repo.name, full_name: fullName(repo), private: repo.private });

export function createInstallation(hub: Hub, input: { account: string; repositories?: "all" | string[]; permissions?: Permissions; events?: string[]; sender?: string }): Installation {
  const { state } = hub;
  const account = state.requireUser(input.account);
  if (account.type === "Bot") throw new ApiError(422, "bots cannot install apps");
  if ([...state.installations.values()].some((i) => !i.deleted && i.account.id === account.id)) throw new ApiError(422, `the app is already installed on ${account.login}`);
  const selected = input.repositories === undefined || input.repositories === "all" ? undefined : input.repositories.map((name) => state.requireRepo(name.includes("/") ? name : `${account.login}/${name}`));
  const now = state.now();
  const installation: Installation = {
    id: state.ids.next(),
    account,
    selection: selected ? "selected" : "all",
    repoIds: new Set(selected?.map((r) => r.id) ?? []),
    permissions: { ...(input.permissions ?? state.app.permissions) },
    events: [...(input.events ?? state.app.events)],
    createdAt: now,
    updatedAt: now,
    suspendedAt: null,
    suspendedBy: null,
    deleted: false,
  };
  state.installations.set(installation.id, installation);
  const sender = input.sender ? state.requireUser(input.sender) : account;
  hub.hooks.installationEvent("installation", "created", installation, sender, { installation: installationObject(hub.urls(), state.app, installation, false), repositories: state.installationRepos(installation).map(repoEntry) });
  return installation;
}

/** Adds or removes repositories of a `selected` installation, announcing `installation_repositories`. */
export function changeInstallationRepos(hub: Hub, input: { installationId: number; add?: string[]; remove?: string[]; sender?: string }): Installation {
  const { state } = hub;
  const installation = state.requireInstallation(input.installationId);
  const sender = input.sender ? state.requireUser(input.sender) : installation.account;
  const named = (names: string[] = []) => names.map((name) => state.requireRepo(name.includes("/") ? name : `${installation.account.login}/${name}`));
  const added = named(input.add).filter((r) => installation.selection === "selected" && !installation.repoIds.has(r.id));
  let removed = named(input.remove);
  if (installation.selection === "all" && removed.length > 0) {
    // Removing one repository from an "all" installation turns it into a selection of the rest.
    installation.selection = "selected";
    for (const repo of state.installationRepos({ ...installation, selection: "all" })) installation.repoIds.add(repo.id);
  }
  removed = removed.filter((r) => installation.repoIds.has(r.id));
  for (const repo of added) installation.repoIds.add(repo.id);
  for (const repo of removed) installation.repoIds.delete(repo.id);
  installation.updatedAt = state.now();
  if (added.length > 0 || removed.length > 0) {
    hub.hooks.installationEvent("installation_repositories", added.length > 0 ? "added" : "removed", installation, sender, {
      installation: installationObject(hub.urls(), state.app, installation, false),
      repository_selection: installation.selection,
      repositories_added: added.map(repoEntry),
      repositories_removed: removed.map(repoEntry),
      requester: null,
    });
  }
  return installation;
}

/** Suspends, unsuspends or deletes an installation: its tokens then answer 403 or 404 like GitHub's. */
export function setInstallationState(hub: Hub, input: { installationId: number; state: "suspended" | "active" | "deleted"; sender?: string }): Installation {
  const { state } = hub;
  const installation = state.requireInstallation(input.installationId);
  const sender = input.sender ? state.requireUser(input.sender) : installation.account;
  const repositories = state.installationRepos(installation).map(repoEntry);
  const now = state.now();
  installation.updatedAt = now;
  let action: string;
  if (input.state === "suspended") {
    installation.suspendedAt = now;
    installation.suspendedBy = sender;
    action = "suspend";
  } else if (input.state === "active") {
    installation.suspendedAt = null;
    installation.suspendedBy = null;
    action = "unsuspend";
  } else {
    installation.deleted = true;
    action = "deleted";
  }
  hub.hooks.installationEvent("installation", action, installation, sender, { installation: installationObject(hub.urls(), state.app, installation, false), repositories });
  return installation;
}
