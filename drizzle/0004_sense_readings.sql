CREATE TYPE "public"."reading_slot_kind" AS ENUM('baseline', 'periodic', 'due');--> statement-breakpoint
CREATE TYPE "public"."reading_status" AS ENUM('pending', 'read', 'failed');--> statement-breakpoint
CREATE TABLE "sense_readings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sense_item_id" bigint NOT NULL,
	"slot_kind" "reading_slot_kind" NOT NULL,
	"slot_key" text NOT NULL,
	"slot_at" timestamp with time zone NOT NULL,
	"status" "reading_status" NOT NULL,
	"source" text,
	"query" text,
	"value" double precision,
	"unit" text,
	"at" timestamp with time zone,
	"failure" text,
	"reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_source_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"sense_item_id" bigint,
	"started_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "hypotheses" ADD COLUMN "signal_query" text;--> statement-breakpoint
ALTER TABLE "repositories" ADD COLUMN "reading_every_hours" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "signal_value" double precision;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "signal_unit" text;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "signal_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "signal_source" text;--> statement-breakpoint
ALTER TABLE "sense_items" ADD COLUMN "next_reading_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "sense_readings_slot_idx" ON "sense_readings" USING btree ("sense_item_id","slot_key");--> statement-breakpoint
CREATE INDEX "sense_readings_item_at_idx" ON "sense_readings" USING btree ("sense_item_id","slot_at");--> statement-breakpoint
CREATE INDEX "signal_source_calls_source_idx" ON "signal_source_calls" USING btree ("source","started_at");--> statement-breakpoint
CREATE INDEX "signal_source_calls_in_flight_idx" ON "signal_source_calls" USING btree ("source","lease_until") WHERE "signal_source_calls"."finished_at" is null;--> statement-breakpoint
CREATE INDEX "sense_items_next_reading_idx" ON "sense_items" USING btree ("next_reading_at") WHERE "sense_items"."responded_at" is null and "sense_items"."rolled_back_at" is null and "sense_items"."next_reading_at" is not null;