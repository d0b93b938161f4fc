CREATE TABLE "check_runs" (
	"repository_id" bigint NOT NULL,
	"head_sha" text NOT NULL,
	"pr_number" integer NOT NULL,
	"check_run_id" bigint,
	"conclusion" text,
	"output_hash" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_runs_repository_id_head_sha_pk" PRIMARY KEY("repository_id","head_sha")
);
--> statement-breakpoint
CREATE TABLE "dead_jobs" (
	"job_id" text PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"data" jsonb,
	"reason" text NOT NULL,
	"failed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"event" text NOT NULL,
	"action" text,
	"installation_id" bigint,
	"repository_id" bigint,
	"repository_full_name" text,
	"sender_login" text,
	"status" text NOT NULL,
	"reason" text,
	"payload" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hypotheses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"repository_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"html_url" text NOT NULL,
	"state" text NOT NULL,
	"labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_login" text,
	"assignees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"belief" text,
	"who" text,
	"does_what" text,
	"by_how_much" text,
	"signal" text,
	"sense_after_days" integer DEFAULT 14 NOT NULL,
	"gone_at" timestamp with time zone,
	"github_updated_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "installations" (
	"id" bigint PRIMARY KEY NOT NULL,
	"account_login" text NOT NULL,
	"account_type" text DEFAULT 'Organization' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"suspended" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pull_request_hypotheses" (
	"repository_id" bigint NOT NULL,
	"pr_number" integer NOT NULL,
	"hypothesis_repository_id" bigint NOT NULL,
	"hypothesis_number" integer NOT NULL,
	CONSTRAINT "pull_request_hypotheses_repository_id_pr_number_hypothesis_repository_id_hypothesis_number_pk" PRIMARY KEY("repository_id","pr_number","hypothesis_repository_id","hypothesis_number")
);
--> statement-breakpoint
CREATE TABLE "pull_requests" (
	"repository_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"html_url" text NOT NULL,
	"author_login" text,
	"state" text NOT NULL,
	"draft" boolean DEFAULT false NOT NULL,
	"head_sha" text NOT NULL,
	"base_ref" text,
	"merged_at" timestamp with time zone,
	"merge_commit_sha" text,
	"outcome" text,
	"exemption" text,
	"references" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"checked_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pull_requests_repository_id_number_pk" PRIMARY KEY("repository_id","number")
);
--> statement-breakpoint
CREATE TABLE "repositories" (
	"id" bigint PRIMARY KEY NOT NULL,
	"installation_id" bigint NOT NULL,
	"owner" text NOT NULL,
	"name" text NOT NULL,
	"full_name_key" text NOT NULL,
	"default_branch" text,
	"private" boolean DEFAULT false NOT NULL,
	"config_status" text DEFAULT 'unknown' NOT NULL,
	"config_problems" jsonb,
	"removed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "deliveries_received_at_idx" ON "deliveries" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "deliveries_status_idx" ON "deliveries" USING btree ("status","reason");--> statement-breakpoint
CREATE UNIQUE INDEX "hypotheses_repo_number_idx" ON "hypotheses" USING btree ("repository_id","number");--> statement-breakpoint
CREATE INDEX "pull_request_hypotheses_hypothesis_idx" ON "pull_request_hypotheses" USING btree ("hypothesis_repository_id","hypothesis_number");--> statement-breakpoint
CREATE INDEX "pull_requests_merged_idx" ON "pull_requests" USING btree ("repository_id","merged_at");--> statement-breakpoint
CREATE INDEX "repositories_full_name_key_idx" ON "repositories" USING btree ("full_name_key");--> statement-breakpoint
CREATE INDEX "repositories_installation_idx" ON "repositories" USING btree ("installation_id");