import { eq } from "drizzle-orm";
import { countExtensions, extensionByComment, recordExtension } from "../db/queries/responses.js";
import { readDueDateBy } from "../db/queries/reading-schedule.js";
import { moveSenseItem } from "../db/queries/sense-items.js";
import { senseItems } from "../db/schema/index.js";
import type { Command } from "../domain/commands.js";
import type { FollowUp } from "../domain/effects.js";
import { respondReplies } from "../domain/respond-words.js";
import { announce, transition } from "../domain/sense-loop.js";
import { applyPlan } from "./apply-plan.js";
import { reply, type CommandScene } from "./command-scene.js";
import { loopRules } from "./loop-item.js";

const DAY_MS = 86_400_000;

/**
 * `/extend <days> <reason>`: moves the due date, at most `respond.maxExtensions` times, counted
 * from the later of the due date and now. The item is locked while the limit is checked and the
 * extension recorded, so two `/extend` comments handled at once cannot both pass the limit.
 */
export async function extend(scene: CommandScene, command: Extract<Command, { kind: "extend" }>): Promise<FollowUp[]> {
  const { scope, item, input, config } = scene;
  const words = respondReplies(input.comment.authorLogin);
  const rules = loopRules(config);
  const max = config.respond.maxExtensions;
  const commandComment = { id: input.comment.id, htmlUrl: input.comment.htmlUrl, authorLogin: input.comment.authorLogin };
  if (!(await extensionByComment(scope.db, input.comment.id))) {
    const outcome = await scope.db.transaction(async (tx) => {
      const [current] = await tx.select().from(senseItems).where(eq(senseItems.id, item.id)).for("update");
      if (!current) return "closed" as const;
      const used = await countExtensions(tx, item.id);
      const now = scope.clock.now();
      const base = current.dueAt.getTime() > now.getTime() ? current.dueAt : now;
      const newDueAt = new Date(base.getTime() + command.days * DAY_MS);
      const move = transition({ ...scene.loop, state: current.state }, { type: "extended", command: commandComment, newDueAt, reason: command.reason, used: used + 1, max }, rules, now);
      if (!move) return "closed" as const;
      if (used >= max) return "limit" as const;
      const fresh = await recordExtension(tx, { senseItemId: item.id, days: command.days, reason: command.reason, actorLogin: input.comment.authorLogin, commentId: input.comment.id, previousDueAt: current.dueAt, newDueAt, createdAt: now });
      if (fresh) {
        await moveSenseItem(tx, item.id, { from: current.state, to: move.next }, { dueAt: newDueAt, extensions: used + 1 }, now);
        await readDueDateBy(tx, item.id, newDueAt);
      }
      return "applied" as const;
    });
    if (outcome === "closed") return reply(scene, `nothing-to-extend:${input.comment.id}`, words.nothingToExtend);
    if (outcome === "limit") return reply(scene, `extend-limit:${input.comment.id}`, words.extendLimit(max));
  }
  const extension = (await extensionByComment(scope.db, input.comment.id))!;
  const used = await countExtensions(scope.db, item.id);
  const event = { type: "extended" as const, command: commandComment, newDueAt: extension.newDueAt, reason: extension.reason, used, max };
  const applied = await applyPlan(scope, announce(scene.loop, event, rules, scope.clock.now()));
  return applied.followUps;
}
