import type postgres from "postgres";

export interface SeedShape {
  /** Organisations seeded; the first, `acme`, is the one measured, the others share the tables. */
  orgs: number;
  repositories: number;
  items: number;
  /** Sense items of acme's largest repository, `repo-001`; the rest are spread evenly. */
  largest: number;
  mergedPerRepository: number;
  unshippedPerRepository: number;
}

export const ORG_ID_STRIDE = 1_000_000;

const orgLogin = (o: number) => (o === 0 ? "acme" : `org${o}`);
export const repoName = (r: number) => `repo-${String(r).padStart(3, "0")}`;

/**
 * One organisation as the loop leaves its tables, in set-based inserts: `items` sense items over
 * `repositories` repositories (two environments per hypothesis), each with its ship, PR and
 * readings; responses for over half, with a decision mix and words to search for; some rolled
 * back, sensing, overdue or escalated; extensions; merged PRs linked, exempt and missing; and a
 * few hypotheses that never shipped. Times are relative to `now`.
 */
async function seedOrg(sql: postgres.Sql, o: number, shape: SeedShape, now: Date): Promise<void> {
  const base = o * ORG_ID_STRIDE;
  const login = orgLogin(o);
  const installation = o + 1;
  const at = `timestamptz '${now.toISOString()}'`;
  const rest = shape.repositories - 1;
  // Hypothesis h holds items 2h-1 (staging) and 2h (production); the largest repository takes the first ones.
  const repoOf = (g: string) => `case when ${g} <= ${shape.largest} then 1 else 2 + ((${g} + 1) / 2) % ${rest} end`;
  await sql.unsafe(`insert into installations (id, account_login, created_at, updated_at) values (${installation}, '${login}', ${at} - interval '2 years', ${at})`);
  await sql.unsafe(`insert into repositories (id, installation_id, owner, name, full_name_key, private, updated_at)
    select ${base} + r, ${installation}, '${login}', 'repo-' || lpad(r::text, 3, '0'), '${login}/repo-' || lpad(r::text, 3, '0'), true, ${at} from generate_series(1, ${shape.repositories}) r`);
  await sql.unsafe(`insert into hypotheses (id, repository_id, number, title, html_url, state, labels, author_login, assignees, belief, who, does_what, by_how_much, signal, github_updated_at, created_at)
    select ${base} + h, ${base} + ${repoOf("(2 * h)")}, h, 'Hypothesis ' || h || (array[' speeds up checkout', ' brings customers back', ' grows the basket', ' cuts support tickets'])[1 + h % 4],
      'https://github.com/${login}/repo/issues/' || h, 'open', '["hypothesis"]', 'owner' || h % 40, jsonb_build_array('owner' || h % 40, 'owner' || (h + 7) % 40),
      'We believe it helps', 'Returning customers', 'buy again', 'Conversion >= 0.2', 'https://grafana.example.com/d/' || h, ${at}, ${at} - interval '1 year'
    from generate_series(1, ${Math.ceil(shape.items / 2)}) h`);
  await sql.unsafe(`insert into hypotheses (id, repository_id, number, title, html_url, state, labels, github_updated_at, created_at)
    select ${base} + 500000 + k, ${base} + 1 + k % ${shape.repositories}, 500000 + k, 'Not shipped yet ' || k, 'https://github.com/${login}/repo/issues/' || (500000 + k), 'open', '["hypothesis"]', ${at}, ${at} - (k % 90) * interval '1 day'
    from generate_series(1, ${shape.repositories * shape.unshippedPerRepository}) k`);
  // State by a scrambled bucket: 55% responded, 5% rolled back, 20% sensing, 10% overdue, 5% escalated, 5% just shipped.
  await sql.unsafe(`insert into sense_items (id, hypothesis_id, installation_id, environment, state, shipped_at, due_at, repository_id, issue_number, issue_url,
      responded_at, rolled_back_at, escalated_for_due, created_at, updated_at)
    select ${base} + g, ${base} + (g + 1) / 2, ${installation}, case when g % 2 = 1 then 'staging' else 'production' end, state::sense_state, shipped, shipped + interval '14 days',
      ${base} + ${repoOf("g")}, 100000 + g, 'https://github.com/${login}/repo/issues/' || (100000 + g),
      case when state = 'responded' then shipped + (1 + g % 30) * interval '1 day' end,
      case when state = 'rolled_back' then shipped + interval '1 day' end,
      case when state = 'escalated' then shipped + interval '14 days' end, shipped, ${at}
    from (select g, s.state, ${at} - case s.state when 'responded' then 31 + g % 330 when 'rolled_back' then 1 + g % 200 when 'sensing' then g % 13
          when 'overdue' then 15 + g % 60 when 'escalated' then 30 + g % 60 else g % 3 end * interval '1 day' as shipped
        from generate_series(1, ${shape.items}) g,
        lateral (select case when b < 55 then 'responded' when b < 60 then 'rolled_back' when b < 80 then 'sensing' when b < 90 then 'overdue' when b < 95 then 'escalated' else 'shipped' end as state
          from (select (g::bigint * 7919) % 100 as b) x) s) items`);
  await sql.unsafe(`insert into responses (sense_item_id, repository_id, decision, learning, actor_login, comment_id, comment_url, responded_at)
    select id, repository_id, (array['persevere', 'persevere', 'persevere', 'pivot', 'kill'])[1 + id % 5],
      (array['Checkout conversion rose by a fifth', 'Nobody used the gift card page', 'Returning customers reorder weekly', 'Support tickets fell after the change',
             'The banner did not move the basket size', 'Teams skipped the checklist', 'Search made people buy sooner', 'Saved carts brought a tenth back'])[1 + id % 8] || ' (loop ' || id || ')',
      'owner' || id % 40, id, 'https://github.com/${login}/repo/issues/1#issuecomment-' || id, responded_at
    from sense_items where id > ${base} and id <= ${base + shape.items} and state = 'responded'`);
  await sql.unsafe(`insert into ships (id, repository_id, environment, source, source_ref, sha, kind, url, shipped_at, processed_at)
    select id, repository_id, environment, 'deployment', id::text, md5(id::text) || 'abcdefgh', 'ahead', 'https://github.com/${login}/repo/deployments', shipped_at, shipped_at
    from sense_items where id > ${base} and id <= ${base + shape.items}`);
  await sql.unsafe(`insert into sense_item_pull_requests (sense_item_id, repository_id, pr_number, repo, title, html_url, ship_id, "left", added_at)
    select i.id, i.repository_id, 10000 + (i.id - ${base} + 1) / 2, r.full_name_key, 'Build the change', 'https://github.com/' || r.full_name_key || '/pull/1', i.id, i.state = 'rolled_back', i.shipped_at
    from sense_items i join repositories r on r.id = i.repository_id where i.id > ${base} and i.id <= ${base + shape.items}`);
  await sql.unsafe(`insert into sense_readings (sense_item_id, slot_kind, slot_key, slot_at, status, source, query, value, at, attempts, created_at, updated_at)
    select id, kind::reading_slot_kind, case when kind = 'baseline' then 'baseline' else 'periodic:' || slot_at end, slot_at, 'read', 'prod', 'sum(rate(orders_total[1d]))',
      0.15 + ((id * 31 + extract(day from slot_at)::int) % 20) / 100.0, slot_at, 1, slot_at, slot_at
    from (select id, 'baseline' as kind, shipped_at as slot_at from sense_items where id > ${base} and id <= ${base + shape.items} and state <> 'rolled_back'
          union all select id, 'periodic', shipped_at + interval '7 days' from sense_items where id > ${base} and id <= ${base + shape.items} and state <> 'rolled_back' and shipped_at + interval '7 days' <= ${at}) slots`);
  await sql.unsafe(`insert into extensions (sense_item_id, days, reason, actor_login, comment_id, previous_due_at, new_due_at, created_at)
    select id, 7, 'Traffic was unusual', 'owner' || id % 40, ${ORG_ID_STRIDE * 10} + id, due_at - interval '7 days', due_at, shipped_at + interval '10 days'
    from sense_items where id > ${base} and id <= ${base + shape.items} and id % 10 = 0 and state in ('overdue', 'escalated', 'responded')`);
  await sql.unsafe(`insert into pull_requests (repository_id, number, title, html_url, state, head_sha, merged_at, outcome)
    select ${base} + r, 200000 + k, 'Merged change ' || k, 'https://github.com/${login}/repo/pull/' || k, 'closed', md5(r || '-' || k), ${at} - ((k * 2 + r) % 120) * interval '1 day',
      (array['linked', 'linked', 'linked', 'linked', 'linked', 'linked', 'exempt', 'missing', 'missing', null])[1 + (k + r) % 10]
    from generate_series(1, ${shape.repositories}) r, generate_series(1, ${shape.mergedPerRepository}) k`);
}

/** Every organisation, then statistics, so the planner sees the tables as they are. */
export async function seedPages(sql: postgres.Sql, shape: SeedShape, now: Date): Promise<void> {
  for (let o = 0; o < shape.orgs; o++) await seedOrg(sql, o, shape, now);
  await sql.unsafe("analyze");
}

/** Acme's repository ids, as a person who can see all of them has them in the access cache. */
export const acmeRepositoryIds = (shape: SeedShape) => Array.from({ length: shape.repositories }, (_, i) => i + 1);
