CREATE TABLE "commit_pull_requests" (
	"repository_id" bigint NOT NULL,
	"sha" text NOT NULL,
	"pr_numbers" jsonb NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "commit_pull_requests_repository_id_sha_pk" PRIMARY KEY("repository_id","sha")
);
--> statement-breakpoint
CREATE TABLE "dashboards" (
	"repository_id" bigint PRIMARY KEY NOT NULL,
	"issue_number" integer,
	"body_hash" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "environments" (
	"repository_id" bigint NOT NULL,
	"name" text NOT NULL,
	"live_sha" text NOT NULL,
	"live_since" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "environments_repository_id_name_pk" PRIMARY KEY("repository_id","name")
);
--> statement-breakpoint
CREATE TABLE "extensions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sense_item_id" bigint NOT NULL,
	"days" integer NOT NULL,
	"reason" text NOT NULL,
	"actor_login" text NOT NULL,
	"comment_id" bigint NOT NULL,
	"previous_due_at" timestamp with time zone NOT NULL,
	"new_due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "github_writes" (
	"key" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"result" text,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sense_item_id" bigint NOT NULL,
	"decision" text NOT NULL,
	"learning" text NOT NULL,
	"actor_login" text NOT NULL,
	"comment_id" bigint NOT NULL,
	"comment_url" text NOT NULL,
	"responded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sense_item_pull_requests" (
	"sense_item_id" bigint NOT NULL,
	"repository_id" bigint NOT NULL,
	"pr_number" integer NOT NULL,
	"repo" text NOT NULL,
	"title" text NOT NULL,
	"html_url" text NOT NULL,
	"ship_id" bigint NOT NULL,
	"left" boolean DEFAULT false NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sense_item_pull_requests_sense_item_id_repository_id_pr_number_pk" PRIMARY KEY("sense_item_id","repository_id","pr_number")
);
--> statement-breakpoint
CREATE TABLE "sense_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hypothesis_id" bigint NOT NULL,
	"installation_id" bigint NOT NULL,
	"environment" text NOT NULL,
	"state" text NOT NULL,
	"shipped_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"extensions" integer DEFAULT 0 NOT NULL,
	"repository_id" bigint NOT NULL,
	"issue_number" integer,
	"issue_url" text,
	"reminded_for_due" timestamp with time zone,
	"escalated_for_due" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"rolled_back_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ships" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"repository_id" bigint NOT NULL,
	"environment" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text NOT NULL,
	"sha" text NOT NULL,
	"base_sha" text,
	"kind" text,
	"commit_count" integer,
	"pr_numbers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"url" text,
	"shipped_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "repositories" ADD COLUMN "grace_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "repositories" ADD COLUMN "escalate_after_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "extensions_comment_idx" ON "extensions" USING btree ("comment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "responses_sense_item_idx" ON "responses" USING btree ("sense_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "responses_comment_idx" ON "responses" USING btree ("comment_id");--> statement-breakpoint
CREATE INDEX "sense_item_prs_pr_idx" ON "sense_item_pull_requests" USING btree ("repository_id","pr_number");--> statement-breakpoint
CREATE UNIQUE INDEX "sense_items_hypothesis_env_idx" ON "sense_items" USING btree ("hypothesis_id","environment");--> statement-breakpoint
CREATE INDEX "sense_items_open_due_idx" ON "sense_items" USING btree ("due_at") WHERE "sense_items"."responded_at" is null and "sense_items"."rolled_back_at" is null and "sense_items"."escalated_for_due" is distinct from "sense_items"."due_at";--> statement-breakpoint
CREATE INDEX "sense_items_repository_idx" ON "sense_items" USING btree ("repository_id","state");--> statement-breakpoint
CREATE INDEX "sense_items_issue_idx" ON "sense_items" USING btree ("repository_id","issue_number");--> statement-breakpoint
CREATE UNIQUE INDEX "ships_source_idx" ON "ships" USING btree ("repository_id","environment","source","source_ref");