import type { Effect, IssueTarget } from "./effects.js";
import { moreShippedComment, rolledBackComment, shippedComment, type SensePullRequest, type SenseShip } from "./sense-issue-body.js";

export interface SenseCommentsInput {
  item: { id: number; environment: string; dueAt: Date; rolledBackAt: Date | null };
  issue: IssueTarget;
  hypothesis: IssueTarget;
  /** owner/name of the hypothesis's repository, to write PR references relative to it. */
  hypothesisRepo: string;
  firstShip: { id: number; view: SenseShip };
  laterShips: { id: number; view: SenseShip }[];
  prs: (SensePullRequest & { shipId: number })[];
  /** The ship that took the work out, when the item is rolled back. */
  departure: SenseShip | undefined;
}

/**
 * The comments that tell a sense item's story: one on the hypothesis when it first ships, one
 * on the sense issue per later ship that added work, one per rollback. Each keyed, so a re-sync
 * writes only what is new.
 */
export function planSenseComments(input: SenseCommentsInput): Effect[] {
  const { item, issue } = input;
  const effects: Effect[] = [
    { kind: "comment", key: `shipped:${item.id}`, on: input.hypothesis, body: shippedComment(item.environment, input.firstShip.view, item.dueAt, `#${issue.number}`) },
  ];
  for (const ship of input.laterShips) {
    const added = input.prs.filter((pr) => pr.shipId === ship.id && !pr.left);
    if (added.length === 0) continue;
    const list = added.map((pr) => ({ repo: pr.repo, number: pr.number, title: pr.title, htmlUrl: pr.htmlUrl, left: false }));
    effects.push({ kind: "comment", key: `more-shipped:${item.id}:${ship.id}`, on: issue, body: moreShippedComment(item.environment, ship.view, list, input.hypothesisRepo, item.dueAt) });
  }
  if (item.rolledBackAt && input.departure) {
    effects.push({ kind: "comment", key: `rolled-back:${item.id}:${item.rolledBackAt.toISOString()}`, on: issue, body: rolledBackComment(item.environment, input.departure) });
  }
  return effects;
}
