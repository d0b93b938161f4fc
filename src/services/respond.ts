import { getHypothesisById } from "../db/queries/hypotheses.js";
import { getRepository } from "../db/queries/repositories.js";
import { slotSummaries } from "../db/queries/readings.js";
import { getResponse, recordResponse } from "../db/queries/responses.js";
import { findSenseItemByIssue, moveSenseItem } from "../db/queries/sense-items.js";
import { parseCommand, type Command } from "../domain/commands.js";
import type { Effect, FollowUp } from "../domain/effects.js";
import { hypothesisOwners } from "../domain/hypothesis.js";
import { newestReading } from "../domain/reading-summary.js";
import { decisionReadingLine } from "../domain/signal-lines.js";
import { respondReplies } from "../domain/respond-words.js";
import { announce, transition } from "../domain/sense-loop.js";
import { applyPlan } from "./apply-plan.js";
import { reply, type CommandScene, type SenseComment } from "./command-scene.js";
import { WRITE_ROLES } from "./check-run-actions.js";
import { extend } from "./extend.js";
import { loopItem, loopRules } from "./loop-item.js";
import { readRepoConfig } from "./repo-config.js";
import type { Scope } from "./scope.js";

export type { SenseComment } from "./command-scene.js";

/**
 * A new comment on one of our sense issues. Only `/respond` and `/extend` on their own line
 * count; bots are ignored; people without write access who are not the hypothesis's owners get
 * one reply saying why. Every effect is keyed, so a redelivered command has them once.
 */
export async function onSenseComment(scope: Scope, input: SenseComment): Promise<FollowUp[]> {
  if (input.comment.authorIsBot) return [];
  const item = await findSenseItemByIssue(scope.db, input.repository.id, input.issueNumber);
  if (!item) return [];
  const parsed = parseCommand(input.comment.body);
  if (!parsed) return [];
  const hypothesis = await getHypothesisById(scope.db, item.hypothesisId);
  const repository = hypothesis && (await getRepository(scope.db, hypothesis.repositoryId));
  if (!hypothesis || !repository) return [];
  const ref = { owner: input.repository.owner, repo: input.repository.name };
  const loaded = await readRepoConfig(scope, input.repository.id, ref);
  if (!loaded.ok) return [];
  const scene: CommandScene = { scope, item, loop: loopItem(item, hypothesis, repository), hypothesis, config: loaded.config, input, issue: { ...ref, number: input.issueNumber } };
  const words = respondReplies(input.comment.authorLogin);

  if (!(await mayRespond(scene))) {
    scope.log.info({ user: input.comment.authorLogin, senseItem: item.id }, "command refused: no write access and not an owner");
    return reply(scene, `refused:${item.id}:${input.comment.authorLogin.toLowerCase()}`, words.refused);
  }
  if ("problem" in parsed) return reply(scene, `problem:${input.comment.id}`, words.problem(parsed.problem.message));
  return parsed.command.kind === "respond" ? respond(scene, parsed.command) : extend(scene, parsed.command);
}

/** The hypothesis's owners (its assignees, else its author) may; anyone else needs write access. */
async function mayRespond(scene: CommandScene): Promise<boolean> {
  const login = scene.input.comment.authorLogin.toLowerCase();
  if (hypothesisOwners(scene.hypothesis).some((owner) => owner.toLowerCase() === login)) return true;
  const ref = { owner: scene.issue.owner, repo: scene.issue.repo };
  return WRITE_ROLES.has(await scene.scope.gh.repos.roleOf(ref, scene.input.comment.authorLogin));
}

/** Records the decision (once, with the item's move), then tells GitHub: each effect once. */
async function respond(scene: CommandScene, command: Extract<Command, { kind: "respond" }>): Promise<FollowUp[]> {
  const { scope, item, input } = scene;
  const words = respondReplies(input.comment.authorLogin);
  const earlier = await getResponse(scope.db, item.id);
  if (earlier && earlier.commentId !== input.comment.id) return reply(scene, `already:${input.comment.id}`, words.alreadyResponded(earlier.decision, earlier.commentUrl));

  const now = scope.clock.now();
  const event = { type: "responded" as const, command: { id: input.comment.id, htmlUrl: input.comment.htmlUrl, authorLogin: input.comment.authorLogin }, decision: command.decision, learning: command.learning };
  const rules = loopRules(scene.config);
  // The numbers when the team decided, kept with the learning (the newest reading, the baseline if it is the only one).
  const signal = newestReading((await slotSummaries(scope.db, [item.id])).get(item.id) ?? []);
  const response = await scope.db.transaction(async (tx) => {
    const recorded = await recordResponse(tx, {
      senseItemId: item.id,
      repositoryId: item.repositoryId,
      decision: command.decision,
      learning: command.learning,
      actorLogin: input.comment.authorLogin,
      commentId: input.comment.id,
      commentUrl: input.comment.htmlUrl,
      respondedAt: now,
      ...(signal ? { signalValue: signal.value, signalUnit: signal.unit ?? null, signalAt: signal.at, signalSource: signal.source } : {}),
    });
    const move = transition(scene.loop, event, rules, now);
    if (recorded.created && move) await moveSenseItem(tx, item.id, { from: item.state, to: move.next }, { respondedAt: recorded.response.respondedAt }, now);
    return recorded.response;
  });
  // A retry (or a redelivery) finds the response recorded: what it says is the recorded one.
  const signalLine = response.signalValue === null ? null : decisionReadingLine({ value: response.signalValue, unit: response.signalUnit ?? undefined }, scene.hypothesis.byHowMuch);
  const recordedEvent = { ...event, decision: response.decision as typeof command.decision, learning: response.learning, signalLine };
  const effects: Effect[] = announce(scene.loop, recordedEvent, rules, now);
  const applied = await applyPlan(scope, effects);
  scope.log.info({ senseItem: item.id, decision: response.decision, by: input.comment.authorLogin, outcomes: applied.outcomes.map((o) => `${o.effect.key}:${o.outcome}`) }, "response recorded");
  return applied.followUps;
}
