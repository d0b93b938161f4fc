import { z } from "zod";

/** Lenient readers of the webhook fields the handlers use; unknown fields are ignored. */

export const Repository = z.object({
  id: z.number().int(),
  name: z.string(),
  full_name: z.string(),
  owner: z.object({ login: z.string() }),
  default_branch: z.string().optional(),
  private: z.boolean().optional(),
});

const Label = z.union([z.string(), z.object({ name: z.string() })]).transform((l) => (typeof l === "string" ? l : l.name));
const User = z.object({ login: z.string(), type: z.string().optional() });

export const PullRequestEvent = z.object({
  action: z.string(),
  pull_request: z.object({ number: z.number().int() }),
  repository: Repository,
});

export const Issue = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullable().optional(),
  html_url: z.string(),
  state: z.enum(["open", "closed"]),
  labels: z.array(Label).default([]),
  user: User.nullable().optional(),
  assignees: z.array(User).nullable().optional(),
  updated_at: z.string(),
  pull_request: z.unknown().optional(),
});

export const IssuesEvent = z.object({
  action: z.string(),
  issue: Issue,
  repository: Repository,
  sender: User.optional(),
});

export const CheckRunEvent = z.object({
  action: z.string(),
  check_run: z.object({
    id: z.number().int(),
    name: z.string(),
    head_sha: z.string(),
    external_id: z.string().nullable().optional(),
    pull_requests: z.array(z.object({ number: z.number().int() })).default([]),
    app: z.object({ id: z.number().int() }).nullable().optional(),
  }),
  requested_action: z.object({ identifier: z.string() }).nullable().optional(),
  repository: Repository,
  sender: User,
});

export const CheckSuiteEvent = z.object({
  action: z.string(),
  check_suite: z.object({
    head_sha: z.string(),
    pull_requests: z.array(z.object({ number: z.number().int() })).default([]),
    app: z.object({ id: z.number().int() }).nullable().optional(),
  }),
  repository: Repository,
  sender: User,
});

const InstallationRepo = z.object({ id: z.number().int(), name: z.string(), full_name: z.string(), private: z.boolean().optional() });

export const InstallationEvent = z.object({
  action: z.string(),
  installation: z.object({ id: z.number().int(), account: z.object({ login: z.string(), type: z.string().optional() }).nullable().optional() }),
  repositories: z.array(InstallationRepo).nullable().optional(),
});

export const InstallationRepositoriesEvent = z.object({
  action: z.string(),
  installation: z.object({ id: z.number().int(), account: z.object({ login: z.string(), type: z.string().optional() }).nullable().optional() }),
  repositories_added: z.array(InstallationRepo).default([]),
  repositories_removed: z.array(InstallationRepo).default([]),
});

export type Repository = z.infer<typeof Repository>;
export type Issue = z.infer<typeof Issue>;

export const DeploymentStatusEvent = z.object({
  deployment_status: z.object({
    state: z.string(),
    created_at: z.string(),
    target_url: z.string().nullable().optional(),
    log_url: z.string().nullable().optional(),
  }),
  deployment: z.object({
    id: z.number().int(),
    sha: z.string(),
    environment: z.string(),
    transient_environment: z.boolean().optional(),
  }),
  repository: Repository,
});

export const ReleaseEvent = z.object({
  release: z.object({
    id: z.number().int(),
    tag_name: z.string(),
    draft: z.boolean(),
    prerelease: z.boolean(),
    published_at: z.string().nullable().optional(),
    created_at: z.string().optional(),
    html_url: z.string(),
  }),
  repository: Repository,
});

export const MergedPullRequestEvent = z.object({
  pull_request: z.object({
    number: z.number().int(),
    merged: z.boolean().nullable().optional(),
    merged_at: z.string().nullable().optional(),
    merge_commit_sha: z.string().nullable().optional(),
    html_url: z.string(),
    base: z.object({ ref: z.string() }),
  }),
  repository: Repository,
});

export const IssueCommentEvent = z.object({
  action: z.string(),
  comment: z.object({ id: z.number().int(), body: z.string().nullable().optional(), html_url: z.string(), user: User.nullable() }),
  issue: z.object({ number: z.number().int(), pull_request: z.unknown().optional() }),
  repository: Repository,
});

export const MemberEvent = z.object({
  action: z.string(),
  member: z.object({ id: z.number().int(), login: z.string() }),
  repository: Repository,
});

export const AppAuthorizationEvent = z.object({
  action: z.string(),
  sender: z.object({ id: z.number().int(), login: z.string() }),
});

const Paths = z.array(z.string()).default([]);

export const PushEvent = z.object({
  ref: z.string(),
  deleted: z.boolean().default(false),
  forced: z.boolean().default(false),
  commits: z.array(z.object({ added: Paths, modified: Paths, removed: Paths })).default([]),
  repository: Repository,
});
