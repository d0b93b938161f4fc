import type { FC } from "hono/jsx";
import type { RefusedPermission } from "../../db/queries/permission-refusals.js";
import type { ReconcileRunRow } from "../../db/queries/reconcile.js";
import { Time } from "./time-text.js";

/** The latest reconcile runs: how many deliveries GitHub listed, how many Senseloop missed, and what was asked for again. */
export const MissedDeliveries: FC<{ runs: ReconcileRunRow[] }> = ({ runs }) => (
  <>
    <h2>Missed deliveries</h2>
    {runs.length === 0 ? (
      <p class="muted">Not reconciled yet: the first run compares GitHub's delivery log of the last three days with what arrived.</p>
    ) : (
      <table>
        <caption class="muted">Reconcile runs, newest first: GitHub's delivery log compared with what Senseloop recorded.</caption>
        <thead>
          <tr>
            <th>Started</th>
            <th>Trigger</th>
            <th>Since</th>
            <th class="num">Listed</th>
            <th class="num">Missing</th>
            <th class="num">Redelivered</th>
            <th class="num">Skipped</th>
            <th>Outcome</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr>
              <td>
                <Time at={run.startedAt} />
              </td>
              <td>{run.trigger}</td>
              <td>
                <Time at={run.since} />
              </td>
              <td class="num">{String(run.listed)}</td>
              <td class="num">{String(run.missing)}</td>
              <td class="num">{String(run.redelivered)}</td>
              <td class="num">{String(run.skipped)}</td>
              <td>{run.error ? <span class="label label-danger">failed</span> : run.finishedAt ? <span class="label label-success">done</span> : <span class="label label-attention">running</span>}{run.error ? <span class="muted"> {run.error}</span> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </>
);

/** Permissions GitHub said an installation has not granted: what is off, where, and how to turn it back on. */
export const RefusedPermissions: FC<{ refusals: RefusedPermission[] }> = ({ refusals }) =>
  refusals.length === 0 ? null : (
    <>
      <h2>Permissions not granted</h2>
      <p>
        GitHub refused these requests with "Resource not accessible by integration": the installation has not accepted a permission Senseloop asks for. What needs it is off there (tried
        again once a day). An owner can accept the new permissions in the installation's settings on GitHub; Senseloop then tries at once.
      </p>
      <table>
        <thead>
          <tr>
            <th>Installation</th>
            <th>Repository</th>
            <th>Permission</th>
            <th>Last refused</th>
            <th class="num">Times</th>
          </tr>
        </thead>
        <tbody>
          {refusals.map((refusal) => (
            <tr>
              <td>{refusal.accountLogin ?? String(refusal.installationId)}</td>
              <td>{refusal.repository ? <code>{refusal.repository}</code> : ""}</td>
              <td>
                <code>{refusal.permission}</code> <span class="muted">{refusal.request}</span>
              </td>
              <td>
                <Time at={refusal.lastSeenAt} />
              </td>
              <td class="num">{String(refusal.refusals)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
