import { ApiError, notFound } from "./errors.js";
import type { Actor, Repo, Role, User } from "./model.js";

const RANK: Record<Role, number> = { read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

/** A person's role on a repository, or undefined when they have none (public repositories grant read). */
export function roleOf(repo: Repo, user: User): Role | undefined {
  if (user.id === repo.owner.id) return "admin";
  return repo.access.get(user.id) ?? (repo.private ? undefined : "read");
}

export const hasRole = (repo: Repo, user: User, need: Role) => {
  const role = roleOf(repo, user);
  return role !== undefined && RANK[role] >= RANK[need];
};

/**
 * What people may do, checked the way GitHub answers: a repository they cannot see is a 404,
 * one they can see but not change is a 403. The app's bot is checked against the installation's
 * permissions by the API instead; a user token through the app is checked as its user.
 */
export function requireRole(repo: Repo, actor: Actor, need: Role): void {
  if (actor.user.type === "Bot") return;
  if (!hasRole(repo, actor.user, "read")) throw notFound();
  if (!hasRole(repo, actor.user, need)) throw new ApiError(403, `Must have ${need} access to this repository.`);
}

/** Users GitHub lets an issue be assigned to: people given access to the repository. */
export const assignable = (repo: Repo, user: User) => user.type === "User" && (user.id === repo.owner.id || repo.access.has(user.id));
