import { layout, type Html } from "./pages-layout.js";
import { accountView, checkRunView, commitView, issueView, notFoundView, pullView, releaseView, repoListView, repoView } from "./pages-views.js";
import { pullCommits } from "./pull-range.js";
import type { Repo } from "./model.js";
import type { State } from "./state.js";

export type PageResult = { status: number; html: string } | { status: 302; location: string };

const page = (title: string, content: Html, signedIn?: string): PageResult => ({ status: 200, html: String(layout(title, content, signedIn)) });
const missing = (): PageResult => ({ status: 404, html: String(layout("Not found", notFoundView())) });

/** The last commits of the default branch, newest first. */
function recentCommits(repo: Repo, count = 10) {
  const commits = [];
  let sha = repo.git.branches.get(repo.git.defaultBranch);
  while (sha && commits.length < count) {
    const commit = repo.git.get(sha);
    commits.push(commit);
    sha = commit.parents[0];
  }
  return commits;
}

/**
 * The people-facing pages `html_url`s point at. They show everything to everyone: the stand-in
 * is a local test double, and its pages exist so a person can read what a bot wrote.
 */
export function renderPage(state: State, path: string, signedIn?: string): PageResult | undefined {
  const parts = path.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
  if (parts.length === 0) return page("Repositories", repoListView(state.repos()), signedIn);
  if (parts[0] === "apps" && parts.length === 2) return parts[1] === state.app.slug ? page(state.app.name, accountView(state.app.bot, [])) : missing();
  if (parts.length === 1) {
    const user = state.user(parts[0]!);
    return user ? page(user.login, accountView(user, state.repos().filter((r) => r.owner.id === user.id)), signedIn) : undefined;
  }
  const repo = state.repo(parts[0]!, parts[1]!);
  if (!repo) return undefined;
  const [, , kind, id, ...rest] = parts;
  const title = `${repo.owner.login}/${repo.name}`;
  if (kind === undefined) return page(title, repoView(repo, recentCommits(repo)), signedIn);
  if ((kind === "issues" || kind === "pull") && id && rest.length === 0) {
    const issue = state.issue(repo, Number(id));
    if (!issue) return missing();
    const wanted = issue.pull ? "pull" : "issues";
    if (kind !== wanted) return { status: 302, location: `/${title}/${wanted}/${issue.number}` };
    if (!issue.pull) return page(`${issue.title} · Issue #${issue.number}`, issueView(repo, issue), signedIn);
    const runs = repo.checkRuns.filter((r) => r.headSha === issue.pull!.headSha);
    return page(`${issue.title} · Pull Request #${issue.number}`, pullView(repo, issue, pullCommits(repo, issue.pull), runs), signedIn);
  }
  if (kind === "commit" && id) {
    const commit = repo.git.resolve(id);
    return commit ? page(commit.message.split("\n", 1)[0] ?? commit.sha, commitView(repo, commit, repo.git.changesOf(commit)), signedIn) : missing();
  }
  if (kind === "runs" && id) {
    const run = repo.checkRuns.find((r) => r.id === Number(id));
    return run ? page(run.name, checkRunView(repo, run), signedIn) : missing();
  }
  if (kind === "releases" && id === "tag" && rest.length === 1) {
    const release = repo.releases.find((r) => r.tagName === rest[0]);
    return release ? page(release.name ?? release.tagName, releaseView(repo, release), signedIn) : missing();
  }
  return missing();
}

export const notFoundPage = (): PageResult => missing();
