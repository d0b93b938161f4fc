import { createHash } from "node:crypto";
import type { Logger } from "probot";
import { dashboardData, getDashboard, saveDashboard } from "../db/queries/dashboard.js";
import { getRepository } from "../db/queries/repositories.js";
import { renderDashboard } from "../domain/dashboard.js";
import { renderDashboardMarker } from "../domain/markers.js";
import { isNotFound } from "../github/errors.js";
import type { GitHub } from "../github/port.js";
import type { DashboardJob } from "../jobs/queues.js";
import type { Runtime } from "../runtime.js";
import { readRepoConfig } from "./repo-config.js";

export type DashboardOutcome = "off" | "unchanged" | "updated" | "created" | "found";

/**
 * Renders a repository's dashboard and writes it to its issue, found by our marker (never by its
 * title, so a rename is harmless). An edit that would not change the body is skipped.
 */
export async function refreshDashboard(rt: Runtime, gh: GitHub, job: DashboardJob, log: Logger): Promise<DashboardOutcome> {
  const repository = await getRepository(rt.db, job.repositoryId);
  if (!repository) return "off";
  const ref = { owner: repository.owner, repo: repository.name };
  const loaded = await readRepoConfig(rt, gh, repository.id, ref);
  if (!loaded.ok || !loaded.config.dashboard.issue) return "off";

  const data = await dashboardData(rt.db, repository.id, loaded.config.hypotheses.label, rt.clock.now());
  const body = renderDashboard(data, { graceDays: loaded.config.respond.graceDays });
  const hash = createHash("sha256").update(body).digest("hex");
  const now = () => rt.clock.now();

  const row = await getDashboard(rt.db, repository.id);
  if (row?.issueNumber) {
    if (row.bodyHash === hash) return "unchanged";
    try {
      await gh.updateIssue(ref, row.issueNumber, { body });
      await saveDashboard(rt.db, repository.id, { issueNumber: row.issueNumber, bodyHash: hash }, now());
      return "updated";
    } catch (err) {
      if (!isNotFound(err)) throw err;
      log.info({ issue: row.issueNumber }, "dashboard issue is gone; looking for another or opening one");
    }
  }

  // Looked for even when this database never knew it (a fresh or moved database), so it is never opened twice.
  const existing = await gh.findOwnIssue(ref, renderDashboardMarker(), { appId: rt.bot.appId, login: rt.bot.login }, { maxPages: 10 });
  if (existing) {
    if (existing.body !== body) await gh.updateIssue(ref, existing.number, { body });
    await saveDashboard(rt.db, repository.id, { issueNumber: existing.number, bodyHash: hash }, now());
    return "found";
  }
  const created = await gh.createIssue(ref, { title: loaded.config.dashboard.title, body, labels: [], assignees: [] });
  await saveDashboard(rt.db, repository.id, { issueNumber: created.number, bodyHash: hash }, now());
  log.info({ issue: created.number }, "dashboard issue opened");
  return "created";
}
