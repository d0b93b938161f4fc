import type { ConfigProblem } from "./config-problem.js";
import type { Exemption } from "./exemptions.js";
import type { Malformed } from "./references.js";
import { echoLine, fitBody, sliceWhole } from "./sanitize.js";

export const CHECK_NAME = "Senseloop / hypothesis";

export interface ResolvedReference {
  raw: string;
  /** owner/name the reference points to. */
  repo: string;
  number: number;
  /** Set when the reference is a valid hypothesis. */
  hypothesis?: { title: string; htmlUrl: string } | undefined;
  /** Why it is not, e.g. "is closed". */
  problem?: string | undefined;
}

export interface OpenHypothesis {
  number: number;
  title: string;
  htmlUrl: string;
}

export interface CheckInput {
  mode: "enforce" | "advisory";
  draft: boolean;
  references: readonly ResolvedReference[];
  malformed: readonly Malformed[];
  exemption: Exemption | undefined;
  /** The repository a bare `#12` points to. */
  hypothesesRepo: string;
  hypothesisLabel: string;
  exemptLabel: string;
  openHypotheses: readonly OpenHypothesis[];
  /** More open hypotheses exist than are listed. */
  moreOpenHypotheses: boolean;
  /** One extra line for the summary, e.g. why a requested action was refused. */
  notice?: string | undefined;
  /** Referenced hypotheses whose Signal query line cannot be read: named, never failing the PR. */
  signalProblems?: readonly SignalQueryNote[];
}

export interface SignalQueryNote {
  repo: string;
  number: number;
  problem: string;
}

export type CheckOutcome = "linked" | "exempt" | "missing" | "invalid" | "config_invalid";
export type Conclusion = "success" | "failure" | "neutral";

export interface CheckAction {
  label: string;
  description: string;
  identifier: string;
}

export interface CheckResult {
  outcome: CheckOutcome;
  conclusion: Conclusion;
  title: string;
  summary: string;
  actions: CheckAction[];
}

export const ACTION_EXEMPT: CheckAction = { label: "Exempt this PR", description: "Add exempt label (needs write access)", identifier: "exempt" };
export const ACTION_RECHECK: CheckAction = { label: "Re-check", description: "Read the PR and its hypotheses again", identifier: "recheck" };

const SUMMARY_LIMIT = 60_000;
const TITLE_LIMIT = 240;

/** A code span that shows user text as written: a fence longer than any backtick run it holds. */
function code(text: string): string {
  const longest = (text.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0);
  const fence = "`".repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function link(ref: ResolvedReference): string {
  return ref.hypothesis ? `[${ref.repo}#${ref.number}](${ref.hypothesis.htmlUrl}) ${echoLine(ref.hypothesis.title)}` : `${ref.repo}#${ref.number}`;
}

function pickList(input: CheckInput): string {
  if (input.openHypotheses.length === 0) {
    return `There are no open hypotheses in ${input.hypothesesRepo} yet. Open an issue with the \`${input.hypothesisLabel}\` label (the Senseloop issue form asks for the belief, the users, the behaviour, the target and the signal), then reference it.`;
  }
  const lines = input.openHypotheses.map((h) => `- \`#${h.number}\` [${echoLine(h.title)}](${h.htmlUrl})`);
  if (input.moreOpenHypotheses) lines.push(`- …and more with the \`${input.hypothesisLabel}\` label`);
  return `Open hypotheses in ${input.hypothesesRepo}:\n\n${lines.join("\n")}`;
}

function exemptionHelp(input: CheckInput): string {
  return [
    "If this PR serves no hypothesis, say why instead:",
    `- write \`Hypothesis: none — <reason>\` in the description, or`,
    `- add the \`${input.exemptLabel}\` label (or use **Exempt this PR** above).`,
  ].join("\n");
}

/** A bad Signal query line is the hypothesis's business, not this PR's: said once, under the verdict. */
function signalNote(problems: readonly SignalQueryNote[] | undefined): string {
  if (!problems || problems.length === 0) return "";
  const lines = problems.map((p) => `- ${p.repo}#${p.number}: ${echoLine(p.problem, 300)}.`);
  return `\n\nSenseloop cannot read the Signal query of ${problems.length === 1 ? "this hypothesis" : "these hypotheses"}, so it will not read the signal until the line on the hypothesis is fixed. This does not change the check.\n\n${lines.join("\n")}`;
}

function withNotice(summary: string, notice: string | undefined, problems?: readonly SignalQueryNote[]): string {
  const body = `${summary}${signalNote(problems)}`;
  return fitBody(notice ? `${body}\n\n> ${notice}` : body, "_The rest of this summary was cut to fit._", SUMMARY_LIMIT);
}

function notPassing(input: CheckInput): Conclusion {
  return input.mode === "enforce" && !input.draft ? "failure" : "neutral";
}

/** What the check run should say about a PR, from what was read and resolved. */
export function decideCheck(input: CheckInput): CheckResult {
  const bad = input.references.filter((ref) => !ref.hypothesis);
  const draftNote = input.draft ? "\n\nThis PR is a draft: Senseloop reports but never fails a draft." : "";

  if (bad.length > 0 || input.malformed.length > 0) {
    const problems = [
      ...bad.map((ref) => `- ${code(ref.raw)}: ${ref.repo}#${ref.number} ${ref.problem ?? "is not a hypothesis"}.`),
      ...input.malformed.map((m) => `- ${code(m.raw)} (${m.source}): ${m.message}.`),
    ];
    const first = bad[0] ? `${bad[0].repo}#${bad[0].number} ${bad[0].problem ?? "is not a hypothesis"}` : `${input.malformed[0]!.raw} ${input.malformed[0]!.message}`;
    return {
      outcome: "invalid",
      conclusion: notPassing(input),
      title: sliceWhole(`Hypothesis reference is not valid — ${first}`, TITLE_LIMIT),
      summary: withNotice(
        `Fix ${problems.length === 1 ? "this reference" : "these references"} in the PR description (or the commit trailer):\n\n${problems.join("\n")}\n\nEach must name an open issue with the \`${input.hypothesisLabel}\` label in a repository Senseloop is installed on.\n\n${pickList(input)}${draftNote}`,
        input.notice,
        input.signalProblems,
      ),
      actions: [ACTION_RECHECK],
    };
  }

  if (input.references.length > 0) {
    const names = input.references.map((ref) => `${ref.repo}#${ref.number}`);
    return {
      outcome: "linked",
      conclusion: "success",
      title: sliceWhole(`Serves ${names.join(", ")}`, TITLE_LIMIT),
      summary: withNotice(`This PR serves:\n\n${input.references.map((ref) => `- ${link(ref)}`).join("\n")}\n\nWhen it ships, Senseloop opens a follow-up to sense the result.`, input.notice, input.signalProblems),
      actions: [ACTION_RECHECK],
    };
  }

  if (input.exemption) {
    return {
      outcome: "exempt",
      conclusion: "success",
      title: "Exempt — no hypothesis needed",
      summary: withNotice(`${input.exemption.reason}\n\nExempt PRs are counted on the Senseloop dashboard.`, input.notice),
      actions: [ACTION_RECHECK],
    };
  }

  return {
    outcome: "missing",
    conclusion: notPassing(input),
    title: "No hypothesis linked — add `Hypothesis: #12` to the description",
    summary: withNotice(
      `Every PR names the hypothesis it serves, so that what ships gets sensed. Add a line to the description:\n\n\`\`\`\nHypothesis: #12\n\`\`\`\n\n(\`owner/repo#12\` or the issue's URL work too.)\n\n${pickList(input)}\n\n${exemptionHelp(input)}${draftNote}`,
      input.notice,
    ),
    actions: [ACTION_EXEMPT, ACTION_RECHECK],
  };
}

/** The check while the repository's config is invalid; like every check, it never fails a draft. */
/** What a check run says once the repository turned the check off (it only replaces an earlier one). */
export function checkOffResult(): CheckResult {
  return {
    outcome: "exempt",
    conclusion: "neutral",
    title: "Senseloop's hypothesis check is off for this repository",
    summary: "`mode: off` in `.github/senseloop.yml`: no PR needs a hypothesis here. This check run only replaces an earlier result.",
    actions: [],
  };
}

export function configInvalidCheck(problems: readonly ConfigProblem[], draft = false): CheckResult {
  const list = problems.map((p) => `- \`${p.path}\`: ${echoLine(p.message, 300)}`).join("\n");
  return {
    outcome: "config_invalid",
    conclusion: draft ? "neutral" : "failure",
    title: "Senseloop configuration is invalid",
    summary: fitBody(
      `Senseloop configuration is invalid. Fix \`.github/senseloop.yml\` (or the file it extends) on the default branch:\n\n${list}\n\nUntil it is fixed, Senseloop takes no other action on this repository.`,
      "_The rest of this summary was cut to fit._",
      SUMMARY_LIMIT,
    ),
    actions: [ACTION_RECHECK],
  };
}
