import type { Logger } from "probot";
import { eq } from "drizzle-orm";
import type { RepoConfig } from "../config/schema.js";
import { senseItems } from "../db/schema/index.js";
import { getHypothesisById, hypothesisOwners, type HypothesisRow } from "../db/queries/hypotheses.js";
import { getRepository } from "../db/queries/repositories.js";
import { countExtensions, extensionByComment, getResponse, recordExtension, recordResponse } from "../db/queries/responses.js";
import { findSenseItemByIssue, updateSenseItem, type SenseItemRow } from "../db/queries/sense-items.js";
import { parseCommand, type Command, type Decision } from "../domain/commands.js";
import { respondReplies } from "../domain/respond-words.js";
import { transition, type SenseState } from "../domain/sense-state.js";
import type { GitHub, RepoRef } from "../github/port.js";
import { enqueueDashboard, enqueueSenseIssue } from "../jobs/enqueue.js";
import type { Runtime } from "../runtime.js";
import { WRITE_ROLES } from "./check-run-actions.js";
import { ensureComment } from "./comments.js";
import { readRepoConfig } from "./repo-config.js";

export interface SenseComment {
  installationId: number;
  repository: { id: number; owner: string; name: string };
  issueNumber: number;
  comment: { id: number; body: string; htmlUrl: string; authorLogin: string; authorIsBot: boolean };
}

interface Scene {
  rt: Runtime;
  gh: GitHub;
  ref: RepoRef;
  item: SenseItemRow;
  hypothesis: HypothesisRow;
  config: RepoConfig;
  input: SenseComment;
  log: Logger;
}

/**
 * A new comment on one of our sense issues. Only `/respond` and `/extend` on their own line
 * count; bots are ignored; people without write access who are not the hypothesis's owners get
 * one reply saying why. Every effect is keyed, so a redelivered command has them once.
 */
export async function onSenseComment(rt: Runtime, gh: GitHub, input: SenseComment, log: Logger): Promise<"ignored" | "refused" | "problem" | "responded" | "extended"> {
  if (input.comment.authorIsBot) return "ignored";
  const item = await findSenseItemByIssue(rt.db, input.repository.id, input.issueNumber);
  if (!item) return "ignored";
  const parsed = parseCommand(input.comment.body);
  if (!parsed) return "ignored";
  const hypothesis = await getHypothesisById(rt.db, item.hypothesisId);
  if (!hypothesis) return "ignored";
  const ref = { owner: input.repository.owner, repo: input.repository.name };
  const loaded = await readRepoConfig(rt, gh, input.repository.id, ref);
  if (!loaded.ok) return "ignored";
  const scene: Scene = { rt, gh, ref, item, hypothesis, config: loaded.config, input, log };
  const words = respondReplies(input.comment.authorLogin);

  if (!(await mayRespond(scene))) {
    await reply(scene, `refused:${item.id}:${input.comment.authorLogin.toLowerCase()}`, words.refused);
    log.info({ user: input.comment.authorLogin, senseItem: item.id }, "command refused: no write access and not an owner");
    return "refused";
  }
  if ("problem" in parsed) {
    await reply(scene, `problem:${input.comment.id}`, words.problem(parsed.problem.message));
    return "problem";
  }
  return parsed.command.kind === "respond" ? respond(scene, parsed.command) : extend(scene, parsed.command);
}

/** The hypothesis's owners (its assignees, else its author) may; anyone else needs write access. */
async function mayRespond(scene: Scene): Promise<boolean> {
  const login = scene.input.comment.authorLogin.toLowerCase();
  if (hypothesisOwners(scene.hypothesis).some((owner) => owner.toLowerCase() === login)) return true;
  return WRITE_ROLES.has(await scene.gh.getRoleName(scene.ref, scene.input.comment.authorLogin));
}

async function reply(scene: Scene, key: string, body: string): Promise<void> {
  await ensureComment(scene.rt, scene.gh, key, scene.ref, scene.input.issueNumber, body);
}

async function respond(scene: Scene, command: Extract<Command, { kind: "respond" }>): Promise<"responded" | "ignored"> {
  const { rt, gh, ref, item, hypothesis, input } = scene;
  const words = respondReplies(input.comment.authorLogin);
  const earlier = await getResponse(rt.db, item.id);
  if (earlier && earlier.commentId !== input.comment.id) {
    await reply(scene, `already:${input.comment.id}`, words.alreadyResponded(earlier.decision, earlier.commentUrl));
    return "ignored";
  }
  if (item.state === "rolled_back") {
    await reply(scene, `rolled-back-reply:${input.comment.id}`, words.rolledBack);
    return "ignored";
  }
  const now = rt.clock.now();
  const { response } = await recordResponse(rt.db, {
    senseItemId: item.id,
    decision: command.decision,
    learning: command.learning,
    actorLogin: input.comment.authorLogin,
    commentId: input.comment.id,
    commentUrl: input.comment.htmlUrl,
    respondedAt: now,
  });
  const next = transition(item.state as SenseState, "responded");
  if (next) await updateSenseItem(rt.db, item.id, { state: next, respondedAt: response.respondedAt }, now);

  await gh.addReaction(ref, input.comment.id, "+1");
  await reply(scene, `response:${item.id}`, words.recorded(response.decision as Decision, response.learning, input.comment.htmlUrl));
  await gh.removeLabel(ref, input.issueNumber, scene.config.respond.overdueLabel);
  await gh.updateIssue(ref, input.issueNumber, { state: "closed", stateReason: "completed" });

  const hypothesisRepo = await getRepository(rt.db, hypothesis.repositoryId);
  if (hypothesisRepo) {
    const hypothesisRef = { owner: hypothesisRepo.owner, repo: hypothesisRepo.name };
    await ensureComment(rt, gh, `response-hypothesis:${item.id}`, hypothesisRef, hypothesis.number, words.onHypothesis(response.decision as Decision, item.environment, response.learning, `#${input.issueNumber}`));
    await gh.addLabels(hypothesisRef, hypothesis.number, [response.decision]);
  }
  await enqueueDashboard(rt, { installationId: item.installationId, repositoryId: item.repositoryId });
  scene.log.info({ senseItem: item.id, decision: response.decision, by: input.comment.authorLogin }, "response recorded");
  return "responded";
}

async function extend(scene: Scene, command: Extract<Command, { kind: "extend" }>): Promise<"extended" | "ignored"> {
  const { rt, gh, ref, item, input, config } = scene;
  const words = respondReplies(input.comment.authorLogin);
  let extension = await extensionByComment(rt.db, input.comment.id);
  if (!extension) {
    // The item is locked while the limit is checked and the extension recorded, so two /extend
    // comments handled at once cannot both pass the limit.
    const outcome = await rt.db.transaction(async (tx) => {
      const [current] = await tx.select().from(senseItems).where(eq(senseItems.id, item.id)).for("update");
      if (!current || current.state === "responded" || current.state === "rolled_back") return "closed" as const;
      const used = await countExtensions(tx, item.id);
      if (used >= config.respond.maxExtensions) return "limit" as const;
      const now = rt.clock.now();
      const base = current.dueAt.getTime() > now.getTime() ? current.dueAt : now;
      const newDueAt = new Date(base.getTime() + command.days * 86_400_000);
      if (!(await recordExtension(tx, { senseItemId: item.id, days: command.days, reason: command.reason, actorLogin: input.comment.authorLogin, commentId: input.comment.id, previousDueAt: current.dueAt, newDueAt, createdAt: now }))) return "applied" as const;
      const next = transition(current.state as SenseState, "extended");
      await updateSenseItem(tx, item.id, { dueAt: newDueAt, extensions: used + 1, ...(next ? { state: next } : {}) }, now);
      return "applied" as const;
    });
    if (outcome === "closed") {
      await reply(scene, `nothing-to-extend:${input.comment.id}`, words.nothingToExtend);
      return "ignored";
    }
    if (outcome === "limit") {
      await reply(scene, `extend-limit:${input.comment.id}`, words.extendLimit(config.respond.maxExtensions));
      return "ignored";
    }
    extension = (await extensionByComment(rt.db, input.comment.id))!;
  }
  const count = await countExtensions(rt.db, item.id);
  await gh.addReaction(ref, input.comment.id, "+1");
  await reply(scene, `extended:${input.comment.id}`, words.extended(extension.newDueAt, extension.reason, count, config.respond.maxExtensions));
  await gh.removeLabel(ref, input.issueNumber, config.respond.overdueLabel);
  await enqueueSenseIssue(rt, { senseItemId: item.id });
  await enqueueDashboard(rt, { installationId: item.installationId, repositoryId: item.repositoryId });
  return "extended";
}
