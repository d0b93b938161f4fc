import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runSweepCommand } from "../src/cli/sweep-command.js";
import { rows } from "../src/db/client.js";
import { installations, senseItems } from "../src/db/schema/index.js";
import { nockAddLabels, nockConfig } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { repo, SHOP } from "./helpers/ids.js";
import { nockCommentFailing } from "./helpers/respond-github.js";
import { seedSenseItem } from "./helpers/seed.js";
import { NO_DASHBOARD, nockCommentsOnIssues, nockInstallationTokenFor, nockLabelsOnIssues } from "./helpers/sweep-github.js";
import { nockCreateComment } from "./helpers/ship-github.js";

const h = useHarness();

/** A repository of a second installation. */
const LABS = repo("umbrella", "labs", 3003);
const LABS_INSTALLATION = 77;

function output() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: { log: (line: string) => lines.push(line), error: (line: string) => errors.push(line) } };
}

/** Every row of every table we own, and pg-boss's jobs: what a dry run must leave as it was. */
async function everything(): Promise<Record<string, unknown[]>> {
  const tables = await rows<{ name: string }>(h.rt.db, sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
  const snapshot: Record<string, unknown[]> = {};
  for (const { name } of tables) snapshot[name] = await rows(h.rt.db, sql.raw(`select * from "${name}" order by 1`));
  snapshot["pgboss.job"] = await rows(h.rt.db, sql`select name, state, data from pgboss.job order by created_on, name`);
  return snapshot;
}

describe("npm run sweep", () => {
  it("prints what a dry run would post, within the budget, and changes nothing on GitHub or in the database", async () => {
    await seedSenseItem(h, { issueNumber: 100, shippedAt: "2026-02-22T09:00:00.000Z" });
    await seedSenseItem(h, { hypothesisNumber: 13, issueNumber: 101 });
    await h.time.advanceDays(14);
    const before = await everything();
    nockConfig(SHOP, null); // reads only: no comment, label or issue mock exists

    const { lines, errors, out } = output();
    const code = await runSweepCommand({ rt: h.rt, dryRun: true, budget: 3, out });

    expect(code).toBe(0);
    expect(errors).toEqual([]);
    expect(lines).toEqual([
      "Dry run: 1 installation with overdue loops",
      "installation 42: would post 2",
      "  remind   acme/shop#100 (due 2026-03-08)",
      "  escalate acme/shop#100 (due 2026-03-08)",
      "  1 more left for the next run (write budget)",
    ]);
    expect(await everything()).toEqual(before);
  });

  it("prints in a dry run exactly the reminders and escalations the real sweep then posts, with no write in the dry run", async () => {
    await seedSenseItem(h, { issueNumber: 100, shippedAt: "2026-02-22T09:00:00.000Z", assignees: ["pam"] });
    await seedSenseItem(h, { hypothesisNumber: 13, issueNumber: 101, assignees: ["omar"] });
    await h.time.advanceDays(14);
    nockConfig(SHOP, NO_DASHBOARD); // the dry run reads; no write is mocked, so any write fails the test
    const dry = output();
    await runSweepCommand({ rt: h.rt, dryRun: true, budget: 30, out: dry.out });

    nockConfig(SHOP, NO_DASHBOARD);
    const comments = nockCommentsOnIssues(SHOP, 3);
    nockLabelsOnIssues(SHOP, 2);
    const real = output();
    await runSweepCommand({ rt: h.rt, dryRun: false, budget: 30, out: real.out });

    const planned = dry.lines.slice(1).map((line) => line.replace("would post", "posted"));
    expect(planned).toEqual(real.lines.slice(1));
    expect(planned).toEqual(["installation 42: posted 3", "  remind   acme/shop#100 (due 2026-03-08)", "  escalate acme/shop#100 (due 2026-03-08)", "  remind   acme/shop#101 (due 2026-03-16)"]);
    expect(comments.map((c) => [c.issue, c.body.split(" — ")[0]])).toEqual([
      [100, "@pam"],
      [100, "@pam"],
      [101, "@omar"],
    ]);
  });

  it("posts the reminders in a real run and exits 0", async () => {
    await seedSenseItem(h, { assignees: ["pam"] });
    await h.time.advanceDays(14);
    nockConfig(SHOP, NO_DASHBOARD);
    const reminder = nockCreateComment(SHOP, 100, 9001);
    const label = nockAddLabels(SHOP, 100);

    const { lines, errors, out } = output();
    const code = await runSweepCommand({ rt: h.rt, dryRun: false, budget: 30, out });

    expect(code).toBe(0);
    expect(errors).toEqual([]);
    expect(lines).toEqual(["1 installation with overdue loops", "installation 42: posted 1", "  remind   acme/shop#100 (due 2026-03-16)"]);
    expect(reminder.body.body).toMatch(/^@pam — /);
    expect(label.body).toEqual({ labels: ["needs-response"] });
    const [item] = await h.rt.db.select().from(senseItems);
    expect(item!.state).toBe("overdue");
  });

  it("exits 1 when one installation fails, after sweeping the others", async () => {
    await seedSenseItem(h, { assignees: ["pam"] });
    await seedSenseItem(h, { repo: LABS, installationId: LABS_INSTALLATION, issueNumber: 300 });
    await h.time.advanceDays(14);
    nockConfig(SHOP, NO_DASHBOARD);
    const reminder = nockCreateComment(SHOP, 100, 9001);
    nockAddLabels(SHOP, 100);
    nockInstallationTokenFor(LABS_INSTALLATION);
    nockConfig(LABS, NO_DASHBOARD);
    nockCommentFailing(LABS, 300, 502);
    nockAddLabels(LABS, 300);

    const { lines, errors, out } = output();
    const code = await runSweepCommand({ rt: h.rt, dryRun: false, budget: 30, out });

    expect(code).toBe(1);
    expect(lines).toEqual(["2 installations with overdue loops", "installation 42: posted 1", "  remind   acme/shop#100 (due 2026-03-16)"]);
    expect(errors).toEqual(["installation 77: failed: POST https://api.github.com/repos/umbrella/labs/issues/300/comments answered 502: Server Error - https://docs.github.com/rest"]);
    expect(reminder.calls).toHaveLength(1);
  });

  it("reports a removed installation as gone, marks it inactive in a real run only, and exits 0", async () => {
    await seedSenseItem(h, { repo: LABS, installationId: LABS_INSTALLATION, issueNumber: 300 });
    await h.time.advanceDays(14);

    nockInstallationTokenFor(LABS_INSTALLATION, 404);
    const dry = output();
    expect(await runSweepCommand({ rt: h.rt, dryRun: true, budget: 30, out: dry.out })).toBe(0);
    expect(dry.lines).toEqual(["Dry run: 1 installation with overdue loops", "installation 77: gone; a real run marks it inactive"]);
    expect((await h.rt.db.select().from(installations))[0]!.active).toBe(true);

    nockInstallationTokenFor(LABS_INSTALLATION, 404);
    const real = output();
    expect(await runSweepCommand({ rt: h.rt, dryRun: false, budget: 30, out: real.out })).toBe(0);
    expect(real.lines).toEqual(["1 installation with overdue loops", "installation 77: gone, marked inactive"]);
    expect((await h.rt.db.select().from(installations))[0]!.active).toBe(false);
  });
});
