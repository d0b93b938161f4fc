import picomatch from "picomatch";
import { echoLine } from "./sanitize.js";

export type ExemptionKind = "none-line" | "label" | "author" | "title" | "paths";

export interface Exemption {
  kind: ExemptionKind;
  /** One sentence for the check summary. */
  reason: string;
}

/** The exemption rules of a repository (`exempt` in its config). */
export interface ExemptRules {
  label: string;
  titlePatterns: readonly string[];
  authors: readonly string[];
  paths: readonly string[];
}

export interface ExemptionInput {
  noneReason: string | undefined;
  labels: readonly string[];
  authorLogin: string;
  title: string;
  /** Changed file paths; undefined when not fetched (no path globs configured). */
  files: readonly string[] | undefined;
}

/** Whether a PR that names no hypothesis is exempt, and why. The first rule that applies wins. */
export function findExemption(input: ExemptionInput, exempt: ExemptRules): Exemption | undefined {
  if (input.noneReason) return { kind: "none-line", reason: `The description says: “${echoLine(input.noneReason, 300)}”` };

  const wanted = exempt.label.toLowerCase();
  if (input.labels.some((label) => label.toLowerCase() === wanted)) {
    return { kind: "label", reason: `It carries the \`${exempt.label}\` label.` };
  }

  const author = input.authorLogin.toLowerCase();
  if (exempt.authors.some((login) => login.toLowerCase() === author)) {
    return { kind: "author", reason: `Its author, ${input.authorLogin}, is on the exempt list.` };
  }

  const pattern = exempt.titlePatterns.find((source) => new RegExp(source, "iu").test(input.title));
  if (pattern !== undefined) {
    return { kind: "title", reason: `Its title matches the exempt pattern \`${pattern}\`.` };
  }

  if (exempt.paths.length > 0 && input.files !== undefined && input.files.length > 0) {
    const matches = picomatch([...exempt.paths], { dot: true });
    if (input.files.every((file) => matches(file))) {
      return { kind: "paths", reason: `Every changed file matches the exempt paths (${exempt.paths.map((p) => `\`${p}\``).join(", ")}).` };
    }
  }
  return undefined;
}

/** Path exemption needs the PR's files: fetch them only when it could change the answer. */
export function needsFiles(input: Omit<ExemptionInput, "files">, exempt: ExemptRules): boolean {
  return exempt.paths.length > 0 && findExemption({ ...input, files: undefined }, exempt) === undefined;
}
