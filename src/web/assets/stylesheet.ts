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
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #f0f6fc; --fg-muted: #9198a1; --bg: #0d1117; --bg-muted: #151b23; --border: #3d444d;
    --accent: #4493f8; --success: #3fb950; --attention: #d29922; --danger: #f85149;
    --btn-bg: #238636; --btn-fg: #ffffff; --btn-border: rgba(240,246,252,.1);
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
@media print {
  :root { color-scheme: light; --fg: #000; --fg-muted: #333; --bg: #fff; --bg-muted: #fff; --border: #999; }
  .header nav, .btn, form, .footer { display: none; }
  a { color: inherit; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 90%; }
  main { max-width: none; padding: 0; }
  table, tr { page-break-inside: avoid; }
}
`;
