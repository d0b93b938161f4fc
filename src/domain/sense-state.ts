/**
 * The life of a sense item, one explicit state machine:
 *
 *   shipped ──issue_opened──▶ sensing ──due──▶ overdue ──escalated──▶ escalated
 *      │                        ▲   │             ▲ │                      │
 *      └───────────────due──────┼───┼─────────────┘ │                      │
 *                               └─extended──────────┴──────────────────────┘
 *      └──────── any open state ──responded──▶ responded (final)
 *                 any open state ──rolled_back──▶ rolled_back ──shipped_again──▶ sensing
 */
export type SenseState = "shipped" | "sensing" | "overdue" | "escalated" | "responded" | "rolled_back";

export type SenseEvent = "issue_opened" | "due" | "escalated" | "extended" | "responded" | "rolled_back" | "shipped_again";

const OPEN: readonly SenseState[] = ["shipped", "sensing", "overdue", "escalated"];

export function isOpen(state: SenseState): boolean {
  return OPEN.includes(state);
}

/** The next state, or undefined when the event does not apply in this state (the caller ignores it). */
export function transition(state: SenseState, event: SenseEvent): SenseState | undefined {
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
      return isOpen(state) ? "responded" : undefined;
    case "rolled_back":
      return isOpen(state) ? "rolled_back" : undefined;
    case "shipped_again":
      return state === "rolled_back" ? "sensing" : undefined;
  }
}
