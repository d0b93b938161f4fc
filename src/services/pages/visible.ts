import type { VisibleRepository } from "../../db/queries/web-access.js";

export type { VisibleRepository } from "../../db/queries/web-access.js";

/** An organisation or user whose installation the person can see, with the repositories they may see in it. */
export interface VisibleOwner {
  login: string;
  repositories: VisibleRepository[];
}

/** GitHub logins and repository names are case-insensitive: `/ACME/Shop` is `/acme/shop`. */
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function visibleOwners(visible: readonly VisibleRepository[]): VisibleOwner[] {
  const owners = new Map<string, VisibleOwner>();
  for (const repo of visible) {
    const key = repo.owner.toLowerCase();
    const owner = owners.get(key) ?? { login: repo.owner, repositories: [] };
    owner.repositories.push(repo);
    owners.set(key, owner);
  }
  return [...owners.values()].sort((a, b) => a.login.toLowerCase().localeCompare(b.login.toLowerCase()));
}

/** The owner's repositories the person may see; undefined (a 404) when there are none, whether or not the owner exists. */
export function visibleOwner(visible: readonly VisibleRepository[], login: string): VisibleOwner | undefined {
  const repositories = visible.filter((repo) => same(repo.owner, login));
  return repositories.length === 0 ? undefined : { login: repositories[0]!.owner, repositories };
}

/** One repository the person may see, by owner and name; undefined (a 404) otherwise. */
export function visibleRepository(visible: readonly VisibleRepository[], owner: string, name: string): VisibleRepository | undefined {
  return visible.find((repo) => same(repo.owner, owner) && same(repo.name, name));
}

export const fullName = (repo: Pick<VisibleRepository, "owner" | "name">) => `${repo.owner}/${repo.name}`;
