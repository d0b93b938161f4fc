import { z } from "zod";

const repoName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "must be owner/name, for example acme/product");

const label = z.string().trim().min(1, "must not be empty").max(50, "GitHub labels are at most 50 characters");

const regex = z
  .string()
  .max(200, "keep patterns under 200 characters")
  .refine((pattern) => {
    try {
      new RegExp(pattern, "iu");
      return true;
    } catch {
      return false;
    }
  }, "is not a valid regular expression");

const glob = z.string().min(1, "must not be empty").max(200, "keep globs under 200 characters");

export const DEFAULT_TITLE_PATTERNS = ["^(chore|docs|ci|build|test|deps)(\\([^)]*\\))?!?:"];

export const HypothesesConfig = z
  .strictObject({
    label: label.default("hypothesis").describe("The label that makes an issue a hypothesis."),
    repo: repoName.optional().describe("A central repository (owner/name, in the same installation) that holds the hypotheses. When set, a bare `Hypothesis: #12` refers to that repository."),
  })
  .default({ label: "hypothesis" })
  .describe("Which issues are hypotheses, and where they live.");

export const ExemptConfig = z
  .strictObject({
    label: label.default("no-hypothesis").describe("A PR with this label passes the check as exempt."),
    titlePatterns: z.array(regex).max(50).default(DEFAULT_TITLE_PATTERNS).describe("Regular expressions (case-insensitive); a PR whose title matches one is exempt."),
    authors: z.array(z.string().min(1)).max(200).default(["dependabot[bot]", "renovate[bot]"]).describe("Logins whose PRs are exempt."),
    paths: z.array(glob).max(100).default([]).describe("Globs; a PR whose changed files all match is exempt. Empty: no path exemption."),
  })
  .default({ label: "no-hypothesis", titlePatterns: DEFAULT_TITLE_PATTERNS, authors: ["dependabot[bot]", "renovate[bot]"], paths: [] })
  .describe("PRs that pass the check without naming a hypothesis; each exemption is counted on the dashboard.");

const environmentName = z.string().trim().min(1, "must not be empty").max(255);

export const ShipConfig = z
  .strictObject({
    on: z.array(z.enum(["deployment", "release", "merge"])).min(1, "name at least one source").default(["deployment"]).describe("What counts as shipped: a successful deployment, a published release, or a merge into the default branch."),
    environments: z.array(glob).min(1, "name at least one environment").max(50).default(["production"]).describe("Deployment environments (globs) that reach users."),
    environment: environmentName.default("production").describe("The environment name releases and merges ship to."),
  })
  .default({ on: ["deployment"], environments: ["production"], environment: "production" })
  .describe("What counts as shipped, and where.");

export const SenseConfig = z
  .strictObject({
    label: label.default("sense").describe("The label on sense issues."),
  })
  .default({ label: "sense" })
  .describe("The follow-up issues opened when a hypothesis ships.");

const handle = z.string().regex(/^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]+)?$/, "must be a user login or an org/team slug");

export const RespondConfig = z
  .strictObject({
    maxExtensions: z.number().int().min(0).max(10).default(2).describe("How many times `/extend` may move a sense item's due date."),
    reopenWithoutResponse: z.boolean().default(true).describe("Reopen a sense issue closed without a recorded response, asking for `/respond`."),
    graceDays: z.number().int().min(0).max(60).default(0).describe("Days after the due date before an item counts as overdue."),
    escalateAfterDays: z.number().int().min(1).max(90).default(7).describe("Days after becoming overdue before the one escalation comment."),
    escalateTo: z.array(handle).max(20).default([]).describe("Users or teams (org/team) mentioned in the escalation."),
    overdueLabel: label.default("needs-response").describe("The label added to overdue sense issues."),
  })
  .default({ maxExtensions: 2, reopenWithoutResponse: true, graceDays: 0, escalateAfterDays: 7, escalateTo: [], overdueLabel: "needs-response" })
  .describe("Recording responses, and reminding when none comes.");

export const DashboardConfig = z
  .strictObject({
    issue: z.boolean().default(true).describe("Keep a dashboard issue in this repository."),
    title: z.string().trim().min(1).max(200).default("Senseloop dashboard").describe("Its title when created; renaming it later is fine, it is found by a hidden marker."),
  })
  .default({ issue: true, title: "Senseloop dashboard" })
  .describe("The dashboard issue of this repository.");

/** `1d`, `12h`, `2w`: a whole number of hours, days or weeks. */
const DURATION = /^([1-9]\d{0,3})([hdw])$/;
const HOURS_PER: Record<string, number> = { h: 1, d: 24, w: 168 };
export const MIN_READING_EVERY_HOURS = 1;
export const MAX_READING_EVERY_HOURS = 30 * 24;

/** A `signals.every` value in hours; undefined when it is not a duration this schema accepts. */
export function durationHours(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  return match ? Number(match[1]) * HOURS_PER[match[2]!]! : undefined;
}

export const SignalsConfig = z
  .strictObject({
    every: z
      .string()
      .refine((text) => durationHours(text) !== undefined, "must be a duration such as 12h, 1d or 2w")
      .refine((text) => {
        const hours = durationHours(text);
        return hours === undefined || (hours >= MIN_READING_EVERY_HOURS && hours <= MAX_READING_EVERY_HOURS);
      }, "must be between 1h and 30d")
      .default("1d")
      .describe("How often the signal is read while a loop is sensing, besides the baseline at the first ship and the reading at the due date: 12h, 1d, 7d (from 1h to 30d)."),
  })
  .default({ every: "1d" })
  .describe("Readings of each hypothesis's Signal query, from the sources whoever runs Senseloop set up.");

/** `.github/senseloop.yml`. Every key is optional; a missing file means every default. */
export const RepoConfig = z.strictObject({
  mode: z.enum(["enforce", "advisory", "off"]).default("enforce").describe("enforce: a PR with no hypothesis fails. advisory: it is neutral. off: no check run."),
  hypotheses: HypothesesConfig,
  exempt: ExemptConfig,
  ship: ShipConfig,
  sense: SenseConfig,
  respond: RespondConfig,
  dashboard: DashboardConfig,
  signals: SignalsConfig,
});
export type RepoConfig = z.infer<typeof RepoConfig>;

export const DEFAULT_CONFIG: RepoConfig = RepoConfig.parse({});
