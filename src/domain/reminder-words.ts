import { daysPastDue } from "./due.js";
import { echo, echoLine } from "./sanitize.js";

/** What a reminder or an escalation says about its loop. */
export interface ReminderSubject {
  dueAt: Date;
  owners: readonly string[];
  hypothesisTitle: string;
  hypothesisUrl: string;
  /** What the signal showed at the due date, when the hypothesis names a signal query. */
  signalLine?: string | null;
}

const LOGIN = /^[A-Za-z0-9-]{1,39}(\[bot\])?$/;
const TEAM = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9_.-]{1,100}$/;
const ANSWER = "`/respond persevere|pivot|kill <what we learned>`";
const MORE_TIME = "`/extend <days> <reason>`";

/** Names the owners, the date that passed, what the signal read then (when Senseloop reads it) and the command; it never scolds. */
export function reminderBody(item: ReminderSubject): string {
  const owners = mentions(item.owners.filter((login) => LOGIN.test(login)));
  const due = `${owners || "Team"} — ${hypothesisLink(item)} was due for a response on ${isoDate(item.dueAt)}.`;
  return [
    item.signalLine ? due : `${due} What did the signal show?`,
    ...(item.signalLine ? ["", item.signalLine] : []),
    "",
    `Answer here with ${ANSWER}, or ask for more time with ${MORE_TIME}.`,
  ].join("\n");
}

/** Addressed to `escalateTo` (users or org/team slugs), or to the owners again when nobody is configured. */
export function escalationBody(item: ReminderSubject, escalateTo: readonly string[], now: Date): string {
  const owners = unique(item.owners.filter((login) => LOGIN.test(login)));
  const targets = unique(escalateTo.map((handle) => handle.replace(/^@/, "")).filter((handle) => LOGIN.test(handle) || TEAM.test(handle)));
  const addressed = targets.length > 0 ? targets : owners;
  const late = daysPastDue(item, now);
  const who = targets.length > 0 && owners.length > 0 ? ` Its owners (${owners.map((login) => echo(`@${login}`)).join(", ")}) had a reminder.` : "";
  return [
    `${mentions(addressed) || "Team"} — ${hypothesisLink(item)} is ${late === 1 ? "1 day" : `${late} days`} past its due date (${isoDate(item.dueAt)}) and still has no response.${who}`,
    "",
    `Could you help the team decide? One comment closes the loop: ${ANSWER}, or ${MORE_TIME} if the signal needs more time.`,
  ].join("\n");
}

function hypothesisLink(item: ReminderSubject): string {
  return `[${echoLine(item.hypothesisTitle).replace(/[[\]]/g, "\\$&")}](${item.hypothesisUrl})`;
}

function mentions(handles: string[]): string {
  return unique(handles)
    .map((handle) => `@${handle}`)
    .join(" ");
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
