-- Leases on timed work, so several replicas (on PostgreSQL) share it safely: a replica leases a due
-- row (owner: a random id per process; until: UTC ms), does the Slack work, then completes the row
-- in one transaction only if it still holds the lease, clearing it. A replica that dies mid-item
-- leaves its lease to expire; another then takes the item over. A lease still set when an item is
-- claimed means such a takeover: the Slack work may already have been done, so it is looked for.
ALTER TABLE reminders ADD COLUMN lease_until INTEGER;
ALTER TABLE reminders ADD COLUMN lease_owner TEXT;

ALTER TABLE escalation_timers ADD COLUMN lease_until INTEGER;
ALTER TABLE escalation_timers ADD COLUMN lease_owner TEXT;

ALTER TABLE alert_notifications ADD COLUMN lease_until INTEGER;
ALTER TABLE alert_notifications ADD COLUMN lease_owner TEXT;

-- An incident has two kinds of timed work, which may overlap: its set-up (declaration, retries)
-- and archiving its channel after the resolution.
ALTER TABLE incidents ADD COLUMN setup_lease_until INTEGER;
ALTER TABLE incidents ADD COLUMN setup_lease_owner TEXT;
ALTER TABLE incidents ADD COLUMN archive_lease_until INTEGER;
ALTER TABLE incidents ADD COLUMN archive_lease_owner TEXT;
