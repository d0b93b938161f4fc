import { html } from "hono/html";
import type { Commit, FileChange } from "./git.js";
import { fullName, type CheckRun, type Issue, type Repo, type User } from "./model.js";
import { bodyBlock, EMOJI, labelChips, shortSha, when, type Html } from "./pages-layout.js";
import { lineDiff } from "./pull-range.js";

/** Page bodies as functions of plain data; the router looks the data up. */

const repoLink = (repo: Repo) => html`<a href="/${fullName(repo)}">${fullName(repo)}</a>`;
const issueLink = (repo: Repo, issue: Issue) => html`<a href="/${fullName(repo)}/${issue.pull ? "pull" : "issues"}/${issue.number}">${issue.title}</a> <span class="muted">#${issue.number}</span>`;
const userLink = (user: User) => html`<a href="/${encodeURIComponent(user.login)}">${user.login}</a>`;

function stateBadge(issue: Issue): Html {
  if (issue.pull?.merged) return html`<span class="state merged">Merged</span>`;
  if (issue.state === "open") return html`<span class="state open">${issue.pull?.draft ? "Draft" : "Open"}</span>`;
  return html`<span class="state closed${issue.pull ? " not-merged" : ""}">Closed${issue.stateReason === "not_planned" ? " as not planned" : ""}</span>`;
}

export function repoListView(repos: Repo[]): Html {
  return html`<h1>Repositories</h1>
<div class="box">${repos.length === 0 ? html`<div class="row muted">No repositories yet.</div>` : repos.map((r) => html`<div class="row">${repoLink(r)} <span class="muted">${r.private ? "Private" : "Public"} · ${r.issues.filter((i) => i.state === "open").length} open</span></div>`)}</div>`;
}

export function accountView(user: User, repos: Repo[]): Html {
  return html`<h1>${user.login}</h1><p class="muted">${user.type}${user.name ? html` · ${user.name}` : ""}</p>${repoListView(repos)}`;
}

export function repoView(repo: Repo, commits: Commit[]): Html {
  const issues = repo.issues.filter((i) => !i.pull).slice().reverse();
  const pulls = repo.issues.filter((i) => i.pull).slice().reverse();
  const list = (items: Issue[], none: string) => (items.length === 0 ? html`<div class="row muted">${none}</div>` : items.map((i) => html`<div class="row">${stateBadge(i)}${issueLink(repo, i)} ${labelChips(i.labels)}</div>`));
  return html`<h1>${repoLink(repo)}</h1>
<p class="muted">Default branch <code>${repo.git.defaultBranch}</code> · branches ${[...repo.git.branches.keys()].map((b) => html`<code>${b}</code> `)}</p>
<h2>Pull requests</h2><div class="box">${list(pulls, "No pull requests.")}</div>
<h2>Issues</h2><div class="box">${list(issues, "No issues.")}</div>
<h2>Commits on ${repo.git.defaultBranch}</h2><div class="box">${commits.map((c) => html`<div class="row"><a href="/${fullName(repo)}/commit/${c.sha}">${shortSha(c.sha)}</a> ${c.message.split("\n", 1)[0]} <span class="muted">${c.author.name} · ${when(c.author.date)}</span></div>`)}</div>
<h2>Deployments</h2><div class="box">${repo.deployments.length === 0 ? html`<div class="row muted">No deployments.</div>` : repo.deployments.slice().reverse().map((d) => html`<div class="row"><code>${d.environment}</code> ${shortSha(d.sha)} <span class="muted">${d.statuses[0]?.state ?? "no status"} · ${when(d.createdAt)}</span></div>`)}</div>
<h2>Releases</h2><div class="box">${repo.releases.length === 0 ? html`<div class="row muted">No releases.</div>` : repo.releases.slice().reverse().map((r) => html`<div class="row"><a href="/${fullName(repo)}/releases/tag/${encodeURIComponent(r.tagName)}">${r.name ?? r.tagName}</a> <span class="muted">${r.draft ? "draft" : r.prerelease ? "pre-release" : "published"}</span></div>`)}</div>`;
}

function comments(issue: Issue): Html {
  return html`${issue.comments.map((c) => {
    const counts = Object.entries(EMOJI).map(([content, emoji]) => [emoji, c.reactions.filter((r) => r.content === content).length] as const).filter(([, n]) => n > 0);
    return html`<div class="box" id="issuecomment-${c.id}"><div class="head">${userLink(c.user)}${c.user.type === "Bot" ? html` <span class="label">bot</span>` : ""} <span class="muted">commented ${when(c.createdAt)}</span></div>${bodyBlock(c.body)}${counts.length > 0 ? html`<div class="row reactions">${counts.map(([emoji, n]) => html`<span>${emoji} ${n}</span>`)}</div>` : ""}</div>`;
  })}`;
}

export function issueView(repo: Repo, issue: Issue): Html {
  return html`<p>${repoLink(repo)}</p><h1>${issue.title} <span class="num">#${issue.number}</span></h1>
<p>${stateBadge(issue)}<span class="muted">${userLink(issue.user)} opened this ${when(issue.createdAt)} · ${issue.comments.length} comments</span></p>
<p>${labelChips(issue.labels)}${issue.assignees.length > 0 ? html` <span class="muted">Assignees: ${issue.assignees.map((u) => html`${userLink(u)} `)}</span>` : ""}</p>
<div class="box"><div class="head">${userLink(issue.user)} <span class="muted">wrote</span></div>${bodyBlock(issue.body)}</div>
${comments(issue)}`;
}

export function checkRunBlock(repo: Repo, run: CheckRun): Html {
  const outcome = run.status === "completed" ? (run.conclusion ?? "") : run.status;
  return html`<div class="row"><strong class="conclusion-${outcome}">${outcome}</strong> <a href="/${fullName(repo)}/runs/${run.id}">${run.name}</a>${run.output.title ? html` — ${run.output.title}` : ""}</div>${run.output.summary ? html`<div class="row">${bodyBlock(run.output.summary)}</div>` : ""}`;
}

export function pullView(repo: Repo, issue: Issue, commits: Commit[], runs: CheckRun[]): Html {
  const pull = issue.pull!;
  return html`<p>${repoLink(repo)}</p><h1>${issue.title} <span class="num">#${issue.number}</span></h1>
<p>${stateBadge(issue)}<span class="muted">${userLink(issue.user)} wants to merge ${commits.length} commits into <code>${pull.baseRef}</code> from <code>${pull.headRef}</code>${pull.mergeCommitSha ? html` · merged as ${shortSha(pull.mergeCommitSha)}` : ""}</span></p>
<p>${labelChips(issue.labels)}</p>
<div class="box"><div class="head">${userLink(issue.user)} <span class="muted">wrote</span></div>${bodyBlock(issue.body)}</div>
<h2>Checks on ${shortSha(pull.headSha)}</h2><div class="box">${runs.length === 0 ? html`<div class="row muted">No checks.</div>` : runs.map((r) => checkRunBlock(repo, r))}</div>
<h2>Commits</h2><div class="box">${commits.map((c) => html`<div class="row"><a href="/${fullName(repo)}/commit/${c.sha}">${shortSha(c.sha)}</a> ${c.message.split("\n", 1)[0]}</div>`)}</div>
${comments(issue)}`;
}

export function checkRunView(repo: Repo, run: CheckRun): Html {
  return html`<p>${repoLink(repo)} · commit <a href="/${fullName(repo)}/commit/${run.headSha}">${shortSha(run.headSha)}</a></p><h1>${run.name}</h1>
<div class="box">${checkRunBlock(repo, run)}${run.output.text ? html`<div class="row">${bodyBlock(run.output.text)}</div>` : ""}${run.actions.length > 0 ? html`<div class="row muted">Actions: ${run.actions.map((a) => html`<span class="label" title="${a.description}">${a.label}</span>`)}</div>` : ""}</div>`;
}

export function commitView(repo: Repo, commit: Commit, changes: FileChange[]): Html {
  return html`<p>${repoLink(repo)}</p><h1>${commit.message.split("\n", 1)[0]}</h1>
<p class="muted">${commit.author.name} · ${when(commit.author.date)} · <span class="sha">${commit.sha}</span> · parents ${commit.parents.map((p) => html`<a href="/${fullName(repo)}/commit/${p}">${shortSha(p)}</a> `)}</p>
<div class="box">${bodyBlock(commit.message)}</div>
${changes.map((c) => html`<div class="box"><div class="head"><code>${c.filename}</code> <span class="muted">${c.status}</span></div><pre class="body">${lineDiff(c).patch}</pre></div>`)}`;
}

export function releaseView(repo: Repo, release: Repo["releases"][number]): Html {
  return html`<p>${repoLink(repo)}</p><h1>${release.name ?? release.tagName}</h1><p class="muted"><code>${release.tagName}</code> · ${release.draft ? "draft" : release.prerelease ? "pre-release" : "published"} · ${userLink(release.author)}</p><div class="box">${bodyBlock(release.body)}</div>`;
}

export const notFoundView = () => html`<h1>404</h1><p class="muted">This is not the page you are looking for.</p>`;
