-- SQLite's migration 0014 (nudges leased like the other timed work) in PostgreSQL's types; the comments are there.
ALTER TABLE followups ADD COLUMN nudge_lease_until BIGINT;
ALTER TABLE followups ADD COLUMN nudge_lease_owner TEXT;

ALTER TABLE incidents ADD COLUMN nudge_lease_until BIGINT;
ALTER TABLE incidents ADD COLUMN nudge_lease_owner TEXT;
