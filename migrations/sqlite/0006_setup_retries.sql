-- A declaration Slack could not finish is retried by the scheduler with backoff, not only at the
-- next start-up: how many attempts have failed, and when the next one is due (NULL: none planned).
ALTER TABLE incidents ADD COLUMN setup_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN setup_retry_at INTEGER;

CREATE INDEX incidents_setup_retry ON incidents (setup_retry_at) WHERE setup_retry_at IS NOT NULL;
