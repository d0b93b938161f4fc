import type { FC } from "hono/jsx";
import type { Decision } from "../../domain/commands.js";

/** Numbers as the pages show them; "—" when there is nothing to compute them from. */
export const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
export const dayCount = (days: number | null) => (days === null ? "—" : `${Math.round(days * 10) / 10} d`);
export const count = (n: number) => n.toLocaleString("en");
export const daysWord = (n: number) => (n === 1 ? "1 day" : `${count(n)} days`);

/** Decisions are results: each has its own calm colour, none of them red. */
const DECISION_WORDS: Record<Decision, string> = { persevere: "Persevere", pivot: "Pivot", kill: "Kill" };

export const DecisionLabel: FC<{ decision: Decision }> = ({ decision }) => <span class={`decision decision-${decision}`}>{DECISION_WORDS[decision]}</span>;

export interface Tile {
  label: string;
  value: string;
}

export const Tiles: FC<{ tiles: Tile[]; label: string }> = ({ tiles, label }) => (
  <ul class="tiles" aria-label={label}>
    {tiles.map((tile) => (
      <li class="tile">
        <span class="tile-value">{tile.value}</span>
        <span class="tile-label">{tile.label}</span>
      </li>
    ))}
  </ul>
);

/** The headline numbers of one repository or many, in the order the organisation table uses. */
export function figureTiles(f: { overdue: number; sensing: number; respondedRecently: number; medianDaysToResponse: number | null; closureRate: number | null; linkedShare: number | null }): Tile[] {
  return [
    { label: "Overdue", value: count(f.overdue) },
    { label: "Sensing", value: count(f.sensing) },
    { label: "Responded, last 90 days", value: count(f.respondedRecently) },
    { label: "Median days, ship → response", value: dayCount(f.medianDaysToResponse) },
    { label: "Loop closure", value: percent(f.closureRate) },
    { label: "Merged PRs linked to a hypothesis (30 days)", value: percent(f.linkedShare) },
  ];
}

const DECISION_ORDER: Decision[] = ["persevere", "pivot", "kill"];

/**
 * How many of each decision were recorded, each count a link to those entries of the learning
 * log (`learningsUrl` already names any repository filter). Said as plain counts side by side:
 * a kill is as much a result as a persevere.
 */
export const DecisionMix: FC<{ mix: Record<Decision, number>; learningsUrl: string }> = ({ mix, learningsUrl }) => {
  const total = DECISION_ORDER.reduce((sum, d) => sum + mix[d], 0);
  if (total === 0) return <p class="muted mix">No decision recorded yet.</p>;
  const join = learningsUrl.includes("?") ? "&" : "?";
  return (
    <p class="mix">
      {total === 1 ? "1 decision recorded: " : `${count(total)} decisions recorded: `}
      {DECISION_ORDER.map((d, i) => (
        <>
          {i > 0 ? " · " : null}
          <a href={`${learningsUrl}${join}decision=${d}`}>
            {count(mix[d])} {DECISION_WORDS[d].toLowerCase()}
          </a>
        </>
      ))}
    </p>
  );
};
