CREATE TABLE "config_cache" (
	"installation_id" bigint NOT NULL,
	"repository" text NOT NULL,
	"path" text NOT NULL,
	"content" text,
	"etag" text,
	"fetched_at" timestamp with time zone NOT NULL,
	"invalidated_at" timestamp with time zone,
	CONSTRAINT "config_cache_installation_id_repository_path_pk" PRIMARY KEY("installation_id","repository","path")
);
--> statement-breakpoint
CREATE INDEX "config_cache_repository_idx" ON "config_cache" USING btree ("repository");