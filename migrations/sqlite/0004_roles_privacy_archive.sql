-- Roles beyond the commander, private (security) incidents, and archiving resolved channels.

-- Role id → Slack user id, e.g. {"comms":"U0123","scribe":"U0456"}; the commander stays in commander_id.
ALTER TABLE incidents ADD COLUMN roles TEXT NOT NULL DEFAULT '{}';
-- 1: a private channel, announced only to privateAnnouncementChannel, listed only to its members.
ALTER TABLE incidents ADD COLUMN is_private INTEGER NOT NULL DEFAULT 0;
-- When the resolved incident's channel is to be archived (the scheduler asks for due rows), and when it was.
ALTER TABLE incidents ADD COLUMN archive_due_at INTEGER;
ALTER TABLE incidents ADD COLUMN archived_at INTEGER;

CREATE INDEX incidents_archive_due ON incidents (archive_due_at) WHERE archive_due_at IS NOT NULL;
-- Lists of recent incidents and the 30-day stats read by declaration time.
CREATE INDEX incidents_declared ON incidents (declared_at);
