import type { Logger } from "probot";
import { findSenseItemByIssue, type SenseItemRow } from "../db/queries/sense-items.js";
import type { GitHub } from "../github/port.js";
import type { Runtime } from "../runtime.js";
import { ensureComment } from "./comments.js";
import { readRepoConfig } from "./repo-config.js";

const LOGIN = /^[A-Za-z0-9-]{1,39}$/;

/** The sense item behind an issue, if the issue is one of our sense issues. */
export async function senseItemOfIssue(rt: Runtime, repositoryId: number, issueNumber: number): Promise<SenseItemRow | undefined> {
  return findSenseItemByIssue(rt.db, repositoryId, issueNumber);
}

/**
 * A sense issue closed by someone before a response was recorded: reopened, with one comment
 * (the first time only) asking for `/respond`, unless `respond.reopenWithoutResponse` is off.
 */
export async function onSenseIssueClosed(rt: Runtime, gh: GitHub, item: SenseItemRow, repository: { owner: string; name: string }, closedBy: string, log: Logger): Promise<"reopened" | "left"> {
  if (item.state === "responded" || item.state === "rolled_back" || item.respondedAt) return "left";
  const ref = { owner: repository.owner, repo: repository.name };
  const loaded = await readRepoConfig(rt, gh, item.repositoryId, ref);
  if (!loaded.ok || !loaded.config.respond.reopenWithoutResponse) return "left";
  await gh.updateIssue(ref, item.issueNumber!, { state: "open", stateReason: "reopened" });
  const who = LOGIN.test(closedBy) ? `@${closedBy}, this` : "This";
  await ensureComment(
    rt,
    gh,
    `reopened:${item.id}`,
    ref,
    item.issueNumber!,
    `${who} loop is still open: nobody has recorded what the team learned. Reopening so it is not lost.\n\nAnswer with one line: \`/respond persevere|pivot|kill <what we learned>\`, or ask for more time with \`/extend <days> <reason>\`.`,
  );
  log.info({ senseItem: item.id, closedBy }, "sense issue closed without a response; reopened");
  return "reopened";
}
