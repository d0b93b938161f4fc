CREATE TYPE "public"."sense_state" AS ENUM('shipped', 'sensing', 'overdue', 'escalated', 'responded', 'rolled_back');--> statement-breakpoint
ALTER TABLE "dashboards" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "dashboards" CASCADE;--> statement-breakpoint
ALTER TABLE "sense_items" ALTER COLUMN "state" SET DATA TYPE "public"."sense_state" USING "state"::"public"."sense_state";--> statement-breakpoint
ALTER TABLE "github_writes" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "check_runs" DROP COLUMN "check_run_id";--> statement-breakpoint
ALTER TABLE "check_runs" DROP COLUMN "output_hash";