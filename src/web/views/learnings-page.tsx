import type { FC } from "hono/jsx";
import type { Decision } from "../../domain/commands.js";
import type { LearningEntry } from "../../services/pages/learnings-data.js";
import { fullName, type VisibleRepository } from "../../services/pages/visible.js";
import { DecisionLabel } from "./figures.js";
import { Layout, type Nav } from "./layout.js";
import { Time } from "./time-text.js";

export interface LearningsView {
  owner: string;
  repositories: VisibleRepository[];
  filter: { decision: Decision | undefined; repository: string | undefined; text: string | undefined };
  rows: LearningEntry[];
  /** The next page's address, or null on the last page. */
  nextUrl: string | null;
  firstUrl: string | null;
}

const DECISIONS: { value: Decision; label: string }[] = [
  { value: "persevere", label: "Persevere" },
  { value: "pivot", label: "Pivot" },
  { value: "kill", label: "Kill" },
];

/** `/:owner/learnings`: every recorded response, newest first, to find what was already tried. */
export const LearningsPage: FC<{ data: LearningsView; nav: Nav }> = ({ data, nav }) => {
  const base = `/${encodeURIComponent(data.owner)}`;
  const filtered = data.filter.decision || data.filter.repository || data.filter.text;
  return (
    <Layout title={`Learning log · ${data.owner}`} nav={nav}>
      <p class="crumbs">
        <a href="/">Organisations</a> / <a href={base}>{data.owner}</a> /
      </p>
      <h1>Learning log</h1>
      <p class="muted">Every decision a team recorded on what it shipped. A pivot or a kill is a result: it is what stops the next team trying the same thing.</p>
      <form class="filters" method="get" action={`${base}/learnings`} role="search">
        <div class="field">
          <label for="q">Search</label>
          <input type="search" id="q" name="q" value={data.filter.text ?? ""} placeholder="words in the learning or the hypothesis" />
        </div>
        <div class="field">
          <label for="decision">Decision</label>
          <select id="decision" name="decision">
            <option value="">Any</option>
            {DECISIONS.map((d) => (
              <option value={d.value} selected={data.filter.decision === d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="repo">Repository</label>
          <select id="repo" name="repo">
            <option value="">All</option>
            {data.repositories.map((repo) => (
              <option value={repo.name} selected={data.filter.repository?.toLowerCase() === repo.name.toLowerCase()}>
                {fullName(repo)}
              </option>
            ))}
          </select>
        </div>
        <button class="btn" type="submit">
          Filter
        </button>
        {filtered ? <a href={`${base}/learnings`}>Clear</a> : null}
      </form>
      {data.rows.length === 0 ? (
        <p class="muted">{filtered ? "No recorded response matches." : "No response has been recorded yet."}</p>
      ) : (
        <ul class="entries">
          {data.rows.map((row) => (
            <li>
              <DecisionLabel decision={row.decision} />{" "}
              <a href={`${base}/${encodeURIComponent(row.repository.name)}/hypotheses/${row.hypothesis.number}`}>
                {row.hypothesis.title}
              </a>{" "}
              <span class="muted">
                · {fullName(row.repository)}#{String(row.hypothesis.number)} · {row.environment} · <Time at={row.respondedAt} /> by {row.actorLogin} · <a href={row.commentUrl}>comment</a>
              </span>
              <p class="learning">{row.learning}</p>
            </li>
          ))}
        </ul>
      )}
      <nav class="pager" aria-label="Pages">
        {data.firstUrl ? <a href={data.firstUrl}>Newest</a> : null}
        {data.nextUrl ? <a href={data.nextUrl}>Older</a> : null}
      </nav>
    </Layout>
  );
};
