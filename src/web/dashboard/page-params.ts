import { z } from "zod";
import { ORG_SORTS } from "../../services/pages/org-data.js";

/** GitHub's login rule, loosely: what could be an owner in a URL. Anything else is not a page. */
const Login = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/);
const RepoName = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/).refine((name) => name !== "." && name !== "..");

export const OwnerParams = z.object({ owner: Login });
export const RepoParams = z.object({ owner: Login, repo: RepoName });
export const HypothesisParams = z.object({ owner: Login, repo: RepoName, number: z.coerce.number().int().positive().max(2_147_483_647) });

/** Lenient query strings: a value that does not parse falls back to the default, like GitHub's own pages. */
export const OrgQuery = z.object({
  sort: z.enum(ORG_SORTS).catch("overdue"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});

export const LearningsQuery = z.object({
  decision: z.enum(["persevere", "pivot", "kill"]).optional().catch(undefined),
  repo: z.string().max(200).optional().transform((v) => (v?.trim() ? v.trim() : undefined)),
  q: z.string().max(200).optional().transform((v) => (v?.trim() ? v.trim() : undefined)),
  cursor: z.string().max(500).optional().transform((v) => v || undefined),
});
