import { dashboardRows } from "../db/queries/dashboard.js";
import { hypothesisOwners } from "../domain/hypothesis.js";
import { getInstallation, getRepository } from "../db/queries/repositories.js";
import { readingsSoFar } from "../domain/reading-summary.js";
import { checkSignalQuery } from "../domain/signal-query.js";
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
  const owner = (await getInstallation(scope.db, repository.installationId))?.accountLogin ?? "";
  const sources = scope.signals.list();
  const data = {
    ...rows,
    items: rows.items.map(({ assignees, authorLogin, signalQuery, byHowMuch, slots, ...item }) => {
      const query = checkSignalQuery(signalQuery, sources, owner);
      const signal = query === null ? null : { problem: "problem" in query ? query.problem : null, byHowMuch, readings: readingsSoFar(slots, item.dueAt) };
      return { ...item, owners: hypothesisOwners({ assignees, authorLogin }), signal };
    }),
  };
  const body = renderDashboard(data, { graceDays: loaded.config.respond.graceDays });
  const written = await ensureDashboardIssue(scope.gh, scope.ledger, repository.id, ref, loaded.config.dashboard.title, body, renderDashboardMarker());
  if (written.status === "refused") return "refused";
  if (written.status === "created") scope.log.info({ issue: written.result.number }, "dashboard issue opened");
  return written.status === "done" ? "unchanged" : written.status;
}
