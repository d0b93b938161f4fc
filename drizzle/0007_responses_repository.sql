-- `order by responded_at desc` sorts nulls first: an index sorted nulls last was never used for it.
DROP INDEX "responses_responded_at_idx";--> statement-breakpoint
-- Responses recorded before this migration take their sense item's repository.
ALTER TABLE "responses" ADD COLUMN "repository_id" bigint;--> statement-breakpoint
UPDATE "responses" SET "repository_id" = "sense_items"."repository_id" FROM "sense_items" WHERE "sense_items"."id" = "responses"."sense_item_id";--> statement-breakpoint
ALTER TABLE "responses" ALTER COLUMN "repository_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "responses_repository_idx" ON "responses" USING btree ("repository_id","responded_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "responses_responded_at_idx" ON "responses" USING btree ("responded_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
