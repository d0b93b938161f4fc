import type { FC } from "hono/jsx";
import { isoWeekLabel } from "../../domain/calendar.js";
import type { FeatureFactoryWeek } from "../../domain/feature-factory.js";
import type { OrgData, OrgSort, SortDirection } from "../../services/pages/org-data.js";
import { fullName } from "../../services/pages/visible.js";
import { ShareLineChart } from "./charts.js";
import { count, dayCount, DecisionMix, figureTiles, percent, Tiles } from "./figures.js";
import { Layout, type Nav } from "./layout.js";

/** The way each column sorts first: the ones needing attention on top. */
export const FIRST_DIRECTION: Record<OrgSort, SortDirection> = { name: "asc", overdue: "desc", sensing: "desc", responded: "desc", median: "desc", closure: "asc", linked: "asc" };

const COLUMNS: { sort: OrgSort; label: string }[] = [
  { sort: "name", label: "Repository" },
  { sort: "overdue", label: "Overdue" },
  { sort: "sensing", label: "Sensing" },
  { sort: "responded", label: "Responded (90 days)" },
  { sort: "median", label: "Median days, ship → response" },
  { sort: "closure", label: "Loop closure" },
  { sort: "linked", label: "Merged PRs linked" },
];

const SortHeader: FC<{ owner: string; column: (typeof COLUMNS)[number]; sort: OrgSort; direction: SortDirection }> = ({ owner, column, sort, direction }) => {
  const active = column.sort === sort;
  const next = active ? (direction === "asc" ? "desc" : "asc") : FIRST_DIRECTION[column.sort];
  return (
    <th class={column.sort === "name" ? undefined : "num"} aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : undefined}>
      <a href={`/${encodeURIComponent(owner)}?sort=${column.sort}&dir=${next}`}>
        {column.label}
        {active ? (direction === "asc" ? " ↑" : " ↓") : ""}
      </a>
    </th>
  );
};

/** The chart's sentence: the latest week with anything to say, each share only when it has something to be a share of. */
function weekSummary(week: FeatureFactoryWeek): string {
  const parts = [
    week.unhypothesisedShare === null ? null : `${percent(week.unhypothesisedShare)} of the ${count(week.merged)} merged PRs that needed a hypothesis had none`,
    week.unansweredShare === null ? null : `${percent(week.unansweredShare)} of the ${count(week.shippedDue)} loops shipped that week and now due have no response`,
  ].filter((part): part is string => part !== null);
  return `In the week of ${isoWeekLabel(week.weekStart)}, ${parts.join(", and ")}.`;
}

/** `/:owner`: the organisation's totals, its feature-factory index, and one sortable row per repository. */
export const OrgPage: FC<{ data: OrgData; sort: OrgSort; direction: SortDirection; nav: Nav }> = ({ data, sort, direction, nav }) => {
  const weeks = data.featureFactory;
  const latest = [...weeks].reverse().find((w) => w.unhypothesisedShare !== null || w.unansweredShare !== null);
  const summary = latest ? weekSummary(latest) : `No PRs merged and no loops came due in the last ${weeks.length} weeks.`;
  return (
    <Layout title={data.owner} nav={nav}>
      <p class="crumbs">
        <a href="/">Organisations</a> /
      </p>
      <h1>{data.owner}</h1>
      <Tiles tiles={figureTiles(data.totals)} label={`Totals of ${data.owner}`} />
      <DecisionMix mix={data.totals.mix} learningsUrl={`/${encodeURIComponent(data.owner)}/learnings`} />
      <p>
        <a href={`/${encodeURIComponent(data.owner)}/learnings`}>Learning log: every recorded response</a>
      </p>

      <h2>Repositories</h2>
      <table class="repos">
        <caption class="muted">
          {data.repositories.length === 1 ? "1 repository" : `${count(data.repositories.length)} repositories`} you can see. Sort by a column with its heading.
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <SortHeader owner={data.owner} column={column} sort={sort} direction={direction} />
            ))}
          </tr>
        </thead>
        <tbody>
          {data.repositories.map(({ repository, figures }) => (
            <tr>
              <td>
                <a href={`/${encodeURIComponent(repository.owner)}/${encodeURIComponent(repository.name)}`}>{fullName(repository)}</a>
                {repository.private ? <span class="muted"> private</span> : null}
              </td>
              <td class="num">{count(figures.overdue)}</td>
              <td class="num">{count(figures.sensing)}</td>
              <td class="num">{count(figures.respondedRecently)}</td>
              <td class="num">{dayCount(figures.medianDaysToResponse)}</td>
              <td class="num">{percent(figures.closureRate)}</td>
              <td class="num">{percent(figures.linkedShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Feature-factory index</h2>
      <p class="muted">
        Week by week: the share of merged PRs tied to no hypothesis (exempt PRs left out), and the share of shipped loops, once due, that nobody has responded to. Lower is better: it means the team learns from what it ships.
      </p>
      <ShareLineChart
        id="feature-factory"
        title={`Feature-factory index of ${data.owner}, last ${weeks.length} weeks`}
        summary={summary}
        series={["Merged PRs without a hypothesis", "Shipped loops without a response"]}
        points={weeks.map((w) => ({ label: isoWeekLabel(w.weekStart).slice(5), values: [w.unhypothesisedShare, w.unansweredShare] }))}
      />

    </Layout>
  );
};
