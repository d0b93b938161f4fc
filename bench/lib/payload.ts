import { createRequire } from "node:module";
import { sign } from "@octokit/webhooks-methods";

const require = createRequire(import.meta.url);

/** A real `pull_request.opened` payload padded to about `bytes` (GitHub's typical 20–25 KB). */
export async function signedPullRequest(secret: string, bytes = 22_000): Promise<{ body: string; headers: Record<string, string> }> {
  const examples = require("@octokit/webhooks-examples") as { name: string; examples: { action?: string; installation?: unknown }[] }[];
  const example = examples.find((e) => e.name === "pull_request")!.examples.find((e) => e.action === "opened" && e.installation)!;
  const payload = structuredClone(example) as { pull_request: { body: string | null } };
  const base = JSON.stringify(payload).length;
  payload.pull_request.body = `Hypothesis: #12\n\n${"A realistic description of the change. ".repeat(Math.max(0, Math.ceil((bytes - base) / 40)))}`;
  const body = JSON.stringify(payload);
  return { body, headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-hub-signature-256": await sign(secret, body), "user-agent": "GitHub-Hookshot/bench" } };
}
