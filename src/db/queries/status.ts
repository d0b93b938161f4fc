import { asc, desc, isNull } from "drizzle-orm";
import type { Db } from "../client.js";
import { deadJobs, deliveries, installations, repositories } from "../schema/index.js";

export interface InstallationStatus {
  id: number;
  accountLogin: string;
  accountType: string;
  active: boolean;
  suspended: boolean;
  /** Set while (and after) GitHub rate-limited it: no call goes out before this. */
  rateLimitedUntil: Date | null;
  repositories: { id: number; fullName: string; private: boolean; configStatus: string }[];
}

/** Installations we know of and their current repositories, for the status page. */
export async function listInstallationsWithRepositories(db: Db, params: { repositoryLimit: number }): Promise<InstallationStatus[]> {
  const found = await db.select().from(installations).orderBy(asc(installations.accountLogin), asc(installations.id));
  const repos = await db
    .select({ id: repositories.id, installationId: repositories.installationId, owner: repositories.owner, name: repositories.name, private: repositories.private, configStatus: repositories.configStatus })
    .from(repositories)
    .where(isNull(repositories.removedAt))
    .orderBy(asc(repositories.fullNameKey))
    .limit(params.repositoryLimit);
  return found.map((installation) => ({
    id: installation.id,
    accountLogin: installation.accountLogin,
    accountType: installation.accountType,
    active: installation.active,
    suspended: installation.suspended,
    rateLimitedUntil: installation.rateLimitedUntil,
    repositories: repos
      .filter((repo) => repo.installationId === installation.id)
      .map((repo) => ({ id: repo.id, fullName: `${repo.owner}/${repo.name}`, private: repo.private, configStatus: repo.configStatus })),
  }));
}

export interface RecentDelivery {
  id: string;
  event: string;
  action: string | null;
  repositoryFullName: string | null;
  status: string;
  reason: string | null;
  receivedAt: Date;
}

/** The latest deliveries, newest first, without their payloads. */
export async function listRecentDeliveries(db: Db, params: { limit: number }): Promise<RecentDelivery[]> {
  return db
    .select({
      id: deliveries.id,
      event: deliveries.event,
      action: deliveries.action,
      repositoryFullName: deliveries.repositoryFullName,
      status: deliveries.status,
      reason: deliveries.reason,
      receivedAt: deliveries.receivedAt,
    })
    .from(deliveries)
    .orderBy(desc(deliveries.receivedAt), desc(deliveries.id))
    .limit(params.limit);
}

export interface DeadJob {
  jobId: string;
  queue: string;
  reason: string;
  failedAt: Date;
}

/** Jobs that will not be retried, newest first, with why. */
export async function listDeadJobs(db: Db, params: { limit: number }): Promise<DeadJob[]> {
  return db
    .select({ jobId: deadJobs.jobId, queue: deadJobs.queue, reason: deadJobs.reason, failedAt: deadJobs.failedAt })
    .from(deadJobs)
    .orderBy(desc(deadJobs.failedAt), desc(deadJobs.jobId))
    .limit(params.limit);
}
