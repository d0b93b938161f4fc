-- Check runs and dashboard issues are now written through the write ledger: carry over what
-- the old tables knew, so no check run or dashboard issue is ever written twice after upgrading.
INSERT INTO "github_writes" ("key", "status", "result", "lease_until", "attempts", "created_at", "updated_at")
SELECT 'check-run:' || "repository_id" || ':' || "head_sha", 'done',
       json_build_object('id', "check_run_id", 'hash', coalesce("output_hash", ''))::text, NULL, 1, "updated_at", "updated_at"
FROM "check_runs" WHERE "check_run_id" IS NOT NULL
ON CONFLICT ("key") DO NOTHING;
--> statement-breakpoint
INSERT INTO "github_writes" ("key", "status", "result", "lease_until", "attempts", "created_at", "updated_at")
SELECT 'dashboard:' || d."repository_id", 'done',
       json_build_object('number', d."issue_number", 'htmlUrl', '', 'hash', coalesce(d."body_hash", ''))::text, NULL, 1, d."updated_at", d."updated_at"
FROM "dashboards" d WHERE d."issue_number" IS NOT NULL
ON CONFLICT ("key") DO NOTHING;
