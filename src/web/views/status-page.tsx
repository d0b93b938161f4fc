import type { FC } from "hono/jsx";
import type { DeliveryCount } from "../../db/queries/deliveries.js";
import type { RefusedPermission } from "../../db/queries/permission-refusals.js";
import type { ReconcileRunRow } from "../../db/queries/reconcile.js";
import type { DeadJob, InstallationStatus, RecentDelivery } from "../../db/queries/status.js";
import { MissedDeliveries, RefusedPermissions } from "./github-faults.js";
import { Layout, type Nav } from "./layout.js";
import { Time } from "./time-text.js";

export interface StatusPageData {
  appId: number;
  appSlug: string | undefined;
  /** Where GitHub posts, or undefined when this process does not receive webhooks (worker role). */
  webhookPath: string | undefined;
  webhookProxyUrl: string | undefined;
  countsSince: Date;
  counts: DeliveryCount[];
  installations: InstallationStatus[];
  deliveries: RecentDelivery[];
  deadJobs: DeadJob[];
  /** Who sees it: a signed-in person (limited to what they may see), or a request on this machine. */
  audience?: "viewer" | "local";
  /** The latest reconcile runs, newest first. */
  reconcileRuns?: ReconcileRunRow[];
  refusals?: RefusedPermission[];
  /** When the page was made, to tell a rate limit in force from an old one. */
  now?: Date;
}

const OUTCOME_CLASS: Record<string, string> = { done: "label-success", dead: "label-danger", queued: "label-attention" };

const Outcome: FC<{ status: string; reason: string | null }> = ({ status, reason }) => (
  <>
    <span class={`label ${OUTCOME_CLASS[status] ?? ""}`}>{status}</span>
    {reason ? <span class="muted"> {reason}</span> : null}
  </>
);

/** `/status`: which app this is, where it is installed, and what it received lately. */
export const StatusPage: FC<{ data: StatusPageData; nav?: Nav }> = ({ data, nav }) => (
  <Layout title="Status" nav={nav}>
    <h1>Status</h1>
    {data.audience === "viewer" ? <p class="muted">Limited to the repositories you can see and their installations.</p> : null}
    {data.audience === "local" ? <p class="flash flash-warn">Shown only to requests from this machine, because signing in is not set up: it names repositories that may be private.</p> : null}
    <p>
      Connected as GitHub App <code>{String(data.appId)}</code>
      {data.appSlug ? (
        <>
          {" "}
          (<code>{data.appSlug}</code>)
        </>
      ) : null}
      .{" "}
      {data.webhookPath ? (
        <>
          Webhooks are received at <code>{data.webhookPath}</code>
          {data.webhookProxyUrl ? (
            <>
              {" "}
              through the proxy <code>{data.webhookProxyUrl}</code>
            </>
          ) : null}
          .
        </>
      ) : (
        "This process runs jobs only; another one receives the webhooks."
      )}
    </p>

    <h2>Deliveries since <Time at={data.countsSince} /></h2>
    {data.counts.length === 0 ? (
      <p class="muted">None.</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>Outcome</th>
            <th>Reason</th>
            <th class="num">Count</th>
          </tr>
        </thead>
        <tbody>
          {data.counts.map((row) => (
            <tr>
              <td>{row.status}</td>
              <td>{row.reason ?? ""}</td>
              <td class="num">{String(row.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}

    <h2>Installations</h2>
    {data.installations.length === 0 ? (
      <p class="muted">Not installed anywhere yet. Install the app on a repository from its page on GitHub.</p>
    ) : (
      data.installations.map((installation) => (
        <div class="box">
          <h3>
            {installation.accountLogin} <span class="muted">({installation.accountType.toLowerCase()}, installation {String(installation.id)})</span>{" "}
            {!installation.active ? <span class="label label-danger">removed</span> : installation.suspended ? <span class="label label-attention">suspended</span> : null}
            {installation.rateLimitedUntil && data.now && installation.rateLimitedUntil > data.now ? (
              <span class="label label-attention">
                rate limited until <Time at={installation.rateLimitedUntil} />
              </span>
            ) : null}
          </h3>
          {installation.repositories.length === 0 ? (
            <p class="muted">No repositories seen yet.</p>
          ) : (
            <ul>
              {installation.repositories.map((repo) => (
                <li>
                  <code>{repo.fullName}</code>
                  {repo.private ? <span class="muted"> private</span> : null}
                  {repo.configStatus === "invalid" ? <span class="label label-danger">configuration invalid</span> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))
    )}

    {data.refusals ? <RefusedPermissions refusals={data.refusals} /> : null}

    <h2>Latest deliveries</h2>
    {data.deliveries.length === 0 ? (
      <p class="muted">None yet.</p>
    ) : (
      <table>
        <caption class="muted">The last {String(data.deliveries.length)}, newest first.</caption>
        <thead>
          <tr>
            <th>Received</th>
            <th>Event</th>
            <th>Repository</th>
            <th>Outcome</th>
          </tr>
        </thead>
        <tbody>
          {data.deliveries.map((delivery) => (
            <tr>
              <td>
                <Time at={delivery.receivedAt} />
              </td>
              <td>
                <code>{delivery.action ? `${delivery.event}.${delivery.action}` : delivery.event}</code>
              </td>
              <td>{delivery.repositoryFullName ?? ""}</td>
              <td>
                <Outcome status={delivery.status} reason={delivery.reason} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}

    {data.reconcileRuns ? <MissedDeliveries runs={data.reconcileRuns} /> : null}

    <h2>Dead jobs</h2>
    {data.deadJobs.length === 0 ? (
      <p class="muted">None: every job succeeded or is still being retried.</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>Failed</th>
            <th>Queue</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {data.deadJobs.map((job) => (
            <tr>
              <td>
                <Time at={job.failedAt} />
              </td>
              <td>
                <code>{job.queue}</code>
              </td>
              <td>{job.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </Layout>
);
