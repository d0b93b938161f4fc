import type { FC } from "hono/jsx";
import type { ReadingTrend } from "../../domain/reading-trend.js";

const PAD = 3;

/**
 * A loop's readings as a small line drawn on the server, with the trend's sentence as its
 * title and description, and the short form ("0.17 → 0.19") written beside it, so the numbers
 * are there for a screen reader, a text browser and print alike. Time runs left to right by
 * when each number was read; a plain-number target is a dashed line.
 */
export const Sparkline: FC<{ trend: ReadingTrend | null; label: string; width?: number; height?: number }> = ({ trend, label, width = 96, height = 24 }) => {
  if (!trend) return <span class="muted">no reading yet</span>;
  const { points } = trend;
  const low = Math.min(trend.low, trend.target ?? trend.low);
  const high = Math.max(trend.high, trend.target ?? trend.high);
  const first = points[0]!.at.getTime();
  const spanMs = points.at(-1)!.at.getTime() - first;
  const x = (at: Date) => (spanMs === 0 ? width / 2 : PAD + ((at.getTime() - first) / spanMs) * (width - 2 * PAD));
  // A flat series sits in the middle rather than on an edge.
  const y = (value: number) => (high === low ? height / 2 : height - PAD - ((value - low) / (high - low)) * (height - 2 * PAD));
  const last = points.at(-1)!;
  return (
    <span class="spark">
      <svg class="spark-svg" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={`${label}: ${trend.sentence}`} xmlns="http://www.w3.org/2000/svg">
        <title>{`${label}: ${trend.sentence}`}</title>
        {trend.target === null ? null : <line class="spark-target" x1={0} x2={width} y1={y(trend.target)} y2={y(trend.target)} />}
        {points.length > 1 ? <polyline class="spark-line" points={points.map((p) => `${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ")} /> : null}
        <circle class="spark-dot" cx={x(last.at)} cy={y(last.value)} r={2.5} />
      </svg>
      <span class="spark-text">{trend.short}</span>
    </span>
  );
};
