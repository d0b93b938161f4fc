/** What the domain needs to know about a hypothesis issue to decide about it. */
export interface HypothesisFacts {
  state: string;
  /** Lower-cased label names. */
  labels: readonly string[];
  goneAt: Date | null;
}

/** An open issue, still in its repository, carrying the hypothesis label. */
export function isValidHypothesis(row: HypothesisFacts, label: string): boolean {
  return row.goneAt === null && row.state === "open" && row.labels.includes(label.toLowerCase());
}

/** Who answers for a hypothesis: its assignees, else its author; bots never. */
export function hypothesisOwners(row: { assignees: readonly string[]; authorLogin: string | null }): string[] {
  const people = row.assignees.length > 0 ? row.assignees : row.authorLogin ? [row.authorLogin] : [];
  return people.filter((login) => !login.endsWith("[bot]") && login !== "ghost");
}
