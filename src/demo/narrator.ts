import { StepFailed } from "./wait.js";

/** Where the story is told: the terminal for `npm run demo`, a list of lines for the test. */
export interface Narrator {
  /** A numbered step, in a sentence a product person understands. */
  step(number: number, text: string): void;
  /** What happened, under the step. */
  say(text: string): void;
  /** A page to open: an issue, a check run, a comment, a dashboard. */
  link(label: string, url: string): void;
}

/** Prints the story; `color` only when the terminal shows it. */
export function consoleNarrator(write: (line: string) => void = (line) => console.log(line), color = process.stdout.isTTY === true): Narrator {
  const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[22m` : text);
  const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[22m` : text);
  return {
    step: (number, text) => write(`\n${bold(`${number}. ${text}`)}`),
    say: (text) => write(`   ${text}`),
    link: (label, url) => write(`   ${dim("→")} ${label.padEnd(22)} ${url}`),
  };
}

/** Keeps every line, for a test to read the story it told. */
export function recordingNarrator(): Narrator & { lines: string[] } {
  const lines: string[] = [];
  return { lines, ...consoleNarrator((line) => lines.push(line), false) };
}

/**
 * Runs one step of the story: its number and sentence first, then its body. A failure names the
 * step, so `--once` says which effect did not happen.
 */
export async function chapter(narrator: Narrator, number: number, text: string, body: () => Promise<void>): Promise<void> {
  narrator.step(number, text);
  try {
    await body();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new StepFailed(`step ${number} (${text}): ${message}`);
  }
}
