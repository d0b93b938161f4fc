import { dashboardRows } from "../db/queries/dashboard.js";
import { hypothesisOwners } from "../domain/hypothesis.js";
import { getRepository } from "../db/queries/repositories.js";
import { renderDashboard } from "../domain/dashboard.js";
import { renderDashboardMarker } from "../domain/markers.js";
import { ensureDashboardIssue } from "../github/ensure.js";
import { readRepoConfig } from "./repo-config.js";
import type { Scope } from "./scope.js";

export type DashboardOutcome = "off" | "unchanged" | "updated" | "created" | "found" | "refused";

/**
 * Renders a repository's dashboard and writes it to its one issue, found by our marker (never by
 * its title, so a rename is harmless). An edit that would not change the body is skipped.
 */
export async function refreshDashboard(scope: Scope, repositoryId: number): Promise<DashboardOutcome> {
  const repository = await getRepository(scope.db, repositoryId);
  if (!repository) return "off";
  const ref = { owner: repository.owner, repo: repository.name };
  const loaded = await readRepoConfig(scope, repository.id, ref);
  if (!loaded.ok || !loaded.config.dashboard.issue) return "off";

  const rows = await dashboardRows(scope.db, repository.id, loaded.config.hypotheses.label, scope.clock.now());
  const data = { ...rows, items: rows.items.map(({ assignees, authorLogin, ...item }) => ({ ...item, owners: hypothesisOwners({ assignees, authorLogin }) })) };
  const body = renderDashboard(data, { graceDays: loaded.config.respond.graceDays });
  const written = await ensureDashboardIssue(scope.gh, scope.ledger, repository.id, ref, loaded.config.dashboard.title, body, renderDashboardMarker());
  if (written.status === "refused") return "refused";
  if (written.status === "created") scope.log.info({ issue: written.result.number }, "dashboard issue opened");
  return written.status === "done" ? "unchanged" : written.status;
}
