/**
 * The one stylesheet every page links to. It lives in a module rather than a .css file so the
 * compiled app carries it without a copy step; it is served under a content hash (assets.ts),
 * which lets the CSP forbid inline styles and browsers cache it for good.
 * Colours and spacing follow GitHub's Primer (light and dark), so pages sit well next to GitHub.
 */
export const STYLESHEET = `
:root {
  color-scheme: light dark;
  --fg: #1f2328; --fg-muted: #59636e; --bg: #ffffff; --bg-muted: #f6f8fa; --border: #d1d9e0;
  --accent: #0969da; --success: #1a7f37; --attention: #9a6700; --danger: #d1242f;
  --btn-bg: #1f883d; --btn-fg: #ffffff; --btn-border: rgba(31,35,40,.15);
  --done: #8250df; --chart-1: #0969da; --chart-2: #bf8700; --chart-3: #8c959f; --grid: #d1d9e0;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #f0f6fc; --fg-muted: #9198a1; --bg: #0d1117; --bg-muted: #151b23; --border: #3d444d;
    --accent: #4493f8; --success: #3fb950; --attention: #d29922; --danger: #f85149;
    --btn-bg: #238636; --btn-fg: #ffffff; --btn-border: rgba(240,246,252,.1);
    --done: #ab7df8; --chart-1: #4493f8; --chart-2: #d29922; --chart-3: #656c76; --grid: #3d444d;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji";
}
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus-visible { text-decoration: underline; }
code, pre, kbd { font: 12px/1.45 ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
code { background: var(--bg-muted); border-radius: 6px; padding: .2em .4em; overflow-wrap: anywhere; }
pre { background: var(--bg-muted); border-radius: 6px; padding: 16px; overflow: auto; }
.header { background: var(--bg-muted); border-bottom: 1px solid var(--border); padding: 16px 24px; display: flex; gap: 16px; align-items: baseline; }
.header .brand { font-weight: 600; font-size: 16px; color: var(--fg); }
.header nav a { color: var(--fg-muted); margin-right: 16px; }
.header .who { margin-left: auto; display: flex; gap: 12px; align-items: baseline; color: var(--fg-muted); }
.header .who form { display: inline; margin: 0; }
.link-button { background: none; border: 0; padding: 0; font: inherit; color: var(--accent); cursor: pointer; }
.link-button:hover, .link-button:focus-visible { text-decoration: underline; }
.btn-secondary { color: var(--fg); background: var(--bg-muted); border-color: var(--border); }
.btn-danger { color: var(--danger); background: var(--bg-muted); border-color: var(--border); }
.crumbs { color: var(--fg-muted); margin: 0 0 8px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 8px; margin: 0 0 16px; padding: 0; list-style: none; }
.tile { border: 1px solid var(--border); border-radius: 6px; padding: 8px 12px; }
.tile-value { display: block; font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.tile-label { display: block; color: var(--fg-muted); font-size: 12px; }
.owner { border: 1px solid var(--border); border-radius: 6px; padding: 16px; margin: 0 0 16px; }
.owner h2 { border: 0; margin: 0 0 8px; padding: 0; }
th a { color: var(--fg); }
th[aria-sort] a { text-decoration: underline; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; margin: 0 0 16px; }
.filters .field { margin: 0; }
select, input[type=search] { height: 32px; padding: 5px 12px; font: inherit; line-height: 20px; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 6px; }
.filters input[type=search] { width: 280px; max-width: 100%; }
.filters > a { line-height: 32px; }
.decision { display: inline-block; border: 1px solid; border-radius: 2em; padding: 0 7px; font-size: 12px; font-weight: 500; line-height: 18px; }
.decision-persevere { color: var(--success); }
.decision-pivot { color: var(--accent); }
.decision-kill { color: var(--done); }
.learning { white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0 0; }
.entries { list-style: none; margin: 0 0 16px; padding: 0; }
.entries > li { border: 1px solid var(--border); border-radius: 6px; padding: 12px 16px; margin: 0 0 8px; }
.timeline { list-style: none; margin: 0 0 16px; padding: 0 0 0 16px; border-left: 2px solid var(--border); }
.timeline > li { margin: 0 0 12px; padding-left: 8px; }
.timeline > li > time:first-child { color: var(--fg-muted); font-size: 12px; display: block; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 16px; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
figure.chart { margin: 0 0 24px; }
figure.chart svg { width: 100%; max-width: 720px; height: auto; display: block; }
figure.chart figcaption { color: var(--fg-muted); font-size: 12px; }
.chart-axis { stroke: var(--border); stroke-width: 1; }
.chart-grid { stroke: var(--grid); stroke-width: 1; stroke-dasharray: 2 3; }
.chart-text { fill: var(--fg-muted); font-size: 11px; }
.chart-bar, .chart-series-1 { fill: var(--chart-1); }
.chart-series-2 { fill: var(--chart-2); }
.chart-series-3 { fill: var(--chart-3); }
.chart-line-1 { fill: none; stroke: var(--chart-1); stroke-width: 2; }
.chart-line-2 { fill: none; stroke: var(--chart-2); stroke-width: 2; stroke-dasharray: 6 3; }
.chart-dot-1 { fill: var(--chart-1); }
.chart-dot-2 { fill: var(--chart-2); }
.legend { list-style: none; display: flex; gap: 16px; margin: 4px 0; padding: 0; font-size: 12px; color: var(--fg-muted); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.swatch-1 { background: var(--chart-1); } .swatch-2 { background: var(--chart-2); } .swatch-3 { background: var(--chart-3); }
.spark { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; }
.spark-svg { display: block; overflow: visible; }
.spark-line { fill: none; stroke: var(--chart-1); stroke-width: 1.5; stroke-linejoin: round; }
.spark-dot { fill: var(--chart-1); }
.spark-target { stroke: var(--chart-2); stroke-width: 1; stroke-dasharray: 3 2; }
.spark-text { font-size: 12px; color: var(--fg-muted); font-variant-numeric: tabular-nums; }
.entry-signal { margin-left: 8px; }
details.readings summary { cursor: pointer; margin: 0 0 8px; }
.pager { display: flex; gap: 16px; margin: 0 0 16px; }
.token { font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
main { max-width: 1012px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; font-weight: 600; margin: 0 0 16px; }
h2 { font-size: 20px; font-weight: 600; margin: 32px 0 8px; padding-bottom: 8px; border-bottom: 1px solid var(--border); }
h3 { font-size: 16px; font-weight: 600; margin: 24px 0 8px; }
p, ul, ol { margin: 0 0 16px; }
.muted { color: var(--fg-muted); }
.box { border: 1px solid var(--border); border-radius: 6px; padding: 16px; margin: 0 0 16px; }
.flash { border: 1px solid; border-radius: 6px; padding: 16px; margin: 0 0 16px; }
.flash-error { border-color: var(--danger); color: var(--danger); }
.flash-success { border-color: var(--success); color: var(--success); }
.flash-warn { border-color: var(--attention); color: var(--attention); }
table { border-collapse: collapse; width: 100%; margin: 0 0 16px; }
th, td { border: 1px solid var(--border); padding: 6px 13px; text-align: left; vertical-align: top; }
th { background: var(--bg-muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { caption-side: bottom; text-align: left; padding-top: 4px; font-size: 12px; }
.label { display: inline-block; border: 1px solid var(--border); border-radius: 2em; padding: 0 7px; font-size: 12px; font-weight: 500; line-height: 18px; }
.label-success { border-color: var(--success); color: var(--success); }
.label-danger { border-color: var(--danger); color: var(--danger); }
.label-attention { border-color: var(--attention); color: var(--attention); }
form label { display: block; font-weight: 600; margin: 0 0 4px; }
input[type=text], input[type=url] {
  width: 100%; max-width: 440px; padding: 5px 12px; font: inherit; color: var(--fg); background: var(--bg);
  border: 1px solid var(--border); border-radius: 6px;
}
.field { margin: 0 0 16px; }
.field .hint { color: var(--fg-muted); font-size: 12px; margin: 4px 0 0; }
.btn {
  display: inline-block; padding: 5px 16px; font: inherit; font-weight: 500; line-height: 20px; cursor: pointer;
  color: var(--btn-fg); background: var(--btn-bg); border: 1px solid var(--btn-border); border-radius: 6px;
}
.footer { color: var(--fg-muted); font-size: 12px; border-top: 1px solid var(--border); margin-top: 40px; padding-top: 16px; }
/* A phone: the header wraps under the brand, and a table wider than the screen scrolls on its own. */
@media (max-width: 640px) {
  .header { flex-wrap: wrap; padding: 12px 16px; gap: 4px 16px; }
  .header .who { margin-left: 0; flex-basis: 100%; flex-wrap: wrap; }
  .header a, .header .who > span { white-space: nowrap; }
  main { padding: 16px; }
  table { display: block; overflow-x: auto; }
}
@media print {
  :root { color-scheme: light; --fg: #000; --fg-muted: #333; --bg: #fff; --bg-muted: #fff; --border: #999; }
  .header nav, .header .who, .btn, form, .footer, .pager { display: none; }
  /* A closed <details> prints its summary alone: "The numbers" is a toggle, the readings' summary is their sentence. */
  details:not(.readings) > summary { display: none; }
  .owner, .entries > li, figure.chart { page-break-inside: avoid; }
  .chart-bar, .chart-series-1, .chart-dot-1 { fill: #555; } .chart-series-2, .chart-dot-2 { fill: #999; } .chart-series-3 { fill: #ccc; }
  .chart-line-1, .spark-line { stroke: #333; } .chart-line-2, .spark-target { stroke: #888; } .spark-dot { fill: #333; }
  .swatch-1 { background: #555; } .swatch-2 { background: #999; } .swatch-3 { background: #ccc; }
  a { color: inherit; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 90%; overflow-wrap: anywhere; }
  main { max-width: none; padding: 0; }
  table, tr { page-break-inside: avoid; }
}
`;
