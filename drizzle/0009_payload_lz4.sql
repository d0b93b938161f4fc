-- Webhook payloads (20+ KB of JSON each) are compressed with lz4 where the server has it: about a
-- third less time per stored delivery than pglz, PostgreSQL's default. A server built without
-- lz4 (the embedded database is one) keeps pglz.
DO $$
BEGIN
  ALTER TABLE "deliveries" ALTER COLUMN "payload" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  NULL;
END $$;
