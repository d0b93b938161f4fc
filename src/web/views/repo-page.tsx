import type { FC } from "hono/jsx";
import { isoWeekLabel, monthLabel } from "../../domain/calendar.js";
import type { ListedLoop, LoopList, RepositoryData, RepositoryLoop } from "../../services/pages/repository-data.js";
import { fullName } from "../../services/pages/visible.js";
import { BarChart, ShareLineChart, StackedBarChart } from "./charts.js";
import { count, daysWord, DecisionLabel, DecisionMix, figureTiles, Tiles } from "./figures.js";
import { Layout, type Nav } from "./layout.js";
import { Sparkline } from "./sparkline.js";
import { utcText } from "./time-text.js";

const date = (at: Date) => at.toISOString().slice(0, 10);

const HypothesisLink: FC<{ repo: RepositoryData["repository"]; loop: RepositoryLoop }> = ({ repo, loop }) => (
  <a href={`/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}/hypotheses/${loop.hypothesis.number}`}>
    #{String(loop.hypothesis.number)} {loop.hypothesis.title}
  </a>
);

const SenseIssue: FC<{ loop: RepositoryLoop }> = ({ loop }) => (loop.issueUrl && loop.issueNumber !== null ? <a href={loop.issueUrl}>#{String(loop.issueNumber)}</a> : <span class="muted">not opened yet</span>);

const Owners: FC<{ loop: RepositoryLoop }> = ({ loop }) => <>{loop.owners.length === 0 ? <span class="muted">nobody named</span> : loop.owners.join(", ")}</>;

const Signal: FC<{ loop: ListedLoop }> = ({ loop }) => <Sparkline trend={loop.trend} label={`Signal of #${loop.hypothesis.number} in ${loop.environment}`} />;

const More: FC<{ list: LoopList }> = ({ list }) => (list.total > list.rows.length ? <p class="muted">…and {count(list.total - list.rows.length)} more; the API lists them all.</p> : null);

const LoopTable: FC<{ repo: RepositoryData["repository"]; list: LoopList; empty: string; when: string; whenOf: (loop: RepositoryLoop) => string }> = ({ repo, list, empty, when, whenOf }) =>
  list.total === 0 ? (
    <p class="muted">{empty}</p>
  ) : (
    <>
      <table>
        <thead>
          <tr>
            <th>Hypothesis</th>
            <th>Environment</th>
            <th>{when}</th>
            <th>Owners</th>
            <th>Sense issue</th>
            <th>Signal</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((loop) => (
            <tr>
              <td>
                <HypothesisLink repo={repo} loop={loop} />
              </td>
              <td>{loop.environment}</td>
              <td>{whenOf(loop)}</td>
              <td>
                <Owners loop={loop} />
              </td>
              <td>
                <SenseIssue loop={loop} />
              </td>
              <td>
                <Signal loop={loop} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <More list={list} />
    </>
  );

/** `/:owner/:repo`: overdue loops first, then sensing, responded, rolled back, not shipped yet, and three charts. */
export const RepoPage: FC<{ data: RepositoryData; nav: Nav }> = ({ data, nav }) => {
  const repo = data.repository;
  const base = `/${encodeURIComponent(repo.owner)}`;
  const { waits, closure, merged } = data.charts;
  const slowest = waits.reduce<(typeof waits)[number] | undefined>((a, b) => (a && a.days >= b.days ? a : b), undefined);
  return (
    <Layout title={fullName(repo)} nav={nav}>
      <p class="crumbs">
        <a href="/">Organisations</a> / <a href={base}>{repo.owner}</a> /
      </p>
      <h1>{fullName(repo)}</h1>
      <Tiles tiles={figureTiles(data.figures)} label={`Headline numbers of ${fullName(repo)}`} />
      <DecisionMix mix={data.figures.mix} learningsUrl={`${base}/learnings?repo=${encodeURIComponent(repo.name)}`} />

      <section id="overdue">
        <h2>Overdue ({count(data.overdue.total)})</h2>
        <LoopTable repo={repo} list={data.overdue} empty="Nothing is overdue." when="Overdue" whenOf={(loop) => `${loop.daysOverdue === 0 ? "due today" : daysWord(loop.daysOverdue)} (due ${date(loop.dueAt)})`} />
      </section>

      <section id="sensing">
        <h2>Sensing ({count(data.sensing.total)})</h2>
        <LoopTable repo={repo} list={data.sensing} empty="Nothing is being sensed right now." when="Due" whenOf={(loop) => date(loop.dueAt)} />
      </section>

      <section id="responded">
        <h2>Responded in the last 90 days ({count(data.responded.total)})</h2>
        {data.responded.total === 0 ? (
          <p class="muted">No responses in the last 90 days.</p>
        ) : (
          <ul class="entries">
            {data.responded.rows.map((loop) => (
              <li>
                <DecisionLabel decision={loop.response!.decision} /> <HypothesisLink repo={repo} loop={loop} /> <span class="muted">· {loop.environment} · {utcText(loop.response!.respondedAt)} by {loop.response!.actorLogin}</span>
                {loop.trend ? (
                  <span class="entry-signal">
                    <Signal loop={loop} />
                  </span>
                ) : null}
                <p class="learning">{loop.response!.learning}</p>
              </li>
            ))}
          </ul>
        )}
        <More list={data.responded} />
        <p>
          <a href={`${base}/learnings?repo=${encodeURIComponent(repo.name)}`}>Every response of this repository in the learning log</a>
        </p>
      </section>

      <section id="rolled-back">
        <h2>Rolled back ({count(data.rolledBack.total)})</h2>
        <LoopTable repo={repo} list={data.rolledBack} empty="Nothing was rolled back." when="Shipped" whenOf={(loop) => date(loop.shippedAt)} />
      </section>

      <section id="not-shipped">
        <h2>Not shipped yet ({count(data.unshipped.total)})</h2>
        {data.unshipped.total === 0 ? (
          <p class="muted">No hypothesis is waiting to ship.</p>
        ) : (
          <ul>
            {data.unshipped.rows.map((h) => (
              <li>
                <a href={`${base}/${encodeURIComponent(repo.name)}/hypotheses/${h.number}`}>
                  #{String(h.number)} {h.title}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section id="charts">
        <h2>Charts</h2>
        <h3>Days from ship to response</h3>
        <BarChart
          id="response-days"
          title={`Days from ship to response, latest ${waits.length} responses of ${fullName(repo)}`}
          summary={slowest ? `The latest ${waits.length} responses, oldest first; the longest wait was ${Math.round(slowest.days)} days (#${slowest.of.hypothesis.number}, ${slowest.of.environment}).` : ""}
          unit="days"
          empty="No responses yet."
          bars={waits.map((w) => ({ label: `#${w.of.hypothesis.number}`, value: w.days, name: `#${w.of.hypothesis.number} ${w.of.environment}` }))}
        />
        <h3>Loop closure by month</h3>
        <ShareLineChart
          id="closure-by-month"
          title={`Loop closure by month of due date, ${fullName(repo)}`}
          summary={`Of the loops that fell due each month, the share with a response. ${closure.filter((m) => m.due > 0).length} of the last ${closure.length} months had loops fall due.`}
          series={["Loop closure"]}
          points={closure.map((m) => ({ label: monthLabel(m.monthStart), values: [m.closureRate] }))}
        />
        <h3>Merged pull requests by week</h3>
        <StackedBarChart
          id="merged-by-week"
          title={`Merged pull requests by week, ${fullName(repo)}`}
          summary={`${count(merged.reduce((n, w) => n + w.linked, 0))} linked to a hypothesis, ${count(merged.reduce((n, w) => n + w.exempt, 0))} exempt and ${count(merged.reduce((n, w) => n + w.missing, 0))} without one, over the last ${merged.length} weeks.`}
          series={["Linked", "Exempt", "Missing"]}
          groups={merged.map((w) => ({ label: isoWeekLabel(w.weekStart).slice(5), parts: [w.linked, w.exempt, w.missing] }))}
        />
      </section>
    </Layout>
  );
};
