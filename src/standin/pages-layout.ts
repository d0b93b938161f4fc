import { html } from "hono/html";
import type { Label } from "./model.js";

export type Html = ReturnType<typeof html>;

/** Primer-like look: system fonts, GitHub's greys and greens, dark mode, readable without JavaScript. */
const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --bg: #ffffff; --subtle: #f6f8fa; --link: #0969da; --open: #1a7f37; --closed: #8250df; --red: #d1242f; }
@media (prefers-color-scheme: dark) { :root { --fg: #f0f6fc; --muted: #9198a1; --border: #3d444d; --bg: #0d1117; --subtle: #151b23; --link: #4493f8; --open: #3fb950; --closed: #ab7df8; --red: #f85149; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); }
header.top { background: var(--subtle); border-bottom: 1px solid var(--border); padding: 12px 24px; display: flex; gap: 16px; align-items: center; }
header.top a { color: var(--fg); font-weight: 600; text-decoration: none; }
main { max-width: 1012px; margin: 24px auto; padding: 0 16px; }
a { color: var(--link); text-decoration: none; } a:hover { text-decoration: underline; }
h1 { font-size: 24px; font-weight: 400; margin: 0 0 8px; } h1 .num { color: var(--muted); }
h2 { font-size: 16px; margin: 24px 0 8px; }
.muted { color: var(--muted); }
.box { border: 1px solid var(--border); border-radius: 6px; margin: 8px 0 16px; }
.box > .row { padding: 8px 16px; border-top: 1px solid var(--border); } .box > .row:first-child { border-top: 0; }
.box > .head { background: var(--subtle); padding: 8px 16px; border-bottom: 1px solid var(--border); border-radius: 6px 6px 0 0; }
.state { display: inline-block; padding: 4px 12px; border-radius: 2em; color: #fff; font-weight: 500; margin-right: 8px; }
.state.open { background: var(--open); } .state.closed, .state.merged { background: var(--closed); } .state.closed.not-merged { background: var(--red); }
.label { display: inline-block; padding: 0 8px; border-radius: 2em; border: 1px solid var(--border); font-size: 12px; font-weight: 500; margin-right: 4px; }
pre.body { white-space: pre-wrap; word-wrap: break-word; font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin: 0; padding: 16px; }
pre.body .hidden-comment { opacity: .45; }
code, .sha { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.conclusion-success { color: var(--open); } .conclusion-failure, .conclusion-action_required, .conclusion-timed_out { color: var(--red); } .conclusion-neutral, .conclusion-skipped { color: var(--muted); }
.reactions span { border: 1px solid var(--border); border-radius: 2em; padding: 0 8px; margin-right: 4px; font-size: 12px; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 6px 16px; border-top: 1px solid var(--border); }
@media print { header.top { display: none; } a { color: inherit; } }
`;

export function layout(title: string, content: Html, signedIn?: string): Html {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · GitHub stand-in</title><style>${STYLE}</style></head>
<body>
<header class="top"><a href="/">GitHub stand-in</a>${signedIn ? html`<span class="muted">signed in as ${signedIn}</span>` : ""}</header>
<main>${content}</main>
</body>
</html>`;
}

/**
 * Markdown shown as escaped preformatted text; hidden HTML comments (bots' markers) stay
 * visible but dimmed, so a person can see what the bot hid without it posing as content.
 */
export function bodyBlock(body: string | null): Html {
  if (!body) return html`<pre class="body muted">No description provided.</pre>`;
  const parts: Html[] = [];
  const comment = /<!--[\s\S]*?-->/g;
  let last = 0;
  for (let found = comment.exec(body); found; found = comment.exec(body)) {
    parts.push(html`${body.slice(last, found.index)}`, html`<span class="hidden-comment" title="hidden when GitHub renders it">${found[0]}</span>`);
    last = found.index + found[0].length;
  }
  parts.push(html`${body.slice(last)}`);
  return html`<pre class="body">${parts}</pre>`;
}

export const labelChips = (labels: Label[]) => labels.map((l) => html`<span class="label" style="border-color:#${l.color}">${l.name}</span>`);

export const when = (iso: string) => html`<time datetime="${iso}">${iso.replace("T", " ").replace("Z", " UTC")}</time>`;

export const shortSha = (sha: string) => html`<span class="sha">${sha.slice(0, 7)}</span>`;

export const EMOJI: Record<string, string> = { "+1": "👍", "-1": "👎", laugh: "😄", confused: "😕", heart: "❤️", hooray: "🎉", rocket: "🚀", eyes: "👀" };
