CREATE TABLE "heartbeats" (
	"name" text PRIMARY KEY NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "permission_refusals" (
	"installation_id" bigint NOT NULL,
	"repository" text NOT NULL,
	"permission" text NOT NULL,
	"request" text NOT NULL,
	"message" text NOT NULL,
	"refusals" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"logged_at" timestamp with time zone NOT NULL,
	CONSTRAINT "permission_refusals_installation_id_repository_permission_pk" PRIMARY KEY("installation_id","repository","permission")
);
--> statement-breakpoint
CREATE TABLE "reconcile_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"since" timestamp with time zone NOT NULL,
	"reconciled_through" timestamp with time zone,
	"listed" integer DEFAULT 0 NOT NULL,
	"missing" integer DEFAULT 0 NOT NULL,
	"redelivered" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "redelivery_requests" (
	"guid" text PRIMARY KEY NOT NULL,
	"delivery_id" bigint NOT NULL,
	"event" text NOT NULL,
	"action" text,
	"installation_id" bigint,
	"attempts" integer DEFAULT 1 NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"outcome" text
);
--> statement-breakpoint
ALTER TABLE "installations" ADD COLUMN "rate_limited_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "installations" ADD COLUMN "rate_limit_kind" text;--> statement-breakpoint
ALTER TABLE "installations" ADD COLUMN "rate_limit_strikes" integer DEFAULT 0 NOT NULL;