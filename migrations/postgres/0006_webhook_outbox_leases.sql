-- SQLite's migration 0015 (webhook deliveries leased like the other timed work) in PostgreSQL's types; the comments are there.
ALTER TABLE webhook_outbox ADD COLUMN IF NOT EXISTS lease_until BIGINT;
ALTER TABLE webhook_outbox ADD COLUMN IF NOT EXISTS lease_owner TEXT;
