-- SQLite's migration 0012 (leases on timed work) in PostgreSQL's types; the comments are there.
ALTER TABLE reminders ADD COLUMN lease_until BIGINT;
ALTER TABLE reminders ADD COLUMN lease_owner TEXT;

ALTER TABLE escalation_timers ADD COLUMN lease_until BIGINT;
ALTER TABLE escalation_timers ADD COLUMN lease_owner TEXT;

ALTER TABLE alert_notifications ADD COLUMN lease_until BIGINT;
ALTER TABLE alert_notifications ADD COLUMN lease_owner TEXT;

ALTER TABLE incidents ADD COLUMN setup_lease_until BIGINT;
ALTER TABLE incidents ADD COLUMN setup_lease_owner TEXT;
ALTER TABLE incidents ADD COLUMN archive_lease_until BIGINT;
ALTER TABLE incidents ADD COLUMN archive_lease_owner TEXT;
