/**
 * Seeds one million sense items in a scratch PostgreSQL database and times the sweep's overdue
 * selection, with the partial index and without it. The whole sweep (jobs, GitHub calls) at
 * scale is bench/sweep-scale.ts.
 *
 *   DATABASE_URL=postgres://user:pw@127.0.0.1:5432/any npx tsx bench/overdue-selection.ts
 *
 * The database named in DATABASE_URL is only used to create and drop `senseloop_bench`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import postgres from "postgres";
import { openPostgres, withDatabase } from "../src/db/client.js";
import { dueItemsOfInstallation, installationsWithDueItems, overdueSenseItemIds } from "../src/db/queries/sweep.js";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const NOW = new Date("2026-06-01T12:00:00Z");


async function time(fn: () => Promise<unknown>): Promise<{ median: number; p95: number; min: number }> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, p95: samples[Math.floor(samples.length * 0.95)]!, min: samples[0]! };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("Set DATABASE_URL to a PostgreSQL server (a role that may create databases).");
    process.exit(2);
  }
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe("DROP DATABASE IF EXISTS senseloop_bench WITH (FORCE)");
  await admin.unsafe("CREATE DATABASE senseloop_bench");
  const database = openPostgres(withDatabase(url, "senseloop_bench"), { max: 2 });
  const sql = postgres(withDatabase(url, "senseloop_bench"), { max: 1, onnotice: () => {} });
  try {
    await database.migrate();
    const seedStart = Date.now();
    const hypothesesCount = Math.ceil(ITEMS / 4);
    await sql.unsafe(`insert into installations (id, account_login, created_at, updated_at) select g, 'org' || g, now(), now() from generate_series(1, 20) g`);
    await sql.unsafe(`insert into repositories (id, installation_id, owner, name, full_name_key, updated_at, grace_days, escalate_after_days)
      select g, 1 + g % 20, 'org' || (1 + g % 20), 'repo' || g, 'org' || (1 + g % 20) || '/repo' || g, now(), (g % 3), 7 from generate_series(1, 400) g`);
    await sql.unsafe(`insert into hypotheses (repository_id, number, title, html_url, state, labels, github_updated_at)
      select 1 + g % 400, g, 'Hypothesis ' || g, 'https://github.com/x/y/issues/' || g, 'open', '["hypothesis"]', now() from generate_series(1, ${hypothesesCount}) g`);
    // One million items: 80% responded, 5% rolled back, 10% not due yet, 4% overdue but already
    // escalated for their due date, 1% overdue with a reminder or escalation to send.
    await sql.unsafe(`insert into sense_items (hypothesis_id, installation_id, environment, state, shipped_at, due_at, repository_id, issue_number, issue_url,
        responded_at, rolled_back_at, reminded_for_due, escalated_for_due, created_at, updated_at)
      select 1 + (g - 1) % ${hypothesesCount}, 1 + ((g - 1) % ${hypothesesCount} + 1) % 400 % 20, 'env' || ((g - 1) / ${hypothesesCount}),
        case when b < 80 then 'responded' when b < 85 then 'rolled_back' when b < 95 then 'sensing' when b < 99 then 'escalated' else 'overdue' end,
        ts - interval '14 days', ts, 1 + ((g - 1) % ${hypothesesCount} + 1) % 400, g, 'https://github.com/x/y/issues/' || g,
        case when b < 80 then ts + interval '2 days' end,
        case when b >= 80 and b < 85 then ts - interval '3 days' end,
        case when b >= 95 and b < 99 then ts end,
        case when b >= 95 and b < 99 then ts end,
        now(), now()
      from (select g, (g::bigint * 7919) % 100 as b,
              case when (g::bigint * 7919) % 100 between 85 and 94 then timestamptz '${NOW.toISOString()}' + ((g % 30) + 1) * interval '1 day'
                   else timestamptz '${NOW.toISOString()}' - ((g % 300) + 1) * interval '1 day' end as ts
            from generate_series(1, ${ITEMS}) g) s`);
    await sql.unsafe("analyze");
    const seedSeconds = (Date.now() - seedStart) / 1000;
    const [counts] = await sql.unsafe(`select count(*)::int as total,
        count(*) filter (where responded_at is null and rolled_back_at is null and escalated_for_due is distinct from due_at and due_at <= '${NOW.toISOString()}')::int as selectable from sense_items`);

    const db = database.db;
    const withIndex = {
      overdue: await time(() => overdueSenseItemIds(db, NOW, 1000)),
      installations: await time(() => installationsWithDueItems(db, NOW)),
      oneInstallation: await time(() => dueItemsOfInstallation(db, 1, NOW, 500)),
    };
    const plan = (await sql.unsafe(`explain (analyze, buffers) select id from sense_items where responded_at is null and rolled_back_at is null
        and escalated_for_due is distinct from due_at and due_at <= '${NOW.toISOString()}' order by due_at limit 1000`)).map((r) => r["QUERY PLAN"] as string);

    await sql.unsafe("drop index sense_items_open_due_idx");
    await sql.unsafe("analyze sense_items");
    const withoutIndex = {
      overdue: await time(() => overdueSenseItemIds(db, NOW, 1000)),
      installations: await time(() => installationsWithDueItems(db, NOW)),
      oneInstallation: await time(() => dueItemsOfInstallation(db, 1, NOW, 500)),
    };
    const [version] = await sql.unsafe("select version()");
    const result = { items: counts!.total, selectable: counts!.selectable, seedSeconds, runs: RUNS, server: (version!.version as string).split(",")[0], withIndex, withoutIndex, plan };

    const fmt = (t: { median: number; p95: number }) => `${t.median.toFixed(2)} ms (p95 ${t.p95.toFixed(2)})`;
    console.log(`${result.server}; ${result.items.toLocaleString("en")} sense items, ${result.selectable.toLocaleString("en")} due; seeded in ${seedSeconds.toFixed(1)} s; ${RUNS} runs each`);
    console.log(`overdue selection (1,000 ids)       with index: ${fmt(withIndex.overdue)}   without: ${fmt(withoutIndex.overdue)}`);
    console.log(`installations with due items        with index: ${fmt(withIndex.installations)}   without: ${fmt(withoutIndex.installations)}`);
    console.log(`one installation's due items (500)  with index: ${fmt(withIndex.oneInstallation)}   without: ${fmt(withoutIndex.oneInstallation)}`);
    console.log("plan with the partial index:");
    for (const line of plan) console.log(`  ${line}`);
    mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
    writeFileSync(new URL("./results/overdue-selection.json", import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await sql.end();
    await database.close();
    await admin.unsafe("DROP DATABASE IF EXISTS senseloop_bench WITH (FORCE)");
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
