import type { GitHubPort } from "./port.js";

/** A write a dry run would have made. */
export interface RecordedWrite {
  call: string;
  args: unknown[];
}

/**
 * The port for dry runs: reads go to GitHub as usual (the plan needs them), writes are recorded
 * and answered with made-up ids (negative, so they can never be mistaken for GitHub's).
 */
export function recordingGitHub(real: GitHubPort): { port: GitHubPort; writes: RecordedWrite[] } {
  const writes: RecordedWrite[] = [];
  let nextId = -1;
  const record = (call: string, ...args: unknown[]) => {
    writes.push({ call, args });
  };
  const port: GitHubPort = {
    ...real,
    issues: {
      ...real.issues,
      async create(ref, issue) {
        record("issues.create", ref, issue);
        const number = nextId--;
        return { number, htmlUrl: `(dry run: new issue in ${ref.owner}/${ref.repo})` };
      },
      async update(ref, number, changes) {
        record("issues.update", ref, number, changes);
      },
      async addLabels(ref, number, labels) {
        record("issues.addLabels", ref, number, labels);
      },
      async removeLabel(ref, number, label) {
        record("issues.removeLabel", ref, number, label);
      },
      async createComment(ref, number, body) {
        record("issues.createComment", ref, number, body);
        return { id: nextId--, htmlUrl: `(dry run: new comment on ${ref.owner}/${ref.repo}#${number})` };
      },
      async addReaction(ref, commentId, content) {
        record("issues.addReaction", ref, commentId, content);
      },
    },
    checks: {
      ...real.checks,
      async create(ref, sha, name, write) {
        record("checks.create", ref, sha, name, write);
        return nextId--;
      },
      async update(ref, id, write) {
        record("checks.update", ref, id, write);
      },
    },
  };
  return { port, writes };
}
