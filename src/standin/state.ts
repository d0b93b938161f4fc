import { iso, type StandinClock } from "./clock.js";
import { ApiError, notFound } from "./errors.js";
import { IdSequence } from "./ids.js";
import type { App, Installation, Issue, Repo, User } from "./model.js";

/** Everything the stand-in knows, in memory, with the lookups every part needs. */
export class State {
  readonly ids = new IdSequence();
  private readonly usersByLogin = new Map<string, User>();
  readonly usersById = new Map<number, User>();
  private readonly reposByName = new Map<string, Repo>();
  readonly reposById = new Map<number, Repo>();
  readonly installations = new Map<number, Installation>();

  constructor(
    readonly clock: StandinClock,
    public app: App,
  ) {}

  now(): string {
    return iso(this.clock.now());
  }

  addUser(user: User): User {
    if (this.usersByLogin.has(user.login.toLowerCase())) throw new ApiError(422, `login ${user.login} is taken`);
    this.usersByLogin.set(user.login.toLowerCase(), user);
    this.usersById.set(user.id, user);
    return user;
  }

  user(login: string): User | undefined {
    return this.usersByLogin.get(login.toLowerCase());
  }

  requireUser(login: string): User {
    const user = this.user(login);
    if (!user) throw new ApiError(404, `no user ${login}`);
    return user;
  }

  users(): User[] {
    return [...this.usersById.values()];
  }

  addRepo(repo: Repo): Repo {
    const key = `${repo.owner.login}/${repo.name}`.toLowerCase();
    if (this.reposByName.has(key)) throw new ApiError(422, "Repository creation failed.", [{ resource: "Repository", field: "name", code: "custom", message: "name already exists on this account" }]);
    this.reposByName.set(key, repo);
    this.reposById.set(repo.id, repo);
    return repo;
  }

  repo(owner: string, name: string): Repo | undefined {
    return this.reposByName.get(`${owner}/${name}`.toLowerCase());
  }

  /** A repository named `owner/name`, for the control API. */
  requireRepo(full: string): Repo {
    const [owner, name] = full.split("/");
    const repo = owner && name ? this.repo(owner, name) : undefined;
    if (!repo) throw new ApiError(404, `no repository ${full}`);
    return repo;
  }

  repos(): Repo[] {
    return [...this.reposById.values()];
  }

  /** The live (not deleted) installation of the app on a repository's account, if it covers the repository. */
  installationOf(repo: Repo): Installation | undefined {
    for (const installation of this.installations.values()) {
      if (installation.deleted || installation.account.id !== repo.owner.id) continue;
      if (installation.selection === "all" || installation.repoIds.has(repo.id)) return installation;
    }
    return undefined;
  }

  requireInstallation(id: number): Installation {
    const installation = this.installations.get(id);
    if (!installation || installation.deleted) throw new ApiError(404, `no installation ${id}`);
    return installation;
  }

  /** The repositories an installation can reach, in creation order. */
  installationRepos(installation: Installation): Repo[] {
    return this.repos().filter((repo) => repo.owner.id === installation.account.id && (installation.selection === "all" || installation.repoIds.has(repo.id)));
  }

  issue(repo: Repo, number: number): Issue | undefined {
    return Number.isInteger(number) && number > 0 ? repo.issues[number - 1] : undefined;
  }

  requireIssue(repo: Repo, number: number): Issue {
    const issue = this.issue(repo, number);
    if (!issue) throw notFound();
    return issue;
  }

  requirePull(repo: Repo, number: number): Issue & { pull: NonNullable<Issue["pull"]> } {
    const issue = this.issue(repo, number);
    if (!issue?.pull) throw notFound();
    return issue as Issue & { pull: NonNullable<Issue["pull"]> };
  }
}
