/**
 * The one-way layers of `src/`, in the order data flows through them: each names its files and
 * folders under `src/`. A layer may import its own files, the layers it `uses`, and the shared
 * kernel; nothing else. `.dependency-cruiser.mjs`
 * turns this into lint rules, and `scripts/layers-doc.ts` writes the table in docs/design.md
 * from it (CI fails when the two differ), so the rule, the lint and the doc cannot drift apart.
 */
export const KERNEL = { name: "kernel", files: ["clock.ts", "env.ts"], job: "the clock and the parsed environment, shared by every layer but the domain" };

export const LAYERS = [
  { name: "entry", files: ["main.ts", "preload.ts", "bootstrap.ts", "cli/"], job: "processes: the server, the CLIs; wires everything", uses: ["web", "intake", "jobs", "handlers", "services", "config", "signals", "db", "github", "metrics", "domain"] },
  { name: "web", files: ["web/", "app.ts"], job: "HTTP on Hono: webhook verification (size, signature, JSON, intake within 4.5 s), health, APIs, the status page, app registration, `hono/jsx` views, zod route params; the Probot app function", uses: ["intake", "jobs", "handlers", "services", "config", "signals", "db", "github", "metrics", "domain"] },
  { name: "intake", files: ["intake/"], job: "record + enqueue a delivery, no GitHub call", uses: ["jobs", "handlers", "services", "db", "github", "metrics", "domain"] },
  { name: "jobs", files: ["jobs/", "runtime.ts"], job: "queues, the job runner, workers, schedules; builds each job's scope and queues follow-ups", uses: ["handlers", "services", "config", "signals", "db", "github", "metrics", "domain"] },
  { name: "handlers", files: ["handlers/"], job: "one file per event family: payload (zod) → one service call", uses: ["services", "domain"] },
  { name: "services", files: ["services/"], job: "load → decide (domain) → apply the plan (port, ledger) → return follow-ups", uses: ["config", "signals", "db", "github", "domain"] },
  { name: "config", files: ["config/"], job: "`.github/senseloop.yml`: zod schema, loading, problems", uses: ["github", "domain"] },
  { name: "signals", files: ["signals/"], job: "signal sources: the operator's file and one adapter per kind", uses: ["domain"] },
  { name: "db", files: ["db/"], job: "client (PGlite or postgres.js), schema, queries as functions", uses: ["domain"] },
  { name: "github", files: ["github/"], job: "the port (an interface), its Octokit adapters, ensure verbs, the ledger interface", uses: [] },
  { name: "metrics", files: ["metrics/"], job: "Prometheus metrics: one registry per runtime, the counters and histograms the other layers move", uses: ["github"] },
  { name: "demo", files: ["demo/"], job: "`npm run demo`: the stand-ins of GitHub and Prometheus, Senseloop as a child process, the scripted story told as it happens", uses: ["standin"], noKernel: true },
  { name: "standin", files: ["standin/"], job: "a local GitHub for the demo, end-to-end tests and benchmarks: REST, webhooks, OAuth, pages", uses: [] },
  { name: "domain", files: ["domain/"], job: "pure decisions, effects and words: no Octokit, no database, no clock", uses: [], noKernel: true },
];

/** A layer's files as one regular expression over paths from the repository root. */
export function pathOf(layer) {
  return layer.files.map((file) => (file.endsWith("/") ? `^src/${file}` : `^src/${file.replace(/\./g, "\\.")}$`)).join("|");
}
