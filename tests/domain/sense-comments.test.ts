import { describe, expect, it } from "vitest";
import { planSenseComments, type SenseCommentsInput } from "../../src/domain/sense-comments.js";

const ISSUE = { owner: "acme", repo: "product", number: 45 };
const HYPOTHESIS = { owner: "acme", repo: "product", number: 12 };
const ship = (id: number, label: string) => ({ id, view: { environment: "production", source: "deployment", sha: "a".repeat(40), at: new Date("2026-03-02T09:00:00Z"), url: null, label } });
const pr = (number: number, shipId: number, left = false) => ({ repo: "acme/shop", number, title: `PR ${number}`, htmlUrl: `https://github.com/acme/shop/pull/${number}`, left, shipId });

function input(o: Partial<SenseCommentsInput> = {}): SenseCommentsInput {
  return {
    item: { id: 3, environment: "production", dueAt: new Date("2026-03-16T09:00:00Z"), rolledBackAt: null },
    issue: ISSUE,
    hypothesis: HYPOTHESIS,
    hypothesisRepo: "acme/product",
    firstShip: ship(1, "deployment 1"),
    laterShips: [],
    prs: [pr(7, 1)],
    departure: undefined,
    ...o,
  };
}

const keys = (o: Partial<SenseCommentsInput>) => planSenseComments(input(o)).map((effect) => (effect.kind === "comment" ? `${effect.key} on #${effect.on.number}` : effect.kind));

describe("the plan of a ship's comments", () => {
  it.each<[string, Partial<SenseCommentsInput>, string[]]>([
    ["the first ship: one comment on the hypothesis", {}, ["shipped:3 on #12"]],
    ["a later ship that added work: one more on the sense issue", { laterShips: [ship(2, "deployment 2")], prs: [pr(7, 1), pr(8, 2)] }, ["shipped:3 on #12", "more-shipped:3:2 on #45"]],
    ["a later ship whose PRs all left: nothing more", { laterShips: [ship(2, "deployment 2")], prs: [pr(7, 1), pr(8, 2, true)] }, ["shipped:3 on #12"]],
    [
      "a rollback: one comment per rollback, keyed by when it happened",
      { item: { id: 3, environment: "production", dueAt: new Date("2026-03-16T09:00:00Z"), rolledBackAt: new Date("2026-03-05T12:00:00Z") }, departure: ship(9, "deployment 9").view },
      ["shipped:3 on #12", "rolled-back:3:2026-03-05T12:00:00.000Z on #45"],
    ],
  ])("%s", (_name, o, expected) => {
    expect(keys(o)).toEqual(expected);
  });

  it("says where it shipped, the due date and where the follow-up is", () => {
    const [shipped] = planSenseComments(input());

    expect(shipped).toMatchObject({ kind: "comment", body: "Shipped to production in deployment 1; sensing until 2026-03-16; follow-up in #45." });
  });
});
