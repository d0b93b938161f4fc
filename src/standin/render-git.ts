import { blobSha, nodeId, sha1 } from "./ids.js";
import type { Commit, Git } from "./git.js";
import { fullName, type Repo } from "./model.js";
import { nullableUser } from "./render-user.js";
import type { State } from "./state.js";
import type { Urls } from "./urls.js";

const UNSIGNED = { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };

/** A commit as `GET /repos/{owner}/{repo}/commits/{ref}` and compare list it (without files). */
export function commitObject(urls: Urls, state: State, repo: Repo, commit: Commit) {
  const api = `${urls.api}/repos/${fullName(repo)}`;
  const html = `${urls.web}/${fullName(repo)}/commit`;
  const author = commit.authorLogin ? (state.user(commit.authorLogin) ?? null) : null;
  return {
    sha: commit.sha,
    node_id: nodeId("C", commit.sha),
    commit: {
      author: commit.author,
      committer: commit.committer,
      message: commit.message,
      tree: { sha: commit.treeSha, url: `${api}/git/trees/${commit.treeSha}` },
      url: `${api}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: UNSIGNED,
    },
    url: `${api}/commits/${commit.sha}`,
    html_url: `${html}/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    author: nullableUser(urls, author),
    committer: nullableUser(urls, author),
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${html}/${sha}` })),
  };
}

/** A commit as a push event lists it, with the files it added, modified and removed. */
export function pushCommitObject(urls: Urls, repo: Repo, git: Git, commit: Commit) {
  const changes = git.changesOf(commit);
  const person = (p: Commit["author"]) => ({ name: p.name, email: p.email, ...(commit.authorLogin ? { username: commit.authorLogin } : {}) });
  return {
    id: commit.sha,
    tree_id: commit.treeSha,
    distinct: true,
    message: commit.message,
    timestamp: commit.author.date,
    url: `${urls.web}/${fullName(repo)}/commit/${commit.sha}`,
    author: person(commit.author),
    committer: person(commit.committer),
    added: changes.filter((c) => c.status === "added").map((c) => c.filename),
    removed: changes.filter((c) => c.status === "removed").map((c) => c.filename),
    modified: changes.filter((c) => c.status === "modified").map((c) => c.filename),
  };
}

const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/");

function entryLinks(urls: Urls, repo: Repo, path: string, ref: string, sha: string, type: "file" | "dir") {
  const self = `${urls.api}/repos/${fullName(repo)}/contents/${encodePath(path)}?ref=${encodeURIComponent(ref)}`;
  const git = `${urls.api}/repos/${fullName(repo)}/git/${type === "file" ? "blobs" : "trees"}/${sha}`;
  const html = `${urls.web}/${fullName(repo)}/${type === "file" ? "blob" : "tree"}/${encodeURIComponent(ref)}/${encodePath(path)}`;
  return { url: self, git_url: git, html_url: html, download_url: type === "file" ? `${urls.web}/${fullName(repo)}/raw/${encodeURIComponent(ref)}/${encodePath(path)}` : null, _links: { self, git, html } };
}

/** A file's contents (`content-file`): base64 wrapped at 60 characters, as GitHub sends it. */
export function fileContentObject(urls: Urls, repo: Repo, path: string, ref: string, content: string) {
  const sha = blobSha(content);
  const base64 = Buffer.from(content, "utf8").toString("base64");
  return {
    type: "file",
    encoding: "base64",
    size: Buffer.byteLength(content),
    name: path.split("/").pop() ?? path,
    path,
    content: `${base64.replace(/.{60}/g, "$&\n")}${base64.length % 60 === 0 ? "" : "\n"}`,
    sha,
    ...entryLinks(urls, repo, path, ref, sha, "file"),
  };
}

/** A directory listing: the direct children of `dir` in a tree. */
export function directoryObject(urls: Urls, repo: Repo, tree: ReadonlyMap<string, string>, dir: string, ref: string) {
  const prefix = dir === "" ? "" : `${dir}/`;
  const children = new Map<string, "file" | "dir">();
  for (const path of tree.keys()) {
    if (!path.startsWith(prefix)) continue;
    const [name, ...rest] = path.slice(prefix.length).split("/");
    if (name) children.set(name, rest.length > 0 ? "dir" : (children.get(name) ?? "file"));
  }
  return [...children.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, type]) => {
    const path = `${prefix}${name}`;
    const content = tree.get(path);
    const sha = type === "file" ? blobSha(content ?? "") : sha1(`tree ${path}`);
    return { type, size: type === "file" ? Buffer.byteLength(content ?? "") : 0, name, path, sha, ...entryLinks(urls, repo, path, ref, sha, type) };
  });
}
