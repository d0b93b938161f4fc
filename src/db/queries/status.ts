import { and, asc, desc, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.js";
import { deadJobs, deliveries, installations, repositories } from "../schema/index.js";
import { inIds } from "./id-list.js";

/**
 * What of the operator's view a person may see: the repositories they may see and those
 * repositories' installations. Undefined means everything (the operator on this machine).
 */
export interface StatusScope {
  repositoryIds: number[];
  installationIds: number[];
}

/** A delivery about a visible repository, or about a visible installation as a whole. */
export function visibleDelivery(scope: StatusScope | undefined): SQL | undefined {
  if (!scope) return undefined;
  return sql`(${inIds(deliveries.repositoryId, scope.repositoryIds)} or (${deliveries.repositoryId} is null and ${inIds(deliveries.installationId, scope.installationIds)}))`;
}

/** A dead job whose data names a visible repository, installation, sense item or delivery. */
function visibleDeadJob(scope: StatusScope | undefined): SQL | undefined {
  if (!scope) return undefined;
  const field = (name: string) => sql`case when jsonb_typeof(${deadJobs.data} -> ${name}) = 'number' then (${deadJobs.data} ->> ${name})::bigint end`;
  const repos = `{${scope.repositoryIds.join(",")}}`;
  const installs = `{${scope.installationIds.join(",")}}`;
  return sql`(
    ${field("repositoryId")} = any(${repos}::bigint[])
    or ${field("installationId")} = any(${installs}::bigint[])
    or exists (select 1 from sense_items si where si.id = ${field("senseItemId")} and si.repository_id = any(${repos}::bigint[]))
    or exists (select 1 from deliveries d where d.id = ${deadJobs.data} ->> 'deliveryId'
      and (d.repository_id = any(${repos}::bigint[]) or (d.repository_id is null and d.installation_id = any(${installs}::bigint[]))))
  )`;
}

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
export async function listInstallationsWithRepositories(db: Db, params: { repositoryLimit: number; visible?: StatusScope | undefined }): Promise<InstallationStatus[]> {
  const found = await db
    .select()
    .from(installations)
    .where(params.visible ? inIds(installations.id, params.visible.installationIds) : undefined)
    .orderBy(asc(installations.accountLogin), asc(installations.id));
  const repos = await db
    .select({ id: repositories.id, installationId: repositories.installationId, owner: repositories.owner, name: repositories.name, private: repositories.private, configStatus: repositories.configStatus })
    .from(repositories)
    .where(and(isNull(repositories.removedAt), params.visible ? inIds(repositories.id, params.visible.repositoryIds) : undefined))
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
export async function listRecentDeliveries(db: Db, params: { limit: number; visible?: StatusScope | undefined }): Promise<RecentDelivery[]> {
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
    .where(visibleDelivery(params.visible))
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
export async function listDeadJobs(db: Db, params: { limit: number; visible?: StatusScope | undefined }): Promise<DeadJob[]> {
  return db
    .select({ jobId: deadJobs.jobId, queue: deadJobs.queue, reason: deadJobs.reason, failedAt: deadJobs.failedAt })
    .from(deadJobs)
    .where(visibleDeadJob(params.visible))
    .orderBy(desc(deadJobs.failedAt), desc(deadJobs.jobId))
    .limit(params.limit);
}
