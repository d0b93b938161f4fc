/**
 * The states of a sense item, and which event moves which state: the table below is the whole
 * machine. `sense-loop.ts` adds what each move asks of GitHub.
 *
 *   shipped ──issue_opened──▶ sensing ──due──▶ overdue ──escalated──▶ escalated
 *      └──────────due───────────────────────────▲       any open state ──extended──▶ sensing
 *   any open state, or rolled_back ──responded──▶ responded (final)
 *   any open state ──rolled_back──▶ rolled_back ──shipped_again──▶ sensing
 */
export const SENSE_STATES = ["shipped", "sensing", "overdue", "escalated", "responded", "rolled_back"] as const;
export type SenseState = (typeof SENSE_STATES)[number];

export const SENSE_EVENTS = ["issue_opened", "due", "escalated", "extended", "responded", "rolled_back", "shipped_again"] as const;
export type SenseEventType = (typeof SENSE_EVENTS)[number];

/** States of a loop still waiting for its response. */
export const OPEN_STATES: readonly SenseState[] = ["shipped", "sensing", "overdue", "escalated"];

export function isOpen(state: SenseState): boolean {
  return OPEN_STATES.includes(state);
}

/**
 * The next state, or undefined when the event does not apply in this state. A response is
 * accepted on rolled-back work too: teams learn most from what they rolled back.
 */
export function nextState(state: SenseState, event: SenseEventType): SenseState | undefined {
  switch (event) {
    case "issue_opened":
      return state === "shipped" ? "sensing" : undefined;
    case "due":
      return state === "sensing" || state === "shipped" ? "overdue" : undefined;
    case "escalated":
      return state === "overdue" ? "escalated" : undefined;
    case "extended":
      return state === "overdue" || state === "escalated" || state === "sensing" ? "sensing" : undefined;
    case "responded":
      return isOpen(state) || state === "rolled_back" ? "responded" : undefined;
    case "rolled_back":
      return isOpen(state) ? "rolled_back" : undefined;
    case "shipped_again":
      return state === "rolled_back" ? "sensing" : undefined;
  }
}
