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

/** `.github/senseloop.yml`. Every key is optional; a missing file means every default. */
export const RepoConfig = z.strictObject({
  /** enforce: a PR with no hypothesis fails. advisory: it is neutral. off: no check run. */
  mode: z.enum(["enforce", "advisory", "off"]).default("enforce"),
  hypotheses: HypothesesConfig,
  exempt: ExemptConfig,
});
export type RepoConfig = z.infer<typeof RepoConfig>;

export const DEFAULT_CONFIG: RepoConfig = RepoConfig.parse({});
