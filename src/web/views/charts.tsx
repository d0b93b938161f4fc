import type { FC } from "hono/jsx";

/**
 * Charts drawn on the server as SVG: each has a <title> and <desc> for assistive technology and a
 * table of the same numbers under "The numbers", so nothing is only visible as a shape. Colours
 * come from the stylesheet's classes, so dark mode and print follow.
 */
const W = 720;
const H = 220;
const M = { top: 12, right: 12, bottom: 34, left: 44 };
const plotW = W - M.left - M.right;
const plotH = H - M.top - M.bottom;

interface Frame {
  id: string;
  title: string;
  /** One sentence saying what the chart shows and what stands out. */
  summary: string;
}

const Svg: FC<Frame & { children?: unknown }> = ({ id, title, summary, children }) => (
  <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
    <title id={`${id}-title`}>{title}</title>
    <desc id={`${id}-desc`}>{summary}</desc>
    {children as never}
  </svg>
);

/** Horizontal grid lines at `ticks` (the last one is the top of the plot), their values on the left. */
const Grid: FC<{ ticks: number[]; format: (v: number) => string }> = ({ ticks, format }) => {
  const max = ticks.at(-1)!;
  return (
    <g>
      {ticks.map((tick) => {
        const y = M.top + plotH - (tick / max) * plotH;
        return (
          <g>
            <line class={tick === 0 ? "chart-axis" : "chart-grid"} x1={M.left} x2={W - M.right} y1={y} y2={y} />
            <text class="chart-text" x={M.left - 6} y={y + 4} text-anchor="end">
              {format(tick)}
            </text>
          </g>
        );
      })}
    </g>
  );
};

/** Every n-th label, so at most about 12 fit under the axis. */
const XLabels: FC<{ labels: string[] }> = ({ labels }) => {
  const step = Math.max(1, Math.ceil(labels.length / 12));
  const slot = plotW / Math.max(1, labels.length);
  return (
    <g>
      {labels.map((label, i) =>
        i % step === 0 ? (
          <text class="chart-text" x={M.left + slot * i + slot / 2} y={H - M.bottom + 16} text-anchor="middle">
            {label}
          </text>
        ) : null,
      )}
    </g>
  );
};

const Numbers: FC<{ head: string[]; rows: string[][] }> = ({ head, rows }) => (
  <details>
    <summary>The numbers</summary>
    <table>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th class={i === 0 ? undefined : "num"}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            {row.map((cell, i) => (i === 0 ? <td>{cell}</td> : <td class="num">{cell}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  </details>
);

/**
 * Round grid values from 0 up to at least `value`, about five steps of 1, 2, 2.5 or 5 times a
 * power of ten, so the axis reads 0, 5, 10… rather than 0, 6.3, 12.5. Counts step by whole numbers.
 */
export function niceTicks(value: number, o: { whole?: boolean } = {}): number[] {
  if (!(value > 0)) return [0, 1];
  const rough = value / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= rough)!;
  if (o.whole) step = Math.max(1, Math.ceil(step));
  const top = Math.max(1, Math.ceil(value / step - 1e-9));
  return Array.from({ length: top + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
}

const SHARE_TICKS = [0, 0.25, 0.5, 0.75, 1];

export interface Bar {
  label: string;
  value: number;
  /** The bar's tooltip and table row, e.g. "#12 production". */
  name: string;
}

export const BarChart: FC<Frame & { bars: Bar[]; unit: string; empty: string }> = ({ id, title, summary, bars, unit, empty }) => {
  if (bars.length === 0) return <p class="muted">{empty}</p>;
  const ticks = niceTicks(Math.max(...bars.map((b) => b.value)));
  const max = ticks.at(-1)!;
  const slot = plotW / bars.length;
  const round = (v: number) => String(Math.round(v * 10) / 10);
  return (
    <figure class="chart" id={id}>
      <Svg id={id} title={title} summary={summary}>
        <Grid ticks={ticks} format={round} />
        {bars.map((bar, i) => {
          const h = (bar.value / max) * plotH;
          return (
            <rect class="chart-bar" x={M.left + slot * i + slot * 0.15} y={M.top + plotH - h} width={slot * 0.7} height={Math.max(h, 0.5)}>
              <title>{`${bar.name}: ${round(bar.value)} ${unit}`}</title>
            </rect>
          );
        })}
        <XLabels labels={bars.map((b) => b.label)} />
      </Svg>
      <figcaption>{summary}</figcaption>
      <Numbers head={["", unit]} rows={bars.map((b) => [b.name, round(b.value)])} />
    </figure>
  );
};

export interface StackedGroup {
  label: string;
  parts: number[];
}

export const StackedBarChart: FC<Frame & { groups: StackedGroup[]; series: string[] }> = ({ id, title, summary, groups, series }) => {
  const ticks = niceTicks(Math.max(0, ...groups.map((g) => g.parts.reduce((a, b) => a + b, 0))), { whole: true });
  const max = ticks.at(-1)!;
  const slot = plotW / Math.max(1, groups.length);
  return (
    <figure class="chart" id={id}>
      <Svg id={id} title={title} summary={summary}>
        <Grid ticks={ticks} format={String} />
        {groups.map((group, i) => {
          let base = M.top + plotH;
          return (
            <g>
              {group.parts.map((part, s) => {
                const h = (part / max) * plotH;
                base -= h;
                return part === 0 ? null : (
                  <rect class={`chart-series-${s + 1}`} x={M.left + slot * i + slot * 0.15} y={base} width={slot * 0.7} height={h}>
                    <title>{`${group.label}: ${part} ${series[s]}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
        <XLabels labels={groups.map((g) => g.label)} />
      </Svg>
      <Legend series={series} />
      <figcaption>{summary}</figcaption>
      <Numbers head={["", ...series]} rows={groups.map((g) => [g.label, ...g.parts.map(String)])} />
    </figure>
  );
};

export interface SharePoint {
  label: string;
  values: (number | null)[];
}

/** Shares from 0 to 100%, one line per series; a point without a value (nothing to share) breaks the line. */
export const ShareLineChart: FC<Frame & { points: SharePoint[]; series: string[] }> = ({ id, title, summary, points, series }) => {
  const slot = plotW / Math.max(1, points.length);
  const x = (i: number) => M.left + slot * i + slot / 2;
  const y = (v: number) => M.top + plotH - v * plotH;
  const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);
  return (
    <figure class="chart" id={id}>
      <Svg id={id} title={title} summary={summary}>
        <Grid ticks={SHARE_TICKS} format={(v) => `${Math.round(v * 100)}%`} />
        {series.map((name, s) => {
          const runs: string[][] = [[]];
          points.forEach((p, i) => {
            const v = p.values[s];
            if (v === null || v === undefined) runs.push([]);
            else runs.at(-1)!.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
          });
          return (
            <g>
              {runs.filter((run) => run.length > 1).map((run) => (
                <polyline class={`chart-line-${s + 1}`} points={run.join(" ")} />
              ))}
              {points.map((p, i) =>
                p.values[s] === null || p.values[s] === undefined ? null : (
                  <circle class={`chart-dot-${s + 1}`} cx={x(i)} cy={y(p.values[s]!)} r={3}>
                    <title>{`${p.label}: ${pct(p.values[s]!)} ${name}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
        <XLabels labels={points.map((p) => p.label)} />
      </Svg>
      <Legend series={series} />
      <figcaption>{summary}</figcaption>
      <Numbers head={["", ...series]} rows={points.map((p) => [p.label, ...p.values.map(pct)])} />
    </figure>
  );
};

const Legend: FC<{ series: string[] }> = ({ series }) => (
  <ul class="legend">
    {series.map((name, i) => (
      <li>
        <span class={`swatch swatch-${i + 1}`} aria-hidden="true" />
        {name}
      </li>
    ))}
  </ul>
);
