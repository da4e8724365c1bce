-- Incident types (issue 26): SQLite's 0017. The policy's type id, and whether the incident was
-- recorded after it ended (`/incident record`), which keeps its reminders and escalation off.
ALTER TABLE incidents ADD COLUMN type TEXT NOT NULL DEFAULT 'incident';
ALTER TABLE incidents ADD COLUMN retroactive BOOLEAN NOT NULL DEFAULT FALSE;
