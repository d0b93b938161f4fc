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
    /** The label that makes an issue a hypothesis. */
    label: label.default("hypothesis"),
    /**
     * A central repository (owner/name, in the same installation) that holds the hypotheses.
     * When set, a bare `Hypothesis: #12` refers to that repository.
     */
    repo: repoName.optional(),
  })
  .default({ label: "hypothesis" });

export const ExemptConfig = z
  .strictObject({
    /** A PR with this label passes the check as exempt. */
    label: label.default("no-hypothesis"),
    /** Regular expressions (case-insensitive); a PR whose title matches one is exempt. */
    titlePatterns: z.array(regex).max(50).default(DEFAULT_TITLE_PATTERNS),
    /** Logins whose PRs are exempt. */
    authors: z.array(z.string().min(1)).max(200).default(["dependabot[bot]", "renovate[bot]"]),
    /** Globs; a PR whose changed files all match is exempt. Empty: no path exemption. */
    paths: z.array(glob).max(100).default([]),
  })
  .default({ label: "no-hypothesis", titlePatterns: DEFAULT_TITLE_PATTERNS, authors: ["dependabot[bot]", "renovate[bot]"], paths: [] });

const environmentName = z.string().trim().min(1, "must not be empty").max(255);

export const ShipConfig = z
  .strictObject({
    /** What counts as shipped: a successful deployment, a published release, or a merge into the default branch. */
    on: z.array(z.enum(["deployment", "release", "merge"])).min(1, "name at least one source").default(["deployment"]),
    /** Deployment environments (globs) that reach users. */
    environments: z.array(glob).min(1, "name at least one environment").max(50).default(["production"]),
    /** The environment name releases and merges ship to. */
    environment: environmentName.default("production"),
  })
  .default({ on: ["deployment"], environments: ["production"], environment: "production" });

export const SenseConfig = z
  .strictObject({
    /** The label on sense issues. */
    label: label.default("sense"),
  })
  .default({ label: "sense" });

const handle = z.string().regex(/^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]+)?$/, "must be a user login or an org/team slug");

export const RespondConfig = z
  .strictObject({
    /** How many times `/extend` may move a sense item's due date. */
    maxExtensions: z.number().int().min(0).max(10).default(2),
    /** Reopen a sense issue closed without a recorded response, asking for `/respond`. */
    reopenWithoutResponse: z.boolean().default(true),
    /** Days after the due date before an item counts as overdue. */
    graceDays: z.number().int().min(0).max(60).default(0),
    /** Days after becoming overdue before the one escalation comment. */
    escalateAfterDays: z.number().int().min(1).max(90).default(7),
    /** Users or teams (org/team) mentioned in the escalation. */
    escalateTo: z.array(handle).max(20).default([]),
    /** The label added to overdue sense issues. */
    overdueLabel: label.default("needs-response"),
  })
  .default({ maxExtensions: 2, reopenWithoutResponse: true, graceDays: 0, escalateAfterDays: 7, escalateTo: [], overdueLabel: "needs-response" });

export const DashboardConfig = z
  .strictObject({
    /** Keep a dashboard issue in this repository. */
    issue: z.boolean().default(true),
    /** Its title when created; renaming it later is fine, it is found by a hidden marker. */
    title: z.string().trim().min(1).max(200).default("Senseloop dashboard"),
  })
  .default({ issue: true, title: "Senseloop dashboard" });

/** `.github/senseloop.yml`. Every key is optional; a missing file means every default. */
export const RepoConfig = z.strictObject({
  /** enforce: a PR with no hypothesis fails. advisory: it is neutral. off: no check run. */
  mode: z.enum(["enforce", "advisory", "off"]).default("enforce"),
  hypotheses: HypothesesConfig,
  exempt: ExemptConfig,
  ship: ShipConfig,
  sense: SenseConfig,
  respond: RespondConfig,
  dashboard: DashboardConfig,
});
export type RepoConfig = z.infer<typeof RepoConfig>;

export const DEFAULT_CONFIG: RepoConfig = RepoConfig.parse({});
