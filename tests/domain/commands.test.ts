import { describe, expect, it } from "vitest";
import { MAX_EXTEND_DAYS, parseCommand, type Command } from "../../src/domain/commands.js";

const RESPOND_MISSING_DECISION =
  "Say what you decided and what you learned, for example `/respond pivot Customers used it once, then went back to search`.";
const learningMissing = (decision: string) =>
  `What you learned is missing: write at least a sentence after the decision, for example \`/respond ${decision} Customers used it once, then went back to search\`.`;
const EXTEND_MISSING = "Say how many more days the team needs and why, for example `/extend 14 The signal needs two more billing cycles`.";
const badDays = (written: string) =>
  `“${written}” is not a whole number of days from 1 to 90; write, for example, \`/extend 14 The signal needs two more billing cycles\`.`;
const REASON_MISSING = "Say why the team needs more time, for example `/extend 14 The signal needs two more billing cycles`.";

describe("parseCommand reads commands", () => {
  it.each<[string, string, Command]>([
    [
      "a respond line",
      "/respond pivot Customers used it once, then went back to search",
      { kind: "respond", decision: "pivot", learning: "Customers used it once, then went back to search" },
    ],
    [
      "command and decision in any case",
      "/RESPOND Persevere Repeat orders rose 6% in the first month",
      { kind: "respond", decision: "persevere", learning: "Repeat orders rose 6% in the first month" },
    ],
    ["up to three spaces of indentation", "   /respond kill Nobody opened the panel twice", { kind: "respond", decision: "kill", learning: "Nobody opened the panel twice" }],
    ["a decision followed by a colon", "/respond pivot: Customers used it once, then left", { kind: "respond", decision: "pivot", learning: "Customers used it once, then left" }],
    [
      "a command after the author's own prose",
      "Thanks for the numbers.\n\n/respond persevere Repeat purchases rose 6% in 30 days",
      { kind: "respond", decision: "persevere", learning: "Repeat purchases rose 6% in 30 days" },
    ],
    [
      "a learning that goes on over the following lines and paragraphs",
      "/respond pivot Customers used it once.  \nThen they went back to search.\n\n\n\nThe funnel shows it.\n",
      { kind: "respond", decision: "pivot", learning: "Customers used it once.\nThen they went back to search.\n\nThe funnel shows it." },
    ],
    [
      "a learning that starts on the next line",
      "/respond kill\nNobody used the panel in two weeks",
      { kind: "respond", decision: "kill", learning: "Nobody used the panel in two weeks" },
    ],
    [
      "a learning that stops at a quote standing apart after a blank line",
      "/respond persevere Repeat orders rose in the first month\n\n> When will we know?\n\nmore text after the quote",
      { kind: "respond", decision: "persevere", learning: "Repeat orders rose in the first month" },
    ],
    [
      "a learning that stops at a code block standing apart after a blank line",
      "/respond persevere Repeat orders rose in the first month\n\n```sql\nselect 1\n```\nafter the code",
      { kind: "respond", decision: "persevere", learning: "Repeat orders rose in the first month" },
    ],
    [
      "a learning that skips a quote interrupting it",
      "/respond pivot People tried it once\n> they said it was slow\nthen went back to search",
      { kind: "respond", decision: "pivot", learning: "People tried it once\nthen went back to search" },
    ],
    [
      "a learning that skips a fenced block interrupting it",
      "/respond pivot People tried it once\n~~~\nlog lines\n~~~\nthen went back to search",
      { kind: "respond", decision: "pivot", learning: "People tried it once\nthen went back to search" },
    ],
    [
      "a learning that keeps inline code and drops HTML comments",
      "/respond kill The `Reorder` button <!-- draft -->got no clicks in a month",
      { kind: "respond", decision: "kill", learning: "The `Reorder` button got no clicks in a month" },
    ],
    [
      "a learning that stops at the next command line",
      "/respond kill Nobody used the panel at all\n/extend 14 The signal needs two more billing cycles",
      { kind: "respond", decision: "kill", learning: "Nobody used the panel at all" },
    ],
    [
      "the first of two commands",
      "/extend 14 The signal needs two more billing cycles\n/respond kill Nobody used the panel at all",
      { kind: "extend", days: 14, reason: "The signal needs two more billing cycles" },
    ],
    [
      "the author's command after a quoted one",
      "> /respond kill Nobody used it\n\n/respond pivot People used it once then left",
      { kind: "respond", decision: "pivot", learning: "People used it once then left" },
    ],
    [
      "a learning with NUL characters removed",
      "/respond pivot Customers\u0000 used it once, then left",
      { kind: "respond", decision: "pivot", learning: "Customers used it once, then left" },
    ],
    ["Windows line endings", "/respond kill Nobody used it\r\nin two weeks\r\n", { kind: "respond", decision: "kill", learning: "Nobody used it\nin two weeks" }],
    [
      "a right-to-left learning with emoji, unchanged",
      "/respond pivot العملاء استخدموها مرة واحدة ثم عادوا إلى البحث 🔍",
      { kind: "respond", decision: "pivot", learning: "العملاء استخدموها مرة واحدة ثم عادوا إلى البحث 🔍" },
    ],
    [
      "a Hebrew learning",
      "/respond persevere הלקוחות חזרו להזמין שוב בתוך חודש 🎯",
      { kind: "respond", decision: "persevere", learning: "הלקוחות חזרו להזמין שוב בתוך חודש 🎯" },
    ],
    [
      "a Japanese learning written without spaces",
      "/respond pivot 顧客は一度使ってから検索に戻った",
      { kind: "respond", decision: "pivot", learning: "顧客は一度使ってから検索に戻った" },
    ],
    ["an extension", "/extend 14 The signal needs two more billing cycles", { kind: "extend", days: 14, reason: "The signal needs two more billing cycles" }],
    ["an extension written with d", "/extend 7d Waiting for the next cohort", { kind: "extend", days: 7, reason: "Waiting for the next cohort" }],
    ["an extension written with days", "/Extend 10 days because the cohort is small", { kind: "extend", days: 10, reason: "because the cohort is small" }],
    ["the shortest extension", "/extend 1 Data lands tomorrow", { kind: "extend", days: 1, reason: "Data lands tomorrow" }],
    ["the longest extension", `/extend ${MAX_EXTEND_DAYS} Seasonal traffic is low`, { kind: "extend", days: 90, reason: "Seasonal traffic is low" }],
    [
      "an extension whose reason goes on",
      "/extend 21 Traffic is low\nuntil the campaign starts",
      { kind: "extend", days: 21, reason: "Traffic is low\nuntil the campaign starts" },
    ],
  ])("reads %s", (_name, body, command) => {
    expect(parseCommand(body)).toEqual({ command });
  });
});

describe("parseCommand ignores what is not the author's own command line", () => {
  it.each([
    ["an empty comment", ""],
    ["a comment without a command", "Looks good to me, let's wait for the data."],
    ["a command mid-sentence", "We should /respond pivot once the data is in"],
    ["an edit note before the command", "Edit: /respond kill Nobody used it at all"],
    ["a struck-through command", "~~/respond kill Nobody used it at all~~"],
    ["an emphasised command", "**/respond kill Nobody used it at all**"],
    ["a command in a list item", "- /respond kill Nobody used it at all"],
    ["an escaped slash", "\\/respond kill Nobody used it at all"],
    ["a longer word", "/responded already on the other issue, see there"],
    ["a command word glued to the decision", "/respondkill Nobody used it at all"],
    ["a quoted command", "> /respond kill Nobody used it at all"],
    ["an indented quoted command", "  > /respond kill Nobody used it at all\n  > second line"],
    ["a nested quoted command", "> > /extend 14 The signal needs more time"],
    ["a command in a backtick fence", "```\n/respond kill Nobody used it at all\n```"],
    ["a command in a tilde fence with an info string", "~~~markdown\n/respond kill Nobody used it at all\n~~~"],
    ["a command in a fence closed by a longer fence", "````\n```\n/respond kill Nobody used it at all\n`````"],
    ["a command in a fence that never closes", "Try this:\n\n```\n/respond kill Nobody used it at all"],
    ["a command in inline code", "`/respond kill Nobody used it at all`"],
    ["a command in inline code that spans lines", "Write ``\n/respond kill Nobody used it at all\n`` on the sense issue"],
    ["a command in an indented code block", "    /respond kill Nobody used it at all"],
    ["a command indented by a tab", "\t/respond kill Nobody used it at all"],
    ["a command in a one-line HTML comment", "<!-- /respond kill Nobody used it at all -->"],
    ["a command in a multi-line HTML comment", "Before.\n<!--\n/respond kill Nobody used it at all\n-->\nAfter."],
    ["a command in an HTML comment that never closes", "<!--\n/respond kill Nobody used it at all"],
  ])("returns null for %s", (_name, body) => {
    expect(parseCommand(body)).toBeNull();
  });
});

describe("parseCommand explains a command it cannot use", () => {
  it.each([
    ["no decision", "/respond", RESPOND_MISSING_DECISION],
    ["a word that is not a decision on a later line", "/respond   \n\nmore", "“more” is not a decision; start with persevere, pivot or kill, for example `/respond pivot Customers used it once, then went back to search`."],
    [
      "an unknown decision",
      "/respond maybe People used it a bit",
      "“maybe” is not a decision; start with persevere, pivot or kill, for example `/respond pivot Customers used it once, then went back to search`.",
    ],
    [
      "an unknown decision with markup, echoed harmlessly",
      "/respond @alice<b> thinks we should pivot",
      "“@\u200balice&lt;b&gt;” is not a decision; start with persevere, pivot or kill, for example `/respond pivot Customers used it once, then went back to search`.",
    ],
    ["a decision without a learning", "/respond pivot", learningMissing("pivot")],
    ["a one-word learning", "/respond persevere meh", learningMissing("persevere")],
    ["a learning under 12 characters", "/respond kill it is bad", learningMissing("kill")],
    ["a learning of emoji only", "/respond persevere 👍 👍 👍 👍 👍 👍", learningMissing("persevere")],
    ["a learning that is only a quote", "/respond pivot\n\n> Customers used it once, then went back to search", learningMissing("pivot")],
    ["a learning that is only code", "/respond kill\n```\nCustomers used it once, then went back to search\n```", learningMissing("kill")],
  ])("asks for what is missing after %s", (_name, body, message) => {
    expect(parseCommand(body)).toEqual({ problem: { kind: "respond", message } });
  });

  it.each([
    ["no days", "/extend", EXTEND_MISSING],
    ["days in words", "/extend two weeks please", badDays("two")],
    ["zero days", "/extend 0 The signal needs more time", badDays("0")],
    ["more than the maximum", "/extend 91 The signal needs more time", badDays("91")],
    ["a fraction", "/extend 1.5 The signal needs more time", badDays("1.5")],
    ["a negative number", "/extend -3 The signal needs more time", badDays("-3")],
    ["a huge number", "/extend 99999999999999999999 forever and ever", badDays("99999999999999999999")],
    ["no reason", "/extend 14", REASON_MISSING],
    ["a unit and no reason", "/extend 14 days", REASON_MISSING],
    ["a one-word reason", "/extend 14 busy", REASON_MISSING],
  ])("asks for what is missing after %s", (_name, body, message) => {
    expect(parseCommand(body)).toEqual({ problem: { kind: "extend", message } });
  });
});

describe("parseCommand with very long comments", () => {
  it("finds the command at the end of a 60,000-character comment", () => {
    const body = `${"Some context. ".repeat(4_300)}\n\n/respond pivot Customers used it once, then went back to search`;

    const result = parseCommand(body);

    expect(body.length).toBeGreaterThan(60_000);
    expect(result).toEqual({ command: { kind: "respond", decision: "pivot", learning: "Customers used it once, then went back to search" } });
  });

  it("caps a 60,000-character learning at 5,000 characters", () => {
    const body = `/respond persevere ${"word ".repeat(12_000)}`;

    const result = parseCommand(body);

    expect(result).toEqual({ command: { kind: "respond", decision: "persevere", learning: "word ".repeat(1_000).trimEnd() } });
  });

  it("never cuts an emoji in half at the cap", () => {
    const result = parseCommand(`/respond pivot We saw this: ${"😀".repeat(5_000)}`);

    const learning = result !== null && "command" in result && result.command.kind === "respond" ? result.command.learning : "";
    expect(learning).toHaveLength(4_999);
    expect(learning.isWellFormed()).toBe(true);
  });

  it.each([
    ["unmatched backticks", `${"a`".repeat(30_001)}\n/respond kill Nobody used it at all`],
    ["unclosed HTML comment openers", `${"<!--".repeat(15_000)}\n/respond kill Nobody used it at all`],
    ["quote lines", `${"> quoted\n".repeat(6_700)}\n/respond kill Nobody used it at all`],
  ])("reads a 60,000-character comment of %s quickly", (name, body) => {
    const started = performance.now();

    const result = parseCommand(body);

    expect(performance.now() - started).toBeLessThan(1_000);
    expect(body.length).toBeGreaterThan(60_000);
    expect(result).toEqual(name === "unclosed HTML comment openers" ? null : { command: { kind: "respond", decision: "kill", learning: "Nobody used it at all" } });
  });
});
