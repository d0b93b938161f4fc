/**
 * The world of the sweep benchmark: many organisations on the stand-in, each with the app
 * installed and its repositories, and in the database the same installations and repositories
 * (same ids) with their hypotheses and sense items. Only due items have a sense issue on the
 * stand-in: the sweep must not touch anything else, and a call for anything else would fail.
 */
import type { OrgSpec, PopulatedOrg } from "./standin-client.js";

export interface Layout {
  /** Installations with something due. */
  installations: number;
  /** More installations with nothing due (only responded, not yet due or escalated loops). */
  idleInstallations: number;
  reposPerInstallation: number;
  dueItems: number;
  notDueItems: number;
}

/**
 * Due items per installation: one in ten installations is busy (eleven times the share of the
 * others, more than one run's write budget), the rest have a few each.
 */
export function dueCounts(layout: Layout): number[] {
  const shares = Array.from({ length: layout.installations }, (_, i) => (i % 10 === 0 ? 11 : 1));
  const total = shares.reduce((a, b) => a + b, 0);
  const counts = shares.map((s) => Math.floor((s * layout.dueItems) / total));
  for (let i = 0, left = layout.dueItems - counts.reduce((a, b) => a + b, 0); left > 0; i++, left--) counts[i % counts.length]!++;
  return counts;
}

export function standinSpec(layout: Layout): OrgSpec[] {
  const due = dueCounts(layout);
  const orgs = Array.from({ length: layout.installations + layout.idleInstallations }, (_, i) => {
    const d = due[i] ?? 0;
    const repos = Array.from({ length: layout.reposPerInstallation }, (_, r) => ({
      name: `service-${r + 1}`,
      issues: Math.floor(d / layout.reposPerInstallation) + (r < d % layout.reposPerInstallation ? 1 : 0),
    }));
    return { login: `org-${i + 1}`, repos, install: true };
  });
  return orgs;
}

/** Every statement that seeds the database for the populated stand-in, in order. */
export function seedStatements(orgs: PopulatedOrg[], layout: Layout, webUrl: string): string[] {
  const installations = orgs.map((o) => `(${o.installationId}, '${o.login}')`);
  const repos = orgs.flatMap((o) => o.repos.map((r) => `(${r.id}, ${o.installationId}, '${o.login}', '${r.name}')`));
  // Each due item: its repository, installation, issue number on the stand-in, and its kind (k).
  const due = orgs.flatMap((o) => o.repos.flatMap((r) => r.issues.map((n, i) => `(${r.id}, ${o.installationId}, ${n}, ${i % 5})`)));
  const repoCount = repos.length;
  const notDuePerRepo = Math.ceil(layout.notDueItems / repoCount);
  const url = (owner: string, repo: string, n: string) => `'${webUrl}/' || ${owner} || '/' || ${repo} || '/issues/' || ${n}`;
  return [
    `insert into installations (id, account_login, created_at, updated_at) select id, login, now(), now() from (values ${installations.join(",")}) v(id, login)`,
    `insert into repositories (id, installation_id, owner, name, full_name_key, updated_at, grace_days, escalate_after_days)
       select id, installation_id, owner, name, lower(owner || '/' || name), now(), 0, 7 from (values ${repos.join(",")}) v(id, installation_id, owner, name)`,
    // Due now, by kind: 0–2 a reminder (due 1–6 days ago), 3 reminded and past escalation (the
    // escalation), 4 never reminded and past escalation (both). Two GitHub writes on average.
    `with d(repository_id, installation_id, issue_number, k) as (values ${due.join(",")}),
     h as (insert into hypotheses (repository_id, number, title, html_url, state, labels, assignees, author_login, github_updated_at)
       select d.repository_id, 100000 + d.issue_number, 'Hypothesis ' || d.issue_number, ${url("r.owner", "r.name", "(100000 + d.issue_number)")}, 'open', '["hypothesis"]', '["pam"]', 'pam', now()
       from d join repositories r on r.id = d.repository_id returning id, repository_id, number)
     insert into sense_items (hypothesis_id, installation_id, environment, state, shipped_at, due_at, repository_id, issue_number, issue_url, reminded_for_due, created_at, updated_at)
       select h.id, d.installation_id, 'production', (case when d.k = 3 then 'overdue' else 'sensing' end)::sense_state, s.due - interval '14 days', s.due, d.repository_id, d.issue_number,
         ${url("r.owner", "r.name", "d.issue_number")}, case when d.k = 3 then s.due end, now(), now()
       from d join h on h.repository_id = d.repository_id and h.number = 100000 + d.issue_number join repositories r on r.id = d.repository_id,
         lateral (select date_trunc('second', now()) - (case when d.k < 3 then 1 + d.issue_number % 6 else 8 + d.issue_number % 20 end) * interval '1 day' as due) s`,
    // Not due, by g % 20: 16 responded, 1 rolled back, 2 due later, 1 already escalated for its due date.
    `with h as (insert into hypotheses (repository_id, number, title, html_url, state, labels, assignees, author_login, github_updated_at)
       select r.id, 200000 + g, 'Hypothesis ' || g, ${url("r.owner", "r.name", "(200000 + g)")}, 'open', '["hypothesis"]', '["pam"]', 'pam', now()
       from repositories r, generate_series(1, ${notDuePerRepo}) g returning id, repository_id, number)
     insert into sense_items (hypothesis_id, installation_id, environment, state, shipped_at, due_at, repository_id, issue_number, issue_url,
         responded_at, rolled_back_at, reminded_for_due, escalated_for_due, created_at, updated_at)
       select h.id, r.installation_id, 'production',
         (case when b < 16 then 'responded' when b = 16 then 'rolled_back' when b < 19 then 'sensing' else 'escalated' end)::sense_state,
         s.due - interval '14 days', s.due, r.id, 300000 + h.number, ${url("r.owner", "r.name", "(300000 + h.number)")},
         case when b < 16 then s.due + interval '1 day' end, case when b = 16 then s.due - interval '3 days' end,
         case when b = 19 then s.due end, case when b = 19 then s.due end, now(), now()
       from h join repositories r on r.id = h.repository_id,
         lateral (select (h.number - 200000) % 20 as b) k,
         lateral (select now() + (case when b in (17, 18) then 1 + h.number % 30 else -(1 + h.number % 300) end) * interval '1 day' as due) s`,
    "analyze",
  ];
}

/** `owner/repo#n` of every due item's sense issue: the only issues the sweep may write to. */
export function dueIssues(orgs: PopulatedOrg[]): Set<string> {
  return new Set(orgs.flatMap((o) => o.repos.flatMap((r) => r.issues.map((n) => `${o.login}/${r.name}#${n}`))));
}
