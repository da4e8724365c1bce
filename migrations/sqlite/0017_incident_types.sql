-- Incident types (issue 26): what kind of incident this is, one of the policy's `types:` ids
-- (incident, security, drill, maintenance by default). Drills are left out of every count, so the
-- type is stored rather than derived. `retroactive` marks an incident recorded after it ended
-- (`/incident record`): its clocks (reminders, escalation) never start, even if it is reopened.
ALTER TABLE incidents ADD COLUMN type TEXT NOT NULL DEFAULT 'incident';
ALTER TABLE incidents ADD COLUMN retroactive INTEGER NOT NULL DEFAULT 0;
