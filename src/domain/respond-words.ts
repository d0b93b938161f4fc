import type { Decision } from "./commands.js";
import { day } from "./sense-issue-body.js";
import { echo, echoLine } from "./sanitize.js";

const LOGIN = /^[A-Za-z0-9-]{1,39}$/;
const VERB: Record<Decision, string> = { persevere: "persevere", pivot: "pivot", kill: "kill" };

/** The replies to `/respond` and `/extend`, addressed to the person who wrote the command. */
export function respondReplies(login: string) {
  // They just wrote to us, so naming them is expected; anything that is not a plain login is not mentioned.
  const you = LOGIN.test(login) ? `@${login}` : echoLine(login, 40);
  const learningQuote = (learning: string) =>
    echo(learning)
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\n");
  return {
    refused: `${you}, only people with write access to this repository, or the hypothesis's owners, can record a response or extend the due date. Ask one of them to post the command.`,
    problem: (message: string) => `${you}, nothing was recorded: ${message}`,
    alreadyResponded: (decision: string, url: string) => `${you}, a response was already recorded here ([${echoLine(decision, 20)}](${url})); nothing changed.`,
    nothingToExtend: `${you}, this loop is already closed; there is no due date to move.`,
    extendLimit: (max: number) => `${you}, the due date was already moved ${max} time${max === 1 ? "" : "s"}, the most this repository allows. Respond with what you know now: \`/respond persevere|pivot|kill <what we learned>\`.`,
    extended: (dueAt: Date, reason: string, used: number, max: number) => `Due date moved to **${day(dueAt)}** (extension ${used} of ${max}): ${echoLine(reason, 300)}`,
    recorded: (decision: Decision, learning: string, url: string, signalLine?: string | null) =>
      `Recorded: **${VERB[decision]}** ([response](${url})).\n\n${learningQuote(learning)}${signalLine ? `\n\n${signalLine}` : ""}\n\nClosing this loop.`,
    onHypothesis: (decision: Decision, environment: string, learning: string, senseIssue: string, signalLine?: string | null) =>
      `After shipping to ${echoLine(environment, 60)}, the team decided to **${VERB[decision]}** (${senseIssue}):\n\n${learningQuote(learning)}${signalLine ? `\n\n${signalLine}` : ""}`,
  };
}
