import type { FC } from "hono/jsx";
import { formatNumber } from "../../domain/signal-evaluate.js";
import type { HypothesisData, ShipView, TimelineEvent } from "../../services/pages/hypothesis-data.js";
import { fullName } from "../../services/pages/visible.js";
import { DecisionLabel } from "./figures.js";
import { Layout, type Nav } from "./layout.js";
import { Sparkline } from "./sparkline.js";
import { Time } from "./time-text.js";

const SOURCE: Record<string, string> = { deployment: "deployment", release: "release", merge: "merge" };

const ShipName: FC<{ ship: ShipView }> = ({ ship }) => {
  const name = `${SOURCE[ship.source] ?? ship.source} ${ship.sourceRef}`;
  return ship.url ? <a href={ship.url}>{name}</a> : <>{name}</>;
};

const Pulls: FC<{ ship: ShipView }> = ({ ship }) => (
  <>
    {ship.pulls.map((pr, i) => (
      <>
        {i > 0 ? ", " : ""}
        <a href={pr.htmlUrl}>
          {pr.repo}#{String(pr.number)}
        </a>{" "}
        {pr.title}
        {pr.left ? <span class="muted"> (left the environment)</span> : null}
      </>
    ))}
    {ship.hiddenPulls > 0 ? <span class="muted">{`${ship.pulls.length > 0 ? ", and " : ""}${ship.hiddenPulls} in ${ship.hiddenPulls === 1 ? "a repository" : "repositories"} you cannot see`}</span> : null}
  </>
);

const Event: FC<{ event: TimelineEvent }> = ({ event }) => {
  switch (event.kind) {
    case "shipped":
      return (
        <>
          Shipped to <strong>{event.environment}</strong> in <ShipName ship={event.ship} />: <Pulls ship={event.ship} />
        </>
      );
    case "reminded":
      return <>Reminder posted on the sense issue ({event.environment}){event.url ? <> · <a href={event.url}>comment</a></> : null}</>;
    case "escalated":
      return <>Escalated on the sense issue ({event.environment}){event.url ? <> · <a href={event.url}>comment</a></> : null}</>;
    case "extended":
      return (
        <>
          {event.actorLogin} extended {event.environment} by {String(event.days)} days, to <Time at={event.newDueAt} />: {event.reason}
        </>
      );
    case "rolled_back":
      return <>Rolled back from {event.environment}: its PRs left the environment.</>;
    case "responded":
      return (
        <>
          <DecisionLabel decision={event.decision} /> {event.actorLogin} responded for {event.environment} · <a href={event.url}>comment</a>
          <p class="learning">{event.learning}</p>
        </>
      );
  }
};

/** Each environment's readings in words and as a table: the sparklines' text alternative, and what print shows. */
const Readings: FC<{ loops: HypothesisData["loops"] }> = ({ loops }) => {
  const read = loops.filter((loop) => loop.trend !== null);
  if (read.length === 0) return null;
  return (
    <>
      <h3>Signal readings</h3>
      {read.map((loop) => (
        <details class="readings">
          <summary>
            <strong>{loop.environment}</strong>: {loop.trend!.sentence}
          </summary>
          <table>
            <thead>
              <tr>
                <th>Read for</th>
                <th>Slot</th>
                <th class="num">Value</th>
              </tr>
            </thead>
            <tbody>
              {loop.trend!.points.map((p) => (
                <tr>
                  <td>
                    <Time at={p.at} />
                  </td>
                  <td>{p.kind === "due" ? "due date" : p.kind}</td>
                  <td class="num">
                    {formatNumber(p.value)}
                    {p.unit ? ` ${p.unit}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </>
  );
};

const Field: FC<{ name: string; value: string | null }> = ({ name, value }) => (
  <>
    <dt>{name}</dt>
    <dd>{value ?? <span class="muted">not written</span>}</dd>
  </>
);

/** `/:owner/:repo/hypotheses/:number`: the hypothesis, every ship per environment, and what happened, in order. */
export const HypothesisPage: FC<{ data: HypothesisData; nav: Nav }> = ({ data, nav }) => {
  const { repository: repo, hypothesis: h } = data;
  const base = `/${encodeURIComponent(repo.owner)}`;
  return (
    <Layout title={`#${h.number} ${h.title}`} nav={nav}>
      <p class="crumbs">
        <a href="/">Organisations</a> / <a href={base}>{repo.owner}</a> / <a href={`${base}/${encodeURIComponent(repo.name)}`}>{repo.name}</a> /
      </p>
      <h1>
        {h.title} <span class="muted">#{String(h.number)}</span>
      </h1>
      <p>
        <a href={h.htmlUrl}>The issue on GitHub</a> · {h.state} · owners: {h.owners.length > 0 ? h.owners.join(", ") : "nobody named"} · sensed {String(h.senseAfterDays)} days after shipping
      </p>
      <dl class="fields">
        <Field name="We believe" value={h.belief} />
        <Field name="Who" value={h.who} />
        <Field name="Does what" value={h.doesWhat} />
        <Field name="By how much" value={h.byHowMuch} />
        <Field name="Signal" value={h.signal} />
      </dl>

      <h2>Loops</h2>
      {data.loops.length === 0 ? (
        <p class="muted">Not shipped yet: a loop opens when a PR naming this hypothesis reaches an environment.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Environment</th>
              <th>State</th>
              <th>Shipped</th>
              <th>Due</th>
              <th>Sense issue</th>
              <th>Decision</th>
              <th>Signal</th>
            </tr>
          </thead>
          <tbody>
            {data.loops.map((loop) => (
              <tr>
                <td>{loop.environment}</td>
                <td>{loop.state.replace("_", " ")}</td>
                <td>
                  <Time at={loop.shippedAt} />
                </td>
                <td>
                  <Time at={loop.dueAt} />
                </td>
                <td>{loop.issue ? <a href={loop.issue.url}>#{String(loop.issue.number)}</a> : <span class="muted">not opened yet</span>}</td>
                <td>{loop.response ? <DecisionLabel decision={loop.response.decision} /> : <span class="muted">none yet</span>}</td>
                <td>
                  <Sparkline trend={loop.trend} label={`Signal in ${loop.environment}`} width={160} height={32} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Readings loops={data.loops} />

      <h2>Timeline</h2>
      {data.timeline.length === 0 ? (
        <p class="muted">Nothing has happened to it yet.</p>
      ) : (
        <ol class="timeline">
          {data.timeline.map((event) => (
            <li>
              <Time at={event.at} />
              <Event event={event} />
            </li>
          ))}
        </ol>
      )}
      <p class="muted">Hypothesis of {fullName(repo)}.</p>
    </Layout>
  );
};
